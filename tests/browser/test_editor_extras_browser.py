import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_each_part_previews_its_markdown_sanitized(page, user, guide, live_server):
    log_in(page.context, user, live_server)
    page.goto("/stories/new/")
    page.get_by_role("textbox", name="1. Challenge").fill("**Bold move** <img src=x onerror=alert(1)>\n\n- one\n- two")
    page.get_by_role("button", name="Preview").first.click()
    preview = page.locator('[data-preview-for="challenge"]')
    expect(preview.locator("strong")).to_have_text("Bold move")
    expect(preview.locator("li")).to_have_count(2)
    expect(preview.locator("img")).to_have_count(0)
    expect(page.get_by_role("textbox", name="1. Challenge")).to_be_hidden()
    page.get_by_role("button", name="Edit").first.click()
    expect(page.get_by_role("textbox", name="1. Challenge")).to_be_visible()


def test_the_editor_is_usable_at_phone_width(page, user, guide, live_server):
    log_in(page.context, user, live_server)
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto("/stories/new/")
    page.get_by_role("textbox", name="1. Challenge").fill("word " * 80)
    expect(page.locator("[data-total-mirror]")).to_contain_text("Total 0:32 of 4:00")
    expect(page.locator("[data-total-mirror]")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
