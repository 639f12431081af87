"""The prep plan in the JSON export and import (format version 2 and 3; version 1 files still import)."""

import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from guide.models import InterviewRound, Level, Question
from stories import exchange
from stories.exchange import apply_plan, plan_import
from stories.models import AskedQuestion, Debrief, PlanTick, Profile, Story
from tests.conftest import make_story

SCHEMAS = Path(exchange.__file__).parent / "schema"
V1 = json.loads((SCHEMAS / "storybank-v1.schema.json").read_text())
V2 = json.loads((SCHEMAS / "storybank-v2.schema.json").read_text())
V3 = json.loads((SCHEMAS / "storybank-v3.schema.json").read_text())


@pytest.fixture
def planned(guide, user):
    profile = Profile.for_user(user)
    profile.interview_date, profile.interview_end_date = date(2026, 4, 26), date(2026, 4, 27)
    profile.target_level, profile.time_zone = Level.objects.get(code="L7"), "Europe/Paris"
    profile.save()
    story = make_story(user, questions=["freedom-responsibility-1"])
    PlanTick.objects.create(owner=user, key="8-weeks-before:abc")
    debrief = Debrief.objects.create(owner=user, held_on=date(2025, 6, 1), round=InterviewRound.objects.first(),
                                     note="Day one")
    AskedQuestion.objects.create(debrief=debrief, question=Question.objects.get(slug="freedom-responsibility-1"),
                                 story=story, rating=4, bank_had="weak", order=0)
    AskedQuestion.objects.create(debrief=debrief, text="Why Netflix?", note="blank", order=1)
    return story


def export(user):
    return json.loads(exchange.dumps(exchange.export_document(Story.objects.for_user(user), owner=user)))


def do_import(user, document):
    plan = plan_import(user, json.dumps(document).encode(), "bank.json")
    assert plan.is_valid, plan.errors
    apply_plan(plan)
    return plan


def test_an_export_holds_the_plan_and_validates_against_its_schema(planned, user):
    doc = export(user)
    assert doc["version"] == 3
    jsonschema.validate(doc, V3, format_checker=jsonschema.FormatChecker())
    assert doc["plan"]["settings"] == {"interview_date": "2026-04-26", "interview_end_date": "2026-04-27",
                                       "target_level": "L7", "time_zone": "Europe/Paris", "words_per_minute": 150,
                                       "stories_per_value": 2, "appearance": "system"}
    assert [t["key"] for t in doc["plan"]["ticks"]] == ["8-weeks-before:abc"]
    [debrief] = doc["plan"]["debriefs"]
    assert [(q["question"], q["text"], q["story"], q["rating"], q["bank_had"]) for q in debrief["questions"]] == [
        ("freedom-responsibility-1", "", str(planned.uuid), 4, "weak"), (None, "Why Netflix?", None, None, "none")]


def test_the_plan_round_trips_into_an_emptied_account(planned, user):
    before = export(user)
    Debrief.objects.all().delete()
    PlanTick.objects.all().delete()
    Profile.objects.filter(user=user).update(interview_date=None, interview_end_date=None, target_level=None,
                                             time_zone="")
    plan = do_import(user, before)
    assert plan.prep.summary == "plan settings, a loop plan of 0 stories, 1 ticked task, 1 debrief"
    after = export(user)
    assert after["plan"] == before["plan"]


def test_importing_the_same_file_twice_adds_nothing(planned, user):
    doc = export(user)
    do_import(user, doc)
    do_import(user, doc)
    assert Debrief.objects.count() == 1 and AskedQuestion.objects.count() == 2 and PlanTick.objects.count() == 1


def test_another_users_debrief_uuid_becomes_a_new_debrief(planned, user, other_user):
    doc = export(user)
    do_import(other_user, doc)
    mine, theirs = Debrief.objects.get(owner=user), Debrief.objects.get(owner=other_user)
    assert mine.uuid != theirs.uuid
    # Their copy does not point at a story of mine.
    assert not AskedQuestion.objects.filter(debrief=theirs, story__isnull=False).exists()


def test_a_version_1_file_still_imports(guide, user):
    doc = {"format": "storybank", "version": 1, "stories": [{
        "title": "Old file", "summary": "", "challenge": "c", "decision": "", "execution": "", "communication": "",
        "impact": "", "values": [], "questions": [], "themes": [], "tags": [], "level": None, "team_size": None,
        "status": "draft"}]}
    jsonschema.validate(doc, V1)
    plan = do_import(user, doc)
    assert plan.prep is None and Story.objects.get(owner=user).title == "Old file"


def test_a_version_1_file_may_not_carry_a_plan(guide, user):
    doc = {"format": "storybank", "version": 1, "stories": [], "plan": {}}
    plan = plan_import(user, json.dumps(doc).encode(), "bank.json")
    assert plan.fatal and "Unknown field “plan”" in plan.errors[0]


@pytest.mark.parametrize("bad, message", [
    ({"settings": {"interview_date": "26/04/2026"}}, "must be a date like"),
    ({"settings": {"interview_date": "2026-02-30"}}, "must be a date like"),
    ({"settings": {"target_level": "L99"}}, "unknown level “L99”"),
    ({"settings": {"time_zone": "Mars/Olympus"}}, "unknown time zone"),
    ({"settings": {"colour": "red"}}, "unknown field “colour”"),
    ({"settings": {"words_per_minute": 150}}, "unknown field “words_per_minute”"),  # version 3 only
    ({"loop": []}, "unknown field “loop”"),  # version 3 only
    ({"ticks": [{"key": 5}]}, "Tick 1, “key” must be text"),
    ({"ticks": [{"key": "a\x00b"}]}, "NUL character"),
    ({"ticks": [{"key": "a", "ticked_at": "yesterday"}]}, "must be a date and time"),
    ({"ticks": "all"}, "must be a list"),
    ({"debriefs": [{"held_on": "2025-01-01", "questions": [{"question": "nope"}]}]}, "unknown question “nope”"),
    ({"debriefs": [{"held_on": "2025-01-01", "questions": [{"text": ""}]}]}, "needs “question”"),
    ({"debriefs": [{"held_on": "2025-01-01", "questions": [{"text": "x", "rating": 9}]}]}, "from 1 to 5"),
    ({"debriefs": [{"held_on": "2025-01-01", "questions": [{"text": "x", "story": "me"}]}]}, "story's uuid"),
    ({"debriefs": [{"held_on": "2025-01-01", "questions": [{"text": "x", "bank_had": "lots"}]}]}, "bank_had"),
    ({"debriefs": [{"held_on": None, "questions": []}]}, "“held_on” must be a date"),
    ({"debriefs": [{"uuid": "x", "held_on": "2025-01-01", "questions": []}]}, "is not a uuid"),
    ({"debriefs": [{"held_on": "2025-01-01", "round": "tea", "questions": []}]}, "unknown round"),
    ([], "must be an object"),
])
def test_a_bad_plan_says_what_and_where_and_imports_nothing(guide, user, bad, message):
    doc = {"format": "storybank", "version": 2, "stories": [], "plan": bad}
    plan = plan_import(user, json.dumps(doc).encode(), "bank.json")
    assert not plan.is_valid
    assert any(message in error for error in plan.errors), plan.errors
