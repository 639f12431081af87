"""The backup commands: export_bank and import_bank."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from stories import exchange
from stories.models import Story
from tests.conftest import make_story
from tests.exchange.test_document_and_import import as_bytes, bank_state, document, record, without_times


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_export_bank_writes_the_json_backup_to_standard_output(story, user, other_user):
    make_story(other_user, title="Not ada's")
    doc = json.loads(run("export_bank", "--user", "ada", "--format", "json"))
    assert doc["format"] == "storybank" and [s["title"] for s in doc["stories"]] == [story.title]


def test_export_bank_writes_markdown_and_csv_files(story, tmp_path):
    assert run("export_bank", "--user", "ada", "--format", "md", "--output", str(tmp_path / "bank.md")) == (
        f"Wrote 1 story of ada to {tmp_path / 'bank.md'}.\n"
    )
    assert f"### {story.title}" in (tmp_path / "bank.md").read_text()
    run("export_bank", "--user", "ada", "--format", "csv", "--output", str(tmp_path / "bank.csv"))
    raw = (tmp_path / "bank.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    [row] = csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""))
    assert row["title"] == story.title


@pytest.mark.parametrize("args, message", [
    (["--user", "nobody", "--format", "json"], "No user is named 'nobody'."),
    (["--user", "ada", "--format", "pdf"], "invalid choice: 'pdf'"),
    (["--user", "ada", "--format", "json", "--output", "/no/such/folder/x.json"], "Cannot write /no/such/folder"),
])
def test_export_bank_explains_what_is_wrong(story, args, message):
    with pytest.raises(CommandError, match=message):
        run("export_bank", *args)


def test_a_backup_restores_into_an_emptied_bank(story, user, tmp_path):
    make_story(user, title="Second", tags=["x"], values=["customer-obsession"])
    backup = tmp_path / "backup.json"
    run("export_bank", "--user", "ada", "--format", "json", "--output", str(backup))
    before = json.loads(backup.read_text())
    Story.objects.filter(owner=user).delete()
    out = run("import_bank", "--user", "ada", str(backup))
    assert out.endswith(f"Imported {backup} into ada's bank: 2 created, 0 updated, 0 unchanged.\n")
    after = exchange.export_document(Story.objects.for_user(user), owner=user)
    assert without_times(after) == without_times(before)


def test_import_bank_dry_run_says_what_would_happen_and_writes_nothing(story, user, tmp_path):
    changed = dict(exchange.export_document(Story.objects.for_user(user))["stories"][0], impact="New impact")
    path = tmp_path / "bank.json"
    path.write_bytes(as_bytes(document(changed, record(title="Fresh"))))
    before = bank_state(user)
    out = run("import_bank", "--user", "ada", str(path), "--dry-run")
    assert "   update: Cut p99 start-up latency during a launch [impact]" in out
    assert "   create: Fresh" in out
    assert out.endswith("Dry run, nothing written: 1 to create, 1 to update, 0 unchanged.\n")
    assert bank_state(user) == before


def test_import_bank_twice_changes_nothing_the_second_time(guide, user, tmp_path):
    path = tmp_path / "bank.csv"
    path.write_bytes(b"\xef\xbb\xbf" + ",".join(exchange.CSV_COLUMNS).encode() + b"\r\n,Typed,,,,,,,,,,,,,draft,,\r\n")
    run("import_bank", "--user", "ada", str(path))
    state = bank_state(user)
    assert run("import_bank", "--user", "ada", str(path)).endswith("0 created, 0 updated, 1 unchanged.\n")
    assert bank_state(user) == state


@pytest.mark.parametrize("content, message", [
    (b'{"format": "storybank", "version": 1, "stories": [}', "not valid JSON: expecting value at line 1, column 51"),
    (as_bytes(document(record(values=["candour"]))), "unknown value “candour”"),
])
def test_import_bank_refuses_a_bad_file_and_changes_nothing(story, user, tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    before = bank_state(user)
    with pytest.raises(CommandError, match=f"{path} was not imported; nothing changed.\n.*{message}"):
        run("import_bank", "--user", "ada", str(path))
    assert bank_state(user) == before


def test_import_bank_refuses_a_file_over_5_mb(story, tmp_path):
    path = tmp_path / "big.json"
    path.write_bytes(b" " * (5 * 1024 * 1024 + 10))
    with pytest.raises(CommandError, match="too large"):
        run("import_bank", "--user", "ada", str(path))


@pytest.mark.parametrize("args, message", [
    (["--user", "nobody", "x.json"], "No user is named 'nobody'."),
    (["--user", "ada", "/no/such/file.json"], "Cannot read /no/such/file.json: No such file or directory."),
])
def test_import_bank_explains_a_wrong_user_or_file(story, args, message):
    with pytest.raises(CommandError, match=message):
        run("import_bank", *args)


def test_import_bank_maps_someone_elses_table_as_guessed(guide, user, tmp_path):
    from tests.exchange.field_cases import field_case_bytes

    path = tmp_path / "star.md"
    path.write_bytes(field_case_bytes("01-star-r.md"))
    out = io.StringIO()
    call_command("import_bank", "--user", "ada", str(path), stdout=out)
    assert "column: S (Situation) -> Challenge" in out.getvalue()
    assert Story.objects.filter(owner=user).count() == 2
