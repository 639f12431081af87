"""What the rehearsals add up to: per question and story, a streak, per-day counts, and warnings.

Plain functions over plain data (rows of Rehearsal.objects.values(), dates, counts), so the rules
are tested without a database. Times are whole seconds; dates are the user's local dates.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

STALE_AFTER_DAYS = 14  # issue 10: "a Ready story not rehearsed for 14 days"
MAX_PLANNED_ROUNDS = 2  # issue 10: "a story planned for more than two rounds"
# "Told far more often than the rest": at least this many tellings, and more than OVERUSE_FACTOR
# times the average of the user's other stories (which counts the ones never told as 0).
OVERUSE_MIN_TELLINGS = 5
OVERUSE_FACTOR = 2


def overrun(part_seconds, budget_seconds) -> int:
    """Seconds spent past the budgets, part by part (a short part does not pay for a long one)."""
    return sum(max(0, spent - budget) for spent, budget in zip(part_seconds, budget_seconds, strict=False))


@dataclass(frozen=True)
class Stats:
    """Rehearsals of one question or one story."""

    count: int
    last: datetime
    average_rating: float  # 1 Again .. 4 Easy
    average_overrun: int  # seconds past the budgets per telling, on average
    average_seconds: int  # a telling's length, on average


def stats_by(rows, key: str) -> dict[int, Stats]:
    """`rows`: dicts with key (e.g. "story_id"), part_seconds, budget_seconds, rating, created_at.

    Returns key value -> Stats, for the rows where that key is set.
    """
    groups: dict[int, list[dict]] = {}
    for row in rows:
        if row[key] is not None:
            groups.setdefault(row[key], []).append(row)
    result = {}
    for ident, group in groups.items():
        n = len(group)
        result[ident] = Stats(
            count=n,
            last=max(r["created_at"] for r in group),
            average_rating=round(sum(r["rating"] for r in group) / n, 1),
            average_overrun=round(sum(overrun(r["part_seconds"], r["budget_seconds"]) for r in group) / n),
            average_seconds=round(sum(sum(r["part_seconds"]) for r in group) / n),
        )
    return result


def streak(days, today: date) -> int:
    """Consecutive days with a rehearsal, ending today, or yesterday while today is still open.

    `days`: the dates (any iterable) on which the user rehearsed.
    """
    days = set(days)
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def per_day(days, today: date, span: int = 28) -> list[tuple[date, int]]:
    """(date, rehearsals that day) for the `span` days ending `today`, oldest first."""
    counts = Counter(days)
    return [(day, counts.get(day, 0)) for day in (today - timedelta(days=span - 1 - i) for i in range(span))]


@dataclass(frozen=True)
class Warning:
    """A story to look at: `kind` "overused" or "stale", with the reason in words."""

    kind: str
    story_id: int
    title: str
    reason: str


def overused(stories, told: dict[int, int], planned_rounds: dict[int, int]) -> list[Warning]:
    """Stories leaned on too hard: planned for more than two rounds, or told far more than the rest.

    `stories`: (id, title) of the user's active stories; `told`: story id -> rehearsals;
    `planned_rounds`: story id -> rounds of the loop plan it is in. (The loop planner puts a story
    in one round at most today; the rule stands for plans made before that or elsewhere.)
    """
    stories = list(stories)
    total = sum(told.get(story_id, 0) for story_id, _ in stories)
    warnings = []
    for story_id, title in stories:
        rounds = planned_rounds.get(story_id, 0)
        count = told.get(story_id, 0)
        others = len(stories) - 1  # the average over the other stories, from the total: one pass, not N
        average = (total - count) / others if others else 0
        if rounds > MAX_PLANNED_ROUNDS:
            warnings.append(Warning("overused", story_id, title, f"planned for {rounds} rounds of the loop"))
        elif others and count >= OVERUSE_MIN_TELLINGS and count > OVERUSE_FACTOR * average:
            warnings.append(
                Warning(
                    "overused",
                    story_id,
                    title,
                    f"told {count} times, against {average:.1f} on average for your other stories",
                )
            )
    return warnings


def stale(ready_stories, last_told: dict[int, datetime], now: datetime, written=None) -> list[Warning]:
    """Ready stories not rehearsed in the last 14 days (or never), longest forgotten first.

    `ready_stories`: (id, title) of the user's Ready stories; `last_told`: story id -> last rehearsal;
    `written`: story id -> when it was written. A story never rehearsed is stale only once it is 14 days
    old: one written today has not been forgotten yet.
    """
    limit = now - timedelta(days=STALE_AFTER_DAYS)
    written = written or {}
    found = []
    for story_id, title in ready_stories:
        last = last_told.get(story_id)
        if last is None and written.get(story_id, limit) > limit:
            continue
        if last is None:
            found.append((datetime.min, Warning("stale", story_id, title, "Ready, never rehearsed")))
        elif last < limit:
            days = (now - last).days
            found.append(
                (
                    last.replace(tzinfo=None),
                    Warning("stale", story_id, title, f"Ready, last rehearsed {days} days ago"),
                )
            )
    return [warning for _key, warning in sorted(found, key=lambda pair: pair[0])]


def stale_changes_at(
    ready_stories, last_told: dict[int, datetime], now: datetime, written=None
) -> datetime | None:
    """When `stale(...)` will next say something else with no new rehearsal: a story turns stale, or a stale
    one's "last rehearsed N days ago" counts one more day. None when nothing will change.

    The arguments are stale()'s; a page that shows the warnings is good until then.
    """
    written = written or {}
    limit = timedelta(days=STALE_AFTER_DAYS)
    moments = []
    for story_id, _title in ready_stories:
        last = last_told.get(story_id)
        if last is None:
            since = written.get(story_id)
            if since is not None and since + limit > now:  # turns stale, "never rehearsed", then stays so
                moments.append(since + limit)
        elif last + limit > now:
            moments.append(last + limit)
        else:  # stale: its count of days moves on a day after the last one it said
            moments.append(last + timedelta(days=(now - last).days + 1))
    return min(moments, default=None)


def part_averages(rows, parts: int = 5) -> list[int]:
    """Average seconds per part over `rows` (dicts with part_seconds), or zeros when there are none."""
    rows = [r for r in rows if len(r["part_seconds"]) == parts]
    if not rows:
        return [0] * parts
    return [round(sum(r["part_seconds"][i] for r in rows) / len(rows)) for i in range(parts)]
