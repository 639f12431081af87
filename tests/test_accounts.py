import re

from django.contrib.auth.models import User
from django.core import mail

from stories.forms import SignupForm


def test_signing_up_logs_in_and_opens_the_welcome(client, guide):
    response = client.post("/accounts/signup/", {
        "username": "lin", "email": "lin@example.com", "password1": "a-long-pass-phrase-1", "password2": "a-long-pass-phrase-1",
    })
    assert response.status_code == 302 and response["Location"] == "/welcome/"
    assert client.get("/stories/").status_code == 200
    assert User.objects.get(username="lin").profile.words_per_minute == 150


def test_signing_up_with_bad_input_keeps_what_was_typed(client, guide, user):
    response = client.post("/accounts/signup/", {
        "username": "ada", "email": "ada2@example.com", "password1": "short", "password2": "other",
    })
    html = response.content.decode()
    assert response.status_code == 200
    assert "A user with that username already exists." in html
    assert 'value="ada2@example.com"' in html


def test_log_in_and_log_out(client, user, guide):
    response = client.post("/accounts/login/", {"username": "ada", "password": "correct-horse-9"})
    assert response.status_code == 302
    assert client.get("/stories/").status_code == 200
    assert client.get("/accounts/logout/").status_code == 405  # logging out is a POST, with CSRF
    client.post("/accounts/logout/")
    assert client.get("/stories/").status_code == 302


def test_a_wrong_password_is_refused_with_a_message(client, user):
    html = client.post("/accounts/login/", {"username": "ada", "password": "nope"}).content.decode()
    assert "Please enter a correct username and password" in html


def test_repeated_failed_logins_lock_the_account_for_a_while(client, user, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post("/accounts/login/", {"username": "ada", "password": "nope"})
    response = client.post("/accounts/login/", {"username": "ada", "password": "correct-horse-9"})
    assert response.status_code == 429
    assert "Too many failed log-ins" in response.content.decode()


def test_password_change(owner_client, user):
    assert owner_client.get("/accounts/password_change/").status_code == 200
    response = owner_client.post("/accounts/password_change/", {
        "old_password": "correct-horse-9", "new_password1": "another-long-phrase-2", "new_password2": "another-long-phrase-2",
    })
    assert response["Location"] == "/accounts/password_change/done/"
    user.refresh_from_db()
    assert user.check_password("another-long-phrase-2")


def test_password_reset_sends_a_working_link(client, user):
    client.post("/accounts/password_reset/", {"email": "ada@example.com"})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Reset your Story Bank password"
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password1": "fresh-long-phrase-3", "new_password2": "fresh-long-phrase-3"})
    user.refresh_from_db()
    assert user.check_password("fresh-long-phrase-3")


def test_every_account_page_renders(client):
    for url in ["/accounts/login/", "/accounts/signup/", "/accounts/password_reset/", "/accounts/password_reset/done/"]:
        assert client.get(url).status_code == 200, url


def test_settings_need_login(client):
    assert client.get("/accounts/settings/")["Location"].startswith("/accounts/login/")


def test_a_weak_password_is_refused_under_password_and_not_under_the_confirmation(db):
    form = SignupForm({"username": "lin", "email": "lin@example.com", "password1": "password", "password2": "password"})
    assert not form.is_valid()
    assert "This password is too common." in form.errors["password1"]
    assert "password2" not in form.errors


def test_a_mismatch_stays_under_the_confirmation(db):
    form = SignupForm({"username": "lin", "email": "lin@example.com", "password1": "password", "password2": "other"})
    assert not form.is_valid()
    assert "This password is too common." in form.errors["password1"]
    assert form.errors["password2"] == ["The two password fields didn’t match."]


def test_signup_page_shows_the_weak_password_message_under_password(client, guide):
    response = client.post("/accounts/signup/", {
        "username": "lin", "email": "lin@example.com", "password1": "password", "password2": "password",
    })
    errors = response.context["form"].errors
    assert "This password is too common." in errors["password1"] and "password2" not in errors
    html = response.content.decode()
    # Crispy puts a field's errors right after its input: the message sits in password1's block.
    assert html.index('id="id_password1"') < html.index("This password is too common.") < html.index('id="id_password2"')


def test_password_change_shows_the_weak_password_message_under_new_password(owner_client):
    response = owner_client.post("/accounts/password_change/", {
        "old_password": "correct-horse-9", "new_password1": "password", "new_password2": "password",
    })
    errors = response.context["form"].errors
    assert "This password is too common." in errors["new_password1"] and "new_password2" not in errors


def test_password_reset_shows_the_weak_password_message_under_new_password(client, user):
    client.post("/accounts/password_reset/", {"email": "ada@example.com"})
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    response = client.post(form_url, {"new_password1": "password", "new_password2": "password"})
    errors = response.context["form"].errors
    assert "This password is too common." in errors["new_password1"] and "new_password2" not in errors
    user.refresh_from_db()
    assert user.check_password("correct-horse-9")
