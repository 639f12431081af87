"""The JSON document, CSV rows and import (stories/exchange/): round trip, schema, previews and every bad input."""

import csv
import io
import json
import uuid
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import pytest
from django.db import IntegrityError

from stories import exchange
from stories.models import Story, Tag
from tests.conftest import make_story

SCHEMA = json.loads((Path(exchange.__file__).parent / "schema" / "storybank-v1.schema.json").read_text())
SCHEMA_V3 = json.loads((Path(exchange.__file__).parent / "schema" / "storybank-v3.schema.json").read_text())


def record(**fields):
    """A story as the document holds it, every field present."""
    base = {
        "uuid": str(uuid.uuid4()),
        "title": "Moved the encoding fleet to spot instances",
        "summary": "Cut encoding cost by 40 % without missing a launch.",
        "challenge": "Encoding cost grew faster than members.",
        "decision": "I chose spot capacity **with** a fallback pool.",
        "execution": "- wrote the scheduler\n- ran a canary",
        "communication": "Weekly notes to finance.",
        "impact": "40 % cheaper; no launch slipped.",
        "values": ["freedom-responsibility"],
        "questions": ["freedom-responsibility-1"],
        "themes": ["global-streaming-at-scale"],
        "tags": ["cost", "infra"],
        "level": "L6",
        "team_size": 12,
        "status": "ready",
        "created_at": "2024-03-01T10:00:00+00:00",
        "updated_at": "2024-03-02T11:30:00+00:00",
    }
    base.update(fields)
    return base


def document(*stories, **fields):
    return {"format": "storybank", "version": 1, "exported_at": "2024-04-01T00:00:00+00:00",
            "guide": "netflix", "stories": list(stories), **fields}


def as_bytes(doc):
    return json.dumps(doc, ensure_ascii=False).encode()


def import_file(owner, raw, filename="bank.json"):
    plan = exchange.plan_import(owner, raw, filename)
    assert plan.is_valid, plan.errors
    return plan, exchange.apply_plan(plan)


def bank_state(*users):
    """Everything an import could change, to prove that it changed nothing."""
    stories = Story.objects.filter(owner__in=users).with_tags().order_by("uuid")
    return (
        [exchange.story_record(s) | {"version": s.version, "owner": s.owner_id, "deleted": s.deleted_at}
         for s in stories],
        sorted(Tag.objects.filter(owner__in=users).values_list("owner", "name")),
        Story.history.filter(owner__in=users).count(),
    )


def without_times(doc):
    doc = {key: value for key, value in doc.items() if key != "exported_at"}
    doc["stories"] = [{k: v for k, v in s.items() if k not in ("created_at", "updated_at")} for s in doc["stories"]]
    return doc


@pytest.fixture
def rich_story(guide, user):
    return make_story(
        user, title="Un café, “quoted”, and <b>tags</b>", summary="Één zin.", decision="**Chose** X",
        values=["candor-feedback", "customer-obsession"], questions=["candor-direct-communication-1"],
        themes=["data-driven-personalization"], tags=["mentoring", "ñandú"], level="L7", team_size=40,
        status=Story.Status.READY,
    )


# Export ------------------------------------------------------------------------------------------


def test_the_document_holds_every_field_with_guide_slugs(rich_story, user):
    doc = exchange.export_document(Story.objects.for_user(user))
    assert doc["format"] == "storybank" and doc["version"] == 3 and doc["guide"] == "netflix"
    [story] = doc["stories"]
    assert story["uuid"] == str(rich_story.uuid)
    assert story["title"] == "Un café, “quoted”, and <b>tags</b>"
    assert story["decision"] == "**Chose** X"
    assert story["values"] == ["candor-feedback", "customer-obsession"]
    assert story["questions"] == ["candor-direct-communication-1"]
    assert story["themes"] == ["data-driven-personalization"]
    assert story["tags"] == ["mentoring", "ñandú"]
    assert (story["level"], story["team_size"], story["status"]) == ("L7", 40, "ready")
    assert datetime.fromisoformat(story["created_at"]) == rich_story.created_at
    assert set(story) == set(exchange.STORY_FIELDS)


def test_exports_validate_against_the_json_schema(rich_story, user, guide):
    make_story(user, title="Bare", challenge="", summary="")
    for stories in (Story.objects.for_user(user), Story.objects.none()):
        doc = json.loads(exchange.dumps(exchange.export_document(stories, owner=user)))
        jsonschema.validate(doc, SCHEMA_V3, format_checker=jsonschema.FormatChecker())
        for story in doc["stories"]:
            for moment in (story["created_at"], story["updated_at"]):
                assert datetime.fromisoformat(moment).tzinfo is not None


def test_the_schema_rejects_a_wrong_version_and_a_missing_part():
    validator = jsonschema.Draft202012Validator(SCHEMA)
    assert validator.is_valid(document(record()))
    assert not validator.is_valid(document(record(), version=2))
    incomplete = record()
    del incomplete["impact"]
    assert not validator.is_valid(document(incomplete))


def test_trashed_stories_are_not_exported(story, user):
    story.deleted_at = datetime(2024, 1, 1, tzinfo=UTC)
    story.save()
    assert exchange.export_document(Story.objects.for_user(user).active())["stories"] == []


# Round trip --------------------------------------------------------------------------------------


def test_a_json_export_imported_into_an_empty_account_exports_the_same(rich_story, user, django_user_model):
    make_story(user, title="Second", challenge="", tags=["mentoring"], level=None)
    first = exchange.export_document(Story.objects.for_user(user))
    user.delete()  # a fresh site: the uuids are free again
    newcomer = django_user_model.objects.create_user("newcomer")
    import_file(newcomer, as_bytes(first))
    second = exchange.export_document(Story.objects.for_user(newcomer))
    assert without_times(second) == without_times(first)
    assert second["stories"][0]["created_at"] == first["stories"][0]["created_at"]


def test_a_csv_export_imports_back_to_the_same_stories(rich_story, user, django_user_model):
    make_story(user, title='Commas, "quotes"', summary="two\nlines", execution="a,b\nc \"d\"", tags=[], team_size=0)
    first = exchange.export_document(Story.objects.for_user(user))
    csv_bytes = exchange.csv_text(Story.objects.for_user(user)).encode()
    user.delete()
    newcomer = django_user_model.objects.create_user("newcomer")
    import_file(newcomer, csv_bytes, "bank.csv")
    assert without_times(exchange.export_document(Story.objects.for_user(newcomer))) == without_times(first)


def test_a_story_typed_in_the_browser_exports_json_without_carriage_returns(owner_client, user, guide):
    from tests.test_stories_views import form_data

    typed = form_data(summary="One\r\ntwo", challenge="- a\r\n- b\r\n\r\nc\rd", impact="x\r\ny")
    assert owner_client.post("/stories/new/", typed).status_code == 302  # browsers send CRLF
    raw = owner_client.get("/export/json/").content.decode()
    assert "\r" not in raw and "\\r" not in raw
    [story] = json.loads(raw)["stories"]
    assert (story["summary"], story["challenge"], story["impact"]) == ("One\ntwo", "- a\n- b\n\nc\nd", "x\ny")


def test_an_import_stores_line_ends_as_newlines(guide, user):
    import_file(user, as_bytes(document(record(summary="a\r\nb", challenge="c\rd", impact="e\r\n\r\nf"))))
    story = Story.objects.get(owner=user)
    assert (story.summary, story.challenge, story.impact) == ("a\nb", "c\nd", "e\n\nf")
    assert "\\r" not in exchange.dumps(exchange.export_document(Story.objects.for_user(user), owner=user))
    # The same file again is unchanged: its text is compared as it would be stored.
    plan = exchange.plan_import(user, as_bytes(document(exchange.story_record(Story.objects.with_tags().get()) |
                                                        {"summary": "a\r\nb"})))
    assert [item.action for item in plan.items] == ["skip"]


# The preview -------------------------------------------------------------------------------------


def test_the_preview_tells_create_update_and_skip_apart(guide, user):
    same = make_story(user, title="Same", values=["candor-feedback"])
    changed = make_story(user, title="Changed", values=["candor-feedback"])
    file_records = [exchange.story_record(Story.objects.with_tags().get(pk=s.pk)) for s in (same, changed)]
    file_records[1]["impact"] = "Now with an impact."
    file_records[1]["tags"] = ["new-tag"]
    new = record(title="Brand new")
    plan = exchange.plan_import(user, as_bytes(document(*file_records, new)))
    assert plan.is_valid
    assert [i.data.title for i in plan.creates] == ["Brand new"]
    assert [(i.story, i.changes) for i in plan.updates] == [(changed, ("impact", "tags"))]
    assert [i.story for i in plan.skips] == [same]
    assert Story.objects.filter(owner=user).count() == 2  # the preview wrote nothing


def test_applying_creates_updates_and_skips_as_previewed(guide, user):
    changed = make_story(user, title="Changed")
    created_at, version = changed.created_at, changed.version
    file_record = exchange.story_record(Story.objects.with_tags().get(pk=changed.pk))
    file_record["title"] = "Changed again"
    new = record(title="Brand new")
    _, counts = import_file(user, as_bytes(document(file_record, new)))
    assert counts == {"created": 1, "updated": 1, "skipped": 0}
    changed.refresh_from_db()
    assert changed.title == "Changed again"
    assert changed.created_at == created_at and changed.version == version + 1
    assert changed.history.first().history_change_reason == "Imported from a file"
    created = Story.objects.get(uuid=new["uuid"])
    assert created.owner == user and created.title == "Brand new"
    assert created.created_at == datetime(2024, 3, 1, 10, tzinfo=UTC)
    assert sorted(created.values.values_list("slug", flat=True)) == ["freedom-responsibility"]
    assert created.level.code == "L6" and created.team_size == 12 and created.status == "ready"
    assert sorted(created.tags.values_list("name", flat=True)) == ["cost", "infra"]


def test_a_file_restores_a_story_from_the_trash(story, user):
    file_record = exchange.story_record(Story.objects.with_tags().get(pk=story.pk))
    story.deleted_at = datetime(2024, 5, 1, tzinfo=UTC)
    story.save()
    plan, _ = import_file(user, as_bytes(document(file_record)))
    assert "trash" in plan.updates[0].note
    story.refresh_from_db()
    assert not story.in_trash


def test_a_story_without_uuid_is_created_once(guide, user):
    raw = as_bytes(document(record(uuid=None, title="No id"), {k: v for k, v in record().items() if k != "uuid"}))
    import_file(user, raw)
    assert Story.objects.filter(owner=user).count() == 2
    plan, counts = import_file(user, raw)
    assert counts == {"created": 0, "updated": 0, "skipped": 2}


def test_tags_match_the_owners_tags_regardless_of_case_as_in_the_editor(guide, user):
    existing = Tag.objects.create(owner=user, name="Scale")
    raw = as_bytes(document(record(tags=["scale", "on   call", "On call"])))
    import_file(user, raw)
    story = Story.objects.get(owner=user)
    assert sorted(story.tags.values_list("name", flat=True)) == ["Scale", "on call"]
    assert story.tags.get(name="Scale") == existing
    _, counts = import_file(user, raw)
    assert counts["skipped"] == 1


def test_a_csv_from_a_spreadsheet_may_list_tags_and_slugs_with_commas_or_lines(guide, user):
    row = {column: "" for column in exchange.CSV_COLUMNS} | {
        "title": "Typed by hand", "values": "candor-feedback;customer-obsession", "tags": "one, two\nthree;four",
        "status": "Ready", "team_size": " 7 ", "level": "l7",
    }
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=exchange.CSV_COLUMNS)
    writer.writeheader()
    writer.writerow(row)
    import_file(user, out.getvalue().encode(), "by-hand.csv")
    story = Story.objects.get(owner=user)
    assert sorted(story.values.values_list("slug", flat=True)) == ["candor-feedback", "customer-obsession"]
    assert sorted(story.tags.values_list("name", flat=True)) == ["one", "three;four", "two"]
    assert (story.status, story.team_size, story.level.code) == ("ready", 7, "L7")


def test_an_import_keeps_one_revision_per_story(guide, user):
    import_file(user, as_bytes(document(record(), record(title="Other"))))
    for story in Story.objects.filter(owner=user):
        [revision] = story.history.all()
        assert revision.history_change_reason == "Imported from a file"
        assert sorted(t.tag.name for t in revision.tags.all()) == ["cost", "infra"]


def test_level_codes_are_read_in_any_case(guide, user):
    import_file(user, as_bytes(document(record(level="l5"))))
    assert Story.objects.get(owner=user).level.code == "L5"


# The same file twice, another user's data --------------------------------------------------------


@pytest.mark.parametrize("filename", ["bank.json", "bank.csv"])
def test_importing_the_same_file_twice_changes_nothing_the_second_time(rich_story, user, other_user, filename):
    stories = Story.objects.for_user(user)
    raw = (exchange.dumps(exchange.export_document(stories)) if filename.endswith(".json")
           else exchange.csv_text(stories)).encode()
    raw_with_new = exchange.dumps(document(record(), record(uuid=None, title="No id"))).encode()
    for content, name in [(raw, filename), (raw_with_new, "more.json")]:
        import_file(other_user, content, name)
        state = bank_state(user, other_user)
        plan, counts = import_file(other_user, content, name)
        assert counts["created"] == counts["updated"] == 0
        assert bank_state(user, other_user) == state


def test_another_users_uuids_become_new_stories_and_never_touch_theirs(rich_story, user, other_user):
    raw = exchange.dumps(exchange.export_document(Story.objects.for_user(user))).encode()
    theirs = bank_state(user)
    plan, counts = import_file(other_user, raw)
    assert counts == {"created": 1, "updated": 0, "skipped": 0}
    assert "another account" in plan.creates[0].note
    assert bank_state(user) == theirs
    copy = Story.objects.get(owner=other_user)
    assert copy.uuid != rich_story.uuid
    assert copy.title == rich_story.title
    assert sorted(copy.tags.values_list("name", flat=True)) == ["mentoring", "ñandú"]
    assert set(Tag.objects.filter(owner=other_user).values_list("name", flat=True)) == {"mentoring", "ñandú"}
    assert Tag.objects.filter(owner=user).count() == 2


def test_a_file_edited_to_change_another_users_story_still_leaves_it_alone(rich_story, user, other_user):
    doc = exchange.export_document(Story.objects.for_user(user))
    doc["stories"][0]["title"] = "Hijacked"
    theirs = bank_state(user)
    import_file(other_user, as_bytes(doc))
    assert bank_state(user) == theirs
    assert Story.objects.get(owner=other_user).title == "Hijacked"


# All or nothing ----------------------------------------------------------------------------------


def test_a_failure_half_way_through_the_import_changes_nothing(story, user, other_user):
    first, second, third = record(title="One"), record(title="Two"), record(title="Three")
    plan = exchange.plan_import(user, as_bytes(document(first, second, third)))
    assert plan.is_valid
    make_story(other_user, uuid=third["uuid"], title="Taken meanwhile")  # the third story's save will fail
    before = bank_state(user, other_user)
    with pytest.raises(IntegrityError):
        exchange.apply_plan(plan)
    assert bank_state(user, other_user) == before


def test_a_plan_with_errors_cannot_be_applied(guide, user):
    plan = exchange.plan_import(user, as_bytes(document(record(values=["nope"]))))
    with pytest.raises(ValueError):
        exchange.apply_plan(plan)
    assert not Story.objects.exists()


# Bad input ---------------------------------------------------------------------------------------


def _without(field):
    story = record()
    del story[field]
    return document(story)


def _json(doc):
    return as_bytes(doc)


BAD_JSON = b"{\n  \"format\": \"storybank\",\n  \"version\": 1\n  \"stories\": []\n}"
CSV_HEADER = ",".join(exchange.CSV_COLUMNS)

BAD_INPUTS = {
    "malformed JSON": (BAD_JSON, "bank.json", "not valid JSON: expecting ',' delimiter at line 4, column 3"),
    "JSON nested too deep": (b"[" * 100_000 + b"]" * 100_000, "bank.json", "nest too deeply"),
    "a huge number": (b'{"format": "storybank", "version": ' + b"9" * 5000 + b"}", "bank.json",
                      "not valid JSON"),
    "not an object": (b"[]", "bank.json", "the file holds a list, not an object"),
    "wrong format": (_json(document(format="trello")), "bank.json", "“format” is “trello”, not “storybank”"),
    "no format": (b'{"version": 1, "stories": []}', "bank.json", "the field “format” is missing"),
    "wrong version": (_json(document(version=4)), "bank.json", "version 4 of the Story Bank format; this site reads versions 1, 2 and 3"),
    "version as text": (_json(document(version="1")), "bank.json", "“version” must be a whole number"),
    "another guide": (_json(document(guide="acme")), "bank.json", "refer to the guide “acme”"),
    "unknown top field": (_json(document(extra=1)), "bank.json", "Unknown field “extra”"),
    "stories not a list": (_json(document() | {"stories": {}}), "bank.json", "“stories” must be a list"),
    "story not an object": (_json(document("just text")), "bank.json", "Story 1 must be an object"),
    "missing field": (_json(_without("impact")), "bank.json", "Story 1 (“Moved the encoding fleet to spot instanc…”): "
                      "the field “impact” is missing"),
    "misspelt field": (_json(document(record(chalenge="x"))), "bank.json", "unknown field “chalenge”"),
    "team size as text": (_json(document(record(team_size="ten"))), "bank.json",
                          "“team_size” must be a whole number from 0 to 100,000 or null; it is “ten”"),
    "team size too big": (_json(document(record(team_size=100_001))), "bank.json", "“team_size” must be"),
    "team size true": (_json(document(record(team_size=True))), "bank.json", "“team_size” must be"),
    "values as text": (_json(document(record(values="candor-feedback"))), "bank.json",
                       "“values” must be a list of slugs (text), not text"),
    "part as number": (_json(document(record(impact=3))), "bank.json", "“impact” must be text, not a number"),
    "tags with an object": (_json(document(record(tags=[{}]))), "bank.json", "“tags” has a tag that must be text"),
    "tag with a comma": (_json(document(record(tags=["a,b"]))), "bank.json", "“tags” has a tag that has a comma"),
    "empty title": (_json(document(record(title="  "))), "bank.json", "“title” is empty"),
    "title on two lines": (_json(document(record(title="a\nb"))), "bank.json", "“title” must be one line"),
    "title too long": (_json(document(record(title="x" * 201))), "bank.json", "201 characters long; the limit is 200"),
    "part too long": (_json(document(record(execution="x" * 10_001))), "bank.json",
                      "“execution” is 10,001 characters long; the limit is 10,000"),
    "NUL character": (_json(document(record(impact="a\x00b"))), "bank.json", "“impact” contains a NUL character"),
    "unpaired surrogate": (b'{"format": "storybank", "version": 1, "stories": [' + json.dumps(
        record(impact="\ud800")).encode() + b"]}", "bank.json", "“impact” contains an unpaired surrogate"),
    "bad status": (_json(document(record(status="done"))), "bank.json", "“status” must be one of draft, ready"),
    "bad uuid": (_json(document(record(uuid="1234"))), "bank.json", "“uuid” is not a valid UUID: “1234”"),
    "bad date": (_json(document(record(created_at="yesterday"))), "bank.json", "“created_at” must be a date"),
    "duplicate uuid": (_json(document(record(uuid="00000000-0000-4000-8000-000000000001"),
                                      record(uuid="00000000-0000-4000-8000-000000000001", title="B"))),
                       "bank.json", "is also the uuid of Story 1"),
    "unknown value": (_json(document(record(title="T", values=["candour"]))), "bank.json",
                      "Story 1 (“T”): unknown value “candour” (did you mean “Candor & Feedback” (candor-feedback)?)"),
    "unknown culture word": (_json(document(record(title="T", values=["Courage"]))), "bank.json",
                             "Story 1 (“T”): unknown value “Courage” (not one of the guide's values; the closest is "
                             "“Innovation & Risk-Taking” (innovation-risk-taking))"),
    "unknown value word": (_json(document(record(title="T", values=["Bravery"]))), "bank.json",
                           "Story 1 (“T”): unknown value “Bravery” (known: freedom-responsibility"),
    "unknown question": (_json(document(record(questions=["candor-99"]))), "bank.json",
                         "unknown question “candor-99”"),
    "unknown theme": (_json(document(record(themes=["space"]))), "bank.json", "unknown theme “space”"),
    "unknown level": (_json(document(record(level="L9"))), "bank.json", "unknown level “L9” (known: L5, L6, L7)"),
    "over 5 MB": (b" " * (5 * 1024 * 1024 + 1), "bank.json", "too large: 5,242,881 bytes; the limit is 5 MB"),
    "not UTF-8": ("{\n\"title\": \"Café\"}".encode("latin-1"), "bank.json",
                  "not UTF-8 text: the byte 0xE9 at line 2, column 14"),
    "CSV empty": (b"", "bank.csv", "The file is empty"),
    "CSV short row": (f"{CSV_HEADER}\nx,y\n".encode(), "bank.csv", "Row 2 has 2 cells; the header has 17"),
    "CSV team size": (f"{CSV_HEADER}\n,T,,,,,,,,,,,,many,draft,,\n".encode(), "bank.csv",
                      "Row 2 (“T”): “team_size” must be a whole number"),
    "CSV unknown slug": (f"{CSV_HEADER}\n,A,,,,,,,,,,,,,draft,,\n,T,,,,,,,candour,,,,,,draft,,\n".encode(),
                         "bank.csv", "Row 3 (“T”): unknown value “candour”"),
    "CSV team size of 4,301 digits": (f"{CSV_HEADER}\n,T,,,,,,,,,,,,{'9' * 4301},draft,,\n".encode(), "bank.csv",
                                      "Row 2 (“T”): “team_size” must be a whole number"),
    "a date before year 1": (_json(document(record(created_at="0001-01-01T00:00:00+01:00"))), "bank.json",
                             "“created_at” must be between the years 1900 and 2999"),
    "a date past year 9999": (_json(document(record(updated_at="9999-12-31T23:59:59-23:59"))), "bank.json",
                              "“updated_at” must be between the years 1900 and 2999"),
    "too many stories": (_json(document(*[{} for _ in range(1001)])), "bank.json",
                         "The file holds 1,001 stories; an import takes at most 1,000 at a time"),
}


@pytest.mark.parametrize("raw, filename, message", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_bad_input_gets_a_clear_message_and_changes_nothing(story, user, other_user, raw, filename, message):
    before = bank_state(user, other_user)
    plan = exchange.plan_import(user, raw, filename)
    assert not plan.is_valid
    assert any(message in error for error in plan.errors), plan.errors
    with pytest.raises(ValueError):
        exchange.apply_plan(plan)
    assert bank_state(user, other_user) == before


def test_every_problem_of_a_file_is_listed_at_once(guide, user):
    doc = document(record(team_size=-1), record(title="B", status="x", impact=None), record(title="C", values=["?"]))
    plan = exchange.plan_import(user, as_bytes(doc))
    assert [error.split(":")[0] for error in plan.errors] == [
        "Story 1 (“Moved the encoding fleet to spot instanc…”)", "Story 2 (“B”)", "Story 2 (“B”)", "Story 3 (“C”)",
    ]


def test_unknown_slugs_are_listed_next_to_the_rest_of_the_preview(guide, user):
    plan = exchange.plan_import(user, as_bytes(document(record(title="A"), record(title="B", values=["x", "y"]))))
    assert [entry[:3] for entry in plan.unknown] == [("Story 2 (“B”)", "value", "x"), ("Story 2 (“B”)", "value", "y")]
    assert [item.data.title for item in plan.creates] == ["A", "B"]
    assert not plan.is_valid


def test_a_file_with_a_byte_order_mark_and_any_extension_is_read(guide, user):
    raw = "\ufeff".encode() + as_bytes(document(record()))
    assert exchange.plan_import(user, raw, "backup.txt").is_valid


def test_a_confirm_applies_only_the_file_that_was_previewed(guide, user):
    same_id = "00000000-0000-4000-8000-0000000000aa"
    old = as_bytes(document(record(title="Old backup", uuid=same_id)))
    first = exchange.plan_import(user, old, "old.json")
    second = exchange.plan_import(user, as_bytes(document(record(title="New backup", uuid=same_id))), "new.json")
    assert first.digest != second.digest  # same stories and actions, other words
    again = exchange.plan_import(user, old, "old.json")
    assert again.digest == first.digest
