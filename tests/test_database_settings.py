"""prepsite/database.py: PostgreSQL keeps its connections, with health checks; SQLite opens one per request."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from prepsite.database import POSTGRES_CONN_MAX_AGE, database_settings

SQLITE = "sqlite:////tmp/bank.sqlite3"
POSTGRES = {"DATABASE_URL": "postgres://storybank@db.example:5432/storybank"}


def test_postgresql_keeps_connections_a_minute_with_health_checks():
    config = database_settings(POSTGRES, SQLITE)
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["CONN_MAX_AGE"], config["CONN_HEALTH_CHECKS"]) == (POSTGRES_CONN_MAX_AGE, True) == (60, True)
    assert "transaction_mode" not in config.get("OPTIONS", {})


def test_sqlite_opens_a_connection_per_request_with_its_locking_options():
    config = database_settings({}, SQLITE)
    assert config["ENGINE"] == "prepsite.sqlite" and config["NAME"] == "/tmp/bank.sqlite3"
    assert (config["CONN_MAX_AGE"], config["CONN_HEALTH_CHECKS"]) == (0, False)
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


@pytest.mark.parametrize(("env", "expected"), [
    ({"CONN_MAX_AGE": "0"}, (0, True)),
    ({"CONN_MAX_AGE": "300", "CONN_HEALTH_CHECKS": "false"}, (300, False)),
])
def test_the_environment_overrides_both(env, expected):
    config = database_settings(POSTGRES | env, SQLITE)
    assert (config["CONN_MAX_AGE"], config["CONN_HEALTH_CHECKS"]) == expected


def test_the_environment_overrides_sqlite_too():
    config = database_settings({"CONN_MAX_AGE": "30", "CONN_HEALTH_CHECKS": "true"}, SQLITE)
    assert (config["CONN_MAX_AGE"], config["CONN_HEALTH_CHECKS"]) == (30, True)


@pytest.mark.parametrize(("env", "message"), [
    ({"CONN_MAX_AGE": "a minute"}, "CONN_MAX_AGE must be a whole number of seconds"),
    ({"CONN_MAX_AGE": "-1"}, "CONN_MAX_AGE must be a whole number of seconds"),
    ({"CONN_HEALTH_CHECKS": "yes"}, "CONN_HEALTH_CHECKS must be 'true' or 'false'"),
])
def test_a_malformed_value_is_refused_by_name(env, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        database_settings(POSTGRES | env, SQLITE)


def test_the_running_settings_come_from_it(settings):
    import os

    assert settings.DATABASES["default"]["CONN_MAX_AGE"] == database_settings(os.environ, SQLITE)["CONN_MAX_AGE"]
