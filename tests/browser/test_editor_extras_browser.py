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


def test_a_long_unbroken_title_and_tag_do_not_widen_the_phone_screen(owner_page, user):
    from tests.conftest import make_story

    story = make_story(user, title="https://example.com/" + "x" * 150, tags=["y" * 50], values=["candor-feedback"])
    owner_page.set_viewport_size({"width": 375, "height": 740})
    for url in ["/stories/", story.get_absolute_url(), f"/stories/{story.pk}/edit/"]:
        owner_page.goto(url)
        assert owner_page.evaluate("document.documentElement.scrollWidth") <= 375, url


def test_a_draft_typed_over_an_older_version_is_refused_not_saved_over_the_newer_text(owner_page, user):
    from stories.models import Story
    from tests.conftest import make_story

    story = make_story(user, title="Drafted", challenge="Original text.")
    owner_page.goto(f"/stories/{story.pk}/edit/")
    owner_page.get_by_role("textbox", name="1. Challenge").fill("My draft text.")
    owner_page.wait_for_function(
        "key => (localStorage.getItem(key) || '').includes('My draft text.')",
        arg=f"storybank:{user.pk}:story:{story.pk}",
    )
    # Meanwhile, another device saves the story.
    Story.objects.filter(pk=story.pk).update(challenge="Saved on the phone.", version=story.version + 1)
    owner_page.reload()
    owner_page.get_by_role("button", name="Restore my draft").click()
    expect(owner_page.get_by_role("textbox", name="1. Challenge")).to_have_value("My draft text.")
    owner_page.get_by_role("button", name="Save story").click()
    expect(owner_page.locator(".alert-danger")).to_contain_text("was saved elsewhere")
    expect(owner_page.locator('[data-newer-for="challenge"]')).to_contain_text("Saved on the phone.")
    expect(owner_page.get_by_role("textbox", name="1. Challenge")).to_have_value("My draft text.")
    assert Story.objects.get(pk=story.pk).challenge == "Saved on the phone."


def test_without_javascript_the_menus_stay_reachable(browser, live_server, user, guide):
    from tests.browser.conftest import log_in

    context = browser.new_context(base_url=live_server.url, java_script_enabled=False,
                                  viewport={"width": 375, "height": 740})
    log_in(context, user, live_server)
    page = context.new_page()
    page.goto("/stories/")
    expect(page.get_by_role("link", name="Trash")).to_be_visible()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    expect(page.get_by_role("link", name="Guide", exact=True)).to_be_visible()
    page.goto("/stories/new/")
    expect(page.get_by_role("button", name="Preview")).to_have_count(0)
    context.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_the_draft_banner_is_in_view_after_the_browser_restores_the_scroll_position(owner_page, user, width):
    page = owner_page
    page.set_viewport_size({"width": width, "height": 740})
    page.goto("/stories/new/")
    impact = page.get_by_role("textbox", name="5. Member Impact")
    impact.fill("Start-up time fell by half for 12 million members.")
    page.wait_for_function(
        "key => localStorage.getItem(key) !== null", arg=f"storybank:{user.pk}:story:new", timeout=2_000
    )
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.reload()
    # The reader is put back where they were, far below the top of the page...
    page.wait_for_function("() => window.scrollY > 500")
    banner = page.get_by_role("region", name="Unsaved draft")
    # ...and the offer of their draft is on screen there, not above it.
    expect(banner).to_be_in_viewport()
    restore = banner.get_by_role("button", name="Restore my draft")
    expect(restore).to_be_in_viewport()
    restore.click()
    expect(impact).to_have_value("Start-up time fell by half for 12 million members.")
    expect(banner).to_be_hidden()
