"""Practice pages: owner, another user, anonymous; saving a rehearsal; bad input; query counts."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from guide.models import InterviewRound, Question
from stories.models import PART_FIELDS, LoopSlot, PracticeCard, Profile, Rehearsal, Story
from tests.conftest import make_story

HOME = "/practice/"
HISTORY = "/practice/history/"
Q1 = "candor-direct-communication-1"


def question_url(slug=Q1):
    return reverse("practice:question", args=[slug])


def story_url(story):
    return reverse("practice:story", args=[story.pk])


def login_redirect(response, path):
    return response.status_code == 302 and response["Location"].startswith(f"/accounts/login/?next={path}")


def rehearsal_post(rating="3", seconds=(31, 58, 95, 20, 33), **extra):
    data = {f"seconds_{f}": str(s) for f, s in zip(PART_FIELDS, seconds, strict=True)}
    if rating is not None:
        data["rating"] = rating
    data.update(extra)
    return data


# Anonymous visitors go to the log-in page.


@pytest.mark.parametrize(
    "path",
    [
        HOME,
        HISTORY,
        "/practice/next/",
        "/practice/random/",
        f"/practice/question/{Q1}/",
        "/practice/story/1/",
        "/practice/round/hiring-manager/1/",
    ],
)
def test_anonymous_visitors_are_sent_to_log_in(client, guide, path):
    assert login_redirect(client.get(path), path)


def test_anonymous_posts_save_nothing(client, story):
    assert login_redirect(client.post(story_url(story), rehearsal_post()), story_url(story))
    assert not Rehearsal.objects.exists()


# The practice page.


def test_the_practice_page_lists_due_cards_and_questions_without_a_story_first(owner_client, story):
    html = owner_client.get(HOME).content.decode()
    assert re.search(r'id="due-count">2<', html)  # the story and its question, both new
    assert 'id="unanswered-candor-direct-communication-2"' in html
    assert f'id="unanswered-{Q1}"' not in html
    assert 'href="/stories/new/?question=candor-direct-communication-2">Write a story for this</a>' in html
    assert html.index("Questions with no story yet") < html.index("Due for rehearsal")
    assert story.title in html


def test_the_navigation_shows_the_due_count_to_a_signed_in_user_only(owner_client, story):
    html = owner_client.get("/guide/").content.decode()
    assert re.search(r'id="nav-due-count">2<span class="visually-hidden"> due', html)
    assert "nav-due-count" not in Client().get("/guide/").content.decode()


def test_another_users_cards_are_not_shown(other_client, story):
    html = other_client.get(HOME).content.decode()
    assert story.title not in html
    assert 'id="due-count">0<' in html


def test_next_due_opens_the_first_due_card(owner_client, story):
    response = owner_client.get("/practice/next/")
    assert response.status_code == 302
    assert response["Location"] == question_url()


def test_next_due_with_nothing_due_goes_back_with_a_message(owner_client, guide):
    response = owner_client.get("/practice/next/", follow=True)
    assert response.redirect_chain[-1][0] == HOME
    assert "Nothing is due right now" in response.content.decode()


def test_a_random_question_prefers_one_with_a_story(owner_client, story):
    for _ in range(5):
        assert owner_client.get("/practice/random/")["Location"] == question_url()


def test_a_random_question_of_a_category_or_value_stays_in_it(owner_client, guide):
    response = owner_client.get("/practice/random/", {"category": "high-performance-culture"})
    slug = response["Location"].split("/")[-2]
    assert Question.objects.get(slug=slug).category.slug == "high-performance-culture"
    response = owner_client.get("/practice/random/", {"value": "candor-feedback"})
    slug = response["Location"].split("/")[-2]
    assert Question.objects.filter(slug=slug, category__values__slug="candor-feedback").exists()


def test_a_random_question_of_an_unknown_category_says_so(owner_client, guide):
    response = owner_client.get("/practice/random/", {"category": "nope"}, follow=True)
    assert "No question matches that choice." in response.content.decode()


def test_the_story_picker_opens_the_story_run_and_refuses_nonsense(owner_client, story):
    assert owner_client.get(HOME, {"story": str(story.pk)})["Location"] == story_url(story)
    assert owner_client.get(HOME, {"story": "9" * 40}).status_code == 404


# The run page.


def test_the_run_shows_the_question_the_story_and_the_budgets(owner_client, story):
    response = owner_client.get(question_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert Question.objects.get(slug=Q1).text in html
    assert f'href="/stories/{story.pk}/">{story.title}</a>' in html
    assert '"budget": 90' in html  # the parts' data for the timer
    assert "Playback start-up times doubled" in html  # the cue card's first words
    assert "≈ 75 words" in html  # 30 s at 150 words a minute
    assert "Did you give a figure for the member impact?" in html  # the coach's checklist for this story
    assert "in 10 min" in html  # what Good promises
    assert 'aria-live="assertive"' in html


def test_the_budgets_stay_the_guides_at_any_pace_but_the_words_that_fit_follow_it(owner_client, user, story):
    Profile.objects.update_or_create(user=user, defaults={"words_per_minute": 120})
    html = owner_client.get(question_url()).content.decode()
    assert '"budget": 30' in html
    assert "≈ 60 words" in html


def test_a_question_without_a_story_links_to_write_one(owner_client, guide):
    html = owner_client.get(question_url("candor-direct-communication-2")).content.decode()
    assert 'href="/stories/new/?question=candor-direct-communication-2">write a story for this</a>' in html


def test_the_run_of_another_users_story_is_a_404(other_client, story):
    assert other_client.get(story_url(story)).status_code == 404
    assert other_client.get(question_url(), {"story": story.pk}).status_code == 404
    assert other_client.post(story_url(story), rehearsal_post()).status_code == 404
    assert not Rehearsal.objects.exists()


@pytest.mark.parametrize("value", ["abc", "-1", "0", "9" * 40])
def test_a_bad_story_id_is_a_404(owner_client, story, value):
    assert owner_client.get(question_url(), {"story": value}).status_code == 404


def test_a_nul_story_id_reads_as_no_story(owner_client, story):
    assert owner_client.get(question_url(), {"story": "\x00"}).status_code == 404


def test_an_unknown_question_or_a_trashed_story_is_a_404(owner_client, story):
    assert owner_client.get(question_url("no-such-question")).status_code == 404
    Story.objects.filter(pk=story.pk).update(deleted_at=timezone.now())
    assert owner_client.get(story_url(story)).status_code == 404


def test_a_coach_review_gives_the_checklist_and_at_most_two_probes(owner_client, story, monkeypatch):
    from types import SimpleNamespace

    from stories.practice import views

    def review_story(story, wpm):
        assert wpm == 150
        probes = [SimpleNamespace(text=f"Probe {i}?", reason="") for i in range(3)]
        return SimpleNamespace(
            checklist=["Did you say what *you* decided?"], probes=probes, findings=[], grade="weak"
        )

    monkeypatch.setattr(views, "review_story", review_story)
    html = owner_client.get(story_url(story)).content.decode()
    assert "Did you say what <em>you</em> decided?" in html
    assert "Probe 0?" in html and "Probe 1?" in html and "Probe 2?" not in html


# Saving a rehearsal.


def test_saving_a_rehearsal_records_it_and_schedules_both_cards(owner_client, user, story):
    response = owner_client.post(question_url(), rehearsal_post(note="Slow start"))
    assert response.status_code == 302 and response["Location"] == HOME
    rehearsal = Rehearsal.objects.get()
    assert (rehearsal.owner, rehearsal.story, rehearsal.question.slug) == (user, story, Q1)
    assert rehearsal.part_seconds == [31, 58, 95, 20, 33]
    assert rehearsal.budget_seconds == [30, 60, 90, 30, 30]
    assert (rehearsal.rating, rehearsal.note, rehearsal.recall) == (3, "Slow start", False)
    cards = PracticeCard.objects.filter(owner=user)
    assert {(c.question_id is not None, c.story_id is not None) for c in cards} == {
        (True, False),
        (False, True),
    }
    assert all(c.due > timezone.now() for c in cards)
    assert 'id="due-count">0<' in owner_client.get(HOME).content.decode()


def test_a_story_run_moves_only_the_story_card(owner_client, user, story):
    owner_client.post(story_url(story), rehearsal_post(rating="1", recall="on"))
    rehearsal = Rehearsal.objects.get()
    assert rehearsal.question is None and rehearsal.recall
    assert PracticeCard.objects.get().story == story


BAD_INPUT = [
    ({"rating": None}, "Choose how it went"),
    ({"rating": "5"}, "Select a valid choice"),
    ({"rating": "\x00"}, "Select a valid choice"),
    ({"seconds_challenge": "abc"}, "Enter whole seconds"),
    ({"seconds_challenge": "-3"}, "greater than or equal to 0"),
    ({"seconds_challenge": "1" * 30}, "less than or equal to 3600"),
    ({"seconds_challenge": "12\x00"}, "Enter whole seconds"),
    ({"seconds_challenge": "4.5"}, "Enter whole seconds"),
    ({"seconds_challenge": ""}, "Enter the seconds you spent"),
    ({"note": "bad\x00note"}, "Null characters are not allowed"),
    ({"note": "x" * 2001}, "at most 2000 characters"),
]


@pytest.mark.parametrize(("change", "message"), BAD_INPUT)
def test_bad_input_is_refused_with_a_clear_message(owner_client, story, change, message):
    data = rehearsal_post(rating=change.pop("rating", "3"))
    data.update(change)
    response = owner_client.post(question_url(), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "The rehearsal was not saved" in html
    assert not Rehearsal.objects.exists()


# A round of the loop.


def test_a_round_runs_its_focus_questions_in_a_row_on_the_rounds_clock(owner_client, story):
    rnd = InterviewRound.objects.get(slug="peer-manager")
    html = owner_client.get(reverse("practice:round", args=[rnd.slug, 1])).content.decode()
    assert "Peer Manager · question 1 of 7" in html
    assert 'data-seconds="2700"' in html
    response = owner_client.post(reverse("practice:round", args=[rnd.slug, 1]), rehearsal_post())
    assert response["Location"] == reverse("practice:round", args=[rnd.slug, 2])
    response = owner_client.post(reverse("practice:round", args=[rnd.slug, 7]), rehearsal_post())
    assert response["Location"] == HISTORY


def test_a_round_step_out_of_range_is_a_404(owner_client, guide):
    assert owner_client.get(reverse("practice:round", args=["peer-manager", 8])).status_code == 404
    assert owner_client.get(reverse("practice:round", args=["no-such-round", 1])).status_code == 404


# History.


def test_history_shows_counts_streak_charts_and_due_dates(owner_client, user, story):
    owner_client.post(question_url(), rehearsal_post(seconds=(40, 60, 90, 30, 30)))
    html = owner_client.get(HISTORY).content.decode()
    assert re.search(r'id="total-rehearsals">1<', html)
    assert re.search(r'id="streak">1 day<', html)
    assert '<svg class="chart"' in html and "Rehearsals per day" in html
    assert "Challenge: 40 s of 30 s" in html
    assert re.search(r'id="question-history">.*?<td>1</td>.*?10 s', html, re.S)  # 10 s past the budget


def test_history_does_not_show_another_users_rehearsals(owner_client, other_client, story):
    owner_client.post(question_url(), rehearsal_post())
    html = other_client.get(HISTORY).content.decode()
    assert re.search(r'id="total-rehearsals">0<', html)
    assert story.title not in html


def test_history_warns_of_a_ready_story_not_rehearsed_for_14_days(owner_client, user, guide):
    story = make_story(user, title="Old faithful", status=Story.Status.READY)
    Rehearsal.objects.create(
        owner=user,
        story=story,
        part_seconds=[30] * 5,
        budget_seconds=[30] * 5,
        rating=3,
        created_at=timezone.now() - timedelta(days=20),
    )
    html = owner_client.get(HISTORY).content.decode()
    assert "Going stale:" in html and "last rehearsed 20 days ago" in html


def test_history_warns_of_a_story_told_far_more_often_than_the_rest(owner_client, user, guide):
    leaned_on = make_story(user, title="The one story")
    make_story(user, title="Another")
    for _ in range(6):
        Rehearsal.objects.create(
            owner=user, story=leaned_on, part_seconds=[30] * 5, budget_seconds=[30] * 5, rating=3
        )
    html = owner_client.get(HISTORY).content.decode()
    assert "Overused:" in html and "told 6 times" in html


def test_the_dashboard_shows_the_due_count_and_the_warnings(owner_client, user, guide):
    make_story(user, title="Never told", status=Story.Status.READY, created_at=timezone.now() - timedelta(days=20))
    make_story(user, title="Written today", status=Story.Status.READY)
    html = owner_client.get("/coverage/").content.decode()
    assert re.search(r'id="dashboard-due">2<', html)  # a card per story
    assert "Going stale:" in html and "Ready, never rehearsed" in html
    assert html.count("Ready, never rehearsed") == 1  # a story written today is not forgotten yet


# Query counts: the pages whose lists grow.


def _grow(user, count):
    slugs = [q.slug for q in Question.objects.all()[:6]]
    for i in range(count):
        story = make_story(user, title=f"Story {i}", questions=[slugs[i % 6]], status=Story.Status.READY)
        Rehearsal.objects.create(
            owner=user,
            story=story,
            question=story.questions.first(),
            part_seconds=[30] * 5,
            budget_seconds=[30] * 5,
            rating=3,
        )
    LoopSlot.objects.create(owner=user, story=story, round=InterviewRound.objects.first())


@pytest.mark.parametrize("count", [1, 12])
def test_the_practice_page_costs_a_fixed_number_of_queries(
    owner_client, user, guide, count, django_assert_num_queries
):
    _grow(user, count)
    # session, user, guide, stories, answered questions, card rows, all questions, categories,
    # values, rounds, the navigation's due count (profile; new cards; rated cards' due times)
    with django_assert_num_queries(13):
        assert owner_client.get(HOME).status_code == 200


@pytest.mark.parametrize("count", [1, 12])
def test_history_costs_a_fixed_number_of_queries(owner_client, user, guide, count, django_assert_num_queries):
    _grow(user, count)
    # session, user, rehearsals, stories, answered questions, card rows, loop slots, guide, story
    # parts, recent labels (questions, stories), the navigation's due count (profile; new cards; rated
    # cards' due times)
    with django_assert_num_queries(14):
        assert owner_client.get(HISTORY).status_code == 200


def test_a_script_in_a_story_comes_out_inert_in_the_run_checklist(owner_client, user, guide):
    payload = 'Members <script>alert(1)</script> saw start-up fall 40% <img src=x onerror=alert(2)> *here*.'
    story = make_story(user, title="Payload", impact=payload, questions=[Q1])
    html = owner_client.get(story_url(story)).content.decode()
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    # The coach's checklist quotes the figure's sentence as plain words, tags dropped; its own *you* is italics.
    assert "Did you say the figure? (Members alert(1) saw start-up fall 40% here .)" in html
    assert "Did you say what <em>you</em> decided" in html


def test_the_run_names_the_storys_blockers_before_the_telling(owner_client, user, guide):
    story = make_story(user, title="Half written", communication="", questions=[Q1])
    html = owner_client.get(story_url(story)).content.decode()
    assert "The coach finds" in html and "Direct Communication is empty." in html
    assert f'href="/stories/{story.pk}/#coach-heading">Fix it first</a>' in html
