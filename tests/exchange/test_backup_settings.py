"""The complete backup keeps the user's settings and loop plan (JSON format version 3): speaking pace,
stories-per-value target, appearance, the loop plan; version 1 and 2 files still import."""

import json
from pathlib import Path

import jsonschema
import pytest

from guide.models import InterviewRound
from stories import exchange
from stories.models import LoopSlot, Profile, Story
from tests.conftest import make_story

SCHEMAS = Path(exchange.__file__).parent / "schema"
V2 = json.loads((SCHEMAS / "storybank-v2.schema.json").read_text())
V3 = json.loads((SCHEMAS / "storybank-v3.schema.json").read_text())
# A version 2 backup as this site wrote it before version 3: no pace, target, appearance or loop.
V2_FILE = {
    "format": "storybank",
    "version": 2,
    "exported_at": "2026-01-05T10:00:00+00:00",
    "guide": "netflix",
    "stories": [
        {
            "uuid": "5f0c4a1e-3d2b-4c47-9a53-1f1c1b0f6a51",
            "title": "From a version 2 file",
            "summary": "",
            "challenge": "c",
            "decision": "d",
            "execution": "",
            "communication": "",
            "impact": "",
            "values": ["candor-feedback"],
            "questions": [],
            "themes": [],
            "tags": ["old"],
            "level": "L6",
            "team_size": 9,
            "status": "draft",
            "created_at": "2025-12-01T08:00:00+00:00",
            "updated_at": "2025-12-02T08:00:00+00:00",
        }
    ],
    "plan": {
        "settings": {
            "interview_date": None,
            "interview_end_date": None,
            "target_level": "L6",
            "time_zone": "Europe/Paris",
        },
        "ticks": [],
        "debriefs": [],
    },
}


def export(user):
    return json.loads(exchange.dumps(exchange.export_document(Story.objects.for_user(user), owner=user)))


def plan_for(user, doc):
    return exchange.plan_import(user, json.dumps(doc).encode(), "bank.json")


def do_import(user, doc):
    plan = plan_for(user, doc)
    assert plan.is_valid, plan.errors
    exchange.apply_plan(plan)
    return plan


def loop_of(user):
    return [
        (slot.round.slug, slot.story.title)
        for slot in LoopSlot.objects.filter(owner=user)
        .select_related("round", "story")
        .order_by("round__order", "order")
    ]


@pytest.fixture
def rounds(guide):
    return list(InterviewRound.objects.filter(guide=guide).order_by("order"))


@pytest.fixture
def configured(user, rounds):
    Profile.objects.filter(pk=Profile.for_user(user).pk).update(
        words_per_minute=130, stories_per_value=3, appearance="dark"
    )
    first, second, third = (make_story(user, title=t) for t in ("First", "Second", "Third"))
    LoopSlot.objects.create(owner=user, round=rounds[0], story=first, order=0)
    LoopSlot.objects.create(owner=user, round=rounds[0], story=second, order=1)
    LoopSlot.objects.create(owner=user, round=rounds[2], story=third, order=0)
    return first, second, third


def test_the_backup_holds_pace_target_appearance_and_loop_plan(configured, user, rounds):
    first, second, third = configured
    doc = export(user)
    assert doc["version"] == 3
    jsonschema.validate(doc, V3, format_checker=jsonschema.FormatChecker())
    settings = doc["plan"]["settings"]
    assert (settings["words_per_minute"], settings["stories_per_value"], settings["appearance"]) == (
        130,
        3,
        "dark",
    )
    assert doc["plan"]["loop"] == [
        {"round": rounds[0].slug, "stories": [str(first.uuid), str(second.uuid)]},
        {"round": rounds[2].slug, "stories": [str(third.uuid)]},
    ]


def test_a_backup_restores_the_settings_and_loop_into_a_new_account(
    configured, user, rounds, django_user_model
):
    doc = export(user)
    expected_loop = loop_of(user)
    newcomer = django_user_model.objects.create_user("newcomer")
    plan = do_import(newcomer, doc)  # the uuids are ada's: the stories are created under new ones
    assert plan.prep.summary == "plan settings, a loop plan of 3 stories, 0 ticked tasks, 0 debriefs"
    profile = Profile.objects.get(user=newcomer)
    assert (profile.words_per_minute, profile.stories_per_value, profile.appearance) == (130, 3, "dark")
    assert loop_of(newcomer) == expected_loop
    assert not LoopSlot.objects.filter(owner=newcomer).exclude(story__owner=newcomer).exists()


def test_importing_a_backup_replaces_the_loop_plan_and_twice_changes_nothing(configured, user, rounds):
    doc = export(user)
    first, second, third = configured
    LoopSlot.objects.filter(owner=user).delete()
    LoopSlot.objects.create(owner=user, round=rounds[1], story=third, order=0)
    Profile.objects.filter(user=user).update(words_per_minute=200, stories_per_value=1, appearance="light")
    do_import(user, doc)
    assert loop_of(user) == [(rounds[0].slug, "First"), (rounds[0].slug, "Second"), (rounds[2].slug, "Third")]
    assert export(user)["plan"] == doc["plan"]
    do_import(user, doc)
    assert export(user)["plan"] == doc["plan"] and LoopSlot.objects.count() == 3


def test_the_preview_says_which_settings_and_loop_the_import_restores(configured, user, owner_client):
    raw = exchange.dumps(exchange.export_document(Story.objects.for_user(user), owner=user)).encode()
    Story.objects.filter(title="Third").update(title="Third, renamed")
    owner_client.post("/import/", {"file": _upload(raw)})
    html = owner_client.get("/import/preview/").content.decode()
    assert (
        "Your settings become the file’s: speaking pace 130 words a minute, target 3 stories per value, "
        "appearance dark, interview date none, target level not set, time zone the site’s."
    ) in html
    assert "Your loop plan becomes the file’s: 3 stories in 2 rounds." in html


def _upload(raw):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("bank.json", raw, content_type="application/json")


def test_a_version_2_file_still_imports_and_keeps_pace_target_and_loop(guide, user, configured):
    jsonschema.validate(V2_FILE, V2, format_checker=jsonschema.FormatChecker())
    loop = loop_of(user)
    plan = do_import(user, V2_FILE)
    assert plan.prep.summary == "plan settings, 0 ticked tasks, 0 debriefs"
    profile = Profile.objects.get(user=user)
    assert (profile.target_level.code, profile.time_zone) == ("L6", "Europe/Paris")  # version 2 settings
    assert (profile.words_per_minute, profile.stories_per_value, profile.appearance) == (
        130,
        3,
        "dark",
    )  # kept
    assert loop_of(user) == loop
    assert Story.objects.get(uuid="5f0c4a1e-3d2b-4c47-9a53-1f1c1b0f6a51").title == "From a version 2 file"


def test_a_loop_story_neither_in_the_file_nor_the_bank_is_left_out_and_said(guide, user, rounds):
    doc = {
        "format": "storybank",
        "version": 3,
        "stories": [],
        "plan": {"loop": [{"round": rounds[0].slug, "stories": ["5f0c4a1e-3d2b-4c47-9a53-000000000000"]}]},
    }
    mine = make_story(user, title="Mine")
    doc["plan"]["loop"].append({"round": rounds[1].slug, "stories": [str(mine.uuid)]})
    plan = do_import(user, doc)
    assert any("names 1 story that is neither in the file nor in your bank" in note for note in plan.notes)
    assert loop_of(user) == [(rounds[1].slug, "Mine")]


@pytest.mark.parametrize(
    ("plan", "message"),
    [
        (
            {"settings": {"words_per_minute": 20}},
            "“plan.settings.words_per_minute” must be a whole number from 60 to 300",
        ),
        ({"settings": {"words_per_minute": "fast"}}, "from 60 to 300, not “fast”"),
        (
            {"settings": {"stories_per_value": 0}},
            "“plan.settings.stories_per_value” must be a whole number from 1 to 10",
        ),
        ({"settings": {"stories_per_value": True}}, "from 1 to 10"),
        (
            {"settings": {"appearance": "sepia"}},
            "“plan.settings.appearance” must be one of system, light, dark",
        ),
        ({"loop": {"round": "x"}}, "“plan.loop” must be a list of rounds"),
        ({"loop": [{"round": "tea-time", "stories": []}]}, "Loop entry 1: unknown round “tea-time”"),
        ({"loop": [{"round": "ROUND", "stories": ["a", "b", "c"]}]}, "at most 2 story uuids"),
        (
            {"loop": [{"round": "ROUND", "stories": ["nope"]}]},
            "“stories” holds “nope”, which is not a story's uuid",
        ),
        ({"loop": [{"round": "ROUND", "stories": [], "note": "x"}]}, "Loop entry 1: unknown field “note”"),
        ({"loop": [{"round": "ROUND", "stories": []}, {"round": "ROUND", "stories": []}]}, "is listed twice"),
        (
            {
                "loop": [
                    {"round": "ROUND", "stories": ["5f0c4a1e-3d2b-4c47-9a53-1f1c1b0f6a51"]},
                    {"round": "OTHER", "stories": ["5f0c4a1e-3d2b-4c47-9a53-1f1c1b0f6a51"]},
                ]
            },
            "is planned twice",
        ),
        (["not", "an", "object"], "“plan” must be an object"),
    ],
)
def test_bad_settings_or_loop_say_what_and_where_and_import_nothing(guide, user, rounds, plan, message):
    text = json.dumps(plan).replace("OTHER", rounds[1].slug).replace("ROUND", rounds[0].slug)
    before = (Profile.for_user(user).words_per_minute, list(LoopSlot.objects.all()))
    result = plan_for(user, {"format": "storybank", "version": 3, "stories": [], "plan": json.loads(text)})
    assert not result.is_valid
    assert any(message in error for error in result.errors), result.errors
    assert (Profile.for_user(user).words_per_minute, list(LoopSlot.objects.all())) == before
