"""The prep plan in the JSON document: plan settings, the loop plan, hand ticks and debriefs, both ways.

Version 2 has the interview dates, target level and time zone in "settings", the ticks and debriefs;
version 3 adds the speaking pace, the stories-per-value target and the appearance to "settings", and
the loop plan ("loop", loop.py). `plan_record(owner)` writes the document's "plan" object
(schema/storybank-v3.schema.json); `check_plan(value, guide, version=...)` reads one back as PlanData or
a list of messages that name the field (a field of a later version is unknown in an earlier one);
`apply_plan_data(owner, data, stories)` writes it, inside the import's transaction (apply.py).

Identity and merging: settings replace the user's (only those the file has); the loop plan replaces
the user's; a tick is its key (ticked once); a debrief is its
uuid, so importing the same file twice adds nothing; a debrief whose uuid another account holds is
created under a new uuid. A question is the guide's slug, a story told is the story's uuid (left
empty when the importer has no such story).
"""

import uuid
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import available_timezones

from django.utils.dateparse import parse_date, parse_datetime

from guide.models import InterviewRound, Level, Question
from stories.models import AskedQuestion, Debrief, PlanTick, Profile, Story

from .loop import apply_loop, check_loop, loop_record
from .records import isoformat, kind_of, shown

PLAN_FIELDS = {2: ("settings", "ticks", "debriefs"), 3: ("settings", "loop", "ticks", "debriefs")}
SETTINGS_FIELDS = {2: ("interview_date", "interview_end_date", "target_level", "time_zone")}
SETTINGS_FIELDS[3] = (*SETTINGS_FIELDS[2], "words_per_minute", "stories_per_value", "appearance")
# Whole numbers in "settings", with the model's limits (stories/models.py Profile).
NUMBER_SETTINGS = {"words_per_minute": (60, 300), "stories_per_value": (1, 10)}
DEBRIEF_FIELDS = ("uuid", "held_on", "round", "note", "questions")
ASKED_FIELDS = ("question", "text", "story", "rating", "note", "bank_had")
MAX_DEBRIEFS, MAX_TICKS, MAX_ASKED = 500, 500, 30


def plan_record(owner) -> dict:
    """The owner's plan settings, ticks and debriefs as the document's "plan" object (dates ISO 8601)."""
    profile = Profile.objects.filter(user=owner).select_related("target_level").first() or Profile(user=owner)
    debriefs = Debrief.objects.for_user(owner).select_related("round").prefetch_related(
        "asked__question", "asked__story").order_by("held_on", "created_at", "uuid")
    return {
        "settings": {
            "interview_date": profile.interview_date.isoformat() if profile.interview_date else None,
            "interview_end_date": profile.interview_end_date.isoformat() if profile.interview_end_date else None,
            "target_level": profile.target_level.code if profile.target_level else None,
            "time_zone": profile.time_zone,
            "words_per_minute": profile.words_per_minute,
            "stories_per_value": profile.stories_per_value,
            "appearance": profile.appearance,
        },
        "loop": loop_record(owner),
        "ticks": [{"key": t.key, "ticked_at": isoformat(t.ticked_at)}
                  for t in PlanTick.objects.filter(owner=owner).order_by("key")],
        "debriefs": [{
            "uuid": str(d.uuid), "held_on": d.held_on.isoformat(), "round": d.round.slug if d.round else None,
            "note": d.note,
            "questions": [{
                "question": a.question.slug if a.question else None, "text": a.text,
                "story": str(a.story.uuid) if a.story else None, "rating": a.rating, "note": a.note,
                "bank_had": a.bank_had,
            } for a in d.asked.all()],
        } for d in debriefs],
    }


@dataclass
class PlanData:
    settings: dict | None = None  # the settings the file has, by Profile field name
    loop: list | None = None  # [(InterviewRound, [story uuid, ...])], or None when the file has none
    ticks: list = field(default_factory=list)  # (key, ticked_at)
    debriefs: list = field(default_factory=list)  # dicts, checked, with guide objects resolved

    @property
    def summary(self) -> str:
        parts = ["plan settings"] if self.settings is not None else []
        if self.loop is not None:
            parts.append(f"a loop plan of {_stories(sum(len(ids) for _, ids in self.loop))}")
        parts += [f"{len(self.ticks)} ticked task{'s' * (len(self.ticks) != 1)}",
                  f"{len(self.debriefs)} debrief{'s' * (len(self.debriefs) != 1)}"]
        return ", ".join(parts)

    @property
    def described(self) -> list[str]:
        """What the import will do with the plan, a sentence each, for the preview."""
        lines = []
        if self.settings:
            lines.append(f"Your settings become the file’s: {_settings_text(self.settings)}.")
        if self.loop is not None:
            count = sum(len(ids) for _, ids in self.loop)
            rounds = sum(1 for _, ids in self.loop if ids)
            lines.append(f"Your loop plan becomes the file’s: {_stories(count)} in {rounds} "
                         f"round{'s' * (rounds != 1)}.")
        if self.ticks or self.debriefs:
            lines.append(f"{len(self.ticks)} ticked task{'s' * (len(self.ticks) != 1)} and {len(self.debriefs)} "
                         f"debrief{'s' * (len(self.debriefs) != 1)}: those you do not have are added.")
        return lines


def _stories(count):
    return f"{count} stor{'y' if count == 1 else 'ies'}"


def _settings_text(settings) -> str:
    shown_as = []
    if "words_per_minute" in settings:
        shown_as.append(f"speaking pace {settings['words_per_minute']} words a minute")
    if "stories_per_value" in settings:
        shown_as.append(f"target {settings['stories_per_value']} stories per value")
    if "appearance" in settings:
        shown_as.append(f"appearance {Profile.Appearance(settings['appearance']).label.lower()}")
    day, second = settings.get("interview_date"), settings.get("interview_end_date")
    if "interview_date" in settings:
        loop_days = f"{day:%-d %B %Y}" + (f" and {second:%-d %B %Y}" if second else "") if day else "none"
        shown_as.append(f"interview date {loop_days}")
    if "target_level" in settings:
        shown_as.append(f"target level {settings['target_level'].code if settings['target_level'] else 'not set'}")
    if "time_zone" in settings:
        shown_as.append(f"time zone {settings['time_zone'] or 'the site’s'}")
    return ", ".join(shown_as)


def _text(errors, where, value, limit, *, null=False):
    if value is None and null:
        return None
    if not isinstance(value, str):
        errors.append(f"{where} must be text, not {kind_of(value)}.")
        return ""
    if "\x00" in value:
        errors.append(f"{where} holds a NUL character.")
    if len(value) > limit:
        errors.append(f"{where} is {len(value):,} characters long; the limit is {limit:,}.")
    return value


def _date(errors, where, value, *, null=True) -> date | None:
    if value is None and null:
        return None
    try:
        day = parse_date(value) if isinstance(value, str) else None
    except ValueError:
        day = None
    if day is None or not 1900 <= day.year <= 2999:
        errors.append(f"{where} must be a date like “2026-04-26”, not {shown(value)}.")
    return day


def _object(errors, where, value, fields) -> dict:
    if not isinstance(value, dict):
        errors.append(f"{where} must be an object, not {kind_of(value)}.")
        return {}
    unknown = [key for key in value if key not in fields]
    if unknown:
        errors.append(f"{where}: unknown field {shown(unknown[0])}.")
    return value


def _settings(errors, value, levels, version) -> dict:
    value = _object(errors, "“plan.settings”", value, SETTINGS_FIELDS[version])
    result = {name: _date(errors, f"“plan.settings.{name}”", value.get(name))
              for name in ("interview_date", "interview_end_date")}
    level = _text(errors, "“plan.settings.target_level”", value.get("target_level"), 10, null=True)
    if level and level.upper() not in levels:
        errors.append(f"“plan.settings.target_level”: unknown level {shown(level)} (known: {', '.join(levels)}).")
    result["target_level"] = levels.get(level.upper()) if level else None
    zone = _text(errors, "“plan.settings.time_zone”", value.get("time_zone", ""), 64) or ""
    if zone and zone not in available_timezones():
        errors.append(f"“plan.settings.time_zone”: unknown time zone {shown(zone)}.")
    result["time_zone"] = zone
    for name, (low, high) in NUMBER_SETTINGS.items():
        if name in value:
            number = value[name]
            if not isinstance(number, int) or isinstance(number, bool) or not low <= number <= high:
                errors.append(f"“plan.settings.{name}” must be a whole number from {low} to {high}, not {shown(number)}.")
            else:
                result[name] = number
    if "appearance" in value:
        if value["appearance"] not in Profile.Appearance.values:
            errors.append(f"“plan.settings.appearance” must be one of {', '.join(Profile.Appearance.values)}, "
                          f"not {shown(value['appearance'])}.")
        else:
            result["appearance"] = value["appearance"]
    return result


def _asked(errors, where, value, questions) -> dict:
    value = _object(errors, where, value, ASKED_FIELDS)
    slug = _text(errors, f"{where}, “question”", value.get("question"), 120, null=True)
    if slug and slug not in questions:
        errors.append(f"{where}: unknown question {shown(slug)}.")
    text = _text(errors, f"{where}, “text”", value.get("text", ""), 500)
    if not slug and not (text or "").strip():
        errors.append(f"{where}: a question needs “question” (a guide slug) or “text”.")
    story = value.get("story")
    if story is not None:
        try:
            story = uuid.UUID(str(story)) if isinstance(story, str) else None
        except ValueError:
            story = None
        if story is None:
            errors.append(f"{where}, “story” must be a story's uuid or null, not {shown(value.get('story'))}.")
    rating = value.get("rating")
    if rating is not None and (not isinstance(rating, int) or isinstance(rating, bool) or not 1 <= rating <= 5):
        errors.append(f"{where}, “rating” must be a whole number from 1 to 5 or null, not {shown(rating)}.")
        rating = None
    bank = value.get("bank_had", AskedQuestion.BankHad.NONE)
    if bank not in AskedQuestion.BankHad.values:
        errors.append(f"{where}, “bank_had” must be one of {', '.join(AskedQuestion.BankHad.values)}.")
    return {"question": questions.get(slug), "text": text or "", "story": story, "rating": rating,
            "note": _text(errors, f"{where}, “note”", value.get("note", ""), 2000) or "", "bank_had": bank}


def _debrief(errors, where, value, rounds, questions) -> dict:
    value = _object(errors, where, value, DEBRIEF_FIELDS)
    try:
        ident = uuid.UUID(value["uuid"]) if isinstance(value.get("uuid"), str) else None
    except ValueError:
        ident = None
    if value.get("uuid") is not None and ident is None:
        errors.append(f"{where}, “uuid” is not a uuid: {shown(value.get('uuid'))}.")
    round_slug = _text(errors, f"{where}, “round”", value.get("round"), 120, null=True)
    if round_slug and round_slug not in rounds:
        errors.append(f"{where}: unknown round {shown(round_slug)}.")
    asked = value.get("questions", [])
    if not isinstance(asked, list) or len(asked) > MAX_ASKED:
        errors.append(f"{where}, “questions” must be a list of at most {MAX_ASKED} questions.")
        asked = []
    return {"uuid": ident, "held_on": _date(errors, f"{where}, “held_on”", value.get("held_on"), null=False),
            "round": rounds.get(round_slug), "note": _text(errors, f"{where}, “note”", value.get("note", ""), 5000),
            "questions": [_asked(errors, f"{where}, question {n}", a, questions) for n, a in enumerate(asked, 1)]}


def check_plan(value, guide, version=2) -> tuple[PlanData | None, list[str]]:
    """The "plan" object of a document of `version` (2 or 3) read back: (PlanData, []) or (None, messages
    naming each field)."""
    errors: list[str] = []
    if value is None:
        return None, errors
    version = max((v for v in PLAN_FIELDS if v <= version), default=2)
    value = _object(errors, "“plan”", value, PLAN_FIELDS[version])
    data = PlanData()
    if "settings" in value:
        levels = {lv.code.upper(): lv for lv in Level.all_objects.filter(guide=guide)}
        data.settings = _settings(errors, value["settings"], levels, version)
    if "loop" in value and "loop" in PLAN_FIELDS[version]:
        data.loop = check_loop(errors, value["loop"], guide)
    ticks = value.get("ticks", [])
    if not isinstance(ticks, list) or len(ticks) > MAX_TICKS:
        errors.append(f"“plan.ticks” must be a list of at most {MAX_TICKS} ticks.")
        ticks = []
    for n, tick in enumerate(ticks, 1):
        tick = _object(errors, f"Tick {n}", tick, ("key", "ticked_at"))
        key = _text(errors, f"Tick {n}, “key”", tick.get("key"), 120)
        moment = tick.get("ticked_at")
        when = parse_datetime(moment) if isinstance(moment, str) else None
        if moment is not None and (when is None or when.tzinfo is None):
            errors.append(f"Tick {n}, “ticked_at” must be a date and time with its offset, not {shown(moment)}.")
        data.ticks.append((key, when))
    debriefs = value.get("debriefs", [])
    if not isinstance(debriefs, list) or len(debriefs) > MAX_DEBRIEFS:
        errors.append(f"“plan.debriefs” must be a list of at most {MAX_DEBRIEFS} debriefs.")
        debriefs = []
    if debriefs:
        rounds = {r.slug: r for r in InterviewRound.all_objects.filter(guide=guide)}
        questions = {q.slug: q for q in Question.all_objects.filter(guide=guide)}
        data.debriefs = [_debrief(errors, f"Debrief {n}", d, rounds, questions) for n, d in enumerate(debriefs, 1)]
    return (None, errors) if errors else (data, [])


def apply_plan_data(owner, data: PlanData, stories=None) -> None:
    """Write checked plan data for `owner` (call inside the import's transaction, after the stories).
    `stories` maps the file's story uuids to the stories they became (apply.py), for the loop plan."""
    if data.settings is not None:
        profile = Profile.for_user(owner)
        for name, value in data.settings.items():
            setattr(profile, name, value)
        profile.save()
    if data.loop is not None:
        named = {ident for _, ids in data.loop for ident in ids}
        own = {s.uuid: s for s in Story.objects.for_user(owner).active().filter(uuid__in=named)}
        apply_loop(owner, data.loop, own | {k: v for k, v in (stories or {}).items() if k is not None})
    have = set(PlanTick.objects.filter(owner=owner).values_list("key", flat=True))
    PlanTick.objects.bulk_create([PlanTick(owner=owner, key=key, **({"ticked_at": when} if when else {}))
                                  for key, when in dict(data.ticks).items() if key not in have])
    ids = [d["uuid"] for d in data.debriefs if d["uuid"]]
    own = set(Debrief.objects.filter(owner=owner, uuid__in=ids).values_list("uuid", flat=True))
    taken = set(Debrief.objects.filter(uuid__in=ids).exclude(owner=owner).values_list("uuid", flat=True))
    wanted = {a["story"] for d in data.debriefs for a in d["questions"] if a["story"]}
    stories = {s.uuid: s for s in Story.objects.for_user(owner).filter(uuid__in=wanted)}
    for d in data.debriefs:
        if d["uuid"] in own:
            continue
        debrief = Debrief.objects.create(owner=owner, uuid=d["uuid"] if d["uuid"] and d["uuid"] not in taken
                                         else uuid.uuid4(), held_on=d["held_on"], round=d["round"], note=d["note"])
        AskedQuestion.objects.bulk_create([
            AskedQuestion(debrief=debrief, question=a["question"], text=a["text"], story=stories.get(a["story"]),
                          rating=a["rating"], note=a["note"], bank_had=a["bank_had"], order=n)
            for n, a in enumerate(d["questions"])])
