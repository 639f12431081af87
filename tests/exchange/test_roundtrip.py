"""Round trip, as a property: export a random bank, import it into an empty account, export again."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stories import exchange
from stories.models import PART_FIELDS, PART_MAX_LENGTH, TITLE_MAX_LENGTH, Story, tag_key
from stories.services import clean_tag_name, normalise_line_ends
from tests.conftest import make_story
from tests.exchange.test_document_and_import import without_times

VALUES = ["freedom-responsibility", "high-performance-culture", "candor-feedback", "innovation-risk-taking",
          "customer-obsession"]
QUESTIONS = ["freedom-responsibility-1", "candor-direct-communication-3", "team-leadership-culture-5",
             "global-streaming-at-scale-2"]
THEMES = ["global-streaming-at-scale", "data-driven-personalization"]

# Any Unicode a database can store: no NUL (PostgreSQL refuses it) and no lone surrogates.
CHARACTERS = st.characters(exclude_characters="\x00", exclude_categories=("Cs",))
MARKDOWN = st.lists(
    st.sampled_from(["**bold**", "_em_", "`code`", "\n\n", "\r\n", "- item\n", "1. one\n", "# h\n", "> q\n",
                     "```\n", "<b>", "&amp;", "[a](http://x.y)", '"', ",", "\\", "\t", "|", "é", "漢", "🎬",
                     # cells a spreadsheet would run as formulas, and apostrophes before them
                     "=SUM(A1)", "+1", "-2", "@home", "'=x", "''+y", "'"]),
    max_size=12,
).map("".join)
LONG = st.builds(lambda unit, n: (unit * n)[:PART_MAX_LENGTH], st.text(CHARACTERS, min_size=1, max_size=12),
                 st.integers(min_value=800, max_value=PART_MAX_LENGTH))
# Text as the editor and the import store it: line ends as "\n" (a "\r" in a file becomes one).
PART = st.one_of(st.just(""), st.text(CHARACTERS, max_size=300), MARKDOWN, LONG).map(normalise_line_ends)
# A title as the editor keeps it: one line, trimmed, not empty.
TITLE = st.text(CHARACTERS, min_size=1, max_size=TITLE_MAX_LENGTH).map(str.strip).filter(
    lambda t: t and "\n" not in t and "\r" not in t)
# Tag names as the editor keeps them (clean_tag_name): no commas, one tag per tag_key.
TAG = st.one_of(st.text(CHARACTERS, min_size=1, max_size=50), st.sampled_from(["=cmd", "'@x", "+tag"])).map(
    lambda t: clean_tag_name(t.replace(",", " "))).filter(bool)
TAGS = st.lists(TAG, max_size=4, unique_by=tag_key)

STORY = st.fixed_dictionaries({
    "title": TITLE,
    "summary": st.one_of(st.just(""), st.text(CHARACTERS, max_size=1000), MARKDOWN).map(normalise_line_ends),
    **{name: PART for name in PART_FIELDS},
    "values": st.lists(st.sampled_from(VALUES), unique=True, max_size=3),
    "questions": st.lists(st.sampled_from(QUESTIONS), unique=True, max_size=2),
    "themes": st.lists(st.sampled_from(THEMES), unique=True, max_size=2),
    "tags": TAGS,
    "level": st.sampled_from([None, "L5", "L6", "L7"]),
    "team_size": st.one_of(st.none(), st.integers(min_value=0, max_value=100_000)),
    "status": st.sampled_from(Story.Status.values),
})


def import_into(owner, raw, filename):
    plan = exchange.plan_import(owner, raw, filename)
    assert plan.is_valid, plan.errors
    exchange.apply_plan(plan)
    return exchange.export_document(Story.objects.for_user(owner))


def without_uuids(doc):
    return [{k: v for k, v in s.items() if k != "uuid"} for s in without_times(doc)["stories"]]


@pytest.mark.django_db
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large, HealthCheck.large_base_example])
@given(stories=st.lists(STORY, max_size=4))
def test_export_import_export_gives_the_same_json_apart_from_times(guide, django_user_model, stories):
    with transaction.atomic():
        owner = django_user_model.objects.create_user("owner")
        for fields in stories:
            make_story(owner, **fields)
        first = exchange.export_document(Story.objects.for_user(owner))
        csv_text = exchange.csv_text(Story.objects.for_user(owner))
        owner.delete()  # an empty account on a fresh site: the uuids are free again

        newcomer = django_user_model.objects.create_user("newcomer")
        second = import_into(newcomer, exchange.dumps(first).encode(), "bank.json")
        assert without_times(second) == without_times(first)

        # The CSV carries the same fields; its uuids are the newcomer's now, so a third account gets new ones.
        third = import_into(django_user_model.objects.create_user("third"), csv_text.encode(), "bank.csv")
        assert without_uuids(third) == without_uuids(first)
        transaction.set_rollback(True)
