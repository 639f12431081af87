"""`make loadtest`: the short version runs here against gunicorn on a throwaway database of the kind
the suite runs on (SQLite here, PostgreSQL in CI's second run) and must meet every target; the report's
arithmetic and the database check are tested on their own."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import dj_database_url
import pytest
from django.conf import settings

from prepsite.loadtest import bank, driver
from prepsite.loadtest.report import Outcome, Race, Sample, Save, percentile
from stories.models import Story

ROOT = Path(settings.BASE_DIR)


def throwaway_database(tmp_path):
    """(DATABASE_URL of an empty database like the suite's, a function that drops it)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{tmp_path / 'loadtest.sqlite3'}", lambda: None
    import psycopg

    config = dj_database_url.parse(url)
    name = f"storybank_loadtest_{uuid.uuid4().hex[:8]}"
    server = {
        "host": config["HOST"],
        "port": config["PORT"],
        "user": config["USER"],
        "password": config["PASSWORD"],
        "dbname": "postgres",  # the server's maintenance database, as Django uses for its test database
        "autocommit": True,
    }
    with psycopg.connect(**server) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(**server) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return url.rsplit("/", 1)[0] + f"/{name}", drop


def test_the_short_load_test_meets_its_targets(tmp_path):
    url, drop = throwaway_database(tmp_path)
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "true"}
    try:
        result = subprocess.run(  # noqa: S603  the project's own command
            [sys.executable, "manage.py", "loadtest", "--duration", "8", "--clients", "20"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=240,
        )
    finally:
        drop()
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Errors (5xx)           0\n" in output and "Lost writes            0\n" in output
    races = next(line for line in output.splitlines() if line.startswith("Same-story races"))
    done, total = races.split()[2], races.split()[4]
    assert int(total) >= 1 and done == total, races
    assert "Targets met" in output


# The arithmetic -------------------------------------------------------------------------------------


def test_percentiles_are_nearest_rank():
    values = [i / 1000 for i in range(1, 101)]  # 1 ms .. 100 ms
    assert percentile(values, 0.5) == 0.05 and percentile(values, 0.99) == 0.099
    assert percentile([0.3], 0.99) == 0.3 and percentile([], 0.5) == 0.0


def test_clients_split_into_readers_writers_and_racing_pairs():
    assert (
        driver.shares(50) == (28, 12, 5) and driver.shares(20) == (11, 5, 2) and driver.shares(4) == (1, 1, 1)
    )
    assert driver.users_needed(50) == 45  # a racing pair is two tabs of one user
    with pytest.raises(ValueError, match="at least 4 clients"):
        driver.shares(3)


def outcome(**kwargs):
    race = Race(1, ("a", "b"), (302, 409), True)
    fields = {
        "seconds": 1.0,
        "samples": [Sample("list", 200, 0.01)],
        "saves": [Save(1, "a", 302)],
        "races": [race],
    }
    return Outcome(**(fields | kwargs))


def test_a_clean_run_meets_every_target():
    assert outcome().failures() == []


@pytest.mark.parametrize(
    ("change", "missed"),
    [
        ({"samples": [Sample("save", 500, 0.1)]}, "1 server errors or failed connections"),
        ({"samples": [Sample("save", 0, 0.1)]}, "1 server errors or failed connections"),
        ({"samples": [Sample("save", 403, 0.1)]}, "1 answers of 400-499 other than 409"),
        ({"lost": ["a"]}, "1 lost writes"),
        ({"bad_races": [(None, "both saved")]}, "1 races not ending in one save and one 409"),
        ({"saves": [Save(1, "a", 409)]}, "no save was accepted"),
        ({"races": []}, "no same-story race was run"),
    ],
)
def test_each_missed_target_is_named(change, missed):
    assert any(missed in line for line in outcome(**change).failures())


def test_a_race_is_good_only_with_one_save_one_conflict_and_the_losers_text():
    assert Race(1, ("a", "b"), (409, 302), True).one_save_one_conflict
    assert not Race(1, ("a", "b"), (302, 302), True).one_save_one_conflict  # a lost update
    assert not Race(1, ("a", "b"), (302, 409), False).one_save_one_conflict  # the loser's text gone
    assert Race(1, ("a", "b"), (409, 302), True).winner == "b"


# The database check ---------------------------------------------------------------------------------


def save_text(story, marker):
    story.impact = f"Saved as {marker}."
    story.version += 1
    story._change_reason = "Edited"
    story.save()


def test_seeded_users_have_stories_and_sessions_and_are_removed_after(db):
    accounts = bank.seed(3)
    assert [len(a.story_ids) for a in accounts] == [3, 3, 3] and all(a.session_key for a in accounts)
    bank.remove()
    assert not Story.objects.exists()


def test_the_check_finds_an_accepted_save_missing_from_the_database(db):
    [account] = bank.seed(1)
    story = Story.objects.get(pk=account.story_ids[0])
    save_text(story, "kept")
    checked = bank.verify(
        outcome(saves=[Save(story.pk, "kept", 302), Save(story.pk, "vanished", 302)], races=[])
    )
    assert checked.lost == ["vanished"]


def test_the_check_finds_a_last_save_overwritten_later(db):
    [account] = bank.seed(1)
    story = Story.objects.get(pk=account.story_ids[0])
    save_text(story, "first")
    save_text(story, "second")
    checked = bank.verify(
        outcome(saves=[Save(story.pk, "second", 302), Save(story.pk, "first", 302)], races=[])
    )
    assert checked.lost == ["first"]  # in a revision, but a save the client saw as last is not current


def test_the_check_finds_a_race_whose_loser_was_written(db):
    [account] = bank.seed(1)
    story = Story.objects.get(pk=account.story_ids[0])
    save_text(story, "winner")
    save_text(story, "loser")
    race = Race(story.pk, ("winner", "loser"), (302, 409), True)
    checked = bank.verify(outcome(saves=[Save(story.pk, "winner", 302)], races=[race]))
    assert [why for _, why in checked.bad_races] == ["the database does not hold the winner's text alone"]
