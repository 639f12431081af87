"""The debrief pages: logging what was asked, the prediction, privacy, bad input, and the dashboard's gaps."""

from datetime import date

import pytest
from django.urls import reverse

from guide.models import InterviewRound, Question
from stories.models import AskedQuestion, Debrief, Profile
from tests.conftest import make_story, make_strong_story

LIST = reverse("plan:debriefs")
DASHBOARD = reverse("coverage:dashboard")


def form(*rows, held_on="2026-02-27", **fields):
    data = {"held_on": held_on, "round": "", "note": "", "asked-TOTAL_FORMS": str(max(len(rows), 1)),
            "asked-INITIAL_FORMS": "0", **fields}
    for n, row in enumerate(rows):
        for key, value in row.items():
            data[f"asked-{n}-{key}"] = value
    return data


def question(slug):
    return Question.objects.get(slug=slug)


def test_the_owner_logs_a_debrief_and_sees_what_the_bank_predicted(guide, owner_client, user, clock):
    covered = question("candor-direct-communication-1")
    strong = make_strong_story(user, questions=[covered.slug])
    make_story(user, questions=["high-performance-culture-2"])  # a draft only
    response = owner_client.post(LIST, form(
        {"text": covered.text, "story": str(strong.pk), "rating": "4", "note": "went well"},
        {"text": "Tell me about a time you had to manage out an underperformer"},
        {"text": "Why Netflix?"},
        {"text": ""},
        round=str(InterviewRound.objects.first().pk),
    ), follow=True)
    page = response.content.decode()
    assert "Debrief saved: 3 questions." in page
    debrief = Debrief.objects.get(owner=user)
    asked = list(debrief.asked.all())
    assert [(a.question_id and a.question.slug, a.text, a.bank_had) for a in asked] == [
        ("candor-direct-communication-1", "", "ready"),
        ("high-performance-culture-2", "", "weak"),
        (None, "Why Netflix?", "none"),
    ]
    assert asked[0].story == strong and asked[0].rating == 4 and asked[0].note == "went well"
    assert "1</strong> of 3 asked had a Ready story" in page


def test_a_typed_question_close_to_the_guide_is_matched_and_keeps_its_words(guide, owner_client, user, clock):
    owner_client.post(LIST, form({"text": "Tell me about the hardest feedback you gave to a senior engineer"}))
    asked = AskedQuestion.objects.get()
    assert asked.question.slug == "candor-direct-communication-1"
    assert asked.text == "Tell me about the hardest feedback you gave to a senior engineer"


def test_debriefs_add_up_over_loops(guide, owner_client, user, clock):
    owner_client.post(LIST, form({"text": "Why Netflix?"}, held_on="2025-06-01"))
    owner_client.post(LIST, form({"text": question("freedom-responsibility-1").text}))
    page = owner_client.get(LIST).content.decode()
    assert "of the 2 questions asked had a Ready story" in page
    assert page.count('href="/plan/debrief/') == 2


@pytest.mark.parametrize("fields, rows, message", [
    ({"held_on": "2026-03-02"}, [{"text": "Why Netflix?"}], "the date is in the future"),
    ({"held_on": "1990-01-01"}, [{"text": "Why Netflix?"}], "more than ten years ago"),
    ({"held_on": "nope"}, [{"text": "Why Netflix?"}], "Enter a valid date"),
    ({}, [{"text": ""}], "Enter at least one question"),
    ({}, [{"text": "Why\x00 Netflix?"}], "NUL character"),
    ({"note": "a\x00b"}, [{"text": "Why Netflix?"}], "NUL character"),
    ({}, [{"text": "Why Netflix?", "story": "9" * 30}], "Select a valid choice"),
    ({}, [{"text": "Why Netflix?", "rating": "6"}], "Select a valid choice"),
    ({"round": "-3"}, [{"text": "Why Netflix?"}], "Select a valid choice"),
    ({}, [{"text": "x" * 501}], "at most 500 characters"),
])
def test_bad_input_gets_a_clear_message_and_saves_nothing(guide, owner_client, clock, fields, rows, message):
    response = owner_client.post(LIST, form(*rows, **fields))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Debrief.objects.exists()


def test_a_bad_management_form_is_not_a_server_error(guide, owner_client, clock):
    data = form({"text": "Why Netflix?"})
    data["asked-TOTAL_FORMS"] = "9" * 30
    response = owner_client.post(LIST, data)
    assert response.status_code == 400 and not Debrief.objects.exists()


def test_another_users_story_cannot_be_named_as_the_story_told(guide, owner_client, other_user, clock):
    theirs = make_story(other_user)
    response = owner_client.post(LIST, form({"text": "Why Netflix?", "story": str(theirs.pk)}))
    assert response.status_code == 400 and not Debrief.objects.exists()


def test_a_debrief_is_private_and_deleted_by_its_owner_only(guide, owner_client, other_client, user, clock):
    owner_client.post(LIST, form({"text": "Why Netflix?"}))
    debrief = Debrief.objects.get()
    url = reverse("plan:debrief", args=[debrief.pk])
    assert owner_client.get(url).status_code == 200
    assert other_client.get(url).status_code == 404
    assert other_client.post(reverse("plan:debrief_delete", args=[debrief.pk])).status_code == 404
    assert "Why Netflix?" not in other_client.get(LIST).content.decode()
    assert owner_client.get(reverse("plan:debrief", args=[debrief.pk + 1])).status_code == 404
    owner_client.post(reverse("plan:debrief_delete", args=[debrief.pk]))
    assert not Debrief.objects.exists()


@pytest.mark.parametrize("name, method", [("plan:debriefs", "get"), ("plan:debriefs", "post")])
def test_anonymous_visitors_go_to_login(guide, client, name, method):
    response = getattr(client, method)(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_miss_appears_on_the_dashboard_until_a_usable_story_answers_it(guide, owner_client, user, clock):
    missed = question("technical-leadership-at-netflix-scale-2")
    owner_client.post(LIST, form({"text": missed.text}, {"text": "Why Netflix?"}))
    page = owner_client.get(DASHBOARD).content.decode()
    assert 'id="asked-gaps"' in page and missed.text in page and "Why Netflix?" in page
    assert f"?question={missed.slug}" in page
    make_strong_story(user, questions=[missed.slug])
    page = owner_client.get(DASHBOARD).content.decode()
    assert missed.text not in page.split('id="asked-gaps"')[1].split("</ul>")[0]


@pytest.mark.parametrize("count", [1, 10])
def test_the_debrief_page_runs_the_same_queries_for_1_and_10_debriefs(
        guide, owner_client, user, clock, count, django_assert_num_queries):
    Profile.for_user(user)
    for n in range(count):
        debrief = Debrief.objects.create(owner=user, held_on=date(2026, 1, 1), round=InterviewRound.objects.first())
        AskedQuestion.objects.create(debrief=debrief, question=question("freedom-responsibility-1"), order=n)
        AskedQuestion.objects.create(debrief=debrief, text="Why Netflix?", order=n + 1)
    # session; user; profile; guide; the round choices; the story choices (six rows share one);
    # the guide's questions; asked questions; debriefs; their asked questions; the due count (new cards;
    # rated cards' due times)
    with django_assert_num_queries(12):
        response = owner_client.get(LIST)
    assert response.content.decode().count('href="/plan/debrief/') == count


@pytest.mark.parametrize("count", [1, 12])
def test_a_debriefs_page_runs_the_same_queries_however_many_questions(
        guide, owner_client, user, clock, count, django_assert_num_queries):
    story = make_story(user)
    debrief = Debrief.objects.create(owner=user, held_on=date(2026, 1, 1))
    for n in range(count):
        AskedQuestion.objects.create(debrief=debrief, question=question("freedom-responsibility-1"), story=story,
                                     order=n)
    # session; user; the debrief (with its round); its questions (with their guide question, its guide
    # for the link, and the story told); the navigation's due count (profile; new cards; rated cards)
    with django_assert_num_queries(7):
        response = owner_client.get(reverse("plan:debrief", args=[debrief.pk]))
    assert response.content.decode().count("freedom-responsibility-1") >= count
