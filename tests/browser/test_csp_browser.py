"""No page breaks the Content-Security-Policy in Chromium: no script or style it loads is refused."""

import pytest

from tests.conftest import STRONG_PARTS, make_strong_story

pytestmark = pytest.mark.browser


def test_main_pages_load_without_a_policy_violation(owner_page, user):
    story = make_strong_story(user, title="Start-up", values=["customer-obsession"],
                              questions=["innovation-member-focus-3"])
    page = owner_page
    violations = []
    current = {"path": ""}
    page.on("console", lambda m: violations.append((current["path"], m.text[:80])) if "Content Security Policy" in m.text else None)
    for path in ["/", "/guide/netflix/", "/stories/", "/stories/new/", f"/stories/{story.pk}/",
                 f"/stories/{story.pk}/edit/", "/coverage/", "/coverage/loop/?plan=auto", "/practice/",
                 f"/practice/story/{story.pk}/", "/practice/history/", "/export/", "/export/print/", "/import/",
                 "/accounts/settings/", "/plan/", "/plan/debrief/", "/welcome/", "/welcome/example/"]:
        current["path"] = path
        page.goto(path)
        page.wait_for_load_state("networkidle")
    assert violations == []
    assert STRONG_PARTS["impact"][:30] in page.goto(f"/stories/{story.pk}/").text()
