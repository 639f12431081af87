"""The per-user page cache (stories/pagecache.py): what is cached, what never is, and when it expires."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from guide.models import Question
from stories import pagecache
from stories.models import Profile
from stories.templatetags.story_tags import ago, ago_changes_at
from tests.conftest import make_story


def test_each_session_gets_its_own_csrf_token_from_a_shared_fragment_and_it_works(guide, user):
    make_story(user, title="Candid", values=["candor-feedback"])
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(user)
    second.force_login(user)
    tokens = []
    for client in (first, second):  # the second page comes from the cache the first one filled
        html = client.get("/coverage/").content.decode()
        assert "<!--live:" not in html
        token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        tokens.append(token)
        response = client.post(
            reverse("coverage:target"), {"stories_per_value": "3", "csrfmiddlewaretoken": token}
        )
        assert response.status_code == 302  # not 403: the token is this session's
    assert tokens[0] != tokens[1]


def test_a_message_is_shown_once_beside_a_cached_page(guide, owner_client, user):
    make_story(user, title="Candid")
    owner_client.get("/coverage/")
    owner_client.post(reverse("coverage:target"), {"stories_per_value": "3"})
    assert "Target set to 3 stories per value." in owner_client.get("/coverage/").content.decode()
    assert "Target set to 3 stories per value." not in owner_client.get("/coverage/").content.decode()


def test_the_due_count_is_live_in_a_cached_dashboard(guide, owner_client, user, monkeypatch):
    from stories.practice import schedule

    make_story(user, title="Candid")
    owner_client.get("/coverage/")
    html = owner_client.get("/coverage/").content.decode()
    assert '<strong id="dashboard-due">1</strong>' in html  # the new story's card
    monkeypatch.setattr(schedule.DueSchedule, "count", lambda self, now: 7)
    html = owner_client.get("/coverage/").content.decode()
    assert '<strong id="dashboard-due">7</strong>' in html and ">7 to rehearse</a>" in html


def test_a_fragment_is_made_again_once_its_time_is_up():
    made = []

    def build():
        made.append(1)
        return {"body": f"version {len(made)}"}, now + timedelta(minutes=1)

    now = timezone.now()
    assert pagecache.fragments("page:test", build, now) == ({"body": "version 1"}, True)
    assert pagecache.fragments("page:test", build, now + timedelta(seconds=59)) == (
        {"body": "version 1"},
        False,
    )
    assert pagecache.fragments("page:test", build, now + timedelta(seconds=61))[0] == {"body": "version 2"}


def test_live_values_are_escaped_and_the_csrf_placeholder_cannot_come_from_user_text(rf):
    request = rf.get("/")
    html = pagecache.render_fragment(
        "stories/coverage/_tag_button.html",
        {
            "tag_url": "/coverage/tag/1/",
            "question": {"id": 1, "text": "<!--live:csrf-->"},
            "story": {"title": "<!--live:due-->"},
            "next_path": "/coverage/",
        },
    )
    served = pagecache.serve(request, html + pagecache.live("due"), {"due": "<b>3</b>"})
    assert served.count('name="csrfmiddlewaretoken"') == 1
    assert "&lt;!--live:csrf--&gt;" in served and "&lt;!--live:due--&gt;" in served  # the user's text, inert
    assert served.endswith("&lt;b&gt;3&lt;/b&gt;")


def test_the_key_holds_the_user_the_revision_the_guide_version_and_the_parameters(guide, user, other_user):
    mine, theirs = Profile.for_user(user), Profile.for_user(other_user)
    key = pagecache.cache_key("dashboard", mine, guide, (False, 1))
    assert key != pagecache.cache_key("dashboard", theirs, guide, (False, 1))
    assert key != pagecache.cache_key("dashboard", mine, guide, (True, 1))
    assert key != pagecache.cache_key("list", mine, guide, (False, 1))
    Profile.bump_bank_revision(user)
    assert key != pagecache.cache_key("dashboard", Profile.for_user(user), guide, (False, 1))
    guide.loaded_at += timedelta(seconds=1)
    assert key != pagecache.cache_key("dashboard", mine, guide, (False, 1))


def test_a_guide_reload_makes_the_pages_again(guide, owner_client, user, django_assert_max_num_queries):
    from guide.loading import load_guide
    from tests.conftest import GUIDE_FILE

    make_story(user, title="Candid")
    owner_client.get("/coverage/")
    Question.objects.filter(slug="candor-direct-communication-1").update(text="Edited by hand")
    load_guide(GUIDE_FILE)  # puts the text back: a new guide version
    with django_assert_max_num_queries(100) as queries:
        owner_client.get("/coverage/")
    assert len(queries) > 4


def test_another_user_never_gets_my_cached_story_page(guide, owner_client, other_client, user):
    story = make_story(user, title="Private")
    assert owner_client.get(story.get_absolute_url()).status_code == 200
    assert other_client.get(story.get_absolute_url()).status_code == 404


def test_a_story_in_the_trash_is_not_served_from_the_cache(guide, owner_client, user):
    story = make_story(user, title="Binned soon")
    assert owner_client.get(story.get_absolute_url()).status_code == 200
    owner_client.post(f"/stories/{story.pk}/delete/")
    assert owner_client.get(story.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    ("age", "step"),
    [
        (timedelta(seconds=10), timedelta(minutes=1)),
        (timedelta(minutes=5, seconds=10), timedelta(minutes=6)),
        (timedelta(hours=3, minutes=2, seconds=5), timedelta(hours=3, minutes=3)),
        (timedelta(days=2, hours=4, minutes=30), timedelta(days=2, hours=5)),
        (timedelta(days=20, hours=3), timedelta(days=21)),
    ],
)
def test_ago_says_when_it_will_change(age, step, monkeypatch):
    now = timezone.now()
    moment = now - age
    changes = ago_changes_at(moment, now)
    assert changes == moment + step
    monkeypatch.setattr(timezone, "now", lambda: changes - timedelta(seconds=1))
    before = ago(moment)
    monkeypatch.setattr(timezone, "now", lambda: changes + timedelta(seconds=1))
    assert ago(moment) != before
