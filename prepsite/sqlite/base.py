"""Django's SQLite backend, with bulk statements sized by the connection's real variable limit.

Django 5.2 assumes SQLite's old compile-time limit of 999 variables a statement, so `bulk_create()` of
1,000 stories of 16 columns becomes 17 INSERTs; SQLite 3.32+ allows 32,766 (Debian's build: 250,000),
which SQLite reports through `getlimit()`. With the real limit, bulk writes (the import's apply,
stories/exchange/apply.py) take one statement per table whatever the bank's size.
"""

import sqlite3

from django.db.backends.sqlite3 import base, features
from django.utils.functional import cached_property

OLD_LIMIT = 999  # Django's assumption, and SQLite's compile-time default before 3.32


class DatabaseFeatures(features.DatabaseFeatures):
    @cached_property
    def max_query_params(self):
        """Variables allowed in one statement: the connection's SQLITE_LIMIT_VARIABLE_NUMBER (at least 999)."""
        self.connection.ensure_connection()
        return max(OLD_LIMIT, self.connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))


class DatabaseWrapper(base.DatabaseWrapper):
    features_class = DatabaseFeatures
