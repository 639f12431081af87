"""A whole rehearsal in Chromium with Playwright's fake clock: think, five parts, a recording from
the fake microphone, rating, history and the due count; and the same run by keyboard only."""

import re

from playwright.sync_api import expect

from stories.models import Rehearsal
from tests.conftest import make_story

QUESTION = "candor-direct-communication-1"


def _story(user):
    return make_story(
        user,
        title="Told a senior engineer hard truths",
        questions=[QUESTION],
        challenge="Our best engineer was shipping fast and breaking on-call for everyone.",
        decision="I chose to tell him the same day, in private, with the incident list.",
    )


def test_a_whole_rehearsal_with_a_recording_a_rating_and_history(owner_page, user):
    page = owner_page
    _story(user)
    page.clock.install()
    page.goto("/practice/")
    expect(page.locator("#due-count")).to_have_text("2")
    expect(page.locator("#nav-due-count")).to_contain_text("2")
    page.get_by_role("link", name="Rehearse the next due").click()
    expect(page.locator("#run-prompt")).to_contain_text("difficult feedback to a senior engineer")

    # Record from the fake microphone; the note says where the recording is kept.
    expect(page.locator("#record-note")).to_contain_text("never sent to the server")
    page.get_by_label("Record my telling").check()
    page.wait_for_selector("[data-record-option][data-ready='1']", state="attached")

    page.get_by_role("button", name="Start", exact=True).click()
    expect(page.locator("#stage-step")).to_have_text("Think")
    page.clock.fast_forward(10_500)  # the 10 s to think run out
    expect(page.locator("#stage-part")).to_have_text("Challenge")
    expect(page.locator("#stage-cue")).to_have_text("Our best engineer was shipping fast and breaking…")
    expect(page.locator("#recording-flag")).to_be_visible()
    page.wait_for_selector("#recordings[data-chunks]", state="attached")  # audio arrives (real time)

    page.clock.fast_forward(25_000)
    expect(page.locator("#stage-clock-box")).to_have_attribute("data-status", "near")
    page.clock.fast_forward(10_000)
    expect(page.locator("#stage-clock-box")).to_have_attribute("data-status", "over")
    expect(page.locator("#stage-status")).to_have_text("over budget")

    page.keyboard.press("ArrowRight")
    page.clock.run_for(100)
    expect(page.locator("#stage-part")).to_have_text("Autonomous Decision")
    expect(page.locator("#run-live")).to_have_text("Part 2 of 5: Autonomous Decision, 60 seconds.")
    page.keyboard.press(" ")  # pause: the clock stands still
    expect(page.locator("#run-pause")).to_have_text("Resume")
    page.clock.fast_forward(20_000)
    expect(page.locator("#stage-clock")).to_have_text("0:00")
    page.keyboard.press(" ")
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#stage-part")).to_have_text("Challenge")
    page.keyboard.press("ArrowRight")
    page.clock.fast_forward(50_000)
    page.keyboard.press("ArrowRight")
    page.clock.fast_forward(80_000)
    page.keyboard.press("ArrowRight")
    page.clock.fast_forward(30_000)
    page.keyboard.press("ArrowRight")
    expect(page.locator("#stage-part")).to_have_text("Member Impact")
    page.clock.fast_forward(20_000)
    page.keyboard.press("Escape")

    # After the run: the times from the marks, the story part by part, drills, the recording.
    expect(page.locator("#after-run")).to_be_visible()
    expect(page.locator("#id_seconds_challenge")).to_have_value(re.compile(r"^3[5-6]$"))
    expect(page.locator("#id_seconds_decision")).to_have_value("50")
    expect(page.locator("#id_seconds_execution")).to_have_value("80")
    expect(page.locator("#id_seconds_impact")).to_have_value("20")
    expect(page.locator("tr[data-index='0']")).to_have_attribute("data-status", "over")
    expect(page.locator(".reveal-part").first).to_contain_text("Challenge")
    expect(page.locator(".checklist li")).to_have_count(4)  # the coach's checklist for a story with no level

    probe = page.locator("[data-probe]").first
    probe.get_by_role("button", name="Start 60 s").click()
    page.clock.fast_forward(61_000)
    expect(probe.locator("[data-probe-clock]")).to_have_text("0:00")
    expect(probe.locator("[data-probe-live]")).to_have_text("Time is up.")

    recording = page.locator("#recordings-list li")
    expect(recording).to_have_count(1)
    audio = recording.locator("audio")
    page.wait_for_function("a => isFinite(a.duration) && a.duration > 0", arg=audio.element_handle())
    assert audio.evaluate("a => a.duration") > 0
    recording.get_by_role("button", name="Play Challenge").click()
    page.wait_for_function("a => a.played.length > 0", arg=audio.element_handle())

    page.locator("label[for=id_rating_2]").click()  # Good
    expect(page.get_by_label(re.compile(r"^Good"))).to_be_checked()
    page.get_by_label("Note").fill("Lead with the on-call numbers.")
    page.get_by_role("button", name="Save rehearsal").click()
    expect(page.locator(".alert-success")).to_contain_text("Rehearsal saved.")
    expect(page.locator("#due-count")).to_have_text("0")
    expect(page.locator("#nav-due-count")).to_have_count(0)

    rehearsal = Rehearsal.objects.get()
    assert rehearsal.rating == Rehearsal.Rating.GOOD
    assert rehearsal.part_seconds[1:] == [50, 80, 30, 20]
    assert rehearsal.note == "Lead with the on-call numbers."

    page.get_by_role("link", name="History").click()
    expect(page.locator("#total-rehearsals")).to_have_text("1")
    expect(page.locator("#streak")).to_have_text("1 day")
    expect(page.locator("#question-history tbody tr").first).to_contain_text("3.0 of 4")

    # The recording stays in the browser until deleted.
    page.goto(f"/practice/question/{QUESTION}/")
    expect(page.locator("#recordings-list li")).to_have_count(1)
    page.get_by_role("button", name="Delete recording").click()
    expect(page.locator("#recordings-list li")).to_have_count(0)
    expect(page.locator("#recordings")).to_be_hidden()


def _tab_to(page, selector, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_a_rehearsal_by_keyboard_only(owner_page, user):
    page = owner_page
    story = _story(user)
    page.clock.install()
    page.goto(f"/practice/story/{story.pk}/")
    _tab_to(page, "#opt-think")
    page.keyboard.press(" ")  # no time to think
    _tab_to(page, "#run-start")
    page.keyboard.press("Enter")
    expect(page.locator("#stage-part")).to_have_text("Challenge")
    expect(page.locator("#stage-part")).to_be_focused()
    for seconds in (20, 40, 70, 25):
        page.clock.fast_forward(seconds * 1000)
        page.keyboard.press("ArrowRight")
    page.clock.fast_forward(28_000)
    page.keyboard.press("ArrowRight")  # → on the last part ends the run
    expect(page.locator("#after-heading")).to_be_focused()
    expect(page.locator("#run-total")).to_have_text("3:03")
    _tab_to(page, "input[name=rating]")
    page.keyboard.press("ArrowRight")  # from Again to Hard
    page.keyboard.press("ArrowRight")  # Good
    page.keyboard.press("ArrowRight")  # Easy
    _tab_to(page, "#save-rehearsal")
    page.keyboard.press("Enter")
    expect(page.locator(".alert-success")).to_contain_text("Rehearsal saved.")
    rehearsal = Rehearsal.objects.get()
    assert (rehearsal.story, rehearsal.question, rehearsal.rating) == (story, None, Rehearsal.Rating.EASY)
    assert rehearsal.part_seconds == [20, 40, 70, 25, 28]
