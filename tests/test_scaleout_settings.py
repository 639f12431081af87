"""Nothing one app server keeps is needed by another: what the two-server test (tests/scaleout/, run on
PostgreSQL) relies on, checked on every database."""

from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile, SimpleUploadedFile
from django.test import RequestFactory

from stories.exchange.plan import MAX_IMPORT_BYTES


def test_sessions_and_lockouts_live_in_the_database_and_messages_with_the_browser():
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    assert settings.MESSAGE_STORAGE == "django.contrib.messages.storage.fallback.FallbackStorage"
    from axes.conf import settings as axes_settings

    assert axes_settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"


def test_the_largest_file_the_import_takes_is_read_in_memory_not_on_disk():
    upload = SimpleUploadedFile("bank.json", b"x" * MAX_IMPORT_BYTES, content_type="application/json")
    request = RequestFactory().post("/import/", {"file": upload})
    received = request.FILES["file"]
    assert isinstance(received, InMemoryUploadedFile) and received.size == MAX_IMPORT_BYTES
