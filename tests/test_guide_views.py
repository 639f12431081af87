import re
import time

import pytest
from django.urls import reverse

from guide import models
from guide.rendering import _render, get_rendered_guide
from tests.conftest import GUIDE_FILE

TOC_LINK_RE = re.compile(r"\]\(#([^)]+)\)")


def guide_own_toc_anchors():
    return TOC_LINK_RE.findall(GUIDE_FILE.read_text())


def test_the_guide_table_of_contents_has_all_its_links():
    assert len(guide_own_toc_anchors()) == 47
    assert "1-freedom-responsibility-autonomy-with-accountability" in guide_own_toc_anchors()


@pytest.mark.parametrize("anchor", guide_own_toc_anchors())
def test_every_table_of_contents_anchor_exists_in_the_rendered_page(client, anchor):
    html = client.get("/guide/netflix/").content.decode()
    assert f'id="{anchor}"' in html


def test_the_sidebar_lists_every_section(client):
    html = client.get("/guide/netflix/").content.decode()
    for anchor in guide_own_toc_anchors():
        if anchor.count("-") and anchor not in {
            "high-performance-talent-management",
            "technical-excellence-innovation",
            "freedom-responsibility-leadership",
        }:  # the three h4 focus areas are not in the sidebar, which stops at h3
            assert f'href="#{anchor}" data-anchor="{anchor}"' in html


def all_page_urls():
    urls = ["/", "/guide/", "/guide/netflix/", "/guide/search/", "/guide/search/?q=candor"]
    for kind in ["values", "questions", "themes", "rounds", "levels"]:
        urls.append(reverse(f"guide:{kind}", args=["netflix"]))
    for model in [models.Value, models.Question, models.Theme, models.InterviewRound, models.Level]:
        urls += [obj.get_absolute_url() for obj in model.objects.all()]
    return urls


def test_every_page_answers_200(client, guide):
    urls = all_page_urls()
    assert len(urls) == 10 + 5 + 33 + 4 + 6 + 3
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url


def test_item_pages_link_back_to_their_section_of_the_guide(client, guide):
    html = client.get("/guide/netflix/values/candor-feedback/").content.decode()
    assert 'href="/guide/netflix/#3-candor-feedback-radical-transparency"' in html
    html = client.get("/guide/netflix/questions/global-streaming-at-scale-2/").content.decode()
    assert 'href="/guide/netflix/#1-global-streaming-at-scale"' in html
    html = client.get("/guide/netflix/levels/l7/").content.decode()
    assert 'href="/guide/netflix/#senior-staffprincipal-engineer-l7"' in html
    html = client.get("/guide/netflix/rounds/hiring-manager/").content.decode()
    assert 'href="/guide/netflix/#typical-interview-structure"' in html
    html = client.get("/guide/netflix/themes/data-driven-personalization/").content.decode()
    assert 'href="/guide/netflix/#2-data-driven-personalization"' in html


def test_a_question_page_shows_the_values_it_probes(client, guide):
    html = client.get("/guide/netflix/questions/candor-direct-communication-1/").content.decode()
    assert "Candor &amp; Feedback" in html
    assert "Question 11 of 33" in html


@pytest.mark.parametrize(
    "url",
    [
        "/guide/nope/",
        "/guide/netflix/values/nope/",
        "/guide/netflix/questions/x-99/",
        "/guide/..%2Fsettings/",
        "/guide/acme/values/",
    ],
)
def test_unknown_pages_answer_404(client, guide, url):
    assert client.get(url).status_code == 404


def test_search_finds_candor_and_highlights_it(client):
    response = client.get("/guide/search/", {"q": "candor"})
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        '<a href="/guide/netflix/#3-candor-feedback-radical-transparency">3. <mark>Candor</mark> &amp; Feedback'
        in html
    )
    assert html.count("<mark>") >= 5
    assert 'href="/guide/netflix/#candor-direct-communication"' in html


def test_search_needs_every_word(client):
    html = client.get("/guide/search/", {"q": "candor zebra"}).content.decode()
    assert "Nothing in the guide mentions all of those words" in html
    html = client.get("/guide/search/", {"q": "Underperformers morale"}).content.decode()
    assert "1 section mentions" in html


@pytest.mark.parametrize(
    "query",
    ["", "   ", "!!!", "<script>alert(1)</script>", "(((", "a" * 5000, "%00", "\\", "*", "' OR 1=1 --", "🚫"],
)
def test_empty_or_absurd_queries_get_a_friendly_page(client, query):
    response = client.get("/guide/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "Search the guide" in html


def test_search_escapes_what_it_shows(client):
    html = client.get("/guide/search/", {"q": "<b>candor</b>"}).content.decode()
    assert "&lt;b&gt;candor&lt;/b&gt;" in html
    assert "<b>candor</b>" not in html


def test_the_rendered_guide_is_cached_until_the_file_changes(tmp_path, settings):
    settings.GUIDE_DIR = tmp_path
    path = tmp_path / "demo.md"
    path.write_text(GUIDE_FILE.read_text())
    _render.cache_clear()
    first = get_rendered_guide("demo")
    assert get_rendered_guide("demo") is first
    assert _render.cache_info().hits == 1
    time.sleep(0.01)
    path.write_text(GUIDE_FILE.read_text().replace("## Overview", "## Overview of it all"))
    second = get_rendered_guide("demo")
    assert second is not first
    assert 'id="overview-of-it-all"' in second.html


def test_a_guide_slug_is_checked_before_the_filesystem(settings, tmp_path):
    settings.GUIDE_DIR = tmp_path / "guides"
    (tmp_path / "secret.md").write_text("---\nx: 1\n---\n")
    assert get_rendered_guide("../secret") is None
    assert get_rendered_guide("Secret") is None


def test_the_page_is_print_friendly(client):
    html = client.get("/guide/netflix/").content.decode()
    assert 'class="col-lg-3 d-print-none"' in html
    css = (GUIDE_FILE.parents[2] / "static/css/site.css").read_text()
    assert "@media print" in css


def test_the_base_template_has_landmarks_and_a_skip_link(client):
    html = client.get("/guide/netflix/").content.decode()
    assert 'href="#main">Skip to content</a>' in html
    assert '<main id="main"' in html
    assert '<nav class="navbar' in html and 'role="search"' in html
    assert '<label for="nav-search"' in html
    assert not re.search(r'(src|href)="(https?:)?//', html), "assets must come from our static files"
