"""Two tabs edit one story: the second save is refused, shown as a merge, and keeps both changes."""

import re

import pytest
from playwright.sync_api import expect

from stories.models import Story
from tests.browser.test_stories_browser import editor_ready, save
from tests.conftest import STRONG_PARTS, make_story

pytestmark = pytest.mark.django_db(transaction=True)

CHALLENGE_A = STRONG_PARTS["challenge"].replace("doubled", "tripled")
IMPACT_B = STRONG_PARTS["impact"].replace("38%", "41%")


def test_two_tabs_changing_different_parts_end_with_both_changes(owner_page, user):
    story = make_story(user, values=["candor-feedback"], **STRONG_PARTS)
    tab_a = owner_page
    tab_b = tab_a.context.new_page()
    for tab in (tab_a, tab_b):
        tab.goto(f"/stories/{story.pk}/edit/")
        editor_ready(tab)

    tab_a.get_by_role("textbox", name="1. Challenge").fill(CHALLENGE_A)
    save(tab_a)

    tab_b.get_by_role("textbox", name="5. Member Impact").fill(IMPACT_B)
    with tab_b.expect_response(lambda r: r.request.method == "POST" and r.url.endswith("/edit/")) as response:
        tab_b.get_by_role("button", name="Save story").click()
    assert response.value.status == 409

    # Above the form: only the Challenge, with the changed word; a box under the Challenge only.
    changes = tab_b.locator(".conflict-summary li")
    expect(changes).to_have_count(1)
    expect(changes).to_contain_text("Challenge")
    expect(changes.locator("del")).to_have_text("doubled ")
    expect(changes.locator("ins")).to_have_text("tripled ")
    expect(tab_b.locator("[data-merge-field]")).to_have_count(1)
    expect(tab_b.locator("#merge-challenge")).to_be_visible()

    # Tab B's own change is untouched; the Challenge shows the other save's text (B had not changed it).
    challenge = tab_b.get_by_role("textbox", name="1. Challenge")
    expect(tab_b.get_by_role("textbox", name="5. Member Impact")).to_have_value(IMPACT_B)
    expect(tab_b.get_by_role("radio", name="Take theirs for Challenge")).to_be_checked()
    expect(challenge).to_have_value(CHALLENGE_A)
    # "Keep mine" brings back the text B had; "Take theirs" the newer one again.
    tab_b.get_by_role("radio", name="Keep mine for Challenge").check()
    expect(challenge).to_have_value(STRONG_PARTS["challenge"])
    tab_b.get_by_role("radio", name="Take theirs for Challenge").check()
    expect(challenge).to_have_value(CHALLENGE_A)
    expect(tab_b.locator("#draft-banner")).to_be_hidden()

    save(tab_b)
    story.refresh_from_db()
    assert (story.challenge, story.impact) == (CHALLENGE_A, IMPACT_B)
    assert story.version == 3


def test_typing_after_taking_theirs_keeps_the_typed_text(owner_page, user):
    story = make_story(user, challenge="We had a week.")
    tab_b = owner_page.context.new_page()
    tab_b.goto(f"/stories/{story.pk}/edit/")
    editor_ready(tab_b)
    Story.objects.filter(pk=story.pk).update(challenge="We had a day.", version=story.version + 1)
    tab_b.get_by_role("textbox", name="1. Challenge").fill("We had a week, said tab B.")
    tab_b.get_by_role("button", name="Save story").click()
    expect(tab_b.locator("#merge-challenge")).to_be_visible()

    challenge = tab_b.get_by_role("textbox", name="1. Challenge")
    tab_b.get_by_role("radio", name="Take theirs for Challenge").check()
    expect(challenge).to_have_value("We had a day.")
    challenge.press("End")
    challenge.press_sequentially(" Merged by hand.")
    expect(tab_b.get_by_role("radio", name="Keep mine for Challenge")).to_be_checked()
    save(tab_b)
    assert Story.objects.get(pk=story.pk).challenge == "We had a day. Merged by hand."
    expect(tab_b).to_have_url(re.compile(rf"/stories/{story.pk}/$"))
