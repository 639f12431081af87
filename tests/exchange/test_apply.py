"""The import's apply (stories/exchange/apply.py) writes in bulk: the same statements for 10 stories as
for 100, with one revision per story that holds its final relations."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stories import exchange
from stories.models import Profile, Story, Tag
from tests.conftest import make_story
from tests.exchange.test_document_and_import import as_bytes, document, record


def _records(n, **fields):
    return [record(title=f"Story {i}", tags=[f"tag {i}", "shared"],
                   questions=["freedom-responsibility-1", "candor-direct-communication-1"],
                   themes=["global-streaming-at-scale"], **fields) for i in range(n)]


def _applied(owner, records):
    plan = exchange.plan_import(owner, as_bytes(document(*records)))
    assert plan.is_valid, plan.errors
    with CaptureQueriesContext(connection) as queries:
        counts = exchange.apply_plan(plan)
    return counts, [q["sql"] for q in queries.captured_queries]


@pytest.fixture
def ten_and_a_hundred(guide, django_user_model):
    users = [django_user_model.objects.create_user(name, f"{name}@example.com", "x-x-x-x-1") for name in ("ten", "hundred")]
    for user in users:  # as every user of the app has one (their bank revision is bumped below)
        Profile.for_user(user)
    return users


def test_creating_10_or_100_stories_takes_the_same_statements(ten_and_a_hundred):
    ten, hundred = ten_and_a_hundred
    counts, few = _applied(ten, _records(10))
    assert counts == {"created": 10, "updated": 0, "skipped": 0}
    counts, many = _applied(hundred, _records(100))
    assert counts == {"created": 100, "updated": 0, "skipped": 0}
    # the owner's tags; new tags; stories; a statement per relation (values, questions, themes, tags);
    # the revisions; their copies of each relation; the owner's bank revision; the savepoint around it all
    assert len(few) == len(many) <= 16
    assert Story.objects.filter(owner=hundred).count() == 100
    assert Tag.objects.filter(owner=hundred).count() == 101


def test_updating_10_or_100_stories_takes_the_same_statements(ten_and_a_hundred):
    sizes = []
    for owner, n in zip(ten_and_a_hundred, (10, 100), strict=True):
        for i in range(n):
            make_story(owner, title=f"Story {i}", values=["candor-feedback"], tags=["old"])
        records = [exchange.story_record(s) for s in Story.objects.for_user(owner).with_tags()]
        for r in records:
            r.update(title=r["title"] + " (revised)", tags=["new"], values=["customer-obsession"])
        counts, statements = _applied(owner, records)
        assert counts == {"created": 0, "updated": n, "skipped": 0}
        sizes.append(len(statements))
    assert sizes[0] == sizes[1]
    assert not Story.objects.exclude(title__endswith="(revised)").exists()


def test_each_created_story_has_one_revision_with_its_relations(guide, user):
    exchange.apply_plan(exchange.plan_import(user, as_bytes(document(*_records(3)))))
    for story in Story.objects.filter(owner=user):
        [revision] = story.history.all()
        assert (revision.history_type, revision.history_change_reason) == ("+", "Imported from a file")
        assert (revision.title, revision.version, revision.level_id) == (story.title, 1, story.level_id)
        assert sorted(r.tag.name for r in revision.tags.all()) == sorted(t.name for t in story.tags.all())
        assert {r.value_id for r in revision.values.all()} == {v.pk for v in story.values.all()} != set()
        assert {r.question_id for r in revision.questions.all()} == {q.pk for q in story.questions.all()}
        assert len(story.questions.all()) == 2
        assert {r.theme_id for r in revision.themes.all()} == {t.pk for t in story.themes.all()} != set()


def test_an_updated_story_gets_a_revision_and_loses_the_relations_the_file_dropped(guide, user):
    story = make_story(user, title="Before", values=["candor-feedback"], tags=["old", "kept"],
                       questions=["freedom-responsibility-1"])
    rec = exchange.story_record(Story.objects.with_tags().get(pk=story.pk))
    rec.update(title="After", values=["customer-obsession"], tags=["Kept", "new"], questions=[])
    exchange.apply_plan(exchange.plan_import(user, as_bytes(document(rec))))
    story.refresh_from_db()
    assert (story.title, story.version) == ("After", 2)
    assert [v.slug for v in story.values.all()] == ["customer-obsession"]
    assert sorted(t.name for t in story.tags.all()) == ["kept", "new"]  # "Kept" is the owner's "kept"
    assert not story.questions.exists()
    latest, first = story.history.order_by("-history_id")
    assert (latest.history_type, latest.history_change_reason, latest.version) == ("~", "Imported from a file", 2)
    assert sorted(r.tag.name for r in latest.tags.all()) == ["kept", "new"]
    assert [r.value.slug for r in latest.values.all()] == ["customer-obsession"]
    assert not latest.questions.exists()
    assert sorted(r.tag.name for r in first.tags.all()) == ["kept", "old"]  # the older revision as it was


def test_a_tag_written_twice_in_one_story_is_linked_once(guide, user):
    exchange.apply_plan(exchange.plan_import(user, as_bytes(document(record(tags=["Ops", "ops", "OPS"])))))
    assert [t.name for t in Story.objects.get(owner=user).tags.all()] == ["Ops"]


def test_updates_that_change_different_fields_each_keep_the_rest(guide, user):
    one = make_story(user, title="One", impact="Old impact", status="draft")
    two = make_story(user, title="Two", impact="Two's impact", status="draft", team_size=5)
    first, second = (exchange.story_record(Story.objects.with_tags().get(pk=s.pk)) for s in (one, two))
    first["impact"] = "New impact"
    second.update(status="ready", level="L7", team_size=None)
    exchange.apply_plan(exchange.plan_import(user, as_bytes(document(first, second))))
    one.refresh_from_db()
    two.refresh_from_db()
    assert (one.title, one.impact, one.status, one.version) == ("One", "New impact", "draft", 2)
    assert (two.title, two.impact, two.status, two.level.code, two.team_size) == ("Two", "Two's impact", "ready", "L7", None)
