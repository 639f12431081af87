"""A story as a record of an export file, both ways.

`story_record(story)` writes a saved story as the document's dict (the CSV has the same fields as
columns); `check_record(where, record)` reads one back as StoryData, or says what is wrong with it,
field by field. The messages name the story and the field, so that a user can find them in the file.
"""

import json
import uuid
from dataclasses import dataclass
from datetime import UTC

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from stories.models import PART_FIELDS, PART_MAX_LENGTH, TITLE_MAX_LENGTH, Story, tag_key
from stories.services import clean_tag_name, normalise_line_ends

MAX_TEAM_SIZE = 100_000
MIN_YEAR, MAX_YEAR = 1900, 2999
SUMMARY_MAX_LENGTH = 1000
TAG_MAX_LENGTH = 50

LINK_FIELDS = ("values", "questions", "themes")  # guide items, by slug
STORY_FIELDS = (
    "uuid", "title", "summary", *PART_FIELDS, *LINK_FIELDS, "tags", "level", "team_size", "status",
    "created_at", "updated_at",
)
REQUIRED_FIELDS = tuple(name for name in STORY_FIELDS if name not in ("uuid", "created_at", "updated_at"))


# Writing ---------------------------------------------------------------------------------------------


def isoformat(moment):
    return timezone.localtime(moment, UTC).isoformat() if moment else None


def ordered_for_export(stories):
    """Oldest first, so that two exports of the same bank are the same file."""
    return stories.with_tags().order_by("created_at", "uuid")


def story_record(story):
    """One story as the document's dict; `story` comes from a `.with_tags()` queryset."""
    return {
        "uuid": str(story.uuid),
        "title": story.title,
        "summary": story.summary,
        **{name: getattr(story, name) for name in PART_FIELDS},
        "values": [value.slug for value in story.values.all()],
        "questions": [question.slug for question in story.questions.all()],
        "themes": [theme.slug for theme in story.themes.all()],
        "tags": [tag.name for tag in story.tags.all()],
        "level": story.level.code if story.level else None,
        "team_size": story.team_size,
        "status": story.status,
        "created_at": isoformat(story.created_at),
        "updated_at": isoformat(story.updated_at),
    }


# Reading ---------------------------------------------------------------------------------------------


class ImportFileError(ValueError):
    """The file cannot be read at all; the message says why and where."""


@dataclass(frozen=True)
class StoryData:
    """A story's fields as read from a file, checked and normalised."""

    where: str  # "Story 2 (“Title”)": for messages
    position: str  # "Story 2" or "Row 3"
    uuid: object  # uuid.UUID or None
    title: str
    summary: str
    parts: tuple
    values: tuple
    questions: tuple
    themes: tuple
    tags: tuple
    level: object  # the level code as written, or None
    team_size: object
    status: str
    created_at: object
    updated_at: object

    def content(self):
        """What makes two stories identical: everything but identity and times."""
        return (
            self.title, self.summary, self.parts, frozenset(self.values), frozenset(self.questions),
            frozenset(self.themes), frozenset(tag_key(t) for t in self.tags),
            self.level.upper() if self.level else None,
            self.team_size, self.status,
        )


def story_content(story):
    """StoryData.content() of a saved story (from a `.with_tags()` queryset)."""
    return (
        story.title, story.summary, tuple(story.part_texts()),
        frozenset(v.slug for v in story.values.all()), frozenset(q.slug for q in story.questions.all()),
        frozenset(t.slug for t in story.themes.all()), frozenset(t.key for t in story.tags.all()),
        story.level.code.upper() if story.level else None, story.team_size, story.status,
    )


def kind_of(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


def shown(value, limit=40):
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return f"“{text[:limit]}…”" if len(text) > limit else f"“{text}”"


def _text_problem(value, *, max_length):
    if not isinstance(value, str):
        return f"must be text, not {kind_of(value)}"
    if len(value) > max_length:
        return f"is {len(value):,} characters long; the limit is {max_length:,}"
    if "\x00" in value:
        return "contains a NUL character, which cannot be stored"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "contains an unpaired surrogate (an invalid \\u escape)"
    return None


def _slug_list(value, name, problems):
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        problems.append(f"“{name}” must be a list of slugs (text), not {kind_of(value)}")
        return ()
    # A slug is matched against the guide's: one no database could store is named as such, not as unknown.
    for item in value:
        trouble = _text_problem(item, max_length=PART_MAX_LENGTH)
        if trouble is not None:
            problems.append(f"“{name}” has an entry that {trouble}: {shown(item)}")
            return ()
    return tuple(dict.fromkeys(item.strip() for item in value if item.strip()))


def check_record(where, record):
    """StoryData, or the list of problems of one story (each saying which field)."""
    if not isinstance(record, dict):
        return [f"{where} must be an object with the story's fields, not {kind_of(record)}"]
    title = record.get("title")
    named = isinstance(title, str) and title.strip()
    label = f"{where} ({shown(' '.join(title.split()))})" if named else where
    problems = [f"the field “{name}” is missing" for name in REQUIRED_FIELDS if name not in record]
    problems += [f"unknown field {shown(name)}" for name in record if name not in STORY_FIELDS]
    if problems:
        return [f"{label}: {problem}" for problem in problems]

    def problem(name, text):
        problems.append(f"“{name}” {text}")

    if (trouble := _text_problem(title, max_length=TITLE_MAX_LENGTH)) is not None:
        problem("title", trouble)
    elif not title.strip():
        problem("title", "is empty: every story needs a title")
    elif "\n" in title or "\r" in title:
        problem("title", "must be one line")
    for name, limit in [("summary", SUMMARY_MAX_LENGTH)] + [(part, PART_MAX_LENGTH) for part in PART_FIELDS]:
        if (trouble := _text_problem(record[name], max_length=limit)) is not None:
            problem(name, trouble)
    links = {name: _slug_list(record[name], name, problems) for name in LINK_FIELDS}
    tags = record["tags"]
    if not isinstance(tags, list):
        problem("tags", f"must be a list of tag names, not {kind_of(tags)}")
        tags = []
    for tag in tags:
        trouble = _text_problem(tag, max_length=TAG_MAX_LENGTH)
        if trouble is None and not clean_tag_name(tag):
            trouble = "is empty"
        if trouble is None and "," in tag:
            trouble = "has a comma (the editor separates tags with commas)"
        if trouble is not None:
            problem("tags", f"has a tag that {trouble}: {shown(tag)}")
    level = record["level"]
    if level is not None and not isinstance(level, str):
        problem("level", f"must be a level code such as “L6”, or null, not {kind_of(level)}")
    elif level is not None and (trouble := _text_problem(level, max_length=TITLE_MAX_LENGTH)) is not None:
        problem("level", trouble)
    team_size = record["team_size"]
    if team_size is not None and (
        not isinstance(team_size, int) or isinstance(team_size, bool) or not 0 <= team_size <= MAX_TEAM_SIZE
    ):
        limits = f"from 0 to {MAX_TEAM_SIZE:,}"
        problem("team_size", f"must be a whole number {limits} or null; it is {shown(team_size)}")
    status = record["status"]
    if status not in Story.Status.values:
        problem("status", f"must be one of {', '.join(Story.Status.values)}; it is {shown(status)}")
    raw_uuid, story_uuid = record.get("uuid"), None
    if raw_uuid is not None and not isinstance(raw_uuid, str):
        problem("uuid", f"must be text, not {kind_of(raw_uuid)}")
    elif raw_uuid is not None:
        try:
            story_uuid = uuid.UUID(raw_uuid)
        except ValueError:
            problem("uuid", f"is not a valid UUID: {shown(raw_uuid)}")
    times = {}
    for name in ("created_at", "updated_at"):
        value = record.get(name)
        moment = None
        if value is not None:
            try:
                moment = parse_datetime(value) if isinstance(value, str) else None
            except ValueError:
                moment = None
            if moment is not None and timezone.is_naive(moment):
                moment = timezone.make_aware(moment, UTC)
            try:
                # Years a database of either kind stores and reads back; beyond them it raises.
                in_range = moment is not None and MIN_YEAR <= moment.astimezone(UTC).year <= MAX_YEAR
            except OverflowError:
                in_range = False
            if moment is None:
                example = "“2024-05-31T09:30:00+00:00”"
                problem(name, f"must be a date and time like {example}; it is {shown(value)}")
            elif not in_range:
                problem(name, f"must be between the years {MIN_YEAR} and {MAX_YEAR}; it is {shown(value)}")
                moment = None
        times[name] = moment
    if problems:
        return [f"{label}: {text}" for text in problems]
    return StoryData(
        where=label,
        position=where,
        uuid=story_uuid,
        title=title.strip(),
        summary=normalise_line_ends(record["summary"]),  # stored as the editor stores it
        parts=tuple(normalise_line_ends(record[part]) for part in PART_FIELDS),
        tags=_tag_names(tags),
        level=(level.strip() or None) if level else None,
        team_size=team_size,
        status=status,
        **links,
        **times,
    )


def _tag_names(names):
    """As the editor keeps them (services.clean_tag_name), the first spelling of each tag_key winning."""
    unique = {}
    for name in (clean_tag_name(name) for name in names):
        unique.setdefault(tag_key(name), name)
    return tuple(unique.values())
