"""The spaced-repetition schedule: fsrs (the scheduler Anki uses) over the user's practice cards.

A card stands for a question the user has a story for, or for one story (PracticeCard). A question
or story that has never been rated has no row: it is a new card, due at once. Every function takes
the clock as `now` (an aware datetime), so the schedule is the same in a test as at 9 a.m. on the
morning of the loop.

fsrs settings: the library's defaults (90 % desired retention, learning steps of 1 and 10 minutes,
relearning after 10 minutes) with fuzzing off, so the same ratings always give the same due dates.
"""

import bisect
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from fsrs import Card, Rating, Scheduler, State

from guide.models import Question

from ..models import PracticeCard, Story

SCHEDULER = Scheduler(enable_fuzzing=False)


def to_card(row: PracticeCard | None, now: datetime) -> Card:
    """An fsrs Card from a PracticeCard row; None (never rated) is a new card due at `now`."""
    if row is None or row.last_review is None:
        return Card(card_id=0, due=now)
    return Card(
        card_id=row.pk or 0,
        state=State(row.state),
        step=row.step,
        stability=row.stability,
        difficulty=row.difficulty,
        due=row.due,
        last_review=row.last_review,
    )


def copy_card(card: Card, row: PracticeCard) -> PracticeCard:
    """Write an fsrs Card's state onto the row (not saved)."""
    row.due = card.due
    row.stability = card.stability
    row.difficulty = card.difficulty
    row.state = int(card.state)
    row.step = card.step
    row.last_review = card.last_review
    return row


def review(row: PracticeCard, rating: int, now: datetime) -> PracticeCard:
    """Apply one rating (1 Again .. 4 Easy, fsrs.Rating) given at `now` to the row (not saved)."""
    card, _log = SCHEDULER.review_card(to_card(row, now), Rating(rating), review_datetime=now)
    return copy_card(card, row)


def preview(row: PracticeCard | None, now: datetime) -> dict[int, datetime]:
    """Rating -> the due date that rating would give now: what the rating buttons promise."""
    card = to_card(row, now)
    return {int(rating): SCHEDULER.review_card(card, rating, review_datetime=now)[0].due for rating in Rating}


def describe_interval(due: datetime, now: datetime) -> str:
    """'in 10 min', 'in 3 days': how far `due` is from `now`, rounded the way a person says it."""
    seconds = max(0, round((due - now).total_seconds()))
    if seconds < 3600:
        return f"in {max(1, round(seconds / 60))} min"
    if seconds < 86400:
        hours = round(seconds / 3600)
        return f"in {hours} hour{'s' if hours != 1 else ''}"
    days = round(seconds / 86400)
    if days < 60:
        return f"in {days} day{'s' if days != 1 else ''}"
    return f"in {round(days / 30)} months"


# What is due ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Due:
    """One card, existing or new: `kind` "question" or "story", `target` the Question or Story."""

    kind: str
    target: object
    due: datetime
    row: PracticeCard | None
    story_count: int = 0  # for a question: how many of the user's stories answer it

    @property
    def is_new(self) -> bool:
        return self.row is None

    def is_due(self, now: datetime) -> bool:
        return self.due <= now


def cards_for(stories, questions, rows, now: datetime) -> list[Due]:
    """Every card of the user, soonest due first (new cards, due `now`, first in guide order).

    `stories`: the user's active stories; `questions`: the questions they answer, each with a
    `story_count` attribute (or 0); `rows`: the user's PracticeCard rows. Rows whose story is
    gone or whose question no longer has a story are left out (and kept, should it come back).
    """
    by_story = {r.story_id: r for r in rows if r.story_id}
    by_question = {r.question_id: r for r in rows if r.question_id}
    cards = []
    for position, question in enumerate(questions):
        row = by_question.get(question.pk)
        due = row.due if row else now
        cards.append(
            ((due, 0, position), Due("question", question, due, row, getattr(question, "story_count", 0)))
        )
    for position, story in enumerate(stories):
        row = by_story.get(story.pk)
        due = row.due if row else now
        cards.append(((due, 1, position), Due("story", story, due, row)))
    return [card for _key, card in sorted(cards, key=lambda pair: pair[0])]


def _count(queryset):
    """A subquery counting `queryset`'s rows (0 when there are none)."""
    counted = queryset.order_by().annotate(one=Value(1)).values("one").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _counted(user):
    """What a due count counts, as querysets: (rated cards whose story is active or whose question, not
    retired, still has an active story of the user; active stories without a card; questions with an
    active story and no card). `user`: a user or its id."""
    active = Story.objects.filter(owner=user, deleted_at__isnull=True)
    answered = Q(question__stories__owner=user, question__stories__deleted_at__isnull=True)
    rated = PracticeCard.objects.filter(owner=user).filter(
        Q(story__isnull=False, story__deleted_at__isnull=True)
        # A question retired from the guide is not asked any more (its card waits, should it come back).
        | Q(question__retired=False, pk__in=PracticeCard.objects.filter(answered).values("pk"))
    )
    card_for_story = PracticeCard.objects.filter(owner=user, story=OuterRef("pk"))
    new_stories = active.filter(~Exists(card_for_story))
    question_ids = active.values("questions").filter(questions__isnull=False)
    card_for_question = PracticeCard.objects.filter(owner=user, question=OuterRef("pk"))
    new_questions = Question.objects.filter(pk__in=question_ids).filter(~Exists(card_for_question))
    return rated, new_stories, new_questions


def due_count(user, now: datetime) -> int:
    """How many of `user`'s cards are due at `now`, new ones included: one query (three counts).

    Counted: rated cards due by `now` whose story is active or whose question still has an active
    story of the user; active stories without a card; questions with an active story and no card.
    """
    rated, new_stories, new_questions = _counted(user)
    totals = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            due_rated=_count(rated.filter(due__lte=now)),
            due_stories=_count(new_stories),
            due_questions=_count(new_questions),
        )
        .values_list("due_rated", "due_stories", "due_questions")
        .first()
    )
    return sum(totals) if totals else 0


@dataclass(frozen=True)
class DueSchedule:
    """due_count for any `now`, from one reading of the cards: `new` cards (always due) and the due times of
    the rated cards that count, as sorted POSIX timestamps."""

    new: int
    due: tuple[float, ...]

    def count(self, now: datetime) -> int:
        return self.new + bisect.bisect_right(self.due, now.timestamp())


def due_schedule(user) -> DueSchedule:
    """What due_count counts, at any time, for `user` (a user or its id): 2 queries (the new cards' two
    counts; the rated cards' due times).

    It changes only when the bank does (a rating, a story written, tagged or trashed), so the navigation's
    count is kept per bank revision (practice/services.py, cached_due_count) and counted against the clock.
    """
    rated, new_stories, new_questions = _counted(user)
    totals = (
        get_user_model()
        .objects.filter(pk=getattr(user, "pk", user))
        .annotate(due_stories=_count(new_stories), due_questions=_count(new_questions))
        .values_list("due_stories", "due_questions")
        .first()
    )
    due = sorted(when.timestamp() for when in rated.values_list("due", flat=True))
    return DueSchedule(sum(totals) if totals else 0, tuple(due))


def next_due_at(cards: list[Due], now: datetime) -> datetime | None:
    """When the first card not yet due comes due (None if there is none)."""
    later = [c.due for c in cards if c.due > now]
    return min(later) if later else None
