"""The debrief: questions really asked, matched to the guide, and how well the bank predicted them.

A typed question is matched to the nearest of the guide's questions when it is close: the same text
(ignoring case, spaces and end punctuation) is that question; otherwise the two are compared as sets
of Snowball stems (stories/words.py), leaving out the words that frame a question ("tell me about a
time", "describe", "how do you") and counting the Dice coefficient 2|A∩B| / (|A|+|B|). The best
question matches when its score is at least MATCH_AT (0.5: half the topic words shared) and the two
share at least MIN_SHARED stems (one shared word between two-word topics is a coincidence: "disagreed
with your manager" is not "manage out an underperformer"), ties going to the guide's order. Otherwise
the question stays typed, matched to none.

The prediction: when a question is logged, the bank held for it a usable story (Ready and not Weak,
as coverage counts, stories/facts.py), only weak stories or drafts, or nothing (AskedQuestion.BankHad).
"""

import re
from dataclasses import dataclass, field

from django.db import transaction

from stories import words
from stories.models import AskedQuestion, Debrief, Profile

MATCH_AT = 0.5
MIN_SHARED = 2
FRAME_WORDS = frozenset(
    ["tell", "describe", "time", "times", "situation", "example", "approach", "experience", "how", "would", "do", "did", "you", "your", "me", "about", "had", "have", "has", "give", "gave", "walk", "us"]
)
_SPACE = re.compile(r"\s+")


def _normal(text: str) -> str:
    return _SPACE.sub(" ", text).strip().rstrip("?.! ").lower()


def topic_stems(text: str) -> frozenset[str]:
    """The Snowball stems of what a question is about (its framing words left out)."""
    return frozenset(stem for stem, word in words.snowball_words(text) if word not in FRAME_WORDS)


@dataclass(frozen=True)
class Match:
    question: object | None  # the guide's Question, or None
    score: float  # 1.0 for the same text, else the Dice coefficient of the topic stems

    @property
    def exact(self) -> bool:
        return self.score == 1.0


def match_question(text: str, questions) -> Match:
    """The guide question nearest to `text`, among `questions` (in guide order), if close enough."""
    wanted = _normal(text)
    for question in questions:
        if _normal(question.text) == wanted:
            return Match(question, 1.0)
    mine = topic_stems(text)
    best, best_score = None, 0.0
    for question in questions:
        theirs = topic_stems(question.text)
        if mine and theirs and len(mine & theirs) >= MIN_SHARED:
            score = 2 * len(mine & theirs) / (len(mine) + len(theirs))
            if score > best_score:
                best, best_score = question, score
    return Match(best, round(best_score, 3)) if best_score >= MATCH_AT else Match(None, round(best_score, 3))


def bank_had(question, stories) -> str:
    """What the bank holds for a guide question: AskedQuestion.BankHad's value. `stories`: StoryFacts."""
    if question is None:
        return AskedQuestion.BankHad.NONE
    tagged = [s for s in stories if question.id in s.question_ids]
    if any(s.usable for s in tagged):
        return AskedQuestion.BankHad.READY
    return AskedQuestion.BankHad.WEAK if tagged else AskedQuestion.BankHad.NONE


@dataclass
class Prediction:
    """How well the bank predicted the questions asked, over all debriefs: counts per BankHad value."""

    ready: int = 0
    weak: int = 0
    none: int = 0
    misses: list = field(default_factory=list)  # AskedQuestion rows that had no Ready story

    @property
    def total(self) -> int:
        return self.ready + self.weak + self.none

    @property
    def percent(self) -> int:
        """The share of questions asked that had a Ready story, in whole per cent."""
        return round(100 * self.ready / self.total) if self.total else 0


def prediction(asked) -> Prediction:
    """Prediction over `asked` (AskedQuestion rows, with `question` loaded)."""
    result = Prediction()
    for row in asked:
        setattr(result, row.bank_had, getattr(result, row.bank_had) + 1)
        if row.bank_had != AskedQuestion.BankHad.READY:
            result.misses.append(row)
    return result


@dataclass(frozen=True)
class Gap:
    """A question asked in a real interview that the bank still cannot answer with a usable story."""

    text: str
    question: object | None  # the guide's Question, when matched
    times: int  # how many times it was asked, over every debrief


def gaps(asked, covered_question_ids: set[int]) -> list[Gap]:
    """The asked questions with no usable story now, most asked first (then in the order first asked).

    `asked`: AskedQuestion rows oldest first; `covered_question_ids`: the guide questions that a usable
    story answers today. Typed questions that match no guide question are gaps until deleted.
    """
    found: dict[object, list] = {}
    for row in asked:
        if row.question_id:
            if row.question_id in covered_question_ids:
                continue
            key = ("q", row.question_id)
        else:
            key = ("t", _normal(row.text))
        found.setdefault(key, []).append(row)
    shown = [Gap(rows[0].question.text if rows[0].question_id else rows[0].text, rows[0].question, len(rows))
             for rows in found.values()]
    return sorted(shown, key=lambda gap: -gap.times)


@transaction.atomic
def delete_debrief(debrief) -> None:
    """Delete a debrief and its asked questions."""
    debrief.delete()
    Profile.bump_bank_revision(debrief.owner_id)


def record_debrief(*, owner, held_on, round, note, rows, questions, stories) -> object:
    """Save a debrief and its asked questions in one transaction; returns the Debrief.

    `rows`: dicts of text, story, rating, note (blank texts skipped); `questions`: the guide's questions,
    in order, to match typed text against; `stories`: the owner's StoryFacts, for `bank_had`.
    """
    with transaction.atomic():
        debrief = Debrief.objects.create(owner=owner, held_on=held_on, round=round, note=note)
        for order, row in enumerate(r for r in rows if (r.get("text") or "").strip()):
            text = row["text"].strip()
            match = match_question(text, questions)
            AskedQuestion.objects.create(
                debrief=debrief, question=match.question, text="" if match.exact else text,
                story=row.get("story"), rating=row.get("rating"), note=row.get("note") or "",
                bank_had=bank_had(match.question, stories), order=order,
            )
        Profile.bump_bank_revision(owner)
    return debrief
