"""The scale-out test needs a database two app servers can share: PostgreSQL. On SQLite (an in-memory
test database that no other process can open) this folder is not collected at all, so the SQLite run
neither runs nor skips it; CI's PostgreSQL run (.ci/run) runs it."""

from django.conf import settings

ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
collect_ignore_glob = [] if ON_POSTGRESQL else ["test_*.py"]
