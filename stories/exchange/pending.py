"""The file waiting between the import's preview and its confirm: a PendingImport row, its id in the session.

`keep(owner, raw, filename)` stores an upload (and first deletes its owner's expired rows), `find(owner,
pending_id)` reads it back (None when it is missing, someone else's or expired), `clear_expired()` is what
`manage.py clear_pending_imports` runs for every user. A confirmed or cancelled import deletes its row.
"""

import hashlib
import uuid
from datetime import timedelta

from django.utils import timezone

from stories.models import PendingImport

# Long enough to read a preview, fix a mapping and come back after lunch; a day-old file is uploaded again.
KEEP_FOR = timedelta(hours=24)


def keep(owner, raw, filename, replaces=None):
    """A new PendingImport of `owner` holding the bytes `raw`, expiring KEEP_FOR from now. Deletes the
    owner's expired rows first, and the row `replaces` (the id the session held before), if it is theirs."""
    now = timezone.now()
    stale = PendingImport.objects.filter(owner=owner, expires_at__lte=now)
    if (previous := _as_uuid(replaces)) is not None:
        stale = stale | PendingImport.objects.filter(owner=owner, pk=previous)
    stale.delete()
    return PendingImport.objects.create(
        owner=owner,
        filename=filename[:200],
        sha256=hashlib.sha256(raw).hexdigest(),
        content=raw,
        created_at=now,
        expires_at=now + KEEP_FOR,
    )


def find(owner, pending_id):
    """(the owner's PendingImport of this id or None, whether it was found expired). An expired row is
    deleted on the way; an id that is not a UUID (a session from before this table) is none."""
    key = _as_uuid(pending_id)
    if key is None:
        return None, False
    pending = PendingImport.objects.filter(owner=owner, pk=key).first()
    if pending is not None and pending.expires_at <= timezone.now():
        pending.delete()
        return None, True
    return pending, False


def take(pending):
    """Delete `pending` as its import is applied; False when another request deleted it first. Run it in
    the transaction that applies the import, so that its row lock (PostgreSQL) or write lock (SQLite)
    holds a second confirm of the same file until this one is committed."""
    deleted, _ = PendingImport.objects.filter(pk=pending.pk).delete()
    return deleted > 0


def content_of(pending):
    """The stored file as bytes (PostgreSQL hands a BinaryField back as a memoryview)."""
    return bytes(pending.content)


def clear_expired(now=None):
    """Delete every user's expired pending imports; returns how many were deleted."""
    deleted, _ = PendingImport.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted


def _as_uuid(value):
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(value) if isinstance(value, str) else None
    except ValueError:
        return None
