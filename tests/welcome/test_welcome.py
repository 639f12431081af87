"""A new account's first visit (stories/welcome/): sign-up from the home page's banner, the welcome with
three steps, the example story (read without an account, added and deleted with one click, marked
"Example" wherever it shows) and the empty dashboard's first steps."""

import json
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from stories.coach.review import review_story
from stories.models import Story
from stories.welcome.example import EXAMPLE, add_example
from tests.conftest import make_story

ADD, DELETE = "/welcome/example/add/", "/welcome/example/delete/"


def hero(html):
    return re.search(r'<section class="hero.*?</section>', html, re.S).group(0)


def test_the_logged_out_home_page_offers_sign_up_and_an_example_in_its_banner(client, guide):
    banner = hero(client.get("/").content.decode())
    assert '<a class="btn btn-brand btn-lg" href="/accounts/signup/">Sign up</a>' in banner
    assert 'href="/welcome/example/">See an example story</a>' in banner


def test_anyone_can_read_the_example_story(client, guide):
    html = client.get("/welcome/example/").content.decode()
    assert EXAMPLE["title"] in html and "Example</span>" in html and "read-only" in html
    for name in [
        "Challenge",
        "Autonomous Decision",
        "High Performance Execution",
        "Direct Communication",
        "Member Impact",
    ]:
        assert f"{name}</h2>" in html
    assert "Start-up time for members on smart TVs fell from 4.2 to 1.7 seconds at p95" in html
    assert "Tell me about a time you made a critical architectural decision under pressure" in html
    assert 'href="/accounts/signup/">Sign up to write yours</a>' in html
    assert 'action="/welcome/example/add/"' not in html  # adding it needs an account


def test_a_new_account_lands_on_a_welcome_with_three_steps(client, guide):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "lin",
            "email": "lin@example.com",
            "password1": "a-long-pass-phrase-1",
            "password2": "a-long-pass-phrase-1",
        },
        follow=True,
    )
    assert response.redirect_chain == [("/welcome/", 302)]
    html = response.content.decode()
    assert "Welcome, lin. Your account is ready." in html
    steps = re.findall(r'<a class="stretched-link" href="([^"]+)">([^<]+)</a>', html)
    assert steps == [
        ("/stories/new/", "Write a story"),
        ("/coverage/", "Check your coverage"),
        ("/practice/", "Practise out loud"),
    ]
    assert 'action="/welcome/example/add/"' in html and "Add the example story" in html


def test_the_example_is_added_with_one_click_once_and_is_ready_and_strong(owner_client, user, guide):
    response = owner_client.post(ADD)
    story = Story.objects.get(owner=user)
    assert response["Location"] == story.get_absolute_url()
    assert story.is_example and story.title.startswith("Example: ") and story.status == "ready"
    assert sorted(v.slug for v in story.values.all()) == [
        "candor-feedback",
        "customer-obsession",
        "freedom-responsibility",
    ]
    assert story.questions.count() == 3 and story.themes.count() == 1 and story.level.code == "L6"
    assert story.history.count() == 1  # one revision, as the editor writes
    assert review_story(Story.objects.with_tags().get(pk=story.pk), wpm=150).grade == "strong"
    owner_client.post(ADD)
    assert Story.objects.filter(owner=user).count() == 1  # a second click adds none


def test_the_example_is_marked_wherever_it_shows(owner_client, user, guide):
    owner_client.post(ADD)
    story = Story.objects.get(owner=user)
    badge = "✦ </span>Example</span>"
    assert badge in owner_client.get("/stories/").content.decode()
    detail = owner_client.get(story.get_absolute_url()).content.decode()
    assert badge in detail and f'action="{DELETE}"' in detail and "Delete the example" in detail
    assert badge in owner_client.get(f"/stories/{story.pk}/edit/").content.decode()
    for page in ["/coverage/", "/practice/"]:
        assert "Example: Cut smart-TV start-up time" in owner_client.get(page).content.decode(), page
    for fmt in ["json", "csv", "md"]:
        assert (
            "Example: Cut smart-TV start-up time" in owner_client.get(f"/export/{fmt}/").content.decode()
        ), fmt


def test_the_example_makes_the_dashboard_practice_and_export_work_at_once(owner_client, user, guide):
    owner_client.post(ADD)
    dashboard = owner_client.get("/coverage/").content.decode()
    assert re.search(r'id="values-covered">3/5<', dashboard) and re.search(
        r'id="questions-covered">3/33<', dashboard
    )
    assert re.search(r'id="stories-ready">1/1<', dashboard)
    practice = owner_client.get("/practice/").content.decode()
    assert "4 due now" in re.sub(r"<[^>]+>|\s+", " ", practice).replace(
        "  ", " "
    )  # 3 questions and the story
    [exported] = json.loads(owner_client.get("/export/json/").content)["stories"]
    assert exported["challenge"] == EXAMPLE["challenge"]


def test_one_click_deletes_the_example_into_the_trash(owner_client, user, guide):
    owner_client.post(ADD)
    mine = make_story(user, title="My own")
    response = owner_client.post(DELETE, follow=True)
    assert response.redirect_chain == [("/welcome/", 302)]
    assert "The example story is deleted (it is in the Trash" in response.content.decode()
    assert list(Story.objects.for_user(user).active()) == [mine]
    assert Story.objects.get(is_example=True).in_trash  # restorable, as any deleted story
    assert "Add the example story" in response.content.decode()
    again = owner_client.post(DELETE, follow=True).content.decode()
    assert "There is no example story in your bank." in again


def test_a_users_example_is_theirs_alone(owner_client, user, other_user, guide):
    owner_client.post(ADD)
    other = Client()
    other.force_login(other_user)
    other.post(DELETE)
    assert not Story.objects.get(owner=user).in_trash
    other.post(ADD)
    assert Story.objects.filter(is_example=True).values_list("owner", flat=True).distinct().count() == 2


def test_anonymous_visitors_are_sent_to_log_in(client, guide):
    for url in ["/welcome/"]:
        assert client.get(url)["Location"].startswith("/accounts/login/")
    for url in [ADD, DELETE]:
        assert client.post(url)["Location"].startswith("/accounts/login/")
        assert client.get(url).status_code in (302, 405)
    assert not Story.objects.exists()


def test_a_copy_of_the_example_is_the_users_own_story(owner_client, user, guide):
    owner_client.post(ADD)
    story = Story.objects.get(owner=user)
    owner_client.post(f"/stories/{story.pk}/duplicate/")
    copy = Story.objects.exclude(pk=story.pk).get()
    assert not copy.is_example


def test_the_empty_dashboard_speaks_of_first_steps_not_of_zeros(owner_client, user, guide):
    html = owner_client.get("/coverage/").content.decode()
    assert "Your coverage starts with your first story" in html
    assert 'id="values-covered"' not in html and 'id="questions-covered"' not in html and "0/33" not in html
    assert 'class="heat-cell heat-0' not in html and "Write a story for this" not in html
    assert re.findall(r'class="stretched-link" href="([^"]+)"', html) == [
        "/stories/new/",
        "/coverage/",
        "/practice/",
    ]
    assert "Add the example story" in html


@pytest.mark.parametrize("status", ["draft", "ready"])
def test_the_dashboard_keeps_its_figures_from_the_first_story(owner_client, user, guide, status):
    make_story(user, status=status)  # a draft counts: the figures tell what it still lacks
    html = owner_client.get("/coverage/").content.decode()
    assert "Your coverage starts with your first story" not in html
    assert re.search(r'id="values-covered">0/5<', html) and 'id="questions-covered"' in html


def test_a_trashed_story_leaves_the_bank_empty_again(owner_client, user, guide):
    make_story(user, deleted_at="2025-01-01T00:00:00+00:00")
    assert "Your coverage starts with your first story" in owner_client.get("/coverage/").content.decode()


def test_adding_the_example_needs_the_guide_items_only_by_slug(user, guide):
    from guide.models import Question

    Question.objects.filter(slug="innovation-member-focus-3").delete()  # a guide without one of them
    story, created = add_example(user, guide)
    assert created and story.questions.count() == 2
    assert User.objects.count() == 1
