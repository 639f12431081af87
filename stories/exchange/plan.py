"""What importing a file would do, without writing anything.

`plan_import(owner, raw, filename)` reads an uploaded JSON or CSV file and says what would happen
(create, update, skip as identical) or what is wrong and where; apply.py then writes the plan.
The file is recognised by its content (sniff.py): a zip, an Anki deck, a PDF, an image or Markdown
notes get a message naming what they are. Values, questions, themes and levels may be written as
slugs or as the guide's names (names.py). Nothing raises: every problem is in `plan.errors`.

Identity: a story is its UUID. A UUID of the importer's own story updates that story; a UUID no
one has creates the story under that UUID; a UUID of another user's story (or no UUID) creates a
new story with a new UUID, unless the importer already has a story with the same content, which is
skipped. So importing the same file twice changes nothing the second time, and another user's data
is never read beyond "this UUID is taken" nor written.
"""

import hashlib
import json
from dataclasses import dataclass, field, replace

from django.core.exceptions import ValidationError

from guide.models import Level, Question, Theme, Value
from stories.models import PART_FIELDS, Story
from stories.structure import default_guide

from .loop import loop_uuids
from .mapping import ACTION_CHOICES
from .names import SINGULAR, GuideNames
from .prep import check_plan
from .records import LINK_FIELDS, ImportFileError, StoryData, check_record, shown, story_content
from .sniff import recognise
from .sources import read_source
from .text_files import mangled, printable

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_STORIES = 1000  # a bank holds 8 to 15 stories; this leaves room and bounds the work
LINK_MODELS = {"values": Value, "questions": Question, "themes": Theme}
MAX_SHOWN_ERRORS = 50


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
    unknown: list = field(default_factory=list)  # (where, kind, name as written, hint)
    notes: list = field(default_factory=list)  # what the preview should say: ignored columns, encoding
    table: object = None  # someone else's table (tables.Table), read through the mapping step
    mapping: object = None  # its mapping.Mapping, guessed or confirmed
    needs_mapping: bool = False
    fatal: bool = False  # the file could not be read at all
    lookups: dict = field(default_factory=dict)
    source_digest: str = ""  # of the file's bytes, so a confirm applies the very file previewed
    prep: object = None  # the prep plan of a version 2 or 3 JSON file (prep.PlanData), or None

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
        return self.change_count > 0 or self.prep is not None

    @property
    def mapping_described(self):
        if self.table is None:
            return []
        return [(printable(header), target) for header, target in self.mapping.described(self.table.headers)]

    @property
    def action_described(self):
        return ACTION_CHOICES[self.mapping.action] if self.mapping is not None else ""

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


def _resolve_links(plan, stories, guide, names):
    """Each story's values, questions, themes and level by slug or guide name (names.py), as slugs;
    a name that is not the guide's becomes one error that says where (and "did you mean …")."""
    resolved = []
    for data in stories:
        links = {}
        for name in LINK_FIELDS:
            links[name], unknown = names.resolve(name, getattr(data, name))
            for text in unknown:
                plan.unknown.append((data.where, SINGULAR[name], text, names.unknown_message(name, text)))
        level = data.level
        if level:
            codes, unknown = names.resolve("level", [level])
            if unknown or len(codes) != 1:
                plan.unknown.append((data.where, "level", level, names.unknown_message("level", level)))
            else:
                level = codes[0]
        resolved.append(replace(data, level=level, **links))
    for name, model in LINK_MODELS.items():
        wanted = {slug for data in resolved for slug in getattr(data, name)}
        plan.lookups[name] = {obj.slug: obj for obj in model.all_objects.filter(guide=guide, slug__in=wanted)}
    plan.lookups["level"] = {level.code.upper(): level for level in Level.all_objects.filter(guide=guide)}
    for where, kind, text, hint in plan.unknown:
        plan.errors.append(f"{where}: unknown {kind} {shown(text)} ({hint})")
    return resolved


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


def _mangled_cells(owner, where, record):
    """A cell a spreadsheet replaced by its error ("#NAME?" for a part that began with "="), with the
    text the bank holds for that story, so that the user sees what was lost."""
    if not isinstance(record, dict):
        return []
    problems, story = [], None
    for name in ("title", "summary", *PART_FIELDS):
        if (error := mangled(record.get(name))) is None:
            continue
        if story is None and isinstance(record.get("uuid"), str):
            try:
                story = Story.objects.for_user(owner).filter(uuid=record["uuid"]).first()
            except (ValueError, ValidationError):
                story = None
        old = f" your story has {shown(getattr(story, name))}" if story is not None else " the text is lost"
        problems.append(
            f"{where}: “{name}” holds {error}, an error a spreadsheet wrote in place of the text (it read a "
            f"cell starting with =, +, - or @ as a formula); in the file {shown(record[name])},{old}. "
            "Retype the cell in the file, or open the CSV as text."
        )
    return problems


def size_problem(size):
    if size > MAX_IMPORT_BYTES:
        return f"The file is too large: {size:,} bytes; the limit is 5 MB ({MAX_IMPORT_BYTES:,} bytes)."
    return None


def plan_import(owner, raw, filename="", mapping=None):
    plan = _plan_import(owner, raw, filename, mapping)
    plan.errors = [printable(error) for error in plan.errors]
    plan.notes = [printable(note) for note in plan.notes]
    plan.unknown = [tuple(printable(part) for part in entry) for entry in plan.unknown]
    return plan


def _plan_import(owner, raw, filename, mapping):
    """What importing `raw` (the uploaded bytes) into `owner`'s bank would do. Writes nothing.
    `mapping` is the column mapping the user confirmed (mapping.Mapping.as_data()), for a file that
    is someone else's table; without one, such a plan `needs_mapping` and holds the guessed one."""
    plan = ImportPlan(owner=owner, filename=filename)
    owner = plan.owner
    plan.source_digest = hashlib.sha256(raw if isinstance(raw, bytes) else raw.encode()).hexdigest()
    if (problem := size_problem(len(raw))) is not None:
        return _fail(plan, problem)
    guide = default_guide()
    names = GuideNames(guide)
    try:
        source = read_source(raw, recognise(raw), mapping, names)
    except ImportFileError as exc:
        return _fail(plan, str(exc))
    plan.kind, plan.notes = source.kind, source.notes
    plan.table, plan.mapping, plan.needs_mapping = source.table, source.mapping, source.needs_mapping
    if source.needs_mapping:
        return plan  # the mapping step comes first; nothing is checked before it
    records = source.records
    if len(records) > MAX_IMPORT_STORIES:
        return _fail(
            plan,
            f"The file holds {len(records):,} stories; an import takes at most {MAX_IMPORT_STORIES:,} at a time. "
            "Split the file and import the parts one after the other.",
        )
    stories, problems = [], []
    for where, record in records:
        problems.extend(_mangled_cells(owner, where, record))
        result = check_record(where, record)
        if isinstance(result, StoryData):
            stories.append(result)
        else:
            problems.extend(result)
    plan.prep, prep_problems = check_plan(source.prep, guide, version=source.version)
    plan.errors.extend(problems + prep_problems)
    stories = _resolve_links(plan, stories, guide, names)
    if not problems:
        _match(plan, stories)  # also with unknown slugs, so that the preview shows the rest
    if plan.prep is not None and plan.prep.loop:
        _check_loop_stories(plan, stories)
    return plan


def _check_loop_stories(plan, stories):
    """A note for the loop plan's stories that are neither in the file nor the importer's: left out."""
    wanted = loop_uuids(plan.prep.loop) - {data.uuid for data in stories}
    own = set(Story.objects.for_user(plan.owner).active().filter(uuid__in=wanted).values_list("uuid", flat=True))
    if missing := len(wanted - own):
        plan.notes.append(f"The loop plan names {missing} stor{'y' if missing == 1 else 'ies'} that {'is' if missing == 1 else 'are'} "
                          "neither in the file nor in your bank; the plan is imported without "
                          f"{'it' if missing == 1 else 'them'}.")
