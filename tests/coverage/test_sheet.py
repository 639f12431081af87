"""The printed loop sheet: each planned story's summary and key figure (stories/coverage/sheet.py)."""

import pytest

from guide.models import InterviewRound
from stories.coverage.sheet import MAX_FIGURE_LENGTH, key_figure, sentences, sheet_notes
from stories.models import LoopSlot, Profile
from tests.conftest import STRONG_PARTS, make_story


@pytest.mark.parametrize(
    "impact,execution,figure",
    [
        # The first sentence with a number in Member Impact...
        (
            "Members noticed. Start-up time fell 40% at p95. Churn fell by 2 points.",
            "I ran 3 load tests.",
            "Start-up time fell 40% at p95.",
        ),
        # ...a number written as a word counts ("doubled", "twelve")...
        ("Members were happier. Watch time doubled in Brazil.", "", "Watch time doubled in Brazil."),
        # ...else the first in High Performance Execution.
        (
            "Members were much happier.",
            "I set a bar. I cut p95 to 1.8 seconds by launch week.",
            "I cut p95 to 1.8 seconds by launch week.",
        ),
        # A decimal point does not end a sentence; a line end does; Markdown is read as plain words.
        (
            "- **Latency** fell from 4.2 to 1.7 seconds\n- members were happier",
            "",
            "Latency fell from 4.2 to 1.7 seconds",
        ),
        ("Nobody complained.", "It went well.", ""),
        ("", "", ""),
    ],
)
def test_the_key_figure_is_the_first_sentence_with_a_number_in_impact_then_execution(
    impact, execution, figure
):
    assert key_figure(impact, execution) == figure


def test_a_run_on_figure_is_cut_at_a_word():
    long = "Start-up time fell 40% " + "and then it kept falling " * 20
    figure = key_figure(long, "")
    assert (
        len(figure) <= MAX_FIGURE_LENGTH + 1
        and figure.endswith("…")
        and figure.startswith("Start-up time fell 40%")
    )
    assert not figure[:-1].endswith(" ")


def test_sentences_split_at_stops_and_line_ends_only():
    assert sentences("It took 4.2 s. Then 1.7!  Why?\nNew line; and more") == [
        "It took 4.2 s.",
        "Then 1.7!",
        "Why?",
        "New line;",
        "and more",
    ]


def test_the_notes_are_read_in_one_query_and_only_for_the_users_stories(
    guide, user, other_user, django_assert_num_queries
):
    mine = [make_story(user, summary="**Bold** summary", **STRONG_PARTS) for _ in range(3)]
    theirs = make_story(other_user, summary="Private", impact="Grew 10x.")
    with django_assert_num_queries(1):
        notes = sheet_notes(user, {s.pk for s in mine} | {theirs.pk})
    assert set(notes) == {s.pk for s in mine}
    note = notes[mine[0].pk]
    assert note.summary == "Bold summary"
    assert note.figure.startswith("Start-up time for members on smart TVs fell from 4.2 to 1.7 seconds")
    with django_assert_num_queries(0):
        assert sheet_notes(user, set()) == {}


def test_the_loop_page_prints_each_planned_storys_summary_and_key_figure(
    guide, user, owner_client, django_assert_num_queries
):
    rounds = list(InterviewRound.objects.all())
    story = make_story(
        user, title="Launch rescue", summary="I saved the launch & the **date**.", impact="Failures fell 38%."
    )
    LoopSlot.objects.create(owner=user, round=rounds[0], story=story)
    html = owner_client.get("/coverage/loop/").content.decode()
    printed = html.split('aria-label="Printable plan"')[1]
    assert "<strong>Launch rescue</strong>" in printed
    assert '<td class="sheet-summary" dir="auto">I saved the launch &amp; the date.</td>' in printed
    assert '<td class="sheet-figure" dir="auto">Failures fell 38%.</td>' in printed
    # One more query for the sheet, however many stories are planned: made again after a write (session,
    # user, profile, guide, stories, saved plan, the sheet's notes, the due count's two), cached after that.
    Profile.bump_bank_revision(user)
    with django_assert_num_queries(9):
        owner_client.get("/coverage/loop/")
    for i, rnd in enumerate(rounds[1:]):
        LoopSlot.objects.create(
            owner=user, round=rnd, story=make_story(user, title=f"Story {i}", impact="Up 5%.")
        )
    owner_client.get("/coverage/loop/")  # derives the new stories' facts, once
    Profile.bump_bank_revision(user)
    with django_assert_num_queries(9):
        html = owner_client.get("/coverage/loop/").content.decode()
    assert html.count('<td class="sheet-figure" dir="auto">Up 5%.</td>') == len(rounds) - 1
