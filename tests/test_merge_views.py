"""A stale save as a merge, without JavaScript: what the 409 page lists, and what the next save keeps."""

import re

import pytest

from guide.models import Level, Value
from stories.models import Story
from tests.conftest import STRONG_PARTS, make_story

CHALLENGE_A = STRONG_PARTS["challenge"].replace("doubled", "tripled")
IMPACT_B = STRONG_PARTS["impact"].replace("38%", "41%")


def editor_data(story, **overrides):
    """What the editor posts for `story` as it is now (its text, tags and version), with `overrides`."""
    data = {
        "title": story.title,
        "summary": story.summary,
        **{name: getattr(story, name) for name in STRONG_PARTS},
        "values": [str(pk) for pk in story.values.values_list("pk", flat=True)],
        "level": str(story.level_id or ""),
        "team_size": str(story.team_size or ""),
        "status": story.status,
        "new_tags": "",
        "version": str(story.version),
    }
    data.update(overrides)
    return data


@pytest.fixture
def opened(user, guide):
    """A story, and the form data of a tab that opened it (before anything else is saved)."""
    story = make_story(user, values=["candor-feedback"], level="L6", team_size=10, **STRONG_PARTS)
    return story, editor_data(story)


def save_in_tab_a(client, story, data, **changes):
    response = client.post(f"/stories/{story.pk}/edit/", {**data, **changes})
    assert response.status_code == 302
    story.refresh_from_db()


def test_the_conflict_lists_only_what_the_other_save_changed_and_offers_a_choice_only_there(
    owner_client, opened
):
    story, tab_b = opened
    save_in_tab_a(owner_client, story, tab_b, challenge=CHALLENGE_A)

    response = owner_client.post(f"/stories/{story.pk}/edit/", {**tab_b, "impact": IMPACT_B})
    html = response.content.decode()
    assert response.status_code == 409
    assert re.findall(r'data-changed="(\w+)"', html) == ["challenge"]
    assert re.findall(r'data-merge-field="(\w+)"', html) == ["challenge"]
    # The list shows the changed word in context; the box the whole part's word diff.
    assert "<del>doubled</del><ins>tripled</ins> to 4.2 seconds" in html
    assert "1 word removed, 1 added" in html
    # Tab B had not touched the Challenge, so the other save's text is taken unless B keeps its own.
    assert 'id="merge_challenge_theirs" value="theirs" checked' in html
    # Everything B typed is on the page, and the form now carries the newer version.
    assert f">{IMPACT_B}</textarea>" in html
    assert f'name="version" value="{story.version}"' in html
    assert Story.objects.get(pk=story.pk).impact == STRONG_PARTS["impact"]


def test_the_next_save_with_take_theirs_keeps_both_tabs_changes(owner_client, opened):
    story, tab_b = opened
    save_in_tab_a(owner_client, story, tab_b, challenge=CHALLENGE_A)
    owner_client.post(f"/stories/{story.pk}/edit/", {**tab_b, "impact": IMPACT_B})

    # Without JavaScript the Challenge box still holds B's (old) text; the radio button decides.
    again = {**tab_b, "impact": IMPACT_B, "version": str(story.version), "merge_challenge": "theirs"}
    response = owner_client.post(f"/stories/{story.pk}/edit/", again)
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.challenge == CHALLENGE_A
    assert story.impact == IMPACT_B
    assert story.history.first().history_change_reason == "Edited"


def test_keep_mine_saves_the_text_in_the_box(owner_client, opened):
    story, tab_b = opened
    save_in_tab_a(owner_client, story, tab_b, challenge=CHALLENGE_A)
    mine = "Tab B rewrote the challenge too."
    owner_client.post(f"/stories/{story.pk}/edit/", {**tab_b, "challenge": mine})
    again = {**tab_b, "challenge": mine, "version": str(story.version), "merge_challenge": "mine"}
    assert owner_client.post(f"/stories/{story.pk}/edit/", again).status_code == 302
    assert Story.objects.get(pk=story.pk).challenge == mine


def test_tags_and_settings_from_both_saves_are_merged_into_the_form(owner_client, opened):
    story, tab_b = opened
    candor, customer, innovation = (
        Value.objects.get(slug=slug).pk
        for slug in ("candor-feedback", "customer-obsession", "innovation-risk-taking")
    )
    l7 = Level.objects.get(code="L7").pk
    save_in_tab_a(owner_client, story, tab_b, values=[str(candor), str(customer)], level=str(l7))

    response = owner_client.post(
        f"/stories/{story.pk}/edit/", {**tab_b, "values": [str(candor), str(innovation)], "team_size": "12"}
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert re.findall(r'data-changed="(\w+)"', html) == ["values", "level"]
    assert "added <ins>Customer Obsession</ins>" in html
    assert "from L6 · Staff Software Engineer to L7 · Senior Staff/Principal Engineer." in html
    for pk in (candor, customer, innovation):
        assert re.search(rf'name="values" value="{pk}"[^>]*checked', html), pk
    assert re.search(rf'<option value="{l7}" selected', html)
    assert 'name="team_size" value="12"' in html

    # Saving the page as shown keeps both tabs' tags and settings.
    again = {
        **tab_b,
        "values": [str(candor), str(customer), str(innovation)],
        "level": str(l7),
        "team_size": "12",
        "version": str(story.version),
    }
    assert owner_client.post(f"/stories/{story.pk}/edit/", again).status_code == 302
    story.refresh_from_db()
    assert set(story.values.values_list("pk", flat=True)) == {candor, customer, innovation}
    assert (story.level_id, story.team_size) == (l7, 12)


def test_without_the_opened_revision_the_page_compares_with_the_form_and_keeps_mine(owner_client, opened):
    story, tab_b = opened
    save_in_tab_a(owner_client, story, tab_b, challenge=CHALLENGE_A)
    story.history.filter(version=1).delete()
    response = owner_client.post(f"/stories/{story.pk}/edit/", {**tab_b, "impact": IMPACT_B})
    html = response.content.decode()
    assert response.status_code == 409
    assert "Where the newer save differs from your form" in html
    # Both differing parts get a box, and each keeps the typed text unless told otherwise.
    assert re.findall(r'data-merge-field="(\w+)"', html) == ["challenge", "impact"]
    assert 'id="merge_challenge_mine" value="mine" checked' in html


def test_a_choice_against_a_newer_save_again_is_a_new_conflict_not_an_overwrite(owner_client, opened):
    story, tab_b = opened
    save_in_tab_a(owner_client, story, tab_b, challenge=CHALLENGE_A)
    shown_version = story.version
    save_in_tab_a(owner_client, story, editor_data(story), decision="A third save, elsewhere.")
    response = owner_client.post(
        f"/stories/{story.pk}/edit/",
        {**tab_b, "impact": IMPACT_B, "version": str(shown_version), "merge_challenge": "theirs"},
    )
    assert response.status_code == 409
    assert re.findall(r'data-changed="(\w+)"', response.content.decode()) == ["decision"]
    assert Story.objects.get(pk=story.pk).impact == STRONG_PARTS["impact"]
