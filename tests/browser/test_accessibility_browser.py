"""axe-core (bundled by axe-playwright-python) finds no serious or critical violation on the main pages,
logged in and out, at a phone's and a desktop's width, in light and in dark mode."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from stories import services
from tests.browser.conftest import log_in
from tests.conftest import make_story, make_strong_story

pytestmark = pytest.mark.browser

WIDTHS = (375, 1440)
PUBLIC = ["/", "/guide/", "/guide/netflix/", "/guide/netflix/questions/", "/guide/search/?q=feedback",
          "/accounts/login/", "/accounts/signup/", "/welcome/example/"]


def serious(axe, page):
    found = []
    for violation in axe.run(page).response["violations"]:
        if violation["impact"] in ("serious", "critical"):
            found.append((page.url, violation["id"], [n["target"] for n in violation["nodes"][:3]]))
    return found


def test_public_pages_have_no_serious_violation(page, guide):
    axe, found = Axe(), []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for path in PUBLIC:
            page.goto(path)
            found += serious(axe, page)
    assert found == []


def test_signed_in_pages_have_no_serious_violation(page, user, live_server, guide):
    story = make_strong_story(user, title="Start-up", values=["customer-obsession"],
                              questions=["innovation-member-focus-3"])
    make_story(user, title="Weak one", status="ready", communication="")
    services.move_to_trash(make_story(user, title="Binned"))
    log_in(page.context, user, live_server)
    paths = ["/stories/", "/stories/new/", f"/stories/{story.pk}/", f"/stories/{story.pk}/edit/",
             f"/stories/{story.pk}/history/", "/stories/trash/", "/coverage/", "/coverage/loop/?plan=auto",
             "/practice/", f"/practice/story/{story.pk}/", "/practice/history/", "/export/", "/export/print/",
             "/import/", "/accounts/settings/", "/accounts/email/", "/accounts/delete/", "/plan/", "/plan/debrief/", "/welcome/"]
    axe, found = Axe(), []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for path in paths:
            page.goto(path)
            found += serious(axe, page)
    assert found == []


def test_the_main_pages_in_dark_mode_have_no_serious_violation(browser, live_server, user, guide):
    """The editor, dashboard, guide, story page, practice and list with the system set to dark: the pages
    follow it (theme.js) and axe's contrast checks, among the others, still pass."""
    story = make_strong_story(user, title="Start-up", values=["customer-obsession"],
                              questions=["innovation-member-focus-3"])
    make_story(user, title="Weak one", status="ready", communication="")
    context = browser.new_context(base_url=live_server.url, color_scheme="dark")
    log_in(context, user, live_server)
    page = context.new_page()
    paths = [f"/stories/{story.pk}/edit/", "/stories/new/", "/coverage/", "/guide/netflix/", f"/stories/{story.pk}/",
             "/practice/", f"/practice/story/{story.pk}/", "/stories/"]
    axe, found = Axe(), []
    try:
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            for path in paths:
                page.goto(path)
                assert page.evaluate("document.documentElement.dataset.bsTheme") == "dark", path
                found += serious(axe, page)
    finally:
        context.close()
    assert found == []
