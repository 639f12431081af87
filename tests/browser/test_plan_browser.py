"""The prep plan in Chromium: set the interview date, tick a task, log a debrief whose miss shows on the
dashboard; and the plan page at a phone's width."""

import re
from datetime import date, timedelta

from playwright.sync_api import expect

from stories.models import PlanTick, Profile
from tests.conftest import make_strong_story

MISSED = "How would you handle a streaming outage during a major content launch?"


def test_set_a_date_tick_a_task_and_log_a_debrief_whose_miss_reaches_the_dashboard(owner_page, user):
    page = owner_page
    make_strong_story(user, title="Pulled the new player from launch", questions=["candor-direct-communication-1"])
    loop_day = date.today() + timedelta(days=40)

    page.goto("/plan/")
    expect(page.locator("#plan-invite")).to_be_visible()
    page.get_by_label("Interview date").fill(loop_day.isoformat())
    page.get_by_role("button", name="Save date").click()
    expect(page.locator(".alert-success")).to_contain_text("Interview date set to")
    expect(page.get_by_role("heading", level=1)).to_have_text("40 days to your loop")
    assert Profile.for_user(user).interview_date == loop_day

    tick = page.get_by_role("button", name="Mark done: Study Netflix")
    tick.click()
    expect(page.get_by_role("button", name="Done, undo: Study Netflix")).to_have_attribute("aria-pressed", "true")
    assert PlanTick.objects.filter(owner=user).count() == 1
    expect(page.locator("#plan-progress")).to_contain_text("1/")

    page.get_by_role("link", name="Debrief an interview").click()
    page.get_by_label("Question asked", exact=True).fill(MISSED)
    page.get_by_label("Question asked (2)").fill("Tell me about a time you had to give difficult feedback to a senior engineer")
    page.get_by_label("Story told", exact=True).select_option(label="Pulled the new player from launch")
    page.get_by_role("button", name="Save the debrief").click()
    expect(page.locator(".alert-success")).to_contain_text("Debrief saved: 2 questions.")
    expect(page.locator("main")).to_contain_text("1 of 2 asked had a Ready story")

    page.get_by_role("link", name="Coverage").first.click()
    today = page.locator("#today")
    expect(today).to_contain_text("40 days to your loop")
    expect(page.locator("#asked-gaps")).to_contain_text(MISSED)
    expect(page.locator("#asked-gaps")).not_to_contain_text("difficult feedback")
    page.locator("#asked-gaps").get_by_role("link", name="Write a story for this").click()
    expect(page).to_have_url(re.compile(r"question=technical-leadership-at-netflix-scale-2"))


def test_the_plan_fits_a_phone(owner_page, user, screenshot):
    page = owner_page
    profile = Profile.for_user(user)
    profile.interview_date = date.today() + timedelta(days=20)
    profile.save()
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/plan/")
    expect(page.locator(".plan-phase").first).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    screenshot("plan-375", width=375)


def test_an_unset_time_zone_is_filled_in_from_the_browser_and_kept_on_save(browser, live_server, user, guide):
    from tests.browser.conftest import log_in

    context = browser.new_context(base_url=live_server.url, timezone_id="Europe/Berlin")
    try:
        log_in(context, user, live_server)
        page = context.new_page()
        page.goto("/plan/")
        expect(page.get_by_label("Time zone")).to_have_value("Europe/Berlin")
        expect(page.locator("[data-zone-note]")).to_contain_text("your browser's time zone (Europe/Berlin)")
        page.get_by_label("Interview date").fill((date.today() + timedelta(days=30)).isoformat())
        page.get_by_role("button", name="Save date").click()
        expect(page.locator(".alert-success")).to_be_visible()
        assert Profile.for_user(user).time_zone == "Europe/Berlin"

        # A zone the person chose is never replaced by the browser's.
        Profile.objects.filter(user=user).update(time_zone="Europe/Lisbon")
        page.goto("/accounts/settings/")
        expect(page.get_by_label("Time zone")).to_have_value("Europe/Lisbon")
        expect(page.locator("[data-zone-note]")).to_have_count(0)
    finally:
        context.close()
