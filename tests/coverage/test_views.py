"""The coverage pages: owner, another user, anonymous; fixed query counts; bad input never a 500."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from guide.models import InterviewRound, Question
from stories.coverage.planner import slot_name
from stories.demo import demo_stories
from stories.management.commands.seed_demo import guide_items, write_stories
from stories.models import LoopSlot, Profile, Story
from tests.conftest import make_story, make_strong_story

DASHBOARD = "/coverage/"
LOOP = "/coverage/loop/"


def tag_url(story):
    return reverse("coverage:tag", args=[story.pk])


def login_redirect(response, path):
    return response.status_code == 302 and response["Location"].startswith(f"/accounts/login/?next={path}")


# The dashboard.


def test_the_dashboard_shows_the_owner_coverage(guide, owner_client, user):
    make_strong_story(user, title="Told a senior engineer hard truths", values=["candor-feedback"],
                      questions=["candor-direct-communication-1"], status=Story.Status.READY)
    response = owner_client.get(DASHBOARD)
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'id="values-covered">\s*1/5', html)
    assert re.search(r'id="questions-covered">\s*1/33', html)
    assert re.search(r'id="stories-ready">\s*1/1', html)
    assert "Told a senior engineer hard truths" in html


def test_a_value_without_a_story_stands_out_with_a_link_that_preselects_it(guide, owner_client, user):
    make_story(user, title="A", values=["candor-feedback"])
    html = owner_client.get(DASHBOARD).content.decode()
    assert html.count('class="value-row value-missing"') == 4
    assert html.count("No story yet</span>") == 4
    link = f'{reverse("stories:new")}?value=innovation-risk-taking">Write a story for Innovation &amp; Risk-Taking</a>'
    assert link in html
    assert "Write a story for Candor &amp; Feedback" not in html


def test_the_uncovered_only_filter_hides_answered_questions(guide, owner_client, user):
    make_strong_story(user, title="A", questions=["candor-direct-communication-1"])
    answered = 'id="q-candor-direct-communication-1"'
    assert answered in owner_client.get(DASHBOARD).content.decode()
    html = owner_client.get(DASHBOARD, {"questions": "uncovered"}).content.decode()
    assert answered not in html
    assert 'id="q-candor-direct-communication-2"' in html
    assert 'aria-current="true" href="?questions=uncovered' in html


def test_an_uncovered_question_shows_might_fit_with_a_tag_button(guide, owner_client, user):
    story = make_story(user, title="Gave my lead candid feedback", values=["candor-feedback"],
                       challenge="Our most senior engineer needed difficult feedback on his reviews.")
    html = owner_client.get(DASHBOARD).content.decode()
    assert "Might fit:" in html
    assert f'formaction="{tag_url(story)}"' in html
    assert 'aria-label="Tag “Gave my lead candid feedback” as an answer to this question"' in html


def test_balance_warnings_name_the_stretched_story_and_the_fragile_value(guide, owner_client, user):
    make_strong_story(user, title="Everything story", values=["candor-feedback", "customer-obsession",
                                                              "innovation-risk-taking", "freedom-responsibility"])
    html = owner_client.get(DASHBOARD).content.decode()
    assert "Stretched thin:" in html and "is tagged with 4 values" in html
    assert html.count("<strong>Fragile:</strong>") == 4


def test_another_user_story_never_appears_on_the_dashboard(guide, owner_client, other_user):
    make_story(other_user, title="Grace private story", values=["candor-feedback"])
    html = owner_client.get(DASHBOARD).content.decode()
    assert "Grace private story" not in html
    assert "Your coverage starts with your first story" in html  # her story does not count as mine


def test_story_titles_are_escaped_on_the_dashboard(guide, owner_client, user):
    make_story(user, title="<script>alert(1)</script>", values=["candor-feedback"])
    html = owner_client.get(DASHBOARD).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_anonymous_visitors_are_sent_to_log_in(guide, client):
    assert login_redirect(client.get(DASHBOARD), DASHBOARD)
    assert login_redirect(client.get(LOOP), LOOP)


def test_the_home_page_takes_a_logged_in_user_to_the_dashboard(guide, owner_client):
    response = owner_client.get("/")
    assert response.status_code == 302 and response["Location"] == DASHBOARD


def test_the_home_page_still_greets_a_visitor(guide):
    assert Client().get("/").status_code == 200


def test_logging_in_lands_on_the_dashboard(guide, user):
    response = Client().post("/accounts/login/", {"username": "ada", "password": "correct-horse-9"})
    assert response.status_code == 302 and response["Location"] == DASHBOARD


def test_the_navigation_links_to_coverage_for_a_logged_in_user_only(guide, owner_client):
    assert f'href="{DASHBOARD}">Coverage</a>' in owner_client.get("/guide/").content.decode()
    assert ">Coverage</a>" not in Client().get("/guide/").content.decode()


def many_stories(user, n):
    values = ["candor-feedback", "customer-obsession", "innovation-risk-taking", "freedom-responsibility"]
    questions = list(Question.objects.values_list("slug", flat=True))
    themes = ["global-streaming-at-scale", "data-driven-personalization"]
    for i in range(n):
        make_story(user, title=f"Story {i} about feedback and scale", values=values[: 1 + i % 4],
                   questions=questions[i % 30: i % 30 + 3], themes=themes[: i % 3], tags=[f"t{i % 5}"],
                   level=["L5", "L6", "L7"][i % 3], status="ready" if i % 2 else "draft")


@pytest.mark.parametrize("count", [3, 200])
def test_the_dashboard_runs_the_same_queries_for_3_and_200_stories(
    guide, owner_client, user, count, django_assert_num_queries
):
    Profile.for_user(user)
    many_stories(user, count)
    owner_client.get(DASHBOARD)  # derives each story's facts and reads the guide's data, once
    Profile.bump_bank_revision(user)  # as any write does: the page is made again
    # session; user; profile; guide; stories (with their derived facts); the rehearsal warnings'
    # rehearsals and loop slots; the Today panel (stories/plan/today.py): prep phases, ticks, rehearsals
    # by story and question, loop plan rounds, questions asked in debriefs; the due count's new cards and
    # rated cards (kept per revision after that)
    with django_assert_num_queries(14):
        response = owner_client.get(DASHBOARD)
    assert response.status_code == 200
    assert response.content.decode().count('class="matrix-story"') == min(count, 12)
    # Until the next write, from the per-user cache: session; user; profile (its bank revision); guide
    with django_assert_num_queries(4):
        again = owner_client.get(DASHBOARD)
    assert again.content.decode().count('class="matrix-story"') == min(count, 12)


@pytest.mark.parametrize("questions_tagged", [True, False])
def test_the_dashboard_at_200_stories_is_under_80_kb(guide, owner_client, user, questions_tagged):
    # The demo bank (stories/demo.py); untagged, every question is uncovered and shows three suggestions.
    rows = demo_stories(200, guide_items())
    if not questions_tagged:
        rows = [row | {"question_ids": []} for row in rows]
    write_stories(user, rows)
    page = owner_client.get(DASHBOARD).content.decode()
    assert len(page.encode()) < 80_000, len(page.encode())
    assert page.count('class="matrix-story"') == 12 and "Older stories" in page
    assert ("Might fit:" in page) is not questions_tagged


# The target.


def test_the_owner_changes_the_per_value_target(guide, owner_client, user):
    make_story(user)  # the target shows once the bank has a story (an empty one shows the first steps)
    response = owner_client.post(reverse("coverage:target"), {"stories_per_value": "3"}, follow=True)
    assert response.redirect_chain == [(DASHBOARD, 302)]
    assert "Target set to 3 stories per value." in response.content.decode()
    assert Profile.for_user(user).stories_per_value == 3
    assert "3 per value" in response.content.decode()


@pytest.mark.parametrize("bad", ["0", "11", "two", ""])
def test_a_bad_target_is_refused_with_a_message_and_changes_nothing(guide, owner_client, user, bad):
    response = owner_client.post(reverse("coverage:target"), {"stories_per_value": bad}, follow=True)
    assert response.status_code == 200
    assert "The target was not changed" in response.content.decode()
    assert Profile.for_user(user).stories_per_value == 2


def test_the_target_is_changed_by_post_only_and_not_by_anonymous_visitors(guide, owner_client):
    assert owner_client.get(reverse("coverage:target")).status_code == 405
    assert login_redirect(Client().post(reverse("coverage:target"), {"stories_per_value": "3"}), "/coverage/target/")


# Tag it.


def test_tag_it_tags_the_story_and_returns_to_the_page_with_a_message(guide, owner_client, user):
    story = make_story(user, title="Candid", values=["candor-feedback"])
    question = Question.objects.get(slug="candor-direct-communication-2")
    response = owner_client.post(
        tag_url(story), {"question": question.pk, "next": "/coverage/?questions=uncovered"}, follow=True
    )
    assert response.redirect_chain == [("/coverage/?questions=uncovered", 302)]
    assert "Tagged “Candid” with “How do you handle disagreements about technical direction?”." in (
        response.content.decode()
    )
    assert list(story.questions.all()) == [question]


def test_tag_it_from_the_question_page_goes_back_there(guide, owner_client, user):
    story = make_story(user, title="Candid", values=["candor-feedback"])
    question = Question.objects.get(slug="candor-direct-communication-2")
    response = owner_client.post(tag_url(story), {"question": question.pk, "next": question.get_absolute_url()})
    assert response["Location"] == question.get_absolute_url()


@pytest.mark.parametrize("target", ["https://evil.example/", "abc", "coverage", "//evil.example/"])
def test_tag_it_never_redirects_to_another_site_or_reads_next_as_a_view_name(guide, owner_client, user, target):
    story = make_story(user, title="Candid")
    question = Question.objects.first()
    response = owner_client.post(tag_url(story), {"question": question.pk, "next": target})
    assert response.status_code == 302 and response["Location"] == DASHBOARD


def test_tagging_another_user_story_is_a_404_and_changes_nothing(guide, owner_client, other_user):
    theirs = make_story(other_user, title="Theirs")
    response = owner_client.post(tag_url(theirs), {"question": Question.objects.first().pk})
    assert response.status_code == 404
    assert theirs.questions.count() == 0


def test_tagging_a_story_that_does_not_exist_is_a_404(guide, owner_client):
    question = Question.objects.first()
    for pk in ["999999", "9" * 30]:
        assert owner_client.post(f"/coverage/tag/{pk}/", {"question": question.pk}).status_code == 404


def test_tagging_a_story_in_the_trash_is_a_404(guide, owner_client, user):
    from django.utils import timezone

    trashed = make_story(user, title="Trashed", deleted_at=timezone.now())
    assert owner_client.post(tag_url(trashed), {"question": Question.objects.first().pk}).status_code == 404


@pytest.mark.parametrize("bad", ["", "abc", "999999", "-1", "9" * 30, "²", "１"])
def test_tagging_with_a_missing_or_odd_question_explains_and_changes_nothing(guide, owner_client, user, bad):
    story = make_story(user, title="Candid")
    response = owner_client.post(tag_url(story), {"question": bad}, follow=True)
    assert response.status_code == 200
    assert "That question does not exist; nothing was changed." in response.content.decode()
    assert story.questions.count() == 0


def test_tagging_twice_says_it_was_already_tagged(guide, owner_client, user):
    story = make_story(user, title="Candid", questions=["candor-direct-communication-2"])
    question = Question.objects.get(slug="candor-direct-communication-2")
    response = owner_client.post(tag_url(story), {"question": question.pk}, follow=True)
    assert "was already tagged with that question" in response.content.decode()


def test_tag_it_is_post_only_needs_csrf_and_a_login(guide, user, client):
    story = make_story(user, title="Candid")
    question = Question.objects.first()
    assert login_redirect(client.post(tag_url(story), {"question": question.pk}), tag_url(story))
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(user)
    assert csrf_client.post(tag_url(story), {"question": question.pk}).status_code == 403
    assert csrf_client.get(tag_url(story)).status_code == 405
    assert story.questions.count() == 0


# The question page.


def test_the_question_page_shows_the_best_three_stories_that_might_fit(guide, owner_client, user):
    for title in ["Alpha candid talk", "Bravo candid talk", "Charlie candid talk", "Delta candid talk"]:
        make_story(user, title=title, values=["candor-feedback"],
                   challenge="We had a disagreement about the technical direction of the search rewrite.")
    question = Question.objects.get(slug="candor-direct-communication-2")
    html = owner_client.get(question.get_absolute_url()).content.decode()
    assert "Might fit" in html
    assert html.count('class="d-inline tag-form"') == 3
    assert "Alpha candid talk" in html and "Delta candid talk" not in html
    assert "Mentions disagreements, direction, technical; tagged Candor &amp; Feedback, which this question probes." in html


def test_the_question_page_shows_no_suggestions_to_a_visitor(guide, client):
    question = Question.objects.get(slug="candor-direct-communication-2")
    assert "Might fit" not in client.get(question.get_absolute_url()).content.decode()


# The loop planner.


def slot(round_slug, index=0):
    return slot_name(InterviewRound.objects.get(slug=round_slug).id, index)


def test_the_loop_page_lists_the_six_rounds_with_their_focus(guide, owner_client, user):
    make_story(user, title="Candid", values=["candor-feedback"])
    html = owner_client.get(LOOP).content.decode()
    assert html.count('class="card h-100 loop-round"') == 6
    assert "Focus: Team leadership · Candor &amp; feedback · Culture building" in html
    assert "✓ Candid</option>" in html  # marked as fitting the peer round


def test_plan_for_me_proposes_a_plan_with_reasons_without_saving_it(guide, owner_client, user):
    candid = make_story(user, title="Candid", values=["candor-feedback"])
    response = owner_client.get(LOOP, {"plan": "auto"})
    html = response.content.decode()
    assert "Proposed plan, not saved yet." in html
    field = slot("peer-manager")
    assert re.search(rf'name="{field}"[^>]*>.*?<option value="{candid.pk}" selected>', html, re.S)
    assert "Fits Candor &amp; feedback (value Candor &amp; Feedback)." in html
    assert not LoopSlot.objects.exists()


def test_the_owner_saves_an_adjusted_plan_and_sees_it_again(guide, owner_client, user):
    a, b = make_story(user, title="A"), make_story(user, title="B")
    data = {slot("peer-manager"): a.pk, slot("peer-manager", 1): "", slot("hiring-manager"): b.pk}
    response = owner_client.post(LOOP, data, follow=True)
    assert response.redirect_chain == [(LOOP, 302)]
    assert "Loop plan saved: 2 stories." in response.content.decode()
    assert sorted(LoopSlot.objects.values_list("story__title", "round__slug")) == [
        ("A", "peer-manager"), ("B", "hiring-manager")
    ]
    html = response.content.decode()
    assert re.search(rf'name="{slot("peer-manager")}"[^>]*>.*?<option value="{a.pk}" selected>', html, re.S)


def test_using_a_story_twice_is_refused_and_the_choices_are_kept(guide, owner_client, user):
    a = make_story(user, title="Twice told")
    data = {slot("peer-manager"): a.pk, slot("hiring-manager"): a.pk}
    response = owner_client.post(LOOP, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The plan was not saved: see the marked choices." in html
    assert "is already planned for" in html and "use each story once in the loop." in html
    assert html.count(f'<option value="{a.pk}" selected>') == 2
    assert not LoopSlot.objects.exists()


@pytest.mark.parametrize("bad", ["abc", "999999"])
def test_an_unknown_story_in_the_plan_is_refused_with_a_message(guide, owner_client, user, bad):
    response = owner_client.post(LOOP, {slot("peer-manager"): bad})
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert not LoopSlot.objects.exists()


def test_another_user_story_can_not_be_planned_or_seen_in_the_loop(guide, owner_client, user, other_user):
    theirs = make_story(other_user, title="Grace private story")
    assert "Grace private story" not in owner_client.get(LOOP).content.decode()
    response = owner_client.post(LOOP, {slot("peer-manager"): theirs.pk})
    assert "Select a valid choice." in response.content.decode()
    assert not LoopSlot.objects.exists()


def test_the_loop_page_escapes_titles_and_prints_the_plan_as_a_table(guide, owner_client, user):
    story = make_story(user, title="<b>bold</b>")
    LoopSlot.objects.create(owner=user, round=InterviewRound.objects.get(slug="peer-manager"), story=story)
    html = owner_client.get(LOOP).content.decode()
    assert "<b>bold</b>" not in html
    assert "<strong>&lt;b&gt;bold&lt;/b&gt;</strong>" in html  # in the printable table
    assert 'class="d-none d-print-block loop-print"' in html


def test_the_loop_page_costs_the_same_queries_for_3_and_30_stories(guide, owner_client, user,
                                                                     django_assert_num_queries):
    many_stories(user, 3)
    Profile.for_user(user)
    owner_client.get(LOOP)  # derives each story's facts and reads the guide's data, once
    Profile.bump_bank_revision(user)
    # session; user; profile; guide; stories (with their derived facts); saved plan; the navigation's
    # due count (new cards; rated cards' due times)
    with django_assert_num_queries(8):
        owner_client.get(LOOP)
    # until the next write, from the per-user cache: session; user; profile; guide
    with django_assert_num_queries(4):
        owner_client.get(LOOP)
    many_stories(user, 27)
    owner_client.get(LOOP)
    Profile.bump_bank_revision(user)
    with django_assert_num_queries(8):
        owner_client.get(LOOP)
    with django_assert_num_queries(4):
        owner_client.get(LOOP)


def test_the_loop_lists_the_best_fits_and_strongest_stories_and_every_story_on_request(guide, owner_client,
                                                                                      user):
    for n in range(40):
        make_strong_story(user, title=f"Candid story {n:02}", values=["candor-feedback"])
    quiet = make_story(user, title="A quiet draft")  # fits no round, not usable: beyond every list
    html = owner_client.get(LOOP).content.decode()
    select = re.search(rf'<select name="{slot("peer-manager")}".*?</select>', html, re.S).group(0)
    assert select.count("<option") == 1 + 15 + 10  # none, the 15 best fits, then the 10 strongest others
    assert "A quiet draft" not in html
    assert "List all 41 stories here" in html
    everything = owner_client.get(LOOP, {"all": "peer-manager"}).content.decode()
    select = re.search(rf'<select name="{slot("peer-manager")}".*?</select>', everything, re.S).group(0)
    assert select.count("<option") == 1 + 41 and "A quiet draft" in select
    # A story beyond the lists may still be planned, and then shows in its slot.
    response = owner_client.post(LOOP, {slot("hiring-manager"): quiet.pk}, follow=True)
    assert "Loop plan saved: 1 story." in response.content.decode()
    html = response.content.decode()
    assert re.search(rf'name="{slot("hiring-manager")}"[^>]*>.*?<option value="{quiet.pk}" selected>', html, re.S)
    assert "Does not match this round" in html
