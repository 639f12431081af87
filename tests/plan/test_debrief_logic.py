"""Matching typed questions to the guide, and the prediction (stories/plan/debrief.py)."""

from types import SimpleNamespace

import pytest

from guide.models import Question
from stories.facts import StoryFacts
from stories.plan.debrief import Gap, bank_had, gaps, match_question, prediction


@pytest.fixture
def questions(guide):
    return list(Question.objects.filter(guide=guide).order_by("category__order", "order"))


def test_the_same_text_is_the_guide_question_whatever_the_case_and_punctuation(questions):
    match = match_question("  tell me about a time you had to MANAGE OUT an underperformer? ", questions)
    assert match.question.slug == "high-performance-culture-2" and match.exact


@pytest.mark.parametrize("typed, slug", [
    ("Tell me about the hardest feedback you gave to a senior engineer", "candor-direct-communication-1"),
    ("How would you handle an outage during a big content launch?", "technical-leadership-at-netflix-scale-2"),
    ("How do you approach technical debt in a fast-growing environment?", "technical-leadership-at-netflix-scale-4"),
])
def test_a_close_question_is_matched_to_the_nearest_guide_question(questions, typed, slug):
    match = match_question(typed, questions)
    assert match.question is not None and match.question.slug == slug and not match.exact


@pytest.mark.parametrize("typed", ["What is your favourite film?", "Why Netflix?", "", "\x00",
                                   "Tell me about a time you disagreed with your manager"])
def test_a_question_far_from_every_guide_question_stays_typed(questions, typed):
    assert match_question(typed, questions).question is None


def test_bank_had_tells_ready_weak_and_none_apart(questions):
    q = questions[0]
    ready = StoryFacts(1, "A", "ready", question_ids=frozenset({q.id}))
    draft = StoryFacts(2, "B", "draft", question_ids=frozenset({q.id}))
    weak = StoryFacts(3, "C", "ready", question_ids=frozenset({q.id}), review=SimpleNamespace(usable=False))
    assert bank_had(q, [ready, draft]) == "ready"
    assert bank_had(q, [draft, weak]) == "weak"
    assert bank_had(q, [StoryFacts(4, "D", "ready")]) == "none"
    assert bank_had(None, [ready]) == "none"


def row(bank, question=None, text=""):
    return SimpleNamespace(bank_had=bank, question=question, question_id=question.id if question else None,
                           text=text)


def test_the_prediction_counts_each_kind_and_the_share_predicted(questions):
    rows = [row("ready", questions[0]), row("weak", questions[1]), row("none", text="Why Netflix?"),
            row("ready", questions[2])]
    result = prediction(rows)
    assert (result.ready, result.weak, result.none, result.total, result.percent) == (2, 1, 1, 4, 50)
    assert [r.bank_had for r in result.misses] == ["weak", "none"]
    assert prediction([]).percent == 0


def test_gaps_add_up_over_debriefs_and_leave_out_what_is_covered_now(questions):
    q0, q1 = questions[0], questions[1]
    rows = [row("none", q0), row("none", q1), row("weak", q1), row("none", text="Why Netflix?"),
            row("none", text="why netflix")]
    found = gaps(rows, covered_question_ids={q0.id})
    assert found == [Gap(q1.text, q1, 2), Gap("Why Netflix?", None, 2)]
