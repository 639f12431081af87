"""The loop plan in the JSON document (version 3): which stories the user tells in which round.

`loop_record(owner)` writes the "plan.loop" list (schema/storybank-v3.schema.json): a round's slug and
the uuids of its stories, in order, for each round with a story. `check_loop(errors, value, guide)`
reads one back as [(round, [uuid, ...])]; `apply_loop(owner, loop, stories)` replaces the user's loop
plan with it, inside the import's transaction.

Identity: a story is named by its uuid, as in "stories". A story the import creates under a new uuid
(the file's one was another account's) is still found: apply.py passes the file's uuid -> the story.
A uuid that is neither in the file nor the user's is left out, and the preview says so (plan.py).
"""

import uuid

from guide.models import InterviewRound
from stories.coverage.planner import SLOTS_PER_ROUND, save_plan
from stories.models import LoopSlot

from .records import kind_of, shown

LOOP_FIELDS = ("round", "stories")


def loop_record(owner) -> list[dict]:
    """[{"round": slug, "stories": [uuid, ...]}] in the guide's round order; stories in the trash left out."""
    slots = (
        LoopSlot.objects.filter(owner=owner, story__deleted_at__isnull=True)
        .select_related("round")
        .order_by("round__order", "round_id", "order")
        .values_list("round__slug", "story__uuid")
    )
    loop: dict[str, list[str]] = {}
    for round_slug, story_uuid in slots:
        loop.setdefault(round_slug, []).append(str(story_uuid))
    return [{"round": slug, "stories": stories} for slug, stories in loop.items()]


def check_loop(errors: list, value, guide) -> list:
    """The "plan.loop" list read back as [(InterviewRound, [uuid.UUID, ...])]; problems go to `errors`,
    each naming the entry: an unknown round, a round listed twice, more than SLOTS_PER_ROUND stories in a
    round (the planner's rule), a story planned twice (a story is told once per loop), a bad uuid."""
    if not isinstance(value, list):
        errors.append(f"“plan.loop” must be a list of rounds, not {kind_of(value)}.")
        return []
    rounds = {r.slug: r for r in InterviewRound.all_objects.filter(guide=guide)}  # a backup keeps retired ones
    loop, seen_rounds, seen_stories = [], set(), set()
    for number, entry in enumerate(value, 1):
        where = f"Loop entry {number}"
        if not isinstance(entry, dict):
            errors.append(f"{where} must be an object with “round” and “stories”, not {kind_of(entry)}.")
            continue
        unknown = [key for key in entry if key not in LOOP_FIELDS]
        if unknown:
            errors.append(f"{where}: unknown field {shown(unknown[0])}.")
        slug = entry.get("round")
        if slug not in rounds:
            known = ", ".join(rounds) or "none"
            errors.append(f"{where}: unknown round {shown(slug)} (the guide's rounds: {known}).")
        elif slug in seen_rounds:
            errors.append(f"{where}: the round {shown(slug)} is listed twice.")
        seen_rounds.add(slug)
        stories = entry.get("stories")
        if not isinstance(stories, list) or len(stories) > SLOTS_PER_ROUND:
            errors.append(f"{where}, “stories” must be a list of at most {SLOTS_PER_ROUND} story uuids.")
            continue
        ids = []
        for item in stories:
            try:
                ident = uuid.UUID(item) if isinstance(item, str) else None
            except ValueError:
                ident = None
            if ident is None:
                errors.append(f"{where}, “stories” holds {shown(item)}, which is not a story's uuid.")
            elif ident in seen_stories:
                errors.append(f"{where}: the story {ident} is planned twice; a story is told once per loop.")
            else:
                seen_stories.add(ident)
                ids.append(ident)
        if slug in rounds:
            loop.append((rounds[slug], ids))
    return loop


def loop_uuids(loop) -> set:
    return {ident for _, ids in loop for ident in ids}


def apply_loop(owner, loop, stories: dict) -> int:
    """Replace `owner`'s loop plan with `loop` ([(round, [uuid, ...])]); `stories` maps a uuid to the
    owner's story it names (those missing are left out). Returns the number of stories planned."""
    plan = {rnd.id: [stories[ident].pk for ident in ids if ident in stories] for rnd, ids in loop}
    return save_plan(owner, {round_id: ids for round_id, ids in plan.items() if ids})
