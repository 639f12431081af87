"""Every URL of the app, walked from the URLconf: a new URL fails here until it is owner-checked.

- Every pattern that takes the id of a user's object answers another user 404, for GET and POST.
- Every page but the public ones sends an anonymous visitor to the login page.
- Every pattern refuses a POST without a CSRF token.
"""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from guide.models import InterviewRound, Question
from tests.conftest import make_story

# Pages anyone may see, by "namespace:name".
PUBLIC = {
    ":home", ":signup", ":login", ":logout", ":password_reset", ":password_reset_done",
    ":password_reset_confirm", ":password_reset_complete",
    "plan:feed",  # a calendar app reads it without a login; its secret token is checked (tests/plan/)
    "welcome:example",  # the example story, read-only, for the logged-out home page
    ":appearance",  # light or dark pages: a visitor's choice is kept in the session (tests/test_appearance.py)
    ":healthz",  # the load balancer's check: "ok" and nothing else (tests/test_health.py)
}
PUBLIC_NAMESPACES = {"guide", "admin"}  # the guide is public; the admin has its own login
# URL parameters that name a user's object: another user must get 404.
OWNED = {"pk", "history_id"}
# Names whose story is in the trash (they act on trashed stories only).
TRASHED = {"stories:restore", "stories:purge"}


def patterns(resolvers=None, namespace=""):
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            yield from patterns(entry.url_patterns, entry.namespace or namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}:{entry.name}", list(entry.pattern.converters)


ALL = [(name, params) for name, params in patterns() if name.split(":")[0] not in PUBLIC_NAMESPACES]


@pytest.fixture
def world(guide, user):
    active = make_story(user, title="Mine")
    trashed = make_story(user, title="Binned", deleted_at=timezone.now())
    return {
        "active": active,
        "trashed": trashed,
        "question": Question.objects.filter(guide=guide).first().slug,
        "round": InterviewRound.objects.filter(guide=guide).first().slug,
    }


def url_for(name, params, world):
    story = world["trashed"] if name in TRASHED else world["active"]
    values = {
        "pk": story.pk,
        "history_id": story.history.first().history_id,
        "slug": world["round"] if name == "practice:round" else world["question"],
        "step": 0,
        "fmt": "json",
        "ext": "csv",
        "key": "1",
        "token": "not-the-token",
        "uidb64": "MQ",
    }
    unknown = [p for p in params if p not in values]
    assert not unknown, f"{name} takes {unknown}: say here how to fill it, and whether it names a user's object"
    return reverse(name.removeprefix(":"), kwargs={p: values[p] for p in params})


@pytest.mark.parametrize(("name", "params"), [(n, p) for n, p in ALL if set(p) & OWNED], ids=lambda v: str(v))
def test_another_user_gets_404_for_every_owned_object(name, params, world, other_user):
    client = Client()
    client.force_login(other_user)
    url = url_for(name, params, world)
    assert client.get(url).status_code in (404, 405), url  # 405: a POST-only action
    assert client.post(url, {"question": "1", "password": "x"}).status_code == 404, url


@pytest.mark.parametrize(("name", "params"), [(n, p) for n, p in ALL if n not in PUBLIC], ids=lambda v: str(v))
def test_anonymous_visitors_are_sent_to_log_in(name, params, world):
    url = url_for(name, params, world)
    response = Client().get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), url


@pytest.mark.parametrize(("name", "params"), ALL, ids=lambda v: str(v))
def test_every_post_needs_a_csrf_token(name, params, world, user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    url = url_for(name, params, world)
    assert client.post(url, {"title": "x"}).status_code == 403, url
