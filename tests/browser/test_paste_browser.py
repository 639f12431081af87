"""The editor's "paste a whole story" box: split, preview, fill the parts, undo."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.exchange.field_cases import field_case_bytes

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_pasted_star_story_is_previewed_then_fills_the_parts_and_can_be_undone(page, user, guide, live_server):
    log_in(page.context, user, live_server)
    page.goto("/stories/new/")
    challenge = page.get_by_role("textbox", name="1. Challenge")
    challenge.fill("My own first draft.")
    page.get_by_text("Paste a whole story").click()
    page.get_by_label("The story with its parts labelled").fill(field_case_bytes("13-paste-whole-star-story.txt").decode())
    page.get_by_role("button", name="Split into parts").click()
    expect(page.locator("[data-paste-part=impact]")).to_have_text(
        "Reports arrived in under 40 minutes; pages for the job dropped to zero.")
    expect(challenge).to_have_value("My own first draft.")  # nothing changes before "Fill the parts"
    page.get_by_role("button", name="Fill the parts").click()
    expect(challenge).to_have_value(
        "Partner reports arrived a day late because a nightly batch job kept failing.\n\n"
        "Make the reports arrive within the hour without a rewrite freeze.")
    expect(page.get_by_role("textbox", name="5. Member Impact")).to_have_value(
        "Reports arrived in under 40 minutes; pages for the job dropped to zero.")
    expect(page.locator("[data-counter-for=challenge]")).not_to_have_text("—")
    page.get_by_role("button", name="Undo").click()
    expect(challenge).to_have_value("My own first draft.")
    expect(page.get_by_role("textbox", name="5. Member Impact")).to_have_value("")


def test_text_without_labels_gets_the_message_and_changes_nothing(page, user, guide, live_server):
    log_in(page.context, user, live_server)
    page.goto("/stories/new/")
    page.get_by_text("Paste a whole story").click()
    page.get_by_label("The story with its parts labelled").fill("Just a paragraph.")
    page.get_by_role("button", name="Split into parts").click()
    expect(page.locator("[data-paste-status]")).to_contain_text("No labels found")
    expect(page.get_by_role("button", name="Fill the parts")).to_be_hidden()
