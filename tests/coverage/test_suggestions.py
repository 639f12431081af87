"""The ranking of a user's stories for a question, on small hand-made cases."""

import pytest

from guide.parser import parse_guide_file
from stories import words
from stories.coverage.suggestions import (
    QuestionFacts,
    corpus_for,
    rank_stories,
    suggestions_for_question,
)
from stories.facts import StoryFacts
from tests.conftest import GUIDE_FILE, make_story

CANDOR, INNOVATION, CUSTOMER = 1, 2, 3
STREAMING_THEME = 10


def story(id, title, text="", values=(), themes=(), questions=(), status="draft"):
    return StoryFacts(
        id=id,
        title=title,
        status=status,
        value_ids=frozenset(values),
        theme_ids=frozenset(themes),
        question_ids=frozenset(questions),
        stems=words.stem_words(f"{title} {text}"),
        terms=words.term_counts(f"{title} {text}"),
    )


FEEDBACK_QUESTION = QuestionFacts(
    id=100,
    text="Tell me about a time you had to give difficult feedback to a senior engineer",
    values=((CANDOR, "Candor & Feedback"),),
)
STREAMING_QUESTION = QuestionFacts(
    id=200,
    text="How would you design a global video streaming service for 200M+ subscribers?",
    values=((INNOVATION, "Innovation & Risk-Taking"), (CUSTOMER, "Customer Obsession")),
    theme=(STREAMING_THEME, "Global Streaming at Scale"),
)


# The guide's 33 questions: with the stories, the document frequencies the pages rank by.
GUIDE_QUESTIONS = [q["text"] for q in parse_guide_file(GUIDE_FILE).questions]


def rank(question, stories, **kwargs):
    """rank_stories as the dashboard and the question page call it."""
    return rank_stories(question, stories, corpus=corpus_for(stories, GUIDE_QUESTIONS), **kwargs)


def titles(suggestions):
    return [s.story.title for s in suggestions]


# The word helper.


def test_related_word_forms_share_a_stem():
    assert words.stem("culture") == words.stem("cultural")
    assert words.stem("management") == words.stem("managed") == words.stem("manager")
    assert words.stem("scaling") == words.stem("scale")
    assert words.stem("leadership") == words.stem("leading")


def test_stop_words_and_interview_filler_carry_no_meaning():
    assert words.words("Tell me about a time you gave feedback") == ["gave", "feedback"]


def test_stem_words_keeps_the_first_spelling_of_each_stem():
    assert words.stem_words("Scaling the scale") == {"scal": "scaling"}


def test_term_counts_count_snowball_stems_and_one_pass_gives_both_forms():
    text = "Scaling the scale; tell me: the team hired 3 hires, hiring. Culture, cultural 2024"
    assert words.term_counts(text) == {"scale": 2, "hire": 3, "cultur": 2, "team": 1}
    assert words.stems_and_terms(text) == (words.stem_words(text), words.term_counts(text))


# The ranking.


def test_sharing_a_value_with_the_question_category_is_not_enough_to_be_suggested():
    tagged = story(1, "Quiet reviews", "Nothing in common here", values=[CANDOR])
    assert rank(FEEDBACK_QUESTION, [tagged]) == []


def test_a_story_that_tells_what_the_question_asks_is_suggested_with_the_words_it_matched():
    tagged = story(1, "Quiet reviews", values=[CANDOR])
    wordy = story(2, "Gave difficult feedback", "to a senior engineer on my team")
    (suggestion,) = rank(FEEDBACK_QUESTION, [tagged, wordy])
    assert suggestion.story.title == "Gave difficult feedback"
    assert set(suggestion.shared_words) == {"difficult", "feedback", "senior", "engineer"}
    assert suggestion.score >= 0.8  # all four of the question's words, in a story a little longer than most


def test_the_question_theme_breaks_a_tie_but_earns_no_place_alone():
    themed = story(1, "CDN rollout", "video streaming for subscribers", themes=[STREAMING_THEME])
    plain = story(2, "Another rollout", "video streaming for subscribers")
    alone = story(3, "Theme only", "nothing in common", themes=[STREAMING_THEME])
    ranked = rank(STREAMING_QUESTION, [plain, alone, themed])
    assert titles(ranked) == ["CDN rollout", "Another rollout"]
    assert ranked[0].shared_theme == "Global Streaming at Scale"


def test_shared_values_break_a_tie_between_stories_that_match_equally_well():
    none = story(1, "Alpha", "video streaming for subscribers")
    one = story(2, "Bravo", "video streaming for subscribers", values=[INNOVATION])
    two = story(3, "Charlie", "video streaming for subscribers", values=[INNOVATION, CUSTOMER])
    assert titles(rank(STREAMING_QUESTION, [none, one, two])) == ["Charlie", "Bravo", "Alpha"]


def test_a_story_that_matches_more_of_the_question_outranks_one_that_repeats_one_word():
    repeats = story(1, "Feedback", "feedback " * 20)
    broad = story(2, "Senior review", "difficult feedback for a senior engineer")
    assert titles(rank(FEEDBACK_QUESTION, [repeats, broad])) == ["Senior review", "Feedback"]


def test_a_story_already_tagged_with_the_question_is_not_suggested():
    answered = story(1, "Difficult feedback to a senior engineer", values=[CANDOR], questions=[FEEDBACK_QUESTION.id])
    assert rank(FEEDBACK_QUESTION, [answered]) == []


def test_a_story_with_nothing_in_common_or_only_a_common_word_is_left_out():
    unrelated = story(1, "Migrated billing to a new database")
    # "engineer" is in many of the guide's questions and every story here: it says little on its own.
    common = story(2, "Hired an engineer", "the engineer joined the platform team")
    others = [story(i, f"Story {i}", "an engineer on my team") for i in range(3, 6)]
    assert rank(FEEDBACK_QUESTION, [unrelated, common, *others]) == []


def test_equal_scores_are_ordered_by_title_and_only_the_best_three_are_kept():
    stories = [
        story(i, title, "difficult feedback to a senior engineer", values=[CANDOR])
        for i, title in enumerate(["delta", "Alpha", "charlie", "Bravo"])
    ]
    assert titles(rank(FEEDBACK_QUESTION, stories)) == ["Alpha", "Bravo", "charlie"]
    assert len(rank(FEEDBACK_QUESTION, stories, limit=None)) == 4


def test_the_reason_names_the_words_rarest_first_the_values_and_the_theme():
    both = story(1, "Global video launch", values=[CUSTOMER], themes=[STREAMING_THEME])
    (suggestion,) = rank(STREAMING_QUESTION, [both])
    assert suggestion.reason == (
        "Mentions video, global; tagged Customer Obsession, which this question probes; "
        "same theme: Global Streaming at Scale"
    )


# From the database, for the question page.


def test_suggestions_for_a_question_come_from_the_user_own_stories_only(guide, user, other_user):
    from guide.models import Question

    make_story(user, title="Mine: difficult feedback to a senior engineer", values=["candor-feedback"])
    make_story(other_user, title="Theirs: difficult feedback to a senior engineer", values=["candor-feedback"])
    question = Question.objects.with_category().select_related("theme").get(slug="candor-direct-communication-1")
    assert titles(suggestions_for_question(user, question)) == ["Mine: difficult feedback to a senior engineer"]


@pytest.mark.django_db
def test_a_visitor_who_is_not_logged_in_gets_no_suggestions(guide):
    from django.contrib.auth.models import AnonymousUser

    from guide.models import Question

    question = Question.objects.with_category().get(slug="candor-direct-communication-1")
    assert suggestions_for_question(AnonymousUser(), question) == []


@pytest.mark.parametrize("count", [3, 30])
def test_suggestions_for_a_question_cost_two_queries_however_many_stories(
    guide, user, django_assert_num_queries, count
):
    from guide.models import Question

    for n in range(count):
        make_story(user, title=f"Story {n}: gave a senior engineer difficult feedback", values=["candor-feedback"],
                   themes=["global-streaming-at-scale"])
    question = Question.objects.with_category().select_related("theme").get(slug="candor-direct-communication-1")
    list(question.category.values.all())
    suggestions_for_question(user, question)  # derives each story's facts once, and reads the guide's data
    # the user's pace; the stories (their derived facts, links included, are in this process's memo)
    with django_assert_num_queries(2):
        assert len(suggestions_for_question(user, question)) == 3
