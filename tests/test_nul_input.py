"""A NUL character in an address is ignored, and in a story part refused with a clear message: never a
server error (PostgreSQL cannot store or compare text holding one)."""

import pytest

from stories.models import Story


@pytest.mark.parametrize(
    "url",
    [
        "/stories/?q=%00", "/stories/?tag=a%00", "/stories/?value=%00", "/stories/?grade=weak&q=%00",
        "/export/print/?level=%00", "/stories/new/?question=%00", "/practice/random/?category=%00",
        "/guide/search/?q=%00", "/stories/?%00=1",
    ],
)
def test_a_nul_in_the_address_is_ignored(owner_client, user, guide, url):
    from tests.conftest import make_story

    make_story(user, title="Café story")
    response = owner_client.get(url)
    # The page as without the parameter's NUL: a page, or "Random" sending on to a question.
    assert response.status_code == (302 if url.startswith("/practice/random/") else 200)


def test_a_search_for_a_nul_is_the_search_without_it(owner_client, user, guide):
    from tests.conftest import make_story

    make_story(user, title="Cut latency")
    make_story(user, title="Hired a lead")
    html = owner_client.get("/stories/?q=laten%00cy").content.decode()
    assert "Cut latency" in html and "Hired a lead" not in html


@pytest.mark.parametrize("field", ["challenge", "decision", "execution", "communication", "impact"])
def test_a_nul_in_a_part_is_refused_with_the_text_kept(owner_client, guide, field):
    data = {"title": "T", "summary": "", "challenge": "", "decision": "", "execution": "",
            "communication": "", "impact": "", "status": "draft", "new_tags": "", field: "before\x00after"}
    response = owner_client.post("/stories/new/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "holds a NUL character" in html
    assert "before" in html and "after" in html
    assert Story.objects.count() == 0
