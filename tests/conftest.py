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
