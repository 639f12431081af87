"""axe-core (bundled by axe-playwright-python) finds no serious or critical violation on the main pages,
logged in and out, at a phone's and a desktop's width."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from stories import services
from tests.browser.conftest import log_in
from tests.conftest import make_story, make_strong_story

pytestmark = pytest.mark.browser

WIDTHS = (375, 1440)
PUBLIC = ["/", "/guide/", "/guide/netflix/", "/guide/netflix/questions/", "/guide/search/?q=feedback",
          "/accounts/login/", "/accounts/signup/"]


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
             "/import/", "/accounts/settings/", "/accounts/delete/", "/plan/", "/plan/debrief/"]
    axe, found = Axe(), []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for path in paths:
            page.goto(path)
            found += serious(axe, page)
    assert found == []
