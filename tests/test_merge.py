"""The three-way merge of a refused stale save (stories/merge.py): plain functions, then the database."""

import pytest
from django.http import QueryDict

from guide.models import Level, Value
from stories import merge
from stories.models import Story
from stories.revisions import word_diff
from tests.conftest import make_story

LABELS = {name: name.title() for name in merge.TEXT_FIELDS}
TEXTS = {name: f"The {name} as it was." for name in merge.TEXT_FIELDS}
NO_RELATIONS = {name: frozenset() for name in merge.RELATION_FIELDS}
SCALARS = {"level": None, "team_size": 8, "status": "draft"}


def snap(texts=None, relations=None, scalars=None):
    return merge.Snapshot(
        texts={**TEXTS, **(texts or {})},
        relations={**NO_RELATIONS, **(relations or {})},
        scalars={**SCALARS, **(scalars or {})},
    )


# --- One value, one set, one text --------------------------------------------------------------------


@pytest.mark.parametrize(
    "base,mine,theirs,merged,conflict",
    [
        (1, 1, 2, 2, False),  # only theirs changed: theirs
        (1, 3, 1, 3, False),  # only mine changed: mine
        (1, 3, 3, 3, False),  # both made the same change
        (1, 3, 2, 3, True),  # both changed differently: mine, flagged
        (..., 3, 2, 3, True),  # base unknown: mine, flagged when it differs
        (..., 3, 3, 3, False),
        (None, None, 5, 5, False),  # None is a value (no level) like any other
    ],
)
def test_a_value_takes_the_side_that_changed_it_and_mine_when_both_did(base, mine, theirs, merged, conflict):
    assert merge.merge_value(base, mine, theirs) == (merged, conflict)


def test_sets_keep_what_either_side_added_and_drop_what_either_removed():
    base = frozenset({1, 2, 3})
    mine = frozenset({1, 2, 4})  # removed 3, added 4
    theirs = frozenset({2, 3, 5})  # removed 1, added 5
    assert merge.merge_ids(base, mine, theirs) == {2, 4, 5}
    # Base unknown: the union, so nothing the user ticked is dropped.
    assert merge.merge_ids(None, mine, theirs) == {1, 2, 3, 4, 5}


def test_a_text_only_the_other_save_changed_is_taken_by_default():
    merged = merge.text_merge("challenge", "Challenge", "We had a week.", "We had a week.", "We had a day.")
    assert merged.choice == merge.THEIRS
    assert merged.theirs == "We had a day."
    assert merged.segments == (("equal", "We had a "), ("delete", "week."), ("insert", "day."))
    assert merged.words_changed == (1, 1)
    assert merged.change_summary == "1 word removed, 1 added"


def test_a_text_both_sides_changed_keeps_mine_by_default_and_shows_what_the_other_save_did():
    merged = merge.text_merge("impact", "Impact", "Old.", "Mine is new.", "Theirs is new.")
    assert merged.choice == merge.MINE
    assert merged.segments == word_diff("Old.", "Theirs is new.")  # the other save's change, from base


@pytest.mark.parametrize(
    "base,mine,theirs",
    [
        ("Same.", "Mine changed.", "Same."),  # the other save left it alone
        ("Old.", "Both wrote this.", "Both wrote this."),  # the same new text on both sides
        (None, "Equal.", "Equal."),
    ],
)
def test_a_text_the_other_save_did_not_change_or_changed_to_mine_needs_no_choice(base, mine, theirs):
    assert merge.text_merge("title", "Title", base, mine, theirs) is None


def test_without_the_base_any_difference_is_shown_against_my_text_and_mine_is_kept():
    merged = merge.text_merge("title", "Title", None, "My title", "Their title")
    assert merged.choice == merge.MINE
    assert merged.segments == (("delete", "My"), ("insert", "Their"), ("equal", " title"))


@pytest.mark.parametrize(
    "segments,summary",
    [
        ((("equal", "a "), ("insert", "new words here ")), "3 words added"),
        ((("delete", "gone "), ("equal", "b")), "1 word removed"),
        ((("equal", "a"), ("delete", " "), ("insert", "\n")), "spacing or line breaks"),
    ],
)
def test_the_change_is_summed_up_in_words(segments, summary):
    text = merge.TextMerge("challenge", "Challenge", segments, "", merge.MINE)
    assert text.change_summary == summary


def test_an_excerpt_keeps_a_few_words_around_each_change():
    old = (
        "Two weeks before a global launch, start-up time on smart TVs doubled to 4.2 seconds for all members."
    )
    new = old.replace("doubled", "tripled")
    assert merge.excerpt(word_diff(old, new)) == (
        ("equal", "…time on smart TVs "),
        ("delete", "doubled"),
        ("insert", "tripled"),
        ("equal", " to 4.2 seconds for…"),
    )
    # Unchanged words between two changes keep context on both sides; after three changes it stops.
    many = merge.excerpt(word_diff("a b c d e f g h i j k l m n o p", "X b c d e f g h i j k Y m N o Q"))
    assert many == (
        ("delete", "a"),
        ("insert", "X"),
        ("equal", " b c d e … h i j k "),
        ("delete", "l"),
        ("insert", "Y"),
        ("equal", " m "),
        ("delete", "n"),
        ("insert", "N"),
        ("equal", " o "),
        ("equal", "…"),
    )
    assert merge.excerpt(word_diff("same", "same")) == ()


def test_two_tabs_changing_different_parts_merge_into_both_changes():
    base = snap()
    theirs = snap(
        texts={"challenge": "The challenge, changed in tab A."},
        relations={"values": frozenset({1})},
        scalars={"level": 7},
    )
    mine = snap(texts={"impact": "The impact, changed in tab B."}, scalars={"team_size": 12})
    result = merge.three_way(base, mine, theirs, LABELS, theirs_version=3)
    assert [t.field for t in result.texts] == ["challenge"]
    assert result.texts[0].choice == merge.THEIRS
    assert result.relations["values"] == {1}
    assert result.scalars == {"level": 7, "team_size": 12, "status": "draft"}
    assert [(o.field, o.removed, o.added, o.kept_mine) for o in result.others] == [
        ("values", (), ("1",), False),
        ("level", ("none",), ("7",), False),
    ]
    assert result.base_known and result.theirs_version == 3 and result.changed_anything


def test_a_setting_both_sides_changed_keeps_mine_and_says_so():
    result = merge.three_way(
        snap(),
        snap(scalars={"status": "ready"}),
        snap(scalars={"status": "draft", "team_size": 30}),
        LABELS,
        theirs_version=2,
    )
    assert result.scalars["status"] == "ready" and result.scalars["team_size"] == 30
    [team] = result.others
    assert (team.label, team.removed, team.added, team.kept_mine, team.is_setting) == (
        "Engineers influenced",
        ("8",),
        ("30",),
        False,
        True,
    )
    both = merge.three_way(
        snap(), snap(scalars={"team_size": 9}), snap(scalars={"team_size": 30}), LABELS, theirs_version=2
    )
    assert both.others[0].kept_mine and both.scalars["team_size"] == 9


def test_nothing_changed_by_the_other_save_lists_nothing():
    result = merge.three_way(snap(), snap(texts={"title": "Mine"}), snap(), LABELS, theirs_version=2)
    assert not result.changed_anything


# --- With the database: revisions, snapshots, the next save ------------------------------------------


@pytest.fixture
def edited(user, guide):
    """A story at version 2 (a revision kept for each version), with its version-1 text changed."""
    story = make_story(
        user, challenge="Version one challenge.", impact="Version one impact.", values=["candor-feedback"]
    )
    story.challenge = "Version two challenge."
    story.version = 2
    story.save()
    return story


def test_the_revision_the_user_opened_is_found_by_its_version(edited):
    assert merge.revision_at(edited, 1).challenge == "Version one challenge."
    assert merge.revision_at(edited, 2).challenge == "Version two challenge."
    for version in (None, 0, 99, 2**31, 10**30, "1"):
        assert merge.revision_at(edited, version) is None


def test_snapshots_of_a_story_and_of_its_revision_agree(edited):
    old = merge.snapshot_of(merge.revision_at(edited, 1))
    now = merge.snapshot_of(edited)
    candor = Value.objects.get(slug="candor-feedback").pk
    assert old.relations["values"] == now.relations["values"] == {candor}
    assert (
        old.texts["challenge"] == "Version one challenge."
        and now.texts["challenge"] == "Version two challenge."
    )
    assert now.scalars == {"level": None, "team_size": None, "status": "draft"}


def posted(**fields):
    data = QueryDict(mutable=True)
    data.update({"title": "T", "challenge": "Typed challenge.", "impact": "Typed impact.", **fields})
    return data


def test_take_theirs_saves_the_text_of_the_version_the_conflict_page_showed(edited):
    data = merge.take_chosen(posted(version="2", merge_challenge="theirs", merge_impact="mine"), edited)
    assert data["challenge"] == "Version two challenge."
    assert data["impact"] == "Typed impact."  # "keep mine": the typed text
    # A save from a page that showed version 1 takes version 1's text (a newer save is a new conflict).
    older = merge.take_chosen(posted(version="1", merge_challenge="theirs"), edited)
    assert older["challenge"] == "Version one challenge."


@pytest.mark.parametrize("version", ["", "abc", "²", "-1", "9" * 30, "77"])
def test_take_theirs_with_an_unknown_version_keeps_the_typed_text(edited, version):
    data = merge.take_chosen(posted(version=version, merge_challenge="theirs"), edited)
    assert data["challenge"] == "Typed challenge."


def test_without_choices_the_data_is_untouched(edited):
    data = posted(version="2", merge_challenge="bogus")
    assert merge.take_chosen(data, edited) is data
    assert merge.take_chosen(None, edited) is None


def test_level_names_are_read_for_the_list(guide):
    level = Level.objects.get(code="L6")
    assert merge.names_of("level", {level.pk}) == {level.pk: f"L6 · {level.title}"}
    candor = Value.objects.get(slug="candor-feedback")
    assert merge.names_of("values", {candor.pk}) == {candor.pk: candor.name}
    assert Story.objects.count() == 0


def test_a_word_diff_is_drawn_escaped():
    from stories.templatetags.story_tags import diff_html

    html = diff_html((("equal", "<b>kept</b> "), ("delete", "<img src=x onerror=alert(1)> "), ("insert", "A & B")))
    assert html == "&lt;b&gt;kept&lt;/b&gt; <del>&lt;img src=x onerror=alert(1)&gt; </del><ins>A &amp; B</ins>"


def test_a_sentence_added_at_the_end_is_one_addition_not_a_changed_word():
    old = "Original challenge every quarter."
    segments = word_diff(old, old + " Then a second sentence.")
    assert segments == (("equal", old), ("insert", " Then a second sentence."))
    change = merge.TextMerge("challenge", "Challenge", segments, old + " Then a second sentence.", merge.THEIRS)
    assert change.words_changed == (0, 4) and change.change_summary == "4 words added"
