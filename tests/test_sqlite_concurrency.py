"""SQLite, the default database, lets concurrent saves wait for each other instead of failing."""

import sqlite3
import threading

from django.db import connection


def test_sqlite_runs_immediate_transactions_in_wal_mode(db):
    if connection.vendor != "sqlite":
        assert connection.vendor == "postgresql"  # the other database CI runs: row locks do the same there
        return
    options = connection.settings_dict["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5


def test_writers_with_the_settings_options_wait_instead_of_failing(tmp_path, settings):
    """The settings' SQLite options on a real file: eight threads write at once; none is refused."""
    options = settings.DATABASES["default"].get("OPTIONS", {})
    if "transaction_mode" not in options:  # PostgreSQL: nothing of this applies
        assert settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
        return
    path = tmp_path / "bank.sqlite3"
    setup = sqlite3.connect(path)
    setup.execute("PRAGMA journal_mode=WAL")
    setup.execute("CREATE TABLE story (id INTEGER PRIMARY KEY, version INTEGER)")
    setup.execute("INSERT INTO story VALUES (1, 1)")
    setup.commit()
    setup.close()
    errors = []

    def save():
        con = sqlite3.connect(path, timeout=options["timeout"], isolation_level=None)
        con.executescript(options["init_command"])
        try:
            for _ in range(20):
                con.execute(f"BEGIN {options['transaction_mode']}")
                (version,) = con.execute("SELECT version FROM story WHERE id = 1").fetchone()
                con.execute("UPDATE story SET version = ? WHERE id = 1", (version + 1,))
                con.execute("COMMIT")
        except sqlite3.OperationalError as error:  # "database is locked"
            errors.append(error)
        finally:
            con.close()

    threads = [threading.Thread(target=save) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    (version,) = sqlite3.connect(path).execute("SELECT version FROM story").fetchone()
    assert version == 1 + 8 * 20  # no lost update

