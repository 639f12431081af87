"""Reading and writing practice data: the user's cards, saving a rehearsal, history and warnings.

Each loader reads a fixed number of queries, whatever the size of the bank (the counts are in the
docstrings and asserted in tests/practice/test_views.py).
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from guide.models import Question

from ..models import LoopSlot, PracticeCard, Profile, Rehearsal, Story
from . import history, schedule

CACHE_SECONDS = 24 * 3600
REHEARSAL_FIELDS = ("id", "question_id", "story_id", "part_seconds", "budget_seconds", "rating", "created_at")


def cached_due_count(profile, now: datetime) -> int:
    """schedule.due_count(user, now) for `profile`'s user, from the user's DueSchedule kept per bank revision: no query
    when it is in the cache (every rating and every change to the stories bumps the revision)."""
    key = f"practice-due:{profile.user_id}:{profile.bank_revision}"
    due = cache.get(key)
    if due is None:
        due = schedule.due_schedule(profile.user_id)
        cache.set(key, due, CACHE_SECONDS)
    return due.count(now)


def active_stories(user):
    return Story.objects.for_user(user).active()


def answered_questions(user):
    """Questions that at least one of the user's active stories answers, with `story_count`, in guide order."""
    mine = Q(stories__owner=user, stories__deleted_at__isnull=True)
    return (
        Question.objects.filter(mine)
        .annotate(story_count=Count("stories", filter=mine, distinct=True))
        .select_related("category")
        .order_by("category__order", "order")
    )


def load_cards(user, now: datetime) -> list[schedule.Due]:
    """All of the user's cards, soonest due first: 3 queries (stories, questions, card rows)."""
    stories = list(active_stories(user).only("id", "title", "status", "updated_at", "created_at"))
    questions = list(answered_questions(user))
    rows = list(PracticeCard.objects.for_user(user))
    return schedule.cards_for(stories, questions, rows, now)


def rated_card(user, *, question=None, story=None):
    """The card a rating moves first, as (kind, row or None): the question's when the user has a
    story for it, else the story's; None when the rating moves no card (a question with no story)."""
    if question is not None and has_story_for(user, question):
        return "question", PracticeCard.objects.filter(owner=user, question=question).first()
    if story is not None:
        return "story", PracticeCard.objects.filter(owner=user, story=story).first()
    return None


def has_story_for(user, question) -> bool:
    return active_stories(user).filter(questions=question).exists()


@transaction.atomic
def save_rehearsal(
    user, *, question, story, part_seconds, budget_seconds, rating, recall=False, note="", now=None
) -> Rehearsal:
    """Record a telling and rate the cards it exercised: the question's (if the user has a story for
    it) and the story's. `part_seconds`, `budget_seconds`: five whole seconds each; `rating`: 1-4."""
    now = now or timezone.now()
    rehearsal = Rehearsal.objects.create(
        owner=user,
        question=question,
        story=story,
        part_seconds=list(part_seconds),
        budget_seconds=list(budget_seconds),
        rating=rating,
        recall=recall,
        note=note,
        created_at=now,
    )
    targets = []
    if question is not None and has_story_for(user, question):
        targets.append({"question": question})
    if story is not None:
        targets.append({"story": story})
    for target in targets:
        row = PracticeCard.objects.select_for_update().filter(owner=user, **target).first()
        row = row or PracticeCard(owner=user, **target)
        schedule.review(row, rating, now).save()
    Profile.bump_bank_revision(user)
    return rehearsal


# History and warnings ------------------------------------------------------------------------------


@dataclass
class Row:
    """A line of the history table: a question or a story, its stats and its card's due date."""

    target: object
    stats: history.Stats | None
    due: datetime


def _rehearsal_rows(user):
    return list(Rehearsal.objects.filter(owner=user).values(*REHEARSAL_FIELDS))


def warnings_for(user, now: datetime, rows=None, stories=None) -> dict[str, list[history.Warning]]:
    """{"overused": [...], "stale": [...]} for the user's active stories: 3 queries (rehearsals,
    stories, loop slots), fewer when the caller passes the rehearsal rows and the stories."""
    return warnings_until(user, now, rows, stories)[0]


def warnings_until(user, now: datetime, rows=None, stories=None):
    """(warnings_for's warnings, when they next change by the clock alone or None): the same 3 queries.

    `rows`: dicts with story_id and created_at of the user's rehearsals; `stories`: the active stories, with
    pk, title, status and created_at (Story rows, or the StoryFacts the dashboard already read)."""
    if rows is None:
        rows = list(Rehearsal.objects.filter(owner=user, story__isnull=False).values("story_id", "created_at"))
    if stories is None:
        stories = [_Written(*row) for row in active_stories(user).values_list("id", "title", "status", "created_at")]
    told: dict[int, int] = {}
    last: dict[int, datetime] = {}
    for r in rows:
        if r["story_id"] is not None:
            told[r["story_id"]] = told.get(r["story_id"], 0) + 1
            last[r["story_id"]] = max(last.get(r["story_id"], r["created_at"]), r["created_at"])
    planned: dict[int, int] = {}
    for story_id in LoopSlot.objects.filter(owner=user).values_list("story_id", flat=True):
        planned[story_id] = planned.get(story_id, 0) + 1
    pairs = [(s.pk, s.title) for s in stories]
    ready = [(s.pk, s.title) for s in stories if s.status == Story.Status.READY]
    written = {s.pk: s.created_at for s in stories}
    warnings = {
        "overused": history.overused(pairs, told, planned),
        "stale": history.stale(ready, last, now, written),
    }
    return warnings, history.stale_changes_at(ready, last, now, written)


@dataclass(frozen=True)
class _Written:
    pk: int
    title: str
    status: str
    created_at: datetime


def first_warnings(warnings: dict[str, list[history.Warning]], shown: int) -> dict:
    """`warnings` (from warnings_for) with at most `shown` of each kind, and how many more there are
    ("overused_more", "stale_more"): what the dashboard lists at 1,000 stories."""
    bounded: dict = {}
    for kind, items in warnings.items():
        bounded[kind] = items[:shown]
        bounded[f"{kind}_more"] = max(0, len(items) - shown)
    return bounded


def history_data(user, now: datetime) -> dict:
    """Everything the history page shows: 5 queries (rehearsals, stories, questions, card rows, loop slots)."""
    rows = _rehearsal_rows(user)
    cards = load_cards(user, now)
    by_question = history.stats_by(rows, "question_id")
    by_story = history.stats_by(rows, "story_id")
    question_rows = [
        Row(c.target, by_question.get(c.target.pk), c.due) for c in cards if c.kind == "question"
    ]
    story_rows = [Row(c.target, by_story.get(c.target.pk), c.due) for c in cards if c.kind == "story"]
    key = lambda row: (row.stats is None, -(row.stats.last.timestamp() if row.stats else 0))  # noqa: E731
    today = timezone.localdate(now)
    days = [timezone.localdate(r["created_at"]) for r in rows]
    stories = [c.target for c in cards if c.kind == "story"]
    return {
        "total": len(rows),
        "question_rows": sorted(question_rows, key=key),
        "story_rows": sorted(story_rows, key=key),
        "streak": history.streak(days, today),
        "per_day": history.per_day(days, today),
        "recent": rows[:10],  # newest first (Rehearsal's ordering)
        "due_now": sum(1 for c in cards if c.is_due(now)),
        "warnings": warnings_for(user, now, rows=rows, stories=stories),
    }


def label_rows(user, rows):
    """Rehearsal rows with `label` (the question's text or the story's title) and `rating_label`:
    2 queries, whatever the number of rows."""
    questions = dict(
        Question.objects.filter(pk__in={r["question_id"] for r in rows}).values_list("pk", "text")
    )
    stories = dict(
        Story.objects.filter(owner=user, pk__in={r["story_id"] for r in rows}).values_list("pk", "title")
    )
    ratings = dict(Rehearsal.Rating.choices)
    return [
        {
            **r,
            "label": stories.get(r["story_id"]) or questions.get(r["question_id"]) or "(deleted)",
            "rating_label": ratings.get(r["rating"], r["rating"]),
        }
        for r in rows
    ]
