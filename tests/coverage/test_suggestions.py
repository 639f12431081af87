"""The ranking of a user's stories for a question, on small hand-made cases."""

import pytest

from stories import words
from stories.coverage.suggestions import QuestionFacts, rank_stories, suggestions_for_question
from stories.facts import StoryFacts
from tests.conftest import make_story

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


# The ranking.


def test_a_story_tagged_with_the_question_category_value_ranks_above_one_sharing_two_words():
    tagged = story(1, "Quiet reviews", "Nothing in common here", values=[CANDOR])
    wordy = story(2, "Difficult feedback", "about the roadmap")
    ranked = rank_stories(FEEDBACK_QUESTION, [wordy, tagged])
    assert titles(ranked) == ["Quiet reviews", "Difficult feedback"]
    assert [s.score for s in ranked] == [3, 2]


def test_a_story_that_tells_what_the_question_asks_outranks_one_only_tagged_with_its_value():
    tagged = story(1, "Quiet reviews", values=[CANDOR])
    wordy = story(2, "Gave difficult feedback", "to a senior engineer on my team")
    ranked = rank_stories(FEEDBACK_QUESTION, [tagged, wordy])
    assert titles(ranked) == ["Gave difficult feedback", "Quiet reviews"]
    assert ranked[0].shared_words == ("difficult", "feedback", "senior", "engineer")


def test_sharing_the_question_theme_earns_points():
    themed = story(1, "CDN rollout", themes=[STREAMING_THEME])
    ranked = rank_stories(STREAMING_QUESTION, [themed])
    assert ranked[0].score == 2
    assert ranked[0].shared_theme == "Global Streaming at Scale"


def test_every_shared_value_counts():
    one = story(1, "One value", values=[INNOVATION])
    two = story(2, "Two values", values=[INNOVATION, CUSTOMER])
    assert titles(rank_stories(STREAMING_QUESTION, [one, two])) == ["Two values", "One value"]


def test_word_points_are_capped_so_a_long_story_does_not_win_on_length():
    long_story = story(
        1, "Everything", "design global video streaming service subscribers difficult feedback senior"
    )
    tagged = story(2, "Tagged", values=[INNOVATION], themes=[STREAMING_THEME])
    ranked = rank_stories(STREAMING_QUESTION, [long_story, tagged])
    assert ranked[1].score == 4  # five shared words, capped at four points
    assert titles(ranked) == ["Tagged", "Everything"]


def test_a_story_already_tagged_with_the_question_is_not_suggested():
    answered = story(1, "Already answers it", values=[CANDOR], questions=[FEEDBACK_QUESTION.id])
    assert rank_stories(FEEDBACK_QUESTION, [answered]) == []


def test_a_story_with_nothing_in_common_or_a_single_shared_word_is_left_out():
    unrelated = story(1, "Migrated billing to a new database")
    one_word = story(2, "Feedback loop for the build")
    assert rank_stories(FEEDBACK_QUESTION, [unrelated, one_word]) == []


def test_equal_scores_are_ordered_by_title_and_only_the_best_three_are_kept():
    stories = [story(i, title, values=[CANDOR]) for i, title in enumerate(["delta", "Alpha", "charlie", "Bravo"])]
    assert titles(rank_stories(FEEDBACK_QUESTION, stories)) == ["Alpha", "Bravo", "charlie"]
    assert len(rank_stories(FEEDBACK_QUESTION, stories, limit=None)) == 4


def test_the_reason_names_the_values_the_theme_and_the_words():
    both = story(1, "Global video launch", values=[CUSTOMER], themes=[STREAMING_THEME])
    (suggestion,) = rank_stories(STREAMING_QUESTION, [both])
    assert suggestion.reason == (
        "Tagged Customer Obsession, which this question probes; same theme: Global Streaming at Scale; "
        "mentions global, video"
    )


# From the database, for the question page.


def test_suggestions_for_a_question_come_from_the_user_own_stories_only(guide, user, other_user):
    from guide.models import Question

    make_story(user, title="Mine: told a peer hard truths", values=["candor-feedback"])
    make_story(other_user, title="Theirs: also candid", values=["candor-feedback"])
    question = Question.objects.with_category().select_related("theme").get(slug="candor-direct-communication-1")
    assert titles(suggestions_for_question(user, question)) == ["Mine: told a peer hard truths"]


@pytest.mark.django_db
def test_a_visitor_who_is_not_logged_in_gets_no_suggestions(guide):
    from django.contrib.auth.models import AnonymousUser

    from guide.models import Question

    question = Question.objects.with_category().get(slug="candor-direct-communication-1")
    assert suggestions_for_question(AnonymousUser(), question) == []


def test_suggestions_for_a_question_cost_four_queries_however_many_stories(
    guide, user, django_assert_num_queries
):
    from guide.models import Question

    for n in range(20):
        make_story(user, title=f"Story {n}", values=["candor-feedback"], themes=["global-streaming-at-scale"])
    question = Question.objects.with_category().select_related("theme").get(slug="candor-direct-communication-1")
    list(question.category.values.all())
    # stories; their values; their questions; their themes
    with django_assert_num_queries(4):
        assert len(suggestions_for_question(user, question)) == 3
