"""Work done once: a story's derived facts (terms, the coach's verdict, round fits) are worked out once per
story version and kept on the story; the guide's derived data once per guide version."""

import pytest
from django.contrib.auth import get_user_model

from guide.loading import load_guide
from guide.models import Question
from stories.coverage import derived, planner
from stories.coverage.counts import coverage_for_user
from stories.coverage.derived import StoryDeriver, guide_data, reviewed_story_facts
from stories.coverage.suggestions import corpus_for, question_facts, rank_stories
from stories.facts import forget_derived, load_story_facts
from stories.models import Profile, Story
from stories.services import move_to_trash
from tests.conftest import GUIDE_FILE, STRONG_PARTS, make_story, make_strong_story


@pytest.fixture
def checks(monkeypatch):
    """How many stories the coach has checked (derived.run_checks calls)."""
    calls = []
    real = derived.run_checks

    def counted(draft, guide):
        calls.append(draft.title)
        return real(draft, guide)

    monkeypatch.setattr(derived, "run_checks", counted)
    return calls


def bank(user, n=4):
    return [make_strong_story(user, title=f"Story {i}", values=["candor-feedback"]) for i in range(n)]


def test_each_story_is_checked_once_per_version(guide, user, checks):
    stories = bank(user)
    coverage_for_user(user)
    assert len(checks) == 4
    coverage_for_user(user)
    coverage_for_user(user)
    assert len(checks) == 4  # not per request
    story = stories[0]
    Story.objects.filter(pk=story.pk).update(version=story.version + 1, title="Story 0, edited")
    coverage_for_user(user)
    assert checks[4:] == ["Story 0, edited"]  # only the edited story


def test_what_is_derived_is_stored_on_the_story_and_read_by_another_process(guide, user, checks):
    story = bank(user, 1)[0]
    coverage_for_user(user)
    stored = Story.objects.get(pk=story.pk).derived
    assert stored["version"] == story.version and stored["stamp"].startswith(derived.FORMAT)
    assert stored["value_ids"] and stored["review"][1] == "strong" and stored["length"] > 100
    assert set(stored["terms"]) <= guide_data(guide).vocabulary  # only what BM25 will look up
    forget_derived()  # as a new process: the stored facts are read, not worked out again
    assert coverage_for_user(user).stories[0].review.grade == "strong"
    assert len(checks) == 1


@pytest.mark.parametrize("change", ["pace", "guide"])
def test_a_new_pace_or_guide_version_derives_every_story_again(guide, user, checks, change):
    bank(user, 3)
    coverage_for_user(user)
    if change == "pace":
        profile = Profile.for_user(user)
        profile.words_per_minute = 120
        profile.save()
    else:
        Question.objects.filter(slug="candor-direct-communication-1").update(text="Edited by hand")
        load_guide(GUIDE_FILE)  # puts the text back: a new guide version
    coverage_for_user(user)
    assert len(checks) == 6


def test_facts_stored_for_an_older_version_are_not_taken_for_the_current_one(guide, user, checks):
    story = bank(user, 1)[0]
    coverage_for_user(user)
    forget_derived()
    # Another process stored facts of version 1 after this story moved to version 2 (a race): ignored.
    Story.objects.filter(pk=story.pk).update(version=story.version + 1)
    coverage_for_user(user)
    assert len(checks) == 2 and Story.objects.get(pk=story.pk).derived["version"] == story.version + 1


def test_a_story_trashed_meanwhile_is_left_out(guide, user):
    stories = bank(user, 2)
    move_to_trash(stories[0])
    assert [s.title for s in coverage_for_user(user).stories] == ["Story 1"]


def test_suggestions_rank_the_same_from_stored_facts_as_from_the_text(guide, user):
    make_story(
        user,
        title="Told a senior engineer hard truths",
        values=["candor-feedback"],
        challenge="Our most senior engineer needed difficult feedback about his code reviews.",
    )
    make_story(
        user, title="Cut cloud cost", decision="I decided to move the encoding fleet to spot instances."
    )
    make_story(
        user,
        title="Hiring",
        execution="I hired three engineers and raised the bar for the loop.",
        **{k: v for k, v in STRONG_PARTS.items() if k != "execution"},
    )
    data = guide_data(guide)
    from_text = load_story_facts(user)  # every stem, from the text
    stored = reviewed_story_facts(user, data, 150)  # only the questions' stems, and each story's length
    texts = [q.text for q in data.facts.questions]
    for question in Question.objects.with_category().select_related("theme"):
        facts = question_facts(question, question.category.values.all(), question.theme)
        ranked = [
            (s.story.title, s.score, s.shared_words)
            for s in rank_stories(facts, from_text, None, corpus_for(from_text, texts))
        ]
        assert ranked == [
            (s.story.title, s.score, s.shared_words)
            for s in rank_stories(facts, stored, None, corpus_for(stored, texts))
        ]


def test_round_fits_are_the_same_from_stored_facts_as_from_the_text(guide, user):
    make_story(user, title="Candid", values=["candor-feedback"])
    make_story(user, title="Untagged, but about system design and technical judgment")
    make_story(
        user,
        title="Streaming",
        themes=["global-streaming-at-scale"],
        questions=["technical-leadership-at-netflix-scale-1"],
    )
    data = guide_data(guide)

    def fits(stories):
        found = planner.fits_by_round(data.rounds, stories, data.facts)
        return {rid: [(f.story.title, f.score, f.matches) for f in fs] for rid, fs in found.items()}

    assert fits(reviewed_story_facts(user, data, 150)) == fits([s for s in load_story_facts(user)])


def test_the_guide_data_is_read_once_per_guide_version(guide, django_assert_num_queries):
    guide_data(guide)
    with django_assert_num_queries(0):
        assert guide_data(guide).facts.guide == guide
    load_guide(GUIDE_FILE)  # nothing changed: the same version, nothing read again
    with django_assert_num_queries(0):
        guide_data(guide)
    Question.objects.filter(slug="candor-direct-communication-1").update(text="Edited by hand")
    reloaded, _ = load_guide(GUIDE_FILE)
    assert reloaded.loaded_at > guide.loaded_at
    with django_assert_num_queries(10):  # values, categories (+ their values), questions, themes, rounds,
        guide_data(reloaded)  # levels; the coach's story parts, levels and red flags


def test_derived_facts_are_the_users_own(guide, user):
    other = get_user_model().objects.create(username="other")
    make_story(other, title="Theirs", values=["candor-feedback"])
    make_story(user, title="Mine")
    assert [s.title for s in reviewed_story_facts(user, guide_data(guide), 150)] == ["Mine"]


def test_a_stamp_names_the_rules_the_guide_version_and_the_pace(guide):
    data = guide_data(guide)
    assert StoryDeriver(data, 150).stamp != StoryDeriver(data, 120).stamp
    assert data.version in StoryDeriver(data, 150).stamp
