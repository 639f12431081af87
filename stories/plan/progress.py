"""The plan of one user: their settings, ticks and the figures of the measurable tasks, from the database.

`plan_for(user, profile, coverage, now)` costs 4 queries (phases, ticks, rehearsals,
loop plan) however many stories, rehearsals or ticks there are; the coverage it reads is the one the
dashboard already computed (stories/coverage/counts.py).
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.conf import settings
from django.db import transaction
from django.db.models import Count

from guide.models import PrepPhase
from stories.coach.review import STRONG
from stories.models import LoopSlot, PlanTick, Profile, Rehearsal

from ..practice.rounds import round_session
from .phases import Plan, PlanFacts, build_plan


def time_zone_names() -> list[str]:
    """The IANA time zone names a user may choose ("Europe/Paris"), sorted."""
    return sorted(available_timezones() - {"localtime", "Factory"})


def user_zone(profile) -> ZoneInfo:
    """The user's time zone (Settings), or the site's (settings.TIME_ZONE) when unset or unknown."""
    try:
        return ZoneInfo(profile.time_zone) if profile.time_zone else ZoneInfo(settings.TIME_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(settings.TIME_ZONE)


def local_today(profile, now: datetime) -> date:
    """The user's calendar date at `now` (an aware datetime), in their time zone."""
    return now.astimezone(user_zone(profile)).date()


def plan_facts(user, coverage) -> PlanFacts:
    """The measurable tasks' figures: 2 queries (rehearsals grouped by story and question; loop plan).

    `coverage`: the user's Coverage (stories/coverage/counts.py), which also gives the guide's rounds,
    questions in order and the values each category probes.
    """
    questions = [qc.question for category in coverage.categories for qc in category.questions]
    category_values = {c.category.id: c.values for c in coverage.categories}
    ready = [s for s in coverage.stories if s.is_ready]
    told: dict[int, int] = {}
    rehearsed_questions: set[int] = set()
    pairs = Rehearsal.objects.filter(owner=user).values("story_id", "question_id").annotate(n=Count("pk"))
    for row in pairs.order_by():
        if row["story_id"]:
            told[row["story_id"]] = told.get(row["story_id"], 0) + row["n"]
        if row["question_id"]:
            rehearsed_questions.add(row["question_id"])
    practised = 0
    for rnd in (r.round for r in coverage.rounds):
        session = round_session(rnd, questions, category_values)
        practised += any(q.id in rehearsed_questions for q in session.questions)
    planned = LoopSlot.objects.filter(owner=user).values_list("round_id", flat=True).distinct().order_by()
    return PlanFacts(
        stories=len(coverage.stories),
        ready=len(ready),
        strong_ready=sum(1 for s in ready if s.review is not None and s.review.grade == STRONG),
        ready_rehearsed_twice=sum(1 for s in ready if told.get(s.id, 0) >= 2),
        values_covered=coverage.summary.values_covered,
        values_met=sum(1 for v in coverage.values if v.status == "met"),
        values_total=coverage.summary.values_total,
        rounds_practised=practised,
        rounds_planned=len(set(planned)),
        rounds_total=len(coverage.rounds),
        target=coverage.summary.target,
    )


@transaction.atomic
def set_tick(user, key: str, done: bool) -> None:
    """Tick (done) or untick the guide task `key` of the user's plan."""
    if done:
        PlanTick.objects.get_or_create(owner=user, key=key)
    else:
        PlanTick.objects.filter(owner=user, key=key).delete()
    Profile.bump_bank_revision(user)


def plan_for(user, profile, coverage, now: datetime) -> Plan:
    """The user's dated plan at `now` (aware): 4 queries (phases, ticks, and plan_facts's two)."""
    phases = list(PrepPhase.objects.filter(guide__slug=settings.DEFAULT_GUIDE))
    ticks = set(PlanTick.objects.filter(owner=user).values_list("key", flat=True))
    return build_plan(
        phases, ticks, plan_facts(user, coverage), today=local_today(profile, now),
        interview=profile.interview_date, interview_end=profile.interview_end_date,
        started=profile.plan_started,
    )
