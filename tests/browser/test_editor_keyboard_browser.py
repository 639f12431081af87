"""The editor by keyboard alone: Tab presses from Title to Save, pickers as one tab stop, Enter, Ctrl+S."""

import re

import pytest
from playwright.sync_api import expect

from stories.models import Story
from tests.browser.test_stories_browser import editor_ready
from tests.conftest import STRONG_PARTS

pytestmark = pytest.mark.django_db(transaction=True)

QUESTION = "How would you handle a streaming outage during a major content launch?"
PARTS = ["challenge", "decision", "execution", "communication", "impact"]


def focused(page):
    """A short description of the focused element: its id, or its text."""
    return page.evaluate(
        "() => { const e = document.activeElement; return e.id || e.getAttribute('name') || e.textContent.trim(); }"
    )


def tab(page, counter):
    page.keyboard.press("Tab")
    counter.append(focused(page))


def coach_settled(page, part):
    """The coach has read the part: its "is empty" blocker (and link) is gone."""
    expect(page.locator(f'[data-coach-for="{part}"] li')).to_have_count(0)


def test_a_story_is_written_tagged_and_saved_by_keyboard_in_about_twenty_tab_presses(owner_page, user):
    page = owner_page
    page.goto("/stories/new/")
    editor_ready(page)
    page.get_by_label("Title").focus()
    stops = []

    page.keyboard.type("Kept streams up during a premiere")
    page.keyboard.press("Enter")  # Enter in the title does not submit the story
    tab(page, stops)
    page.keyboard.type("One sentence that tells the whole story.")
    for n, part in enumerate(PARTS):
        tab(page, stops)
        assert stops[-1] == f"id_{part}"
        page.keyboard.insert_text(STRONG_PARTS[part])
        coach_settled(page, part)
        tab(page, stops)  # the part's Preview button
        assert stops[-1] == "Preview", n

    # The side column: the pace link, the coach's list (one stop however many findings), then the tags.
    while stops[-1] != "id_values_0":
        tab(page, stops)
        assert len(stops) < 20, stops
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("checkbox", name="Candor & Feedback")).to_be_focused()
    page.keyboard.press("Space")

    tab(page, stops)  # the questions: their filter box is the one stop
    expect(page.get_by_label("Filter questions")).to_be_focused()
    page.keyboard.type("outage")
    page.keyboard.press("Enter")  # filtering, not submitting
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("checkbox", name=QUESTION)).to_be_focused()
    page.keyboard.press("Space")

    tab(page, stops)  # the themes: one checkbox stands for the group
    assert stops[-1] == "id_themes_0"
    page.keyboard.press("Space")
    tab(page, stops)
    assert stops[-1] == "id_level"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # L6
    tab(page, stops)
    page.keyboard.type("10")
    tab(page, stops)
    assert stops[-1] == "id_new_tags"
    page.keyboard.type("launch, on-call")
    page.keyboard.press("Enter")  # not a save either
    tab(page, stops)
    assert stops[-1] == "id_status_0"
    tab(page, stops)
    assert stops[-1] == "Save story"
    # Title -> Summary (1), five parts with their Preview (10), the pace link and the coach's list (2),
    # values, questions, themes, level, team size, new tags, status (7), Save (1): 21.
    assert len(stops) <= 21, stops
    assert Story.objects.count() == 0

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/stories/\d+/$"))
    story = Story.objects.get(owner=user)
    assert story.title == "Kept streams up during a premiere"
    assert story.impact == STRONG_PARTS["impact"]
    assert [v.name for v in story.values.all()] == ["Candor & Feedback"]
    assert [q.text for q in story.questions.all()] == [QUESTION]
    assert story.themes.count() == 1 and story.level.code == "L6" and story.team_size == 10
    assert sorted(t.name for t in story.tags.all()) == ["launch", "on-call"]


def test_the_pickers_are_one_tab_stop_each_whatever_is_ticked(owner_page):
    page = owner_page
    page.goto("/stories/new/?value=customer-obsession")
    editor_ready(page)
    page.get_by_role("checkbox", name="Customer Obsession").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Filter questions")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    # Back into the values: the ticked one is the group's stop, and Up/Home move inside the group.
    expect(page.get_by_role("checkbox", name="Customer Obsession")).to_be_focused()
    page.keyboard.press("Home")
    expect(page.get_by_role("checkbox", name="Freedom & Responsibility")).to_be_focused()
    page.keyboard.press("ArrowUp")  # already first: stays
    expect(page.get_by_role("checkbox", name="Freedom & Responsibility")).to_be_focused()
    # The chips for the mouse are not tab stops; the question list's filter is inside its scroll box.
    expect(page.get_by_role("button", name="Remove Customer Obsession")).to_have_attribute("tabindex", "-1")
    expect(page.locator("#id_questions .picker-filter")).to_have_count(1)
    # Up from the first question goes back to the filter box.
    page.get_by_label("Filter questions").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    expect(page.get_by_label("Filter questions")).to_be_focused()


def test_ctrl_s_saves_and_says_so_and_enter_in_the_title_does_not(owner_page, user):
    page = owner_page
    page.goto("/stories/new/")
    editor_ready(page)
    expect(page.locator(".save-shortcut")).to_contain_text("Ctrl+S")
    title = page.get_by_label("Title")
    title.fill("Saved with the keyboard")
    title.press("Enter")
    expect(page).to_have_url(re.compile(r"/stories/new/$"))
    assert not Story.objects.exists()

    with page.expect_navigation():
        title.press("Control+s")
    expect(page).to_have_url(re.compile(r"/stories/\d+/$"))
    assert Story.objects.get(owner=user).title == "Saved with the keyboard"


def test_ctrl_s_announces_saving_in_a_live_region(owner_page):
    page = owner_page
    page.goto("/stories/new/")
    editor_ready(page)
    status = page.locator("[data-save-status]")
    expect(status).to_have_attribute("role", "status")
    # Hold the form back so the announcement can be read before the page changes.
    page.evaluate(
        "() => document.getElementById('story-form').addEventListener('submit', e => e.preventDefault())"
    )
    page.get_by_role("textbox", name="1. Challenge").press("Control+s")
    expect(status).to_have_text("Saving…")


def test_save_stays_in_view_while_writing_on_a_wide_screen_and_a_phone(owner_page):
    page = owner_page
    page.set_viewport_size({"width": 1440, "height": 800})
    page.goto("/stories/new/")
    editor_ready(page)
    save = page.get_by_role("button", name="Save story")
    for part in ("challenge", "impact"):
        page.locator(f"#id_{part}").focus()
        expect(save).to_be_in_viewport(ratio=1)
    page.set_viewport_size({"width": 375, "height": 740})
    for part in ("title", "execution", "impact"):
        page.locator(f"#id_{part}").focus()
        expect(save).to_be_in_viewport(ratio=1)
    box = save.bounding_box()
    assert box["y"] + box["height"] <= 740 and box["x"] + box["width"] <= 375
