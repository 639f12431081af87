"""Deleting one's account takes everything with it, after the password; other accounts are untouched."""

from django.contrib.auth import get_user_model

from stories.models import LoopSlot, Profile, Rehearsal, Story, Tag
from tests.conftest import make_story

User = get_user_model()


def test_the_page_offers_a_backup_and_asks_for_the_password(owner_client, user, guide):
    make_story(user)
    html = owner_client.get("/accounts/delete/").content.decode()
    assert "1 story with every revision" in html
    assert 'href="/export/json/?scope=all"' in html
    assert 'name="password"' in html


def test_a_wrong_password_deletes_nothing(owner_client, user, guide):
    make_story(user)
    response = owner_client.post("/accounts/delete/", {"password": "wrong"})
    assert response.status_code == 200
    assert "That is not your password. Nothing was deleted." in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists() and Story.objects.count() == 1


def test_the_right_password_deletes_the_account_and_all_it_holds(owner_client, user, other_user, guide):
    story = make_story(user, tags=["mine"], questions=["candor-direct-communication-1"])
    Profile.for_user(user)
    Rehearsal.objects.create(owner=user, story=story, part_seconds=[1, 2, 3, 4, 5], rating=3)
    theirs = make_story(other_user, tags=["theirs"])
    response = owner_client.post("/accounts/delete/", {"password": "correct-horse-9"}, follow=True)
    assert "Your account and its 1 story are deleted." in response.content.decode()
    assert not User.objects.filter(pk=user.pk).exists()
    assert list(Story.objects.all()) == [theirs]
    assert list(Story.history.model.objects.values_list("owner_id", flat=True).distinct()) == [other_user.pk]
    assert list(Tag.objects.values_list("name", flat=True)) == ["theirs"]
    assert not Rehearsal.objects.exists() and not LoopSlot.objects.exists()
    assert not Profile.objects.filter(user_id=user.pk).exists()
    assert owner_client.get("/stories/").status_code == 302  # logged out


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    assert client.get("/accounts/delete/")["Location"].startswith("/accounts/login/")
    assert client.post("/accounts/delete/", {"password": "x"})["Location"].startswith("/accounts/login/")


def test_sign_up_refuses_an_email_already_used_whatever_its_case(client, user):
    response = client.post("/accounts/signup/", {
        "username": "ada2", "email": "ADA@Example.com", "password1": "a-long-new-pass-77", "password2": "a-long-new-pass-77",
    })
    assert response.status_code == 200
    assert "An account with this email address exists." in response.content.decode()
    assert not User.objects.filter(username="ada2").exists()
