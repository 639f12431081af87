"""The coach in Chromium: findings appear while typing, before any save; Ready with blockers asks first."""

import re

import pytest
from playwright.sync_api import expect

from stories.models import Story
from tests.conftest import STRONG_PARTS, make_story

pytestmark = pytest.mark.browser


def test_a_member_impact_without_a_number_is_flagged_while_typing_and_ready_asks_to_confirm(
    owner_page, user, screenshot
):
    page = owner_page
    page.goto("/stories/new/")
    page.get_by_role("textbox", name=re.compile(r"^Title")).fill("Cut start-up time before a launch")
    for field in ("challenge", "decision", "execution"):
        page.locator(f"#id_{field}").fill(STRONG_PARTS[field])
    page.locator("#id_impact").fill("Members on smart TVs were much happier with how fast playback started.")

    impact_findings = page.locator('[data-coach-for="impact"]')
    expect(impact_findings).to_contain_text("Member Impact gives no figure.")
    expect(page.locator('[data-coach-for="communication"]')).to_contain_text("Direct Communication is empty.")
    expect(page.locator("[data-coach-summary]")).to_contain_text("1 blocker")
    expect(page.locator("[data-coach-grade]")).to_contain_text("Weak")
    assert Story.objects.count() == 0  # nothing was saved to get there

    # Adding the figure clears that finding, still without saving.
    page.locator("#id_impact").fill("Start-up for members on smart TVs fell 58%, from 4.2 to 1.7 seconds.")
    expect(impact_findings).not_to_contain_text("gives no figure")
    screenshot("coach-editor", width=1440)

    page.get_by_label("Ready").check()
    page.get_by_role("button", name="Save story").click()
    confirm = page.locator("#ready-confirm")
    expect(confirm).to_contain_text("Mark it Ready with 1 blocker?")
    expect(confirm).to_contain_text("Direct Communication is empty.")
    assert Story.objects.count() == 0
    expect(page.locator("#id_impact")).to_have_value(re.compile("fell 58%"))  # what was typed is kept

    confirm.get_by_role("button", name="Save as Ready anyway").click()
    expect(page.get_by_role("heading", name="Cut start-up time before a launch")).to_be_visible()
    assert Story.objects.get().status == "ready"


def test_the_story_page_shows_the_checklist_and_probes(owner_page, user, screenshot):
    story = make_story(
        user, title="Faster app", challenge="We had a problem with the app.", decision="We decided to fix it.",
        execution="We built it. It was faster and the team liked it.", impact="Things got a lot better.",
        status="ready", level="L6",
    )
    page = owner_page
    page.goto(f"/stories/{story.pk}/")
    coach = page.locator(".coach-card")
    expect(coach.locator(".grade-badge")).to_have_text(re.compile("Weak"))
    expect(coach).to_contain_text("Direct Communication is empty.")
    expect(page.locator(".probes-card")).to_contain_text("By how much, measured how?")
    fix = coach.get_by_role("link", name="Fix it").first
    expect(fix).to_have_attribute("href", re.compile(rf"/stories/{story.pk}/edit/#id_\w+"))
    screenshot("coach-story-page", width=1440)
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot("coach-story-page-phone", width=375)
