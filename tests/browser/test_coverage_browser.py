import re

import pytest
from playwright.sync_api import expect

from guide.models import InterviewRound, Question
from stories.models import LoopSlot, Story
from tests.browser.conftest import log_in as give_session
from tests.conftest import make_story, make_strong_story

pytestmark = pytest.mark.django_db(transaction=True)

OTHER_VALUES = ["Freedom & Responsibility", "High Performance Culture", "Innovation & Risk-Taking", "Customer Obsession"]


@pytest.fixture
def log_in(page, live_server, django_user_model):
    """Log the browser in as a brand-new user; returns the user."""

    def log_in_as(username="newcomer"):
        user = django_user_model.objects.create_user(username, f"{username}@example.com", "correct-horse-9")
        give_session(page.context, user, live_server)
        return user

    return log_in_as


def test_a_new_user_writes_a_story_for_a_value_and_the_dashboard_shows_the_other_four_gaps(
    page, guide, log_in, screenshot
):
    log_in()
    page.goto("/coverage/")
    # An empty bank: the first steps, not 33 red zeros.
    expect(page.get_by_role("heading", name="Your coverage starts with your first story")).to_be_visible()
    expect(page.locator("#values-covered")).to_have_count(0)
    expect(page.locator("tr.value-missing")).to_have_count(0)

    page.get_by_role("link", name="Write a story", exact=True).first.click()
    page.get_by_role("textbox", name=re.compile(r"^Title")).fill("Told a senior engineer his review tone hurt the team")
    page.get_by_label("Candor & Feedback", exact=True).check()
    page.get_by_role("button", name="Save story").click()
    expect(page.get_by_role("heading", name="Told a senior engineer his review tone hurt the team")).to_be_visible()

    page.goto("/coverage/")
    # A title-only draft touches the value but does not cover it: the value is thin, with the reason.
    expect(page.locator("#values-covered")).to_have_text("0/5")
    missing = page.locator("tr.value-missing")
    expect(missing).to_have_count(4)
    expect(missing.locator("th")).to_contain_text(OTHER_VALUES)
    expect(missing.first).to_contain_text("No story yet")  # said in words, not only in colour
    expect(page.locator("#value-candor-feedback")).to_contain_text("Thin")
    expect(page.locator("#value-candor-feedback")).to_contain_text("Only drafts")
    screenshot("coverage-one-value", width=1440)

    page.get_by_role("link", name="Write a story for Innovation & Risk-Taking").click()
    expect(page).to_have_url(re.compile(r"/stories/new/\?value=innovation-risk-taking$"))
    expect(page.get_by_label("Innovation & Risk-Taking", exact=True)).to_be_checked()
    expect(page.get_by_label("Candor & Feedback", exact=True)).not_to_be_checked()


def test_tag_it_turns_a_might_fit_into_an_answer(page, guide, log_in):
    user = log_in()
    story = make_strong_story(user, title="Gave my lead candid feedback", values=["candor-feedback"],
                              challenge="My lead and I had a disagreement about the technical direction of search.")
    page.goto("/coverage/?questions=uncovered")
    row = page.locator("#q-candor-direct-communication-2")
    expect(row).to_contain_text("Might fit: Gave my lead candid feedback")
    row.get_by_role("button", name=re.compile("^Tag “Gave my lead candid feedback”")).click()
    expect(page.get_by_role("alert")).to_contain_text("Tagged “Gave my lead candid feedback” with")
    # Back where it was on the long page: the question's category (the question, covered now, is filtered out).
    expect(page).to_have_url(re.compile(r"/coverage/\?questions=uncovered#cat-candor-direct-communication$"))
    expect(page.locator("#cat-candor-direct-communication")).to_be_in_viewport()
    expect(page.locator("#q-candor-direct-communication-2")).to_have_count(0)
    assert list(story.questions.values_list("slug", flat=True)) == ["candor-direct-communication-2"]


def test_the_question_page_offers_might_fit_with_one_click_tagging(page, guide, log_in):
    user = log_in()
    make_story(user, title="Gave my lead candid feedback", values=["candor-feedback"],
               decision="I challenged the decision leadership had made to ship without load tests.")
    question = Question.objects.get(slug="candor-direct-communication-3")
    page.goto(question.get_absolute_url())
    card = page.locator(".might-fit-card")
    expect(card.get_by_role("heading", name="Might fit")).to_be_visible()
    card.get_by_role("button", name=re.compile("^Tag “Gave my lead candid feedback”")).click()
    expect(page).to_have_url(question.get_absolute_url())
    expect(page.get_by_role("alert")).to_contain_text("Tagged “Gave my lead candid feedback”")


def test_plan_for_me_proposes_a_plan_with_reasons_that_the_user_saves(page, guide, log_in, screenshot):
    user = log_in()
    make_story(user, title="Candid review", values=["candor-feedback"], status=Story.Status.READY)
    make_story(user, title="Streaming at scale", themes=["global-streaming-at-scale"],
               questions=["technical-leadership-at-netflix-scale-1"])
    make_story(user, title="Gave a team freedom", values=["freedom-responsibility"])
    page.goto("/coverage/loop/")
    page.get_by_role("button", name="Plan for me").click()
    expect(page.get_by_text("Proposed plan, not saved yet.")).to_be_visible()
    peer = page.get_by_label("Story 1 for Peer Manager")
    expect(peer.locator("option:checked")).to_have_text("✓ Candid review")
    expect(page.get_by_text("Fits Candor & feedback (value Candor & Feedback).").first).to_be_visible()
    page.get_by_role("button", name="Save plan").click()
    expect(page.get_by_role("alert")).to_contain_text("Loop plan saved: 3 stories.")
    assert LoopSlot.objects.filter(owner=user).count() == 3
    screenshot("loop-plan", width=1440)


def pdf_pages(pdf):
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_a_full_loop_of_long_titled_stories_prints_on_one_page(page, guide, log_in):
    user = log_in()
    rounds = list(InterviewRound.objects.all())
    for n in range(12):
        story = make_story(user, title=f"Story {n}: a long descriptive title about leading a platform migration "
                                       "across many teams", values=["candor-feedback", "customer-obsession"])
        LoopSlot.objects.create(owner=user, round=rounds[n % 6], story=story, order=n // 6)
    page.goto("/coverage/loop/")
    assert pdf_pages(page.pdf(prefer_css_page_size=True)) == 1
    page.emulate_media(media="print")
    expect(page.locator(".loop-print")).to_be_visible()
    expect(page.locator(".loop-form")).to_be_hidden()
    expect(page.locator(".loop-print tbody")).to_have_count(6)  # a round each
    expect(page.locator(".loop-print tbody tr")).to_have_count(12)  # a story each


def test_the_dashboard_and_the_loop_fit_a_phone_screen(page, guide, log_in, screenshot):
    user = log_in()
    for n in range(12):
        make_story(user, title=f"A story with quite a long title, number {n}", values=["candor-feedback"],
                   questions=["candor-direct-communication-1"])
    page.set_viewport_size({"width": 375, "height": 800})
    for path, name in [("/coverage/", "coverage-375"), ("/coverage/loop/?plan=auto", "loop-375")]:
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        screenshot(name, width=375)


def test_the_story_columns_name_their_story_for_screen_readers_and_on_hover(page, guide, log_in):
    user = log_in()
    make_story(user, title="Candid review", values=["candor-feedback"])
    page.goto("/coverage/")
    column = page.locator("th.matrix-story").get_by_role("link", name="Candid review")
    expect(column).to_have_text("1")
    expect(column).to_have_attribute("title", "Candid review")
    column.focus()
    expect(column).to_be_focused()


def test_tag_it_returns_to_the_question_on_the_long_dashboard(page, guide, log_in):
    user = log_in()
    for i in range(12):  # a long page, as a real bank makes it
        make_story(user, title=f"Other story {i}", values=["freedom-responsibility"])
    make_story(user, title="Gave my lead candid feedback", values=["candor-feedback"],
               challenge="My lead and I had a disagreement about the technical direction of search.")
    page.goto("/coverage/")
    row = page.locator("#q-candor-direct-communication-2")
    row.get_by_role("button", name=re.compile("^Tag “Gave my lead candid feedback”")).click()
    expect(page).to_have_url(re.compile(r"/coverage/#q-candor-direct-communication-2$"))
    expect(row).to_be_in_viewport()
    expect(row).to_contain_text("Gave my lead candid feedback")
    assert page.evaluate("window.scrollY") > 1000
