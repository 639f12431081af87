"""A round of the loop as a practice session: the questions that match its focus, and its clock.

A round's focus is a few short phrases ("System design", "Candor & feedback"). A question matches a
phrase when at least half of the phrase's words (stems, see stories/words.py) appear in what the
question is about: its text, its category's name and the names and taglines of the values the
category probes. Questions are ranked by how many focus words they match, then in the guide's order.

A session holds as many questions as fit in the round's minutes at QUESTION_MINUTES each: the
guide's four-minute story plus about two minutes of follow-ups.
"""

from dataclasses import dataclass

from .. import words

QUESTION_MINUTES = 6


@dataclass(frozen=True)
class RoundSession:
    """`questions`: the session's questions in order; `seconds`: the round's clock."""

    round: object
    questions: list
    matched: bool  # False when nothing matched the focus and the guide's first questions stand in

    @property
    def seconds(self) -> int:
        return self.round.minutes * 60


def question_topic_stems(question, category_values) -> set[str]:
    """The stems of what a question is about. `category_values`: the Values its category probes."""
    text = " ".join(
        [question.text, question.category.name, *(f"{v.name} {v.tagline}" for v in category_values)]
    )
    return {stem for stem, _word in words.phrase_stems(text)}


def focus_score(focus, topic: set[str]) -> int:
    """How many focus words a question's topic matches, counting only phrases at least half matched."""
    score = 0
    for phrase in focus:
        stems = [stem for stem, _word in words.phrase_stems(str(phrase))]
        hits = sum(1 for stem in stems if stem in topic)
        if stems and hits * 2 >= len(stems):
            score += hits
    return score


def round_session(rnd, questions, category_values: dict[int, list]) -> RoundSession:
    """The session for round `rnd`. `questions`: the guide's questions in guide order, with
    `category` loaded; `category_values`: category id -> the Values it probes."""
    size = max(1, rnd.minutes // QUESTION_MINUTES)
    scored = [
        (focus_score(rnd.focus, question_topic_stems(q, category_values.get(q.category_id, []))), i, q)
        for i, q in enumerate(questions)
    ]
    matching = sorted((s for s in scored if s[0] > 0), key=lambda s: (-s[0], s[1]))
    if matching:
        return RoundSession(rnd, [q for _score, _i, q in matching[:size]], matched=True)
    return RoundSession(rnd, list(questions[:size]), matched=False)
