"""How good "Might fit" is, measured on a labelled set (suggestion_cases.py).

The candidate's whole bank is loaded, then for each labelled question the page's
suggestions (at most three) are computed as the question page computes them. A
labelled pair is shown when its story is among them. Precision: of the labelled
pairs shown, the share that fit; recall: of the pairs that fit, the share shown.
"""

from guide.models import Question
from stories.coverage.suggestions import suggestions_for_question
from tests.conftest import make_story

from .suggestion_cases import LABELS, STORIES

MIN_PRECISION = 0.8
MIN_RECALL = 0.6


def add_story(user, key):
    story = STORIES[key]
    return make_story(
        user, values=story["values"], **{name: v for name, v in story.items() if name != "values"}
    )


def shown_pairs(user) -> set[tuple[str, str]]:
    """(story key, question slug) for each labelled question's suggestions."""
    key_of = {add_story(user, key).pk: key for key in STORIES}
    slugs = sorted({slug for _, slug, _ in LABELS})
    questions = Question.objects.with_category().select_related("theme").filter(slug__in=slugs)
    assert len(questions) == len(slugs), "every labelled question is in the guide"
    return {
        (key_of[suggestion.story.id], question.slug)
        for question in questions
        for suggestion in suggestions_for_question(user, question)
    }


def test_the_labelled_set_is_large_enough_and_has_hard_negatives(guide):
    assert len(LABELS) >= 40
    assert len({(story, slug) for story, slug, _ in LABELS}) == len(LABELS), "no pair twice"
    assert 10 <= len(STORIES) <= 14
    assert all(key in STORIES for key, _, _ in LABELS)
    # Hard negatives: the story shares a value with the question's category and does not answer it.
    probes = {q.slug: {v.slug for v in q.category.values.all()} for q in Question.objects.with_category()}
    hard = [(s, q) for s, q, fit in LABELS if not fit and probes[q] & set(STORIES[s]["values"])]
    assert len(hard) >= 10


def test_might_fit_is_precise_and_finds_most_stories_that_fit(guide, user):
    fits = {(story, slug) for story, slug, fit in LABELS if fit}
    shown = {(story, slug) for story, slug, _ in LABELS} & shown_pairs(user)  # the labelled pairs shown
    hits = len(shown & fits)
    precision = hits / len(shown) if shown else 0.0
    recall = hits / len(fits)
    assert precision >= MIN_PRECISION and recall >= MIN_RECALL, (
        f"precision {precision:.2f} ({hits} of {len(shown)} labelled pairs shown fit; needs {MIN_PRECISION}), "
        f"recall {recall:.2f} ({hits} of {len(fits)} fitting pairs shown; needs {MIN_RECALL})"
    )


def test_a_bank_of_one_or_two_stories_is_ranked_as_sensibly(guide, user):
    """With so few stories the frequencies come mostly from the guide's questions."""
    autonomy = Question.objects.with_category().select_related("theme").get(slug="freedom-responsibility-1")
    add_story(user, "underperformer")
    assert suggestions_for_question(user, autonomy) == []  # shares Freedom & Responsibility, answers nothing
    add_story(user, "autonomy")
    assert [s.story.title for s in suggestions_for_question(user, autonomy)] == [STORIES["autonomy"]["title"]]
