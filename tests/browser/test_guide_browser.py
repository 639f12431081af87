import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_clicking_a_toc_entry_shows_that_section_and_highlights_it(page, guide):
    page.goto("/guide/netflix/")
    expect(page.get_by_role("heading", name="Netflix Engineering Leadership Interview Guide")).to_be_visible()
    sidebar = page.get_by_role("navigation", name="Guide sections")
    sidebar.get_by_role("link", name="Candor & Direct Communication").click()
    heading = page.locator("#candor-direct-communication")
    expect(heading).to_be_in_viewport()
    active = sidebar.locator("a.toc-link.active:visible")
    expect(active).to_have_count(1)
    expect(active).to_have_text("Candor & Direct Communication")
    expect(active).to_have_attribute("aria-current", "location")
    assert page.url.endswith("#candor-direct-communication")


def test_scrolling_moves_the_highlight(page, guide):
    page.goto("/guide/netflix/")
    for anchor, title in [
        ("senior-software-engineer-l5", "Senior Software Engineer (L5)"),
        ("overview", "Overview"),
    ]:
        # Bring the heading just under the sticky header, as a reader's scroll would.
        page.evaluate(
            "id => window.scrollBy(0, document.getElementById(id).getBoundingClientRect().top - 100)", anchor
        )
        page.mouse.wheel(0, 1)
        expect(page.locator("a.toc-link.active:visible")).to_have_text(title)


def test_the_guide_own_table_of_contents_links_jump_to_their_section(page, guide):
    page.goto("/guide/netflix/")
    page.locator("#guide-content").get_by_role("link", name="Senior Staff/Principal Engineer (L7)").click()
    expect(page.locator("#senior-staffprincipal-engineer-l7")).to_be_in_viewport()


def test_search_from_the_navigation_bar(page, guide):
    page.goto("/guide/netflix/values/")
    page.get_by_label("Search the guide").fill("candor")
    page.get_by_label("Search the guide").press("Enter")
    expect(page).to_have_url("/guide/search/?q=candor")
    first = page.locator(".search-results li").first
    expect(first.locator("mark").first).to_have_text("Candor")
    first.get_by_role("link").click()
    expect(page).to_have_url("/guide/netflix/#3-candor-feedback-radical-transparency")
    expect(page.locator("[id='3-candor-feedback-radical-transparency']")).to_be_in_viewport()


def test_the_navigation_works_at_phone_width(page, guide):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto("/")
    page.get_by_role("button", name="Toggle navigation").click()
    page.get_by_role("link", name="Guide", exact=True).click()
    expect(page).to_have_url("/guide/")
    # Nothing is wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_the_skip_link_is_the_first_tab_stop(page, guide):
    page.goto("/guide/netflix/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def inside_panel(page):
    """Whether the highlighted contents entry lies within the visible box of the scrolling panel."""
    return page.evaluate(
        """() => {
            const link = [...document.querySelectorAll('a.toc-link.active')].find(a => a.offsetParent);
            const panel = link.closest('.guide-toc');
            const box = panel.getBoundingClientRect(), item = link.getBoundingClientRect();
            return item.top >= box.top && item.bottom <= box.bottom && panel.scrollHeight > panel.clientHeight;
        }"""
    )


def test_the_contents_keep_the_highlighted_entry_in_view(page, guide):
    page.goto("/guide/netflix/")
    for anchor, title in [("day-of-interview", "Day of Interview"), ("overview", "Overview")]:
        page.evaluate(
            "id => window.scrollBy(0, document.getElementById(id).getBoundingClientRect().top - 100)", anchor
        )
        page.mouse.wheel(0, 1)
        expect(page.locator("a.toc-link.active:visible")).to_have_text(title)
        assert inside_panel(page), title
    # The page itself was not moved by the panel's scroll: Overview's heading is where the reader put it.
    assert abs(page.evaluate("document.getElementById('overview').getBoundingClientRect().top") - 100) <= 2
