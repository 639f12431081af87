"""Dark mode in the browser: the system's preference is followed before the page paints, and the navbar's
toggle switches at once and is remembered (per user on the server, per browser for a visitor)."""

import pytest
from playwright.sync_api import expect

from stories.models import Profile
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def theme(page):
    return page.evaluate("document.documentElement.dataset.bsTheme")


def body_background(page):
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


def test_a_visitor_follows_the_system_and_the_toggle_is_kept_in_the_browser(browser, live_server, guide):
    context = browser.new_context(base_url=live_server.url, color_scheme="dark")
    page = context.new_page()
    try:
        page.goto("/")
        assert theme(page) == "dark" and body_background(page) == "rgb(18, 18, 20)"
        page.emulate_media(color_scheme="light")  # the system changes: "System" follows it
        expect(page.locator("html")).to_have_attribute("data-bs-theme", "light")
        page.get_by_role("button", name="Dark appearance").click()
        assert theme(page) == "dark"
        assert page.get_by_role("button", name="Dark appearance").get_attribute("aria-pressed") == "true"
        assert page.url.endswith("/")  # applied in place, no reload
        page.goto("/guide/")
        assert theme(page) == "dark"  # although the system is light now
        page.get_by_role("button", name="System appearance").click()
        assert theme(page) == "light"
    finally:
        context.close()


def test_a_users_choice_is_saved_and_rendered_by_the_server(browser, live_server, user, guide):
    context = browser.new_context(base_url=live_server.url, color_scheme="light")
    log_in(context, user, live_server)
    page = context.new_page()
    try:
        page.goto("/stories/")
        with page.expect_response("**/accounts/appearance/") as saved:
            page.get_by_role("button", name="Dark appearance").click()
        assert theme(page) == "dark" and saved.value.status == 200
        assert Profile.objects.get(user=user).appearance == "dark"
    finally:
        context.close()
    # Another browser of the same user, with JavaScript off: the server renders the colours itself.
    other = browser.new_context(base_url=live_server.url, color_scheme="light", java_script_enabled=False)
    log_in(other, user, live_server)
    try:
        page = other.new_page()
        page.goto("/coverage/")
        assert page.locator("html").get_attribute("data-bs-theme") == "dark"
        assert body_background(page) == "rgb(18, 18, 20)"
    finally:
        other.close()
