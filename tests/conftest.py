"""Shared fixtures: the loaded guide and three users (owner, another user, anonymous)."""

from pathlib import Path

import pytest
from django.conf import settings

from guide.loading import load_guide

GUIDE_FILE = Path(settings.GUIDE_DIR) / "netflix.md"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def guide(db):
    guide, _ = load_guide(GUIDE_FILE)
    return guide


@pytest.fixture
def user(db, django_user_model):
    return django_user_model.objects.create_user("ada", "ada@example.com", "correct-horse-9")


@pytest.fixture
def other_user(db, django_user_model):
    return django_user_model.objects.create_user("grace", "grace@example.com", "correct-horse-9")


@pytest.fixture
def owner_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def other_client(other_user):
    from django.test import Client

    client = Client()
    client.force_login(other_user)
    return client


def make_story(owner, *, values=(), questions=(), themes=(), tags=(), level=None, **fields):
    """A story of `owner`; values, questions and themes by slug, tags by name, level by code."""
    from guide.models import Level, Question, Theme, Value
    from stories.models import Story, Tag

    fields.setdefault("title", "Cut p99 start-up latency during a launch")
    fields.setdefault("challenge", "Playback start-up times doubled two weeks before a global launch.")
    story = Story(owner=owner, level=Level.objects.filter(code=level).first(), **fields)
    # Like the app's own writes: one revision for the story and its tags, not one per relation.
    story.skip_history_when_saving = True
    story.save()
    if values:
        story.values.set(Value.objects.filter(slug__in=values))
    if questions:
        story.questions.set(Question.objects.filter(slug__in=questions))
    if themes:
        story.themes.set(Theme.objects.filter(slug__in=themes))
    if tags:
        story.tags.set([Tag.objects.get_or_create(owner=owner, name=name)[0] for name in tags])
    del story.skip_history_when_saving
    story._change_reason = "Created"
    story.save(update_fields=["version"])
    return story


@pytest.fixture
def story(guide, user):
    return make_story(user, values=["candor-feedback"], questions=["candor-direct-communication-1"])
