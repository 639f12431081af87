"""The story bank as a file and back: the versioned JSON document, CSV rows of the same fields, and import.

Export: `export_document(stories)` builds the document (stories/schema/storybank-v1.schema.json
describes it), `dumps()` writes it, `csv_text()` writes the same fields as CSV rows.

Import: `plan_import(owner, raw, filename)` reads an uploaded JSON or CSV file and says what would
happen (create, update, skip as identical) or what is wrong and where, without writing anything.
`apply_plan(plan)` then writes it in one transaction: on any error nothing changes.

Identity: a story is its UUID. A UUID of the importer's own story updates that story; a UUID no
one has creates the story under that UUID; a UUID of another user's story (or no UUID) creates a
new story with a new UUID, unless the importer already has a story with the same content, which is
skipped. So importing the same file twice changes nothing the second time, and another user's data
is never read beyond "this UUID is taken" nor written.
"""

import csv
import hashlib
import io
import json
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from guide.models import Level, Question, Theme, Value

from .models import PART_FIELDS, PART_MAX_LENGTH, TITLE_MAX_LENGTH, Story, Tag
from .services import record_revision
from .structure import default_guide

FORMAT = "storybank"
VERSION = 1
MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_TEAM_SIZE = 100_000
MAX_IMPORT_STORIES = 1000  # a bank holds 8 to 15 stories; this leaves room and bounds the work
MIN_YEAR, MAX_YEAR = 1900, 2999
SUMMARY_MAX_LENGTH = 1000
TAG_MAX_LENGTH = 50

LINK_FIELDS = ("values", "questions", "themes")  # guide items, by slug
STORY_FIELDS = (
    "uuid", "title", "summary", *PART_FIELDS, *LINK_FIELDS, "tags", "level", "team_size", "status",
    "created_at", "updated_at",
)
REQUIRED_FIELDS = tuple(name for name in STORY_FIELDS if name not in ("uuid", "created_at", "updated_at"))
DOCUMENT_FIELDS = ("format", "version", "exported_at", "guide", "stories")
CSV_COLUMNS = STORY_FIELDS
LINK_MODELS = {"values": Value, "questions": Question, "themes": Theme}
SINGULAR = {"values": "value", "questions": "question", "themes": "theme", "level": "level"}
MAX_SHOWN_ERRORS = 50
SEMICOLON_HINT = " The file seems to use semicolons; save it with commas."


# Export ------------------------------------------------------------------------------------------


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


def export_document(stories, guide=None):
    """The versioned document for a queryset of stories."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": isoformat(timezone.now()),
        "guide": (guide or default_guide()).slug,
        "stories": [story_record(story) for story in ordered_for_export(stories)],
    }


def dumps(document):
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(value)  # tag names cannot hold commas (the editor splits on them), slugs neither
    return str(value)


def csv_text(stories):
    """One row per story, the document's fields as columns; starts with a byte-order mark."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)  # RFC 4180: CRLF rows, fields with , " CR LF quoted, quotes doubled
    writer.writerow(CSV_COLUMNS)
    for story in ordered_for_export(stories):
        record = story_record(story)
        writer.writerow([csv_cell(record[column]) for column in CSV_COLUMNS])
    return out.getvalue()


# Import: reading the file ------------------------------------------------------------------------


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
            frozenset(self.themes), frozenset(t.lower() for t in self.tags),
            self.level.upper() if self.level else None,
            self.team_size, self.status,
        )


def story_content(story):
    """StoryData.content() of a saved story (from a `.with_tags()` queryset)."""
    return (
        story.title, story.summary, tuple(story.part_texts()),
        frozenset(v.slug for v in story.values.all()), frozenset(q.slug for q in story.questions.all()),
        frozenset(t.slug for t in story.themes.all()), frozenset(t.name.lower() for t in story.tags.all()),
        story.level.code.upper() if story.level else None, story.team_size, story.status,
    )


def decode(raw):
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ImportFileError(
            f"The file is not UTF-8 text: the byte 0x{raw[exc.start]:02X} at line {line}, column {column} "
            "is not valid UTF-8. Save the file as UTF-8 (in a spreadsheet: “CSV UTF-8”) and upload it again."
        ) from exc


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


def read_json(text):
    """The list of (where, record) in a JSON document; ImportFileError for a document that is not one."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        message = exc.msg[:1].lower() + exc.msg[1:]
        raise ImportFileError(
            f"The file is not valid JSON: {message} at line {exc.lineno}, column {exc.colno}."
        ) from exc
    except RecursionError as exc:
        raise ImportFileError("The file is not valid JSON: its lists or objects nest too deeply.") from exc
    except ValueError as exc:  # e.g. a number with thousands of digits
        raise ImportFileError(f"The file is not valid JSON: {exc}") from exc
    if not isinstance(document, dict):
        raise ImportFileError(
            f"This is not a Story Bank export: the file holds {kind_of(document)}, "
            "not an object with “format”, “version” and “stories”."
        )
    if "format" not in document:
        raise ImportFileError("This is not a Story Bank export: the field “format” is missing.")
    if document["format"] != FORMAT:
        raise ImportFileError(
            f"This is not a Story Bank export: “format” is {shown(document['format'])}, not “{FORMAT}”."
        )
    if "version" not in document:
        raise ImportFileError("The field “version” is missing: it says which version of the format it is.")
    version = document["version"]
    if not isinstance(version, int) or isinstance(version, bool):
        raise ImportFileError(f"“version” must be a whole number, not {kind_of(version)} ({shown(version)}).")
    if version != VERSION:
        raise ImportFileError(
            f"This file is version {version} of the Story Bank format; this site reads version {VERSION}."
        )
    unknown = [key for key in document if key not in DOCUMENT_FIELDS]
    if unknown:
        raise ImportFileError(f"Unknown field {shown(unknown[0])} at the top of the file.")
    guide = document.get("guide")
    if guide is not None:
        if not isinstance(guide, str):
            raise ImportFileError(f"“guide” must be text, not {kind_of(guide)}.")
        expected = default_guide().slug
        if guide != expected:
            raise ImportFileError(
                f"The file's stories refer to the guide {shown(guide)}; this site's stories use “{expected}”."
            )
    if "stories" not in document:
        raise ImportFileError("The field “stories” is missing.")
    stories = document["stories"]
    if not isinstance(stories, list):
        raise ImportFileError(f"“stories” must be a list of stories, not {kind_of(stories)}.")
    return [(f"Story {number}", record) for number, record in enumerate(stories, start=1)]


def _csv_value(column, cell):
    """A CSV cell as the JSON document would hold it; odd cells pass through for the checks to report."""
    if column in LINK_FIELDS:
        return cell.replace(",", " ").replace(";", " ").split()
    if column == "tags":
        return [name.strip() for name in re.split(r"[,\r\n]", cell) if name.strip()]
    if column in ("uuid", "level", "created_at", "updated_at"):
        return cell.strip() or None
    if column == "team_size":
        cell = cell.strip()
        # Long digit runs stay text (int() refuses past 4,300 digits); the range check reports them.
        return int(cell) if cell.isascii() and cell.isdigit() and len(cell) <= 9 else (cell or None)
    if column == "status":
        return cell.strip().lower()
    return cell


def read_csv(text):
    """The list of (where, record) in a CSV file with the export's columns (in any order)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            raise ImportFileError("The file is empty: a CSV file needs its header row first.")
        names = [name.strip().lower() for name in header]
        missing = [c for c in CSV_COLUMNS if c not in names]
        unknown = [name for name in names if name not in CSV_COLUMNS]
        if len(missing) == len(CSV_COLUMNS):
            raise ImportFileError(
                "The CSV file's first row must be the header of a Story Bank export "
                f"({', '.join(CSV_COLUMNS)}); this file's first row is {shown(','.join(header), 60)}."
                + (SEMICOLON_HINT if ";" in "".join(header) else "")
            )
        if missing or unknown or len(set(names)) != len(names):
            hint = SEMICOLON_HINT if len(header) == 1 and ";" in header[0] else ""
            details = "; ".join(filter(None, [
                f"missing: {', '.join(missing)}" if missing else "",
                f"not expected: {', '.join(shown(n) for n in unknown)}" if unknown else "",
                "a column appears twice" if len(set(names)) != len(names) else "",
            ]))
            raise ImportFileError(
                f"The CSV header (row 1) is not a Story Bank export's ({details}). "
                f"The columns are: {', '.join(CSV_COLUMNS)}.{hint}"
            )
        records = []
        for number, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(names):
                raise ImportFileError(
                    f"Row {number} has {len(row)} cells; the header has {len(names)} columns. "
                    "Check for a missing or extra comma or quote."
                )
            record = {name: _csv_value(name, cell) for name, cell in zip(names, row, strict=True)}
            records.append((f"Row {number}", record))
    except csv.Error as exc:
        raise ImportFileError(f"The CSV file cannot be read at line {reader.line_num}: {exc}.") from exc
    return records


# Import: checking each story ---------------------------------------------------------------------


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
        if trouble is None and not tag.strip():
            trouble = "is empty"
        if trouble is None and "," in tag:
            trouble = "has a comma (the editor separates tags with commas)"
        if trouble is not None:
            problem("tags", f"has a tag that {trouble}: {shown(tag)}")
    level = record["level"]
    if level is not None and not isinstance(level, str):
        problem("level", f"must be a level code such as “L6”, or null, not {kind_of(level)}")
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
        summary=record["summary"],
        parts=tuple(record[part] for part in PART_FIELDS),
        tags=_tag_names(tags),
        level=(level.strip() or None) if level else None,
        team_size=team_size,
        status=status,
        **links,
        **times,
    )


def _tag_names(names):
    """As the editor keeps them: whitespace runs as one space, the first spelling of a name wins."""
    unique = {}
    for name in (" ".join(name.split()) for name in names):
        unique.setdefault(name.lower(), name)
    return tuple(unique.values())


# Import: the plan --------------------------------------------------------------------------------


@dataclass
class PlanItem:
    action: str  # "create", "update" or "skip"
    data: StoryData
    story: object = None  # the importer's story that is updated or matched
    note: str = ""
    changes: tuple = ()
    new_uuid: bool = False  # created under a new uuid: the file's one is another user's


@dataclass
class ImportPlan:
    owner: object
    filename: str = ""
    kind: str = ""
    items: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    unknown: list = field(default_factory=list)  # (where, kind, slug)
    fatal: bool = False  # the file could not be read at all
    lookups: dict = field(default_factory=dict)
    source_digest: str = ""  # of the file's bytes, so a confirm applies the very file previewed

    @property
    def is_valid(self):
        return not self.errors

    def of(self, action):
        return [item for item in self.items if item.action == action]

    @property
    def creates(self):
        return self.of("create")

    @property
    def updates(self):
        return self.of("update")

    @property
    def skips(self):
        return self.of("skip")

    @property
    def change_count(self):
        return sum(1 for item in self.items if item.action != "skip")

    @property
    def changes_anything(self):
        return self.change_count > 0

    @property
    def shown_errors(self):
        return self.errors[:MAX_SHOWN_ERRORS]

    @property
    def hidden_error_count(self):
        return max(0, len(self.errors) - MAX_SHOWN_ERRORS)

    @property
    def digest(self):
        """Changes when what the import would do changes (the bank was edited after the preview)."""
        summary = [self.source_digest] + [
            (item.action, str(item.data.uuid), item.story.pk if item.story else None,
             item.story.version if item.story else None)
            for item in self.items
        ]
        return hashlib.sha256(json.dumps(summary).encode()).hexdigest()[:32]


def _fail(plan, message):
    plan.errors.append(message)
    plan.fatal = True
    return plan


def _changes(story, data):
    old, new = story_content(story), data.content()
    labels = ("title", "summary", "parts", "values", "questions", "themes", "tags", "level", "team size",
              "status")
    changed = [label for label, a, b in zip(labels, old, new, strict=True) if a != b]
    if "parts" in changed:
        index = changed.index("parts")
        changed[index:index + 1] = [
            name for name, a, b in zip(PART_FIELDS, old[2], new[2], strict=True) if a != b
        ]
    return tuple(changed)


def _resolve_links(plan, stories, guide):
    """Look every slug up once per kind; unknown ones become errors that say where."""
    for name, model in LINK_MODELS.items():
        wanted = {slug for data in stories for slug in getattr(data, name)}
        plan.lookups[name] = {obj.slug: obj for obj in model.objects.filter(guide=guide, slug__in=wanted)}
    plan.lookups["level"] = {level.code.upper(): level for level in Level.objects.filter(guide=guide)}
    for data in stories:
        for name in LINK_FIELDS:
            for slug in getattr(data, name):
                if slug not in plan.lookups[name]:
                    plan.unknown.append((data.where, SINGULAR[name], slug))
        if data.level and data.level.upper() not in plan.lookups["level"]:
            plan.unknown.append((data.where, "level", data.level))
    if not plan.unknown:
        return
    known = {
        "value": ", ".join(Value.objects.filter(guide=guide).values_list("slug", flat=True)),
        "theme": ", ".join(Theme.objects.filter(guide=guide).values_list("slug", flat=True)),
        "level": ", ".join(sorted(plan.lookups["level"])),
    }
    for where, kind, slug in plan.unknown:
        hint = f" (known: {known[kind]})" if kind in known else " (each question's page in the guide has it)"
        plan.errors.append(f"{where}: unknown {kind} {shown(slug)}{hint}")


def _match(plan, stories):
    owner = plan.owner
    seen, duplicates = {}, []
    for data in stories:
        if data.uuid is not None:
            if data.uuid in seen:
                duplicates.append(f"{data.where}: the uuid {data.uuid} is also the uuid of {seen[data.uuid]}")
            seen[data.uuid] = data.where
    if duplicates:
        plan.errors.extend(duplicates)
        return
    uuids = [data.uuid for data in stories if data.uuid is not None]
    own = {s.uuid: s for s in Story.objects.for_user(owner).filter(uuid__in=uuids).with_tags()}
    taken = set(Story.objects.filter(uuid__in=uuids).exclude(owner=owner).values_list("uuid", flat=True))
    by_content = None
    for data in stories:
        story = own.get(data.uuid)
        if story is not None:
            if story.in_trash:
                plan.items.append(PlanItem("update", data, story, "in your trash: the import restores it",
                                           _changes(story, data)))
            elif story_content(story) == data.content():
                plan.items.append(PlanItem("skip", data, story, "identical to your story"))
            else:
                plan.items.append(PlanItem("update", data, story, changes=_changes(story, data)))
            continue
        foreign = data.uuid in taken
        note = "its uuid is another account's, so it becomes a new story with a new uuid" if foreign else ""
        if data.uuid is None or foreign:
            if by_content is None:
                by_content = {story_content(s): s for s in Story.objects.for_user(owner).active().with_tags()}
            twin = by_content.get(data.content())
            if twin is not None:
                plan.items.append(PlanItem("skip", data, twin, f"identical to your story “{twin.title}”"))
                continue
        plan.items.append(PlanItem("create", data, note=note, new_uuid=foreign))


def size_problem(size):
    if size > MAX_IMPORT_BYTES:
        return f"The file is too large: {size:,} bytes; the limit is 5 MB ({MAX_IMPORT_BYTES:,} bytes)."
    return None


def plan_import(owner, raw, filename=""):
    """What importing `raw` (the uploaded bytes) into `owner`'s bank would do. Writes nothing."""
    plan = ImportPlan(owner=owner, filename=filename)
    plan.source_digest = hashlib.sha256(raw if isinstance(raw, bytes) else raw.encode()).hexdigest()
    if (problem := size_problem(len(raw))) is not None:
        return _fail(plan, problem)
    try:
        text = decode(raw)
        lowered = filename.lower()
        sniffed_json = text.lstrip()[:1] in ("{", "[")
        is_json = lowered.endswith(".json") or (not lowered.endswith(".csv") and sniffed_json)
        plan.kind = "JSON" if is_json else "CSV"
        records = read_json(text) if is_json else read_csv(text)
    except ImportFileError as exc:
        return _fail(plan, str(exc))
    if len(records) > MAX_IMPORT_STORIES:
        return _fail(
            plan,
            f"The file holds {len(records):,} stories; an import takes at most {MAX_IMPORT_STORIES:,} at a time. "
            "Split the file and import the parts one after the other.",
        )
    stories, problems = [], []
    for where, record in records:
        result = check_record(where, record)
        if isinstance(result, StoryData):
            stories.append(result)
        else:
            problems.extend(result)
    plan.errors.extend(problems)
    _resolve_links(plan, stories, default_guide())
    if not problems:
        _match(plan, stories)  # also with unknown slugs, so that the preview shows the rest
    return plan


# Import: writing ---------------------------------------------------------------------------------


def _tags(owner, names, cache):
    """The owner's tags of these names (matched regardless of case, as the editor does), created as needed."""
    for name in names:
        if name.lower() not in cache:
            cache[name.lower()] = Tag.objects.create(owner=owner, name=name)
    return [cache[name.lower()] for name in names]


@transaction.atomic
def apply_plan(plan):
    """Write a valid plan in one transaction; returns the counts of created, updated and skipped stories."""
    if not plan.is_valid:
        raise ValueError("An import plan with errors cannot be applied.")
    owner, lookups, now = plan.owner, plan.lookups, timezone.now()
    tag_cache = {}
    for tag in Tag.objects.for_user(owner).order_by("pk"):
        tag_cache.setdefault(tag.name.lower(), tag)
    for item in plan.items:
        data = item.data
        if item.action == "skip":
            continue
        if item.action == "create":
            story = Story(
                owner=owner,
                uuid=data.uuid if data.uuid and not item.new_uuid else uuid.uuid4(),
                created_at=data.created_at or now,
                updated_at=data.updated_at or now,
            )
        else:
            story = Story.objects.select_for_update().get(pk=item.story.pk, owner=owner)
            story.version += 1
            story.updated_at = now
            story.deleted_at = None
        story.title, story.summary = data.title, data.summary
        for name, text in zip(PART_FIELDS, data.parts, strict=True):
            setattr(story, name, text)
        story.level = lookups["level"][data.level.upper()] if data.level else None
        story.team_size, story.status = data.team_size, data.status
        # One revision per story with its final tags, as stories/services.py writes them.
        story.skip_history_when_saving = True
        story.save()
        for name in LINK_FIELDS:
            getattr(story, name).set([lookups[name][slug] for slug in getattr(data, name)])
        story.tags.set(_tags(owner, data.tags, tag_cache))
        record_revision(story, "Imported from a file")
    return {"created": len(plan.creates), "updated": len(plan.updates), "skipped": len(plan.skips)}
