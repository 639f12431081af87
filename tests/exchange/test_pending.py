"""The file waiting between preview and confirm lives in its own table (stories/exchange/pending.py), the
session keeps only its id: owner-scoped, expiring, deleted when confirmed or cancelled."""

import hashlib
from datetime import timedelta

from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from stories.exchange import views
from stories.exchange.pending import KEEP_FOR, find, take
from stories.exchange.views import PENDING_IMPORT
from stories.models import PendingImport, Story
from tests.exchange.test_document_and_import import as_bytes, document, record
from tests.exchange.test_views import _confirm, upload


def _pending(client):
    return PendingImport.objects.get(pk=client.session[PENDING_IMPORT])


def _expire(pending):
    PendingImport.objects.filter(pk=pending.pk).update(expires_at=timezone.now() - timedelta(seconds=1))


def test_the_session_row_stays_small_with_a_1000_story_import_pending(guide, user, owner_client):
    stories = [record(title=f"Story {n}", decision="I chose the smaller change. " * 40) for n in range(1000)]
    raw = as_bytes(document(*stories))
    assert len(raw) > 1_000_000
    assert upload(owner_client, raw)["Location"] == "/import/preview/"
    session = Session.objects.get(session_key=owner_client.session.session_key)
    assert len(session.session_data) < 1_000  # the id, the login; not the 1 MB file
    pending = _pending(owner_client)
    assert bytes(pending.content) == raw and pending.sha256 == hashlib.sha256(raw).hexdigest()
    assert "Will be created (1000)" in owner_client.get("/import/preview/").content.decode()


def test_the_pending_file_is_its_owners_and_expires_in_a_day(guide, user, owner_client):
    before = timezone.now()
    upload(owner_client, as_bytes(document(record())), name="my bank.json")
    pending = _pending(owner_client)
    assert pending.owner == user and pending.filename == "my bank.json"
    assert before + KEEP_FOR <= pending.expires_at <= timezone.now() + KEEP_FOR


def test_another_user_cannot_preview_or_confirm_someone_elses_pending_file(guide, user, owner_client,
                                                                           other_user, other_client):
    upload(owner_client, as_bytes(document(record(title="Ada's"))))
    pending = _pending(owner_client)
    assert find(other_user, str(pending.pk)) == (None, False)
    session = other_client.session
    session[PENDING_IMPORT] = str(pending.pk)
    session.save()
    assert other_client.get("/import/preview/")["Location"] == "/import/"
    assert other_client.post("/import/confirm/", {"digest": "x"})["Location"] == "/import/"
    assert other_client.post("/import/cancel/").status_code == 302
    assert PendingImport.objects.filter(pk=pending.pk).exists()  # still Ada's, untouched
    assert not Story.objects.exists()


def test_confirm_and_cancel_delete_the_row(guide, user, owner_client):
    upload(owner_client, as_bytes(document(record())))
    _confirm(owner_client)
    upload(owner_client, as_bytes(document(record())))
    owner_client.post("/import/cancel/")
    assert not PendingImport.objects.exists()
    assert PENDING_IMPORT not in owner_client.session


def test_an_expired_file_is_removed_with_a_message(guide, user, owner_client):
    upload(owner_client, as_bytes(document(record())))
    _expire(_pending(owner_client))
    response = owner_client.get("/import/preview/", follow=True)
    assert response.redirect_chain[-1][0] == "/import/"
    html = response.content.decode()
    assert "was kept for a day and has been removed" in html
    assert "Choose a file to import first." not in html  # one message, the one that says why
    assert not PendingImport.objects.exists() and PENDING_IMPORT not in owner_client.session


def test_an_upload_clears_its_owners_expired_and_replaced_files_only(guide, user, owner_client, other_client):
    other_tab = Client()
    other_tab.force_login(user)
    upload(other_tab, as_bytes(document(record(title="Other tab"))))
    upload(other_client, as_bytes(document(record(title="Grace's"))))
    theirs, kept = _pending(other_client), _pending(other_tab)
    upload(owner_client, as_bytes(document(record(title="Old"))))
    old = _pending(owner_client)
    upload(owner_client, as_bytes(document(record(title="Expired"))))
    expired = _pending(owner_client)
    assert not PendingImport.objects.filter(pk=old.pk).exists()  # replaced by the next upload of the session
    _expire(expired)
    _expire(theirs)
    upload(owner_client, as_bytes(document(record(title="New"))))
    assert set(PendingImport.objects.values_list("pk", flat=True)) == {theirs.pk, kept.pk, _pending(owner_client).pk}


def test_taking_a_pending_file_succeeds_once(guide, user, owner_client):
    upload(owner_client, as_bytes(document(record())))
    pending = _pending(owner_client)
    assert take(pending) is True
    assert take(pending) is False


def test_a_confirm_that_loses_the_race_for_the_file_imports_nothing(guide, user, owner_client, monkeypatch):
    upload(owner_client, as_bytes(document(record(title="Once"))))
    # Another tab or app server confirmed the same file between this request's read and its write.
    monkeypatch.setattr(views, "take", lambda pending: False)
    response = _confirm(owner_client)
    assert "This file was already imported (from another tab?)" in response.content.decode()
    assert not Story.objects.exists()
    assert PENDING_IMPORT not in owner_client.session


def test_clear_pending_imports_deletes_the_expired_rows_of_every_user(guide, user, owner_client, other_client,
                                                                     capsys):
    upload(owner_client, as_bytes(document(record())))
    upload(other_client, as_bytes(document(record())))
    kept, gone = _pending(owner_client), _pending(other_client)
    _expire(gone)
    call_command("clear_pending_imports")
    assert "Deleted 1 expired pending import." in capsys.readouterr().out
    assert list(PendingImport.objects.values_list("pk", flat=True)) == [kept.pk]
