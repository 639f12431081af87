"""Odd input is answered cleanly, never with a server error: a NUL in any form field gets that field's
message and saves nothing; a form too large, with too many fields or not in UTF-8 gets the product's own
400 page. (A NUL in an address is in tests/test_nul_input.py; random text is in test_odd_input_property.py.)"""

import json

import pytest
from django import forms
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.validators import ProhibitNullCharactersValidator

from stories.models import Debrief, Profile, Rehearsal, Story
from tests.conftest import make_story

NUL_MESSAGES = ("Null characters are not allowed.", "holds a NUL character")
STORY = {
    "title": "T",
    "summary": "",
    "challenge": "",
    "decision": "",
    "execution": "",
    "communication": "",
    "impact": "",
    "status": "draft",
    "new_tags": "",
}
SIGNUP = {
    "username": "lin",
    "email": "lin@example.com",
    "password1": "a-long-pass-phrase-1",
    "password2": "a-long-pass-phrase-1",
}
REHEARSAL = {
    "rating": "3",
    "note": "",
    **{f"seconds_{p}": "10" for p in ("challenge", "decision", "execution", "communication", "impact")},
}
DEBRIEF = {
    "held_on": "2025-01-02",
    "round": "",
    "note": "",
    "asked-TOTAL_FORMS": "1",
    "asked-INITIAL_FORMS": "0",
    "asked-0-text": "Why here?",
    "asked-0-story": "",
    "asked-0-rating": "",
    "asked-0-note": "",
}
STAR_CSV = b"question,situation,task,action,result\nWhy?,We were late.,Ship it.,I cut scope.,Shipped.\n"


def users():
    return User.objects.count()


def stories():
    return Story.objects.count()


# (url, the form's other fields, the field given a NUL, anonymous?, what must not have changed)
TEXT_FIELDS = {
    "sign-up username": ("/accounts/signup/", SIGNUP, "username", True, users),
    "sign-up email": ("/accounts/signup/", SIGNUP, "email", True, users),
    "sign-up password": ("/accounts/signup/", SIGNUP, "password1", True, users),
    "log-in username": ("/accounts/login/", {"password": "correct-horse-9"}, "username", True, None),
    "log-in password": ("/accounts/login/", {"username": "ada"}, "password", True, None),
    "password reset email": ("/accounts/password_reset/", {}, "email", True, None),
    "password change": (
        "/accounts/password_change/",
        {
            "old_password": "correct-horse-9",
            "new_password1": "x-long-pass-9",
            "new_password2": "x-long-pass-9",
        },
        "new_password1",
        False,
        None,
    ),
    "email change": ("/accounts/email/", {"password": "correct-horse-9"}, "email", False, None),
    "email change password": ("/accounts/email/", {"email": "ada@new.example"}, "password", False, None),
    "account deletion password": ("/accounts/delete/", {}, "password", False, users),
    "story title": ("/stories/new/", STORY, "title", False, stories),
    "story summary": ("/stories/new/", STORY, "summary", False, stories),
    "story new tags": ("/stories/new/", STORY, "new_tags", False, stories),
    "story part": ("/stories/new/", STORY, "impact", False, stories),
    "rehearsal note": ("/practice/story/{story}/", REHEARSAL, "note", False, Rehearsal.objects.count),
    "debrief note": ("/plan/debrief/", DEBRIEF, "note", False, Debrief.objects.count),
    "debrief question asked": ("/plan/debrief/", DEBRIEF, "asked-0-text", False, Debrief.objects.count),
    "debrief question note": ("/plan/debrief/", DEBRIEF, "asked-0-note", False, Debrief.objects.count),
}


@pytest.mark.parametrize("case", TEXT_FIELDS)
def test_a_nul_in_any_text_field_is_refused_with_the_fields_message(case, client, user, guide):
    url, data, field, anonymous, unchanged = TEXT_FIELDS[case]
    story = make_story(user, title="Mine")
    if not anonymous:
        client.force_login(user)
    before = unchanged() if unchanged else None
    response = client.post(
        url.format(story=story.pk), {**data, field: f"before\x00after{data.get(field, '')}"}
    )
    html = response.content.decode()
    assert response.status_code in (200, 400)
    assert sum(html.count(message) for message in NUL_MESSAGES) == 1, html  # said once, by the field
    if unchanged:
        assert unchanged() == before


def test_a_story_edit_with_a_nul_in_its_title_keeps_the_story_and_the_typed_text(owner_client, user, guide):
    story = make_story(user, title="Mine")
    data = {**STORY, "title": "Theirs\x00", "version": story.version}
    response = owner_client.post(f"/stories/{story.pk}/edit/", data)
    assert response.status_code == 400 and "Null characters are not allowed." in response.content.decode()
    story.refresh_from_db()
    assert story.title == "Mine"


# Choices, numbers, dates and ids: a NUL is just not one of the choices.
CHOICE_FIELDS = {
    "settings pace": ("/accounts/settings/", {"words_per_minute": "150\x00"}, "Enter a whole number."),
    "settings time zone": (
        "/accounts/settings/",
        {"words_per_minute": "150", "time_zone": "UTC\x00"},
        "Select a valid choice.",
    ),
    "settings level": (
        "/accounts/settings/",
        {"words_per_minute": "150", "target_level": "\x00"},
        "Select a valid choice.",
    ),
    "plan date": ("/plan/date/", {"interview_date": "2030-01-01\x00"}, "Enter a valid date."),
    "story version": (
        "/stories/{story}/edit/",
        {**STORY, "version": "1\x00"},
        "version of the story could not be read",
    ),
    "story value": ("/stories/new/", {**STORY, "values": "\x00"}, "Select a valid choice."),
    "story tag": ("/stories/new/", {**STORY, "tags": "1\x00"}, "is not one of your tags"),
    "story level": ("/stories/new/", {**STORY, "level": "\x00"}, "Select a valid choice."),
    "rehearsal seconds": (
        "/practice/story/{story}/",
        {**REHEARSAL, "seconds_impact": "\x00"},
        "Enter whole seconds",
    ),
    "debrief round": ("/plan/debrief/", {**DEBRIEF, "round": "\x00"}, "Select a valid choice."),
    "debrief story": ("/plan/debrief/", {**DEBRIEF, "asked-0-story": "\x00"}, "Select a valid choice."),
    "coverage target": ("/coverage/target/", {"stories_per_value": "2\x00"}, "Enter a whole number."),
}


@pytest.mark.parametrize("case", CHOICE_FIELDS)
def test_a_nul_in_a_choice_number_or_date_is_refused_with_a_message(case, owner_client, user, guide):
    url, data, message = CHOICE_FIELDS[case]
    story = make_story(user, title="Mine")
    before = (
        Profile.for_user(user).words_per_minute,
        stories(),
        Rehearsal.objects.count(),
        Debrief.objects.count(),
    )
    response = owner_client.post(url.format(story=story.pk), data, follow=True)
    assert response.status_code in (200, 400)
    assert message in response.content.decode()
    after = (
        Profile.for_user(user).words_per_minute,
        stories(),
        Rehearsal.objects.count(),
        Debrief.objects.count(),
    )
    assert after == before


def test_a_nul_in_the_import_mapping_is_refused_with_a_message(owner_client, guide):
    owner_client.post("/import/", {"file": SimpleUploadedFile("star.csv", STAR_CSV)})
    response = owner_client.post("/import/mapping/", {"column_0": "title\x00", "action": "split"})
    assert response.status_code == 400 and "Select a valid choice." in response.content.decode()


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/plan/tick/", {"key": "\x00", "done": "1", "next": "/plan/\x00"}),
        ("/coverage/tag/{story}/", {"question": "\x00", "next": "/coverage/"}),
        ("/coach/check/", {**STORY, "title": "\x00", "impact": "a\x00b"}),
        ("/stories/preview/", {"text": "a\x00b"}),
        ("/coverage/loop/", {"slot-1-0": "\x00"}),
    ],
)
def test_a_nul_in_an_action_or_a_live_check_is_answered_without_an_error(
    url, data, owner_client, user, guide
):
    story = make_story(user)
    response = owner_client.post(url.format(story=story.pk), data)
    assert response.status_code < 500


def test_every_text_field_of_every_form_keeps_djangos_nul_check(guide, user):
    """Guards the next form: a form that replaces a text field's validators must keep a NUL check."""
    import stories.coverage.forms  # noqa: F401  every form module, so that its classes are known
    import stories.exchange.mapping_form  # noqa: F401
    import stories.exchange.views  # noqa: F401
    import stories.plan.forms  # noqa: F401
    import stories.practice.forms  # noqa: F401
    from stories.forms import StoryForm
    from stories.structure import story_parts

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    ours = [
        c
        for c in subclasses(forms.BaseForm)
        if c.__module__.split(".")[0] in ("stories", "guide", "prepsite")
    ]
    assert len(ours) >= 10
    fields = [(c.__name__, n, f) for c in ours for n, f in c.base_fields.items()]
    story_form = StoryForm(user=user, guide=guide, parts=story_parts(guide))
    fields += [("StoryForm()", n, f) for n, f in story_form.fields.items()]
    unchecked = [
        f"{form}.{name}"
        for form, name, field in fields
        if isinstance(field, forms.CharField)
        and not any(isinstance(v, ProhibitNullCharactersValidator) for v in field.validators)
    ]
    assert unchecked == []


# Forms the server will not read: the product's 400 page --------------------------------------------


def assert_product_400(response, reason):
    html = response.content.decode()
    assert response.status_code == 400
    assert "That request could not be read" in html and reason in html
    assert "/static/css/site.css" in html and "Skip to content" in html  # the site's page, not a bare one
    assert "Content-Security-Policy" in response.headers


def test_a_form_of_over_1000_fields_gets_the_products_400_page(owner_client, guide):
    body = "&".join(f"field{i}=x" for i in range(1001))
    response = owner_client.generic(
        "POST", "/stories/new/", body, content_type="application/x-www-form-urlencoded"
    )
    assert_product_400(response, "The form had more than 1,000 fields")
    assert stories() == 0


def test_a_form_over_2_5_megabytes_gets_the_products_400_page(owner_client, guide):
    response = owner_client.post("/stories/new/", {**STORY, "impact": "x" * (2_621_440 + 1)})
    assert_product_400(response, "larger than the 2.5 MB a form may hold")
    assert stories() == 0


def test_an_anonymous_oversized_form_gets_the_same_page(client, db):
    response = client.post("/accounts/login/", {"username": "x" * (2_621_440 + 1), "password": "x"})
    assert_product_400(response, "larger than the 2.5 MB")
    assert "Log in" in response.content.decode()


@pytest.mark.parametrize("charset", ["latin-9-bogus", "latin-1", "utf-16", "utf8"])
def test_a_form_in_another_charset_gets_the_products_400_page(charset, owner_client, guide):
    response = owner_client.generic(
        "POST",
        "/stories/new/",
        "title=Caf%E9&status=draft",
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert_product_400(response, "a character encoding other than UTF-8")
    assert stories() == 0


@pytest.mark.parametrize("charset", ["utf-8", "UTF-8", None])
def test_a_form_in_utf8_is_read(charset, owner_client, guide):
    content_type = "application/x-www-form-urlencoded" + (f"; charset={charset}" if charset else "")
    response = owner_client.generic(
        "POST", "/stories/new/", "title=Caf%C3%A9&status=draft", content_type=content_type
    )
    assert response.status_code == 302
    assert Story.objects.get().title == "Café"


def test_a_file_upload_of_several_megabytes_is_not_a_form_too_large(owner_client, guide):
    """Files do not count towards the form's 2.5 MB: the import's own 5 MB limit answers."""
    big = b'{"format": "storybank", "version": 2, "stories": []}' + b" " * 3_000_000
    response = owner_client.post("/import/", {"file": SimpleUploadedFile("bank.json", big)})
    assert response.status_code in (200, 302)


# Unpaired surrogates in an imported file --------------------------------------------------------


def bank_json(**fields):
    """A one-story JSON backup as the export writes it, escapes and all (json.dumps writes \\ud800 as is)."""
    story = {
        "uuid": None,
        "title": "T",
        "summary": "",
        "challenge": "c",
        "decision": "",
        "execution": "",
        "communication": "",
        "impact": "",
        "values": [],
        "questions": [],
        "themes": [],
        "tags": [],
        "level": None,
        "team_size": None,
        "status": "draft",
        "created_at": None,
        "updated_at": None,
    }
    document = {
        "format": "storybank",
        "version": 2,
        "exported_at": None,
        "guide": "netflix",
        "stories": [story | fields],
    }
    return json.dumps(document).encode()


@pytest.mark.parametrize(
    "fields",
    [
        {"title": "A\ud800"},
        {"summary": "\udfff"},
        {"decision": "a\udc00b"},
        {"tags": ["ok", "\ud800"]},
        {"values": ["\ud800"]},
        {"questions": ["candor-direct-communication-1", "\ud83d"]},
        {"themes": ["\udfff"]},
        {"level": "L\ud800"},
    ],
    ids=lambda fields: next(iter(fields)),
)
def test_an_unpaired_surrogate_in_any_imported_field_is_refused_with_the_import_message(
    fields, owner_client, guide
):
    response = owner_client.post(
        "/import/", {"file": SimpleUploadedFile("bank.json", bank_json(**fields))}, follow=True
    )
    html = response.content.decode()
    assert response.status_code in (200, 400)
    assert f"“{next(iter(fields))}”" in html and "unpaired surrogate (an invalid \\u escape)" in html
    assert owner_client.post("/import/confirm/", {"digest": "x"}, follow=True).status_code < 500
    assert stories() == 0
