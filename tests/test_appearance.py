"""Light or dark pages (stories/appearance.py): the navbar's System / Light / Dark toggle, saved per user
(Profile.appearance) or in a visitor's session, and rendered on <html> by the server so that a page
never flashes the other colours."""

import re

import pytest
from django.test import Client

from stories.models import Profile

TOGGLE = "/accounts/appearance/"


def html_tag(client, path="/guide/"):
    return re.search(r"<html[^>]*>", client.get(path).content.decode()).group(0)


def test_every_page_loads_the_theme_script_in_its_head_and_offers_the_toggle(client, guide):
    page = client.get("/guide/").content.decode()
    head = page.split("</head>")[0]
    assert '<script src="/static/js/theme.js"></script>' in head
    assert head.index("theme.js") < head.index("bootstrap.min.css")  # before the first paint
    assert 'action="/accounts/appearance/"' in page and "data-appearance-form" in page
    for value, label in [("system", "System"), ("light", "Light"), ("dark", "Dark")]:
        assert f'name="appearance" value="{value}" title="Appearance: {label}"' in page
    # Nothing chosen yet: no colour mode from the server, the script follows the system.
    assert html_tag(client) == '<html lang="en">'
    assert 'value="system" title="Appearance: System" aria-pressed="true"' in page


def test_a_visitors_choice_is_kept_in_the_session_and_rendered_on_html(client, guide):
    response = client.post(TOGGLE, {"appearance": "dark", "next": "/guide/netflix/?x=1"})
    assert response.status_code == 302 and response["Location"] == "/guide/netflix/?x=1"
    assert html_tag(client) == '<html lang="en" data-appearance="dark" data-bs-theme="dark">'
    assert (
        'value="dark" title="Appearance: Dark" aria-pressed="true"' in client.get("/guide/").content.decode()
    )
    client.post(TOGGLE, {"appearance": "system"})
    assert html_tag(client) == '<html lang="en" data-appearance="system">'  # the script decides


def test_a_users_choice_is_saved_on_their_profile_and_follows_them_to_a_new_session(
    owner_client, user, guide
):
    owner_client.post(TOGGLE, {"appearance": "light", "next": "/coverage/"})
    assert Profile.objects.get(user=user).appearance == "light"
    assert (
        html_tag(owner_client, "/coverage/")
        == '<html lang="en" data-appearance="light" data-bs-theme="light">'
    )
    elsewhere = Client()  # another browser: the choice comes with the login
    elsewhere.force_login(user)
    assert (
        html_tag(elsewhere, "/stories/") == '<html lang="en" data-appearance="light" data-bs-theme="light">'
    )


def test_the_script_saves_in_the_background_and_hears_json(owner_client, user, guide):
    response = owner_client.post(TOGGLE, {"appearance": "dark"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200 and response.json() == {"appearance": "dark"}
    assert Profile.objects.get(user=user).appearance == "dark"


@pytest.mark.parametrize("bad", ["", "sepia", "DARK", "dark\x00"])
def test_an_unknown_choice_changes_nothing_and_says_so(owner_client, user, guide, bad):
    Profile.objects.filter(pk=Profile.for_user(user).pk).update(appearance="light")
    response = owner_client.post(TOGGLE, {"appearance": bad, "next": "/stories/"}, follow=True)
    assert response.status_code == 200
    assert (
        "That appearance is not one of System, Light or Dark; nothing was changed."
        in response.content.decode()
    )
    assert Profile.objects.get(user=user).appearance == "light"
    json_response = owner_client.post(TOGGLE, {"appearance": bad}, HTTP_ACCEPT="application/json")
    assert (
        json_response.status_code == 400
        and "not one of System, Light or Dark" in json_response.json()["error"]
    )


def test_only_post_and_a_safe_next(client, guide):
    assert client.get(TOGGLE).status_code == 405
    assert client.post(TOGGLE, {"appearance": "dark", "next": "https://evil.example/"})["Location"] == "/"


def test_settings_save_the_appearance_too(owner_client, user, guide):
    page = owner_client.get("/accounts/settings/").content.decode()
    assert 'name="appearance"' in page
    owner_client.post("/accounts/settings/", {"words_per_minute": 150, "appearance": "dark", "time_zone": ""})
    assert Profile.objects.get(user=user).appearance == "dark"
    assert html_tag(owner_client) == '<html lang="en" data-appearance="dark" data-bs-theme="dark">'
    # A settings form without the field keeps the choice.
    owner_client.post("/accounts/settings/", {"words_per_minute": 140, "time_zone": ""})
    assert Profile.objects.get(user=user).appearance == "dark"
