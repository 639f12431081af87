"""One account per email address, case ignored: at sign-up, on a change of address, in the admin, and in
the database itself (a unique index on LOWER(email)); a password reset mails one account only."""

import importlib
import re
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from stories import accounts

SIGNUP = {
    "username": "ada2",
    "email": "ADA@Example.com",
    "password1": "a-long-new-pass-77",
    "password2": "a-long-new-pass-77",
}


def twin_accounts():
    """Two accounts sharing an address, as a bank from before the index may hold: the index is dropped
    first (inside the test's transaction, so it comes back afterwards)."""
    accounts.drop_email_index()
    first = User.objects.create_user("ada", "ada@example.com", "correct-horse-9")
    second = User.objects.create_user("ada-work", "Ada@Example.com", "correct-horse-9")
    return first, second


def test_the_database_has_the_unique_index_after_migrating(db):
    assert accounts.email_index_exists()


def test_the_database_refuses_a_second_account_with_an_address_in_another_case(user):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user("ada2", "ADA@example.com")


def test_accounts_without_an_address_may_be_several(db):
    User.objects.create_user("staff1")
    User.objects.create_user("staff2")
    assert User.objects.filter(email="").count() == 2


def test_a_sign_up_racing_another_for_one_address_gets_a_message_not_an_error(client, user, monkeypatch):
    # The other sign-up saved between this form's check and its save: only the index sees it.
    monkeypatch.setattr("stories.forms.email_taken", lambda email, exclude=None: False)
    response = client.post("/accounts/signup/", SIGNUP)
    assert response.status_code == 400
    assert "An account with this email address exists." in response.content.decode()
    assert 'value="ada2"' in response.content.decode()  # what was typed is kept
    assert User.objects.count() == 1


def test_the_migration_leaves_shared_addresses_and_waits_with_the_index(db, capsys):
    twin_accounts()
    migration = importlib.import_module("stories.migrations.0010_unique_email")
    migration.forward(apps, SimpleNamespace(connection=connection))  # does not raise
    assert "1 email address(es) belong to several accounts" in capsys.readouterr().out
    assert not accounts.email_index_exists()
    assert User.objects.filter(email__iexact="ada@example.com").count() == 2  # nobody's address changed


def test_the_email_index_command_names_shared_addresses_then_adds_the_index(db):
    first, second = twin_accounts()
    with pytest.raises(CommandError, match=r"ada@example.com: ada, ada-work"):
        call_command("email_index")
    assert not accounts.email_index_exists()
    second.email = "ada.work@example.com"
    second.save()
    call_command("email_index")
    assert accounts.email_index_exists()


def test_a_password_reset_mails_one_of_two_accounts_sharing_an_address(client, db):
    first, second = twin_accounts()
    User.objects.filter(pk=first.pk).update(last_login=timezone.now())
    client.post("/accounts/password_reset/", {"email": "ADA@example.com"})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ada@example.com"]  # the account last logged in
    assert "ada-work" not in mail.outbox[0].body


# Changing the address ------------------------------------------------------------------------------


def test_settings_show_the_address_and_link_to_change_it(owner_client):
    html = owner_client.get("/accounts/settings/").content.decode()
    assert "ada@example.com" in html and 'href="/accounts/email/"' in html


def test_changing_the_address_needs_the_password(owner_client, user):
    assert 'name="password"' in owner_client.get("/accounts/email/").content.decode()
    response = owner_client.post(
        "/accounts/email/", {"email": "ada@new.example", "password": "correct-horse-9"}
    )
    assert response["Location"] == "/accounts/settings/"
    user.refresh_from_db()
    assert user.email == "ada@new.example"


def test_a_wrong_password_keeps_the_address_and_what_was_typed(owner_client, user):
    response = owner_client.post("/accounts/email/", {"email": "ada@new.example", "password": "nope"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "That is not your password. Your address is unchanged." in html
    assert 'value="ada@new.example"' in html
    user.refresh_from_db()
    assert user.email == "ada@example.com"


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("GRACE@example.com", "Another account has this email address; choose another."),
        ("Ada@Example.com", "That is your address already."),
        ("not an address", "Enter a valid email address."),
        ("a\x00@example.com", "Null characters are not allowed."),
        ("", "This field is required."),
    ],
)
def test_an_address_that_cannot_be_taken_is_refused_with_a_message(
    owner_client, user, other_user, email, message
):
    response = owner_client.post("/accounts/email/", {"email": email, "password": "correct-horse-9"})
    assert response.status_code == 400
    assert message in response.content.decode()
    user.refresh_from_db()
    assert user.email == "ada@example.com"


def test_an_address_taken_between_check_and_save_gets_a_message(owner_client, user, other_user, monkeypatch):
    monkeypatch.setattr("stories.forms.email_taken", lambda email, exclude=None: False)
    response = owner_client.post(
        "/accounts/email/", {"email": "Grace@example.com", "password": "correct-horse-9"}
    )
    assert response.status_code == 400
    assert "Another account has this email address" in response.content.decode()


# The admin -----------------------------------------------------------------------------------------


def test_staff_cannot_give_a_new_account_an_address_in_use(admin_client, user):
    response = admin_client.post(
        "/admin/auth/user/add/",
        {
            "username": "newbie",
            "email": "ADA@example.com",
            "usable_password": "false",
        },
    )
    assert response.status_code == 200
    assert "Another account has this email address." in response.content.decode()
    assert not User.objects.filter(username="newbie").exists()


def test_staff_cannot_move_an_account_onto_an_address_in_use(admin_client, user, other_user):
    url = f"/admin/auth/user/{other_user.pk}/change/"
    data = {
        "username": "grace",
        "email": "Ada@Example.com",
        "is_active": "on",
        "date_joined_0": "2025-01-01",
        "date_joined_1": "10:00:00",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Another account has this email address." in response.content.decode()
    response = admin_client.post(url, data | {"email": "grace@new.example"})
    assert response.status_code == 302
    assert re.fullmatch(r"grace@new\.example", User.objects.get(pk=other_user.pk).email)
