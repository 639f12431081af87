"""Guide updates never move a tag: an item keeps its identity across edits of the guide file (its
`{#id}` or the slug derived once from its text), a reworded item with its id is the same item, and an
item removed while stories use it is kept as retired: shown as such on the stories, not offered in the
editor, not counted in coverage. Each test edits a copy of the guide file."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from guide import models
from guide.loading import load_guide
from guide.parser import parse_guide_text
from guide.sections import GuideFormatError
from stories.models import LoopSlot, PracticeCard, Profile, Story
from stories.practice.schedule import due_count
from tests.conftest import GUIDE_FILE, make_story, make_strong_story

Q2 = "How do you handle disagreements about technical direction?"
ID_MARK = re.compile(r" \{#[a-z0-9-]+\}$", re.M)


def reload(tmp_path, text):
    """Load `text` as the guide file (a copy in tmp_path); returns load_guide's report."""
    path = tmp_path / "netflix.md"
    path.write_text(text)
    return load_guide(path)[1]


def command_output(tmp_path, text):
    path = tmp_path / "netflix.md"
    path.write_text(text)
    out = StringIO()
    call_command("load_guide", str(path), stdout=out)
    return out.getvalue()


def without_line(text, fragment):
    lines = text.split("\n")
    assert sum(fragment in line for line in lines) == 1, fragment
    return "\n".join(line for line in lines if fragment not in line)


def question(slug):
    return models.Question.all_objects.get(slug=slug)


def tagged(story):
    return sorted(story.questions.values_list("slug", "text"))


@pytest.fixture
def bank(guide, user):
    """A story on each of the first three Candor questions."""
    return {
        n: make_story(user, title=f"Story {n}", questions=[f"candor-direct-communication-{n}"])
        for n in (1, 2, 3)
    }


# Removing a question --------------------------------------------------------------------------------


def test_removing_a_question_retires_it_and_moves_no_tag(bank, tmp_path):
    before = {n: tagged(story) for n, story in bank.items()}
    report = reload(tmp_path, without_line(GUIDE_FILE.read_text(), Q2))
    assert report["questions retired"] == 1 and report["questions created"] == 0
    assert {n: tagged(story) for n, story in bank.items()} == before  # every story keeps its own question
    assert question("candor-direct-communication-2").retired
    assert not question("candor-direct-communication-3").retired
    assert models.Question.objects.count() == 32 and models.Question.all_objects.count() == 33
    [retired] = report.retired
    assert (retired.kind, retired.slug, retired.label) == ("question", "candor-direct-communication-2", Q2)
    assert (retired.story_count, retired.story_titles) == (1, ["Story 2"])


def test_load_guide_lists_the_stories_of_each_retired_item(bank, user, tmp_path):
    make_story(user, title="Another on it", questions=["candor-direct-communication-2"])
    out = command_output(tmp_path, without_line(GUIDE_FILE.read_text(), Q2))
    assert "1 questions retired" in out
    assert (
        f"Retired question candor-direct-communication-2 (“{Q2}”), no longer in the file; kept for 2 stories: "
        "“Another on it”, “Story 2”" in out
    )


def test_a_question_no_story_uses_is_removed_not_retired(guide, tmp_path):
    report = reload(tmp_path, without_line(GUIDE_FILE.read_text(), Q2))
    assert report["questions removed"] == 1 and not report.retired
    assert not models.Question.all_objects.filter(slug="candor-direct-communication-2").exists()


def test_a_rehearsal_or_a_practice_card_keeps_a_question_too(guide, user, tmp_path):
    PracticeCard.objects.create(
        owner=user, question=question("candor-direct-communication-2"), due=timezone.now()
    )
    reload(tmp_path, without_line(GUIDE_FILE.read_text(), Q2))
    assert question("candor-direct-communication-2").retired
    assert PracticeCard.objects.count() == 1  # not deleted with it


def test_a_retired_question_put_back_is_current_again(bank, tmp_path):
    reload(tmp_path, without_line(GUIDE_FILE.read_text(), Q2))
    report = reload(tmp_path, GUIDE_FILE.read_text())
    assert report["questions restored"] == 1
    assert not question("candor-direct-communication-2").retired
    assert tagged(bank[2]) == [("candor-direct-communication-2", Q2)]


# Rewording ------------------------------------------------------------------------------------------


def test_a_reworded_question_with_its_id_is_the_same_item_and_the_rewording_is_listed(bank, tmp_path):
    pk = question("candor-direct-communication-2").pk
    new = "How do you settle disagreements about technical direction?"
    text = GUIDE_FILE.read_text().replace(Q2, new)
    out = command_output(tmp_path, text)
    assert f"Reworded question candor-direct-communication-2: “{Q2}” -> “{new}”" in out
    assert "1 questions reworded" in out and "retired" not in out
    assert tagged(bank[2]) == [("candor-direct-communication-2", new)]
    assert question("candor-direct-communication-2").pk == pk
    assert models.Question.all_objects.count() == 33


def test_a_reworded_question_without_an_id_is_a_new_one_and_the_old_one_stays_with_its_stories(
    bank, tmp_path
):
    text = GUIDE_FILE.read_text().replace(
        f'{Q2}" {{#candor-direct-communication-2}}', 'Why would you disagree?"'
    )
    report = reload(tmp_path, text)
    assert report["questions created"] == 1 and report["questions retired"] == 1
    assert tagged(bank[2]) == [("candor-direct-communication-2", Q2)]  # never moved to the new question
    assert models.Question.objects.get(text="Why would you disagree?").slug == "why-would-you-disagree"


def test_a_new_question_gets_a_slug_from_its_text_and_keeps_it_when_reworded_with_that_id(
    guide, user, tmp_path
):
    added = GUIDE_FILE.read_text().replace(
        f'{Q2}" {{#candor-direct-communication-2}}',
        f'{Q2}" {{#candor-direct-communication-2}}\n6. "Tell me about a time you changed your mind"',
    )
    reload(tmp_path, added)
    new = models.Question.objects.get(text="Tell me about a time you changed your mind")
    assert new.slug == "tell-me-about-a-time-you-changed-your-mind"
    story = make_story(user, title="Mind", questions=[new.slug])
    reworded = added.replace(
        '"Tell me about a time you changed your mind"',
        '"Tell me about a time you changed your mind on a design" {#tell-me-about-a-time-you-changed-your-mind}',
    )
    report = reload(tmp_path, reworded)
    assert report["questions reworded"] == 1 and not report.retired
    assert tagged(story) == [(new.slug, "Tell me about a time you changed your mind on a design")]


def test_a_renamed_value_with_its_id_on_the_heading_keeps_its_stories(guide, user, tmp_path):
    story = make_story(user, values=["candor-feedback"])
    text = GUIDE_FILE.read_text().replace(
        "### 3. Candor & Feedback (Radical Transparency)",
        "### 3. Candor & Honest Feedback (Radical Transparency) {#candor-feedback}",
    )
    report = reload(tmp_path, text)
    assert report["values reworded"] == 1 and not report.retired
    assert [(v.slug, v.name) for v in story.values.all()] == [("candor-feedback", "Candor & Honest Feedback")]


def test_a_renamed_value_without_an_id_retires_the_old_one_on_its_stories(guide, user, client, tmp_path):
    story = make_story(user, values=["candor-feedback"])
    text = GUIDE_FILE.read_text().replace("### 3. Candor & Feedback", "### 3. Candor & Honest Feedback")
    report = reload(tmp_path, text)
    assert report["values created"] == 1 and report["values retired"] == 1
    assert [(v.slug, v.retired) for v in story.values.all()] == [("candor-feedback", True)]
    assert models.Value.objects.filter(slug="candor-honest-feedback").exists()


# Slugs from before ids ------------------------------------------------------------------------------


def test_a_file_without_ids_keeps_the_stored_positional_slugs(bank, tmp_path):
    """A bank loaded before ids existed (slugs by category and position), then a file without ids:
    items are matched by their unchanged text, so removing one question shifts nothing."""
    bare = ID_MARK.sub("", GUIDE_FILE.read_text())
    assert not ID_MARK.search(bare)
    assert reload(tmp_path, bare) == {}  # every stored item matched by its text: nothing changes
    report = reload(tmp_path, without_line(bare, Q2))
    assert report["questions retired"] == 1 and report["questions created"] == 0
    assert tagged(bank[1]) == [
        ("candor-direct-communication-1", question("candor-direct-communication-1").text)
    ]
    assert (
        tagged(bank[3])[0][1]
        == "Describe a situation where you had to challenge a decision made by leadership"
    )
    assert question("candor-direct-communication-2").retired


# Rounds, levels, categories -------------------------------------------------------------------------


def test_a_removed_round_in_a_loop_plan_is_retired_not_deleted_with_the_plan(guide, user, tmp_path):
    story = make_story(user)
    hiring = models.InterviewRound.objects.get(slug="hiring-manager")
    LoopSlot.objects.create(owner=user, round=hiring, story=story)
    text = without_line(GUIDE_FILE.read_text(), "**Hiring Manager** (45 min)")
    report = reload(tmp_path, text)
    assert report["interview rounds retired"] == 1
    assert LoopSlot.objects.get().round.retired


def test_a_removed_level_on_a_story_is_retired_and_the_story_keeps_it(guide, user, tmp_path):
    story = make_story(user, level="L7")
    Profile.objects.filter(user=user).update(target_level=models.Level.objects.get(code="L7"))
    text = GUIDE_FILE.read_text()
    start = text.index("### Senior Staff/Principal Engineer (L7)")
    text = text[:start] + text[text.index("## Preparation Strategy") :]
    report = reload(tmp_path, text)
    assert report["levels retired"] == 1
    story.refresh_from_db()
    assert story.level.code == "L7" and story.level.retired


def test_a_removed_category_whose_question_a_story_uses_is_retired_with_it(guide, user, tmp_path):
    story = make_story(user, questions=["team-leadership-culture-1"])
    text = GUIDE_FILE.read_text()
    start = text.index("### Team Leadership & Culture")
    text = text[:start] + text[text.index("## Red Flags to Avoid") :]
    report = reload(tmp_path, text)
    assert report["question categories retired"] == 1 and report["questions retired"] == 1
    assert report["questions removed"] == 4  # the four nobody used
    assert [q.category.retired for q in story.questions.all()] == [True]


# The file's ids -------------------------------------------------------------------------------------


def test_an_id_that_is_not_a_slug_is_refused_with_its_line():
    text = GUIDE_FILE.read_text().replace("{#candor-direct-communication-2}", "{#Candor 2}")
    line = next(n for n, x in enumerate(text.splitlines(), 1) if "{#Candor 2}" in x)
    with pytest.raises(GuideFormatError, match=rf"line {line}: the id {{#Candor 2}} must be lower-case"):
        parse_guide_text(text, "netflix.md")


def test_two_questions_with_one_id_are_refused():
    text = GUIDE_FILE.read_text().replace(
        "{#candor-direct-communication-3}", "{#candor-direct-communication-2}"
    )
    with pytest.raises(
        GuideFormatError, match=r"two questions have the id \{#candor-direct-communication-2\}"
    ):
        parse_guide_text(text, "netflix.md")


def test_two_questions_of_one_derived_slug_get_a_suffix():
    text = GUIDE_FILE.read_text().replace(f'"{Q2}" {{#candor-direct-communication-2}}', '"Why?"\n6. "Why?"')
    data = parse_guide_text(text, "netflix.md")
    assert [q["slug"] for q in data.questions if q["text"] == "Why?"] == ["why", "why-2"]


def test_the_rendered_guide_shows_no_ids(client, guide):
    html = client.get("/guide/netflix/").content.decode()
    assert "{#" not in html and Q2 in html


# Where a retired item shows -------------------------------------------------------------------------


@pytest.fixture
def retired(bank, tmp_path):
    reload(tmp_path, without_line(GUIDE_FILE.read_text(), Q2))
    return question("candor-direct-communication-2")


def test_a_story_shows_its_retired_question_as_retired(retired, bank, owner_client):
    html = owner_client.get(f"/stories/{bank[2].pk}/").content.decode()
    assert Q2 in html and "retired</span>" in html
    assert "retired</span>" not in owner_client.get(f"/stories/{bank[1].pk}/").content.decode()


def test_the_editor_offers_a_retired_question_only_to_the_story_that_has_it(retired, bank, owner_client):
    assert Q2 not in owner_client.get("/stories/new/").content.decode()
    html = owner_client.get(f"/stories/{bank[2].pk}/edit/").content.decode()
    assert f"{Q2} (retired)" in html and "No longer in the guide" in html
    response = owner_client.post(
        "/stories/new/", {"title": "New", "status": "draft", "questions": [retired.pk]}
    )
    assert response.status_code == 400 and "Select a valid choice." in response.content.decode()


def test_saving_a_story_keeps_its_retired_question(retired, bank, owner_client):
    story = bank[2]
    data = {"title": "Story 2 edited", "status": "draft", "version": story.version, "questions": [retired.pk]}
    assert owner_client.post(f"/stories/{story.pk}/edit/", data).status_code == 302
    assert tagged(story) == [("candor-direct-communication-2", Q2)]


def test_coverage_does_not_count_a_retired_question(retired, user, owner_client):
    make_strong_story(user, title="Strong on 1", questions=["candor-direct-communication-1"])
    make_strong_story(user, title="Strong on 2").questions.add(retired)
    html = owner_client.get("/coverage/").content.decode()
    assert 'id="questions-covered">1/32<' in html  # question 1 of the 32 the guide has now


def test_the_guide_lists_no_retired_question_but_its_page_says_it_is_retired(retired, client):
    assert Q2 not in client.get("/guide/netflix/questions/").content.decode()
    html = client.get("/guide/netflix/questions/candor-direct-communication-2/").content.decode()
    assert Q2 in html and "No longer in the guide" in html and "Question 8 of" not in html
    assert "Write a story for this" not in html


def test_a_retired_questions_practice_card_is_not_due(retired, user):
    PracticeCard.objects.create(owner=user, question=retired, due=timezone.now())
    before = due_count(user, timezone.now())
    retired.retired = False
    retired.save()
    assert due_count(user, timezone.now()) == before + 1


def test_a_backup_with_a_retired_question_restores_its_tag(retired, user, owner_client):
    from stories import exchange

    document = exchange.export_document(Story.objects.filter(pk=retired.stories.get().pk))
    Story.objects.all().delete()
    plan = exchange.plan_import(user, exchange.dumps(document).encode(), "bank.json")
    assert plan.is_valid, plan.errors
    exchange.apply_plan(plan)
    assert tagged(Story.objects.get()) == [("candor-direct-communication-2", Q2)]
