"""Layout at 375 and 1440 px, measured in the browser: words kept whole, selects wide enough for their
longest option, the story list's filters folded on phones, the coverage matrix saying that it scrolls."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.conftest import make_story, make_strong_story

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 740}
WIDE = {"width": 1440, "height": 900}

# Every word of the matched elements whose letters lie on more than one line ("Budg/et").
BROKEN_WORDS = """sel => {
  const broken = [];
  for (const el of document.querySelectorAll(sel)) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""

# The lines of text each matched element takes.
LINES = """sel => [...document.querySelectorAll(sel)].map(el => {
  const range = document.createRange();
  range.selectNodeContents(el);
  return [el.textContent.trim(), new Set([...range.getClientRects()].filter(r => r.width > 0)
    .map(r => Math.round(r.top))).size];
})"""

# Each visible select whose longest option is wider than the room its box leaves for text (in px):
# the select's own font, measured on a canvas, against its width less its padding (the arrow's room).
CUT_SELECTS = """skip => [...document.querySelectorAll('select')].filter(s => s.offsetParent && !skip.includes(s.id))
  .map(s => {
    const style = getComputedStyle(s);
    const ctx = document.createElement('canvas').getContext('2d');
    ctx.font = style.font;
    const room = s.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const longest = [...s.options].map(o => o.text).sort((a, b) => ctx.measureText(b).width - ctx.measureText(a).width)[0];
    return [s.id, longest, Math.round(ctx.measureText(longest).width), Math.round(room)];
  })
  .filter(([id, text, width, room]) => width > room)"""


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1440", "375"])
def test_time_to_tell_never_breaks_a_word(owner_page, user, viewport):
    story = make_strong_story(user, title="Launch")
    owner_page.set_viewport_size(viewport)
    owner_page.goto(story.get_absolute_url())
    table = owner_page.locator(".timing-table")
    expect(table).to_contain_text("Budget")
    assert owner_page.evaluate(BROKEN_WORDS, ".timing-table th, .timing-table td") == []
    # Each column header on one line.
    assert [lines for _, lines in owner_page.evaluate(LINES, ".timing-table thead th")] == [1, 1, 1, 1]
    assert owner_page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1440", "375"])
def test_selects_are_wide_enough_for_their_longest_option(owner_page, user, viewport):
    make_story(user, title="Tagged", tags=["launch"])
    owner_page.set_viewport_size(viewport)
    phone = viewport is PHONE
    pages = {
        "/stories/new/": [],  # Target level: "L7 · Senior Staff/Principal" whole, at both widths
        # A time zone name ("America/Argentina/ComodRivadavia") cannot fit a phone's width at 16 px.
        "/accounts/settings/": ["id_time_zone"] if phone else [],
        # The 33 questions (up to 90 characters) cannot fit a phone either; its picker shows them whole.
        "/stories/": ["f-question"] if phone else [],
    }
    for url, skip in pages.items():
        owner_page.goto(url)
        if url == "/stories/" and phone:
            owner_page.get_by_text("Filters", exact=True).click()
        expect(owner_page.locator("select").first).to_be_visible()
        assert owner_page.evaluate(CUT_SELECTS, skip) == [], url
    owner_page.goto("/stories/new/")
    expect(owner_page.get_by_label("Target level")).to_contain_text("L7 · Senior Staff/Principal")


def test_the_story_list_filters_fold_behind_a_button_on_phones(owner_page, user):
    for i in range(6):
        make_story(user, title=f"Story {i}", values=["candor-feedback"] if i % 2 else [])
    page = owner_page
    page.set_viewport_size(PHONE)
    page.goto("/stories/")
    filters = page.get_by_role("search", name="Filter stories")
    expect(filters).to_be_hidden()
    # The first story is on the first screen, whole.
    first = page.locator(".story-row").first
    expect(first).to_be_in_viewport(ratio=1)
    page.get_by_text("Filters", exact=True).click()
    expect(filters).to_be_visible()
    page.get_by_label("Value").select_option(label="Candor & Feedback")
    page.get_by_role("button", name="Apply").click()
    # A filter in use keeps them open, so it can be seen and changed.
    expect(page.get_by_role("heading", name="Your stories 3 matching")).to_be_visible()
    expect(filters).to_be_visible()
    expect(page.locator(".story-row")).to_have_count(3)


def test_the_story_list_filters_are_open_on_wide_screens_without_a_click(browser, live_server, user, guide):
    make_story(user, title="Only one")
    for javascript in (True, False):  # story-filters.js opens them; without it, CSS shows them
        context = browser.new_context(base_url=live_server.url, viewport=WIDE, java_script_enabled=javascript)
        log_in(context, user, live_server)
        page = context.new_page()
        page.goto("/stories/")
        expect(page.get_by_role("search", name="Filter stories")).to_be_visible()
        expect(page.get_by_label("Search title and text")).to_be_editable()
        expect(page.get_by_text("Filters", exact=True)).to_be_hidden()
        context.close()


def test_the_matrix_says_it_scrolls_sideways_at_phone_width(owner_page, user, guide):
    for i in range(10):
        make_story(user, title=f"Story {i}", values=["candor-feedback"])
    page = owner_page
    page.set_viewport_size(PHONE)
    page.goto("/coverage/")
    hint = page.get_by_text("Scroll sideways for all 10 stories")
    frame = page.locator("[data-matrix-frame]")
    hint.scroll_into_view_if_needed()
    expect(hint).to_be_visible()
    expect(frame).to_have_class("matrix-frame can-scroll-right")
    # The shade on the right edge goes once the last story's column is in view.
    page.locator(".matrix-wrap").evaluate("el => el.scrollTo(el.scrollWidth, 0)")
    expect(frame).to_have_class("matrix-frame")
    # At 1440 px every column fits: no hint.
    page.set_viewport_size(WIDE)
    expect(hint).to_be_hidden()
