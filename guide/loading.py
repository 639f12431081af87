"""Write a parsed guide into the database: idempotent, in one transaction.

The items stories point to (values, question categories, questions, themes, rounds, levels) keep their
identity across edits of the file: a stored item is matched by its slug (the file's `{#id}`, or the
slug derived from its text), then, for items without an id, by its unchanged text (which keeps the
slugs stored before ids existed, such as a question's category and position). An item that matches
nothing is new. A stored item the file no longer has is deleted if nothing points to it, and kept as
retired otherwise. No match ever moves a story's tag to another item.
"""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models as db_models
from django.db import transaction
from django.utils import timezone

from . import models
from .parser import parse_guide_file
from .sections import slugify


def guide_files(folder=None):
    folder = Path(folder or settings.GUIDE_DIR)
    return sorted(folder.glob("*.md"))


@dataclass
class RetiredItem:
    """An item kept as retired: its kind ("question"), slug, text or name, and the stories using it."""

    kind: str
    slug: str
    label: str
    story_count: int
    story_titles: list = field(default_factory=list)  # the first few, by title


class LoadReport(Counter):
    """What a load changed, counted by "<kind plural> created|updated|reworded|retired|removed|restored",
    with the details `load_guide` prints: `reworded` [(kind, slug, old text, new text)] and `retired`
    [RetiredItem] (every retired item of the guide, newly or still)."""

    def __init__(self):
        super().__init__()
        self.reworded = []
        self.retired = []


def sync(model, guide, rows, stats):
    """Create, update or delete `model` rows of `guide` so they match `rows` (keyed by slug).

    For the guide's text that nothing points to (story parts, red flags, tips...). Only changed rows
    are written, so a second run with the same file writes nothing.
    """
    existing = {obj.slug: obj for obj in model.objects.filter(guide=guide)}
    kept = {}
    name = model._meta.verbose_name_plural
    for row in rows:
        obj = existing.get(row["slug"])
        if obj is None:
            obj = model.objects.create(guide=guide, **row)
            stats[f"{name} created"] += 1
        else:
            _update(obj, row, stats, name)
        kept[obj.slug] = obj
    stale = [slug for slug in existing if slug not in kept]
    if stale:
        model.objects.filter(guide=guide, slug__in=stale).delete()
        stats[f"{name} removed"] += len(stale)
    return kept


def _update(obj, row, stats, name):
    changed = [key for key, value in row.items() if getattr(obj, key) != value]
    if changed:
        for key in changed:
            setattr(obj, key, row[key])
        obj.save(update_fields=changed)
        stats[f"{name} updated"] += 1
    return changed


def _same(text):
    return " ".join(str(text).casefold().split())


def match_stored(stored, rows, label):
    """Pair each row of the file with a stored item: {row index: stored item}.

    `stored`: {slug: item}; `rows`: dicts with "slug", "explicit" and the `label` field (the text or
    name). First by slug; then a row without an id takes a not yet matched item of the same text.
    """
    matched, taken = {}, set()
    for index, row in enumerate(rows):
        item = stored.get(row["slug"])
        if item is not None and item.slug not in taken:
            matched[index] = item
            taken.add(item.slug)
    by_text = {}
    for item in stored.values():
        if item.slug not in taken:
            by_text.setdefault(_same(getattr(item, label)), item)
    for index, row in enumerate(rows):
        if index in matched or row["explicit"]:
            continue
        item = by_text.pop(_same(row[label]), None)
        if item is not None and item.slug not in taken:
            matched[index] = item
            taken.add(item.slug)
    return matched


def sync_stable(model, guide, rows, report, *, label):
    """Create or update the `model` rows of `guide` that the file has (see match_stored); returns
    ({the file's slug: item}, [stored items the file no longer has]). An item keeps its stored slug,
    which may differ from the file's (a slug from before ids). A retired item back in the file is
    current again. Stale items are retired or deleted afterwards, by retire_or_delete."""
    stored = {obj.slug: obj for obj in model.all_objects.filter(guide=guide)}
    rows = [dict(row) for row in rows]
    matched = match_stored(stored, rows, label)
    kind, plural = model._meta.verbose_name, model._meta.verbose_name_plural
    kept, by_file_slug = {}, {}
    for index, row in enumerate(rows):
        file_slug = row["slug"]
        row.pop("explicit")
        item = matched.get(index)
        if item is None:
            slug = row["slug"]
            suffix = 1
            while slug in stored or slug in kept:  # a derived slug some retired item holds already
                suffix += 1
                slug = f"{row['slug']}-{suffix}"
            item = model.all_objects.create(guide=guide, **(row | {"slug": slug}))
            report[f"{plural} created"] += 1
        else:
            row["slug"] = item.slug  # a stored slug is kept for good
            old = getattr(item, label)
            if item.retired:
                row["retired"] = False
                report[f"{plural} restored"] += 1
            if _update(item, row, report, plural) and label in row and _same(old) != _same(row[label]):
                report.reworded.append((kind, item.slug, old, row[label]))
                report[f"{plural} reworded"] += 1
        kept[item.slug] = by_file_slug[file_slug] = item
    return by_file_slug, [obj for slug, obj in stored.items() if slug not in kept]


def references(model, ids):
    """The ids among `ids` that something points to: anything outside the guide app (a story's tag,
    a rehearsal, a loop slot, a revision), or a guide row that would be deleted with it (a question's
    category)."""
    used = set()
    for rel in model._meta.get_fields(include_hidden=True):
        if not (rel.auto_created and not rel.concrete and rel.is_relation):
            continue
        related = rel.related_model
        cascade = rel.one_to_many and rel.on_delete is db_models.CASCADE
        if related._meta.app_label == "guide" and not cascade:
            continue
        name = rel.field.name
        used |= set(related._base_manager.filter(**{f"{name}__in": ids}).values_list(name, flat=True))
    return used


# Which stories point to an item of each kind (for load_guide's list), as Story lookups.
STORY_LOOKUPS = {
    models.Value: "values",
    models.Question: "questions",
    models.Theme: "themes",
    models.Level: "level",
    models.InterviewRound: "loop_slots__round",
    models.QuestionCategory: "questions__category",
}
TITLES_SHOWN = 10


def retire_or_delete(model, stale, report):
    """Delete the stale items nothing points to; retire the others (a no-op for those retired already).
    Every retired item of the kind is listed in `report.retired`, with the stories that use it."""
    plural = model._meta.verbose_name_plural
    used = references(model, [item.pk for item in stale]) if stale else set()
    unused = [item.pk for item in stale if item.pk not in used]
    if unused:
        model.all_objects.filter(pk__in=unused).delete()
        report[f"{plural} removed"] += len(unused)
    newly = [item.pk for item in stale if item.pk in used and not item.retired]
    if newly:
        model.all_objects.filter(pk__in=newly).update(retired=True)
        report[f"{plural} retired"] += len(newly)
    story = apps.get_model("stories", "Story")
    for item in (item for item in stale if item.pk in used):
        stories = story.objects.filter(**{STORY_LOOKUPS[model]: item}).distinct()
        titles = list(stories.order_by("title").values_list("title", flat=True)[:TITLES_SHOWN])
        label = getattr(item, "text", None) or getattr(item, "name", None) or str(item)
        report.retired.append(
            RetiredItem(model._meta.verbose_name, item.slug, label, stories.count(), titles)
        )


def pick(rows, *keys):
    return [{key: row[key] for key in keys} for row in rows]


@transaction.atomic
def load_guide(path):
    """Load one guide file; returns (guide, LoadReport). Raises GuideFormatError (nothing changed). Any
    change gives the guide a new version (`loaded_at`)."""
    data = parse_guide_file(path)
    stats = LoadReport()
    guide, created = models.Guide.objects.get_or_create(
        slug=data.slug,
        defaults={"title": data.title, "description": data.description, "filename": Path(path).name},
    )
    if created:
        stats["guides created"] += 1
    else:
        fields = {"title": data.title, "description": data.description, "filename": Path(path).name}
        changed = [key for key, value in fields.items() if getattr(guide, key) != value]
        if changed:
            for key in changed:
                setattr(guide, key, fields[key])
            guide.save()
            stats["guides updated"] += 1

    sections = data.front_matter["sections"]
    stale = {}
    values, stale[models.Value] = sync_stable(
        models.Value,
        guide,
        pick(data.values, "slug", "explicit", "name", "tagline", "order", "anchor", "groups"),
        stats,
        label="name",
    )
    themes, stale[models.Theme] = sync_stable(
        models.Theme,
        guide,
        pick(data.themes, "slug", "explicit", "name", "order", "anchor", "groups", "story_ideas"),
        stats,
        label="name",
    )
    known_categories = set(
        models.QuestionCategory.all_objects.filter(guide=guide).values_list("pk", flat=True)
    )
    categories, stale[models.QuestionCategory] = sync_stable(
        models.QuestionCategory,
        guide,
        pick(data.categories, "slug", "explicit", "name", "order", "anchor"),
        stats,
        label="name",
    )
    # The category -> values mapping is seeded once; after that it belongs to staff (admin).
    mapping = data.front_matter.get("category_values") or {}
    for slug, category in categories.items():
        if category.pk not in known_categories:
            category.values.set([values[v] for v in mapping.get(slug, []) if v in values])

    _, stale[models.Question] = sync_stable(
        models.Question,
        guide,
        [
            {
                "slug": q["slug"],
                "explicit": q["explicit"],
                "text": q["text"],
                "order": q["order"],
                "anchor": q["anchor"],
                "category": categories[q["category"]],
                "theme": themes.get(q["theme"]) if q["theme"] else None,
            }
            for q in data.questions
        ],
        stats,
        label="text",
    )
    rounds_anchor = sections["rounds"]
    _, stale[models.InterviewRound] = sync_stable(
        models.InterviewRound,
        guide,
        [dict(r, anchor=rounds_anchor) for r in data.rounds],
        stats,
        label="name",
    )
    _, stale[models.Level] = sync_stable(
        models.Level,
        guide,
        pick(
            data.levels,
            "slug",
            "explicit",
            "code",
            "title",
            "team_min",
            "team_max",
            "scope",
            "impact",
            "focus",
            "order",
            "anchor",
        ),
        stats,
        label="code",
    )
    # Questions first: a category that only retired questions keep is retired, not deleted under them.
    for model in (
        models.Question,
        models.QuestionCategory,
        models.Theme,
        models.Value,
        models.InterviewRound,
        models.Level,
    ):
        retire_or_delete(model, stale[model], stats)
    sync(
        models.StoryPart,
        guide,
        [dict(p, anchor=sections["story_structure"]) for p in data.story_parts],
        stats,
    )
    sync(
        models.RedFlag,
        guide,
        [
            dict(f, slug=f"{f['group_slug']}-{f['order'] % 100}", anchor=f["group_slug"])
            for f in data.red_flags
        ],
        stats,
    )
    sync(
        models.SuccessFactor,
        guide,
        [dict(f, slug=slugify(f["name"]), anchor=sections["success_factors"]) for f in data.success_factors],
        stats,
    )
    sync(models.PrepPhase, guide, data.prep_phases, stats)
    sync(
        models.FinalTip,
        guide,
        [dict(t, slug=slugify(t["name"]), anchor=sections["final_tips"]) for t in data.final_tips],
        stats,
    )
    if stats and not created:
        # A new version of the guide (its `loaded_at`): what pages and story facts derived from the guide is
        # kept per version, so anything changed here is read again. A run that changed nothing keeps it.
        guide.loaded_at = timezone.now()
        models.Guide.objects.filter(pk=guide.pk).update(loaded_at=guide.loaded_at)
    return guide, stats
