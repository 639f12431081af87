"""The database settings from the environment: `database_settings(environ, default_url)`.

A plain function, so that tests can try every combination without reloading the settings module.
"""

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

# PostgreSQL: a connection kept for a minute serves the requests of that minute; opening one per request
# (Django's default) halved the requests per second of cheap pages. The health check finds a connection
# the server dropped (a restart, a fail-over) before a request uses it.
POSTGRES_CONN_MAX_AGE = 60

# SQLite: concurrent saves wait for each other instead of failing with "database is locked": a write
# transaction takes its lock when it begins (IMMEDIATE), readers never block the writer (WAL), and a
# waiting writer waits up to 20 s.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}


def _seconds(environ, name, default):
    raw = environ.get(name)
    if raw is None:
        return default
    if not raw.strip().isdigit():
        raise ImproperlyConfigured(f"{name} must be a whole number of seconds (0 or more), not {raw!r}")
    return int(raw)


def _flag(environ, name, default):
    raw = environ.get(name, "true" if default else "false")
    if raw not in ("true", "false"):
        raise ImproperlyConfigured(f"{name} must be 'true' or 'false', not {raw!r}")
    return raw == "true"


def database_settings(environ, default_url):
    """DATABASES["default"] for DATABASE_URL in `environ` (a mapping such as os.environ), or `default_url`.

    PostgreSQL keeps connections POSTGRES_CONN_MAX_AGE seconds (60) with health checks; SQLite opens one per
    request (0) and gets SQLITE_OPTIONS and this project's backend (prepsite/sqlite/). CONN_MAX_AGE (seconds)
    and CONN_HEALTH_CHECKS (true/false) override either. Raises ImproperlyConfigured for a malformed value.
    """
    config = dj_database_url.parse(environ.get("DATABASE_URL") or default_url)
    postgres = config["ENGINE"] == "django.db.backends.postgresql"
    config["CONN_MAX_AGE"] = _seconds(environ, "CONN_MAX_AGE", POSTGRES_CONN_MAX_AGE if postgres else 0)
    config["CONN_HEALTH_CHECKS"] = _flag(environ, "CONN_HEALTH_CHECKS", postgres)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config.setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
        # Django's SQLite backend, with bulk writes sized by SQLite's real limit (prepsite/sqlite/base.py).
        config["ENGINE"] = "prepsite.sqlite"
    return config
