"""The coach in pages: the editor's JSON endpoint, the Ready confirmation, the story page's checklist."""

import pytest

from guide.models import Level, Question, Value
from stories.models import Story
from tests.conftest import STRONG_PARTS, STUB_PARTS, make_story

STUB = {"title": "Faster app", **STUB_PARTS}


def editor_data(guide, **overrides):
    data = {
        "title": "Cut start-up time before a launch",
        "summary": "",
        **STRONG_PARTS,
        "values": [Value.objects.get(slug="customer-obsession").pk],
        "questions": [Question.objects.get(slug="innovation-member-focus-3").pk],
        "level": Level.objects.get(code="L6").pk,
        "team_size": "10",
        "status": "draft",
        "new_tags": "",
    }
    data.update(overrides)
    return data


# The JSON endpoint


def test_check_returns_the_review_of_unsaved_text(owner_client, guide):
    impact = (
        "Members on smart TVs saw playback start faster than before and watched more of the launch title "
        "in its first week, in every region we serve."
    )
    response = owner_client.post("/coach/check/", editor_data(guide, impact=impact))
    assert response.status_code == 200
    review = response.json()
    assert review["grade"] == "strong"
    assert [f["code"] for f in review["findings"]] == ["impact-no-figure"]
    assert review["findings"][0]["part"] == "impact"
    assert review["findings"][0]["guide_url"] == "/guide/netflix/#focus-on-member-impact"
    assert Story.objects.count() == 0


def test_check_counts_tags_and_reads_the_level(owner_client, guide):
    data = editor_data(guide, values=[], questions=[], level=Level.objects.get(code="L7").pk)
    codes = {f["code"] for f in owner_client.post("/coach/check/", data).json()["findings"]}
    assert {"no-value", "no-question", "team-size-off-level", "l7-no-scope"} <= codes


@pytest.mark.parametrize(
    "odd",
    [
        {"level": "9" * 40, "team_size": "-3", "values": ["x", "0", "²"]},
        {"impact": "\x00" * 10, "title": "\x00"},
        {"decision": "word " * 30_000},
        {},
    ],
)
def test_check_answers_odd_input_without_an_error(owner_client, guide, odd):
    response = owner_client.post("/coach/check/", {**editor_data(guide), **odd} if odd else {})
    assert response.status_code == 200
    assert response.json()["grade"] in ("strong", "workable", "weak")


def test_check_needs_a_login_and_a_post(owner_client, guide):
    from django.test import Client

    response = Client().post("/coach/check/", {"impact": "x"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert owner_client.get("/coach/check/").status_code == 405


def test_check_keeps_csrf(user, guide, client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    assert strict.post("/coach/check/", {"impact": "x"}).status_code == 403


# Ready means ready


def test_marking_a_story_with_blockers_ready_asks_first_and_keeps_the_text(owner_client, guide):
    response = owner_client.post("/stories/new/", {**editor_data(guide, communication="", status="ready")})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mark it Ready with 1 blocker?" in html
    assert "Direct Communication is empty." in html
    assert "Save as Ready anyway" in html
    assert STRONG_PARTS["execution"][:60] in html  # what was typed is still in the form
    assert Story.objects.count() == 0


def test_confirming_saves_it_ready(owner_client, guide):
    data = editor_data(guide, communication="", status="ready", confirm_ready="1")
    response = owner_client.post("/stories/new/", data)
    assert response.status_code == 302
    assert Story.objects.get().status == "ready"


def test_save_as_draft_from_the_confirmation(owner_client, guide):
    data = editor_data(guide, communication="", status="ready", save_as_draft="1")
    assert owner_client.post("/stories/new/", data).status_code == 302
    assert Story.objects.get().status == "draft"


def test_a_story_without_blockers_is_saved_ready_at_once(owner_client, guide):
    assert owner_client.post("/stories/new/", editor_data(guide, status="ready")).status_code == 302
    assert Story.objects.get().status == "ready"


def test_an_edit_that_makes_a_draft_ready_asks(owner_client, user, guide):
    story = make_story(user, **STUB)
    data = editor_data(guide, **STUB, status="ready", version=story.version)
    response = owner_client.post(f"/stories/{story.pk}/edit/", data)
    assert response.status_code == 200 and "Save as Ready anyway" in response.content.decode()
    story.refresh_from_db()
    assert story.status == "draft"


def test_a_story_already_ready_is_not_asked_again(owner_client, user, guide):
    story = make_story(user, **STUB, status="ready")
    data = editor_data(guide, **STUB, status="ready", version=story.version)
    assert owner_client.post(f"/stories/{story.pk}/edit/", data).status_code == 302


# The story page


def test_the_story_page_shows_the_checklist_by_part_and_the_probes(owner_client, user, guide):
    story = make_story(user, **STUB, level="L6")
    html = owner_client.get(story.get_absolute_url()).content.decode()
    assert 'data-grade="weak"' in html
    assert "Direct Communication is empty." in html
    assert 'href="/guide/netflix/#story-structure-for-netflix-interviews"' in html
    assert f'href="/stories/{story.pk}/edit/#id_communication"' in html
    assert "What they will ask next" in html
    assert "By how much, measured how?" in html


def test_a_strong_story_page_says_so(owner_client, user, guide):
    story = make_story(
        user, title="Start-up", **STRONG_PARTS, values=["customer-obsession"], questions=["innovation-member-focus-3"],
        level="L6", team_size=10,
    )
    html = owner_client.get(story.get_absolute_url()).content.decode()
    assert 'data-grade="strong"' in html and "Every check passes" in html


def test_quoted_user_text_in_a_finding_is_escaped(owner_client, user, guide):
    story = make_story(user, **{**STUB, "impact": "It was <script>alert(1)</script> [<b>metric</b>] massively better."})
    html = owner_client.get(story.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "still holds the template&#x27;s [&lt;b&gt;metric&lt;/b&gt;]" in html


def test_the_story_page_heading_says_the_grade_and_links_to_the_checklist(owner_client, user, guide):
    story = make_story(user, **STUB)
    html = owner_client.get(story.get_absolute_url()).content.decode()
    jump = html[html.index('class="small mb-2 d-print-none coach-jump"'):]
    jump = jump[: jump.index("</p>")]
    assert 'href="#coach-heading"' in jump and "Weak" in jump and "1 blocker" in jump


def test_a_stale_tab_marking_ready_hears_of_the_conflict_first(owner_client, user, guide):
    story = make_story(user, **STUB)
    stale_version = story.version
    owner_client.post(f"/stories/{story.pk}/edit/", editor_data(guide, **STUB, version=stale_version))
    response = owner_client.post(f"/stories/{story.pk}/edit/", editor_data(guide, **STUB, status="ready",
                                                                          version=stale_version))
    assert response.status_code == 409
    assert "Save as Ready anyway" not in response.content.decode()
