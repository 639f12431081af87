"""Write a parsed guide into the database: idempotent, in one transaction."""

from collections import Counter
from pathlib import Path

from django.conf import settings
from django.db import transaction

from . import models
from .parser import parse_guide_file
from .sections import slugify


def guide_files(folder=None):
    folder = Path(folder or settings.GUIDE_DIR)
    return sorted(folder.glob("*.md"))


def sync(model, guide, rows, stats):
    """Create, update or delete `model` rows of `guide` so they match `rows` (keyed by slug).

    Only changed rows are written, so a second run with the same file writes nothing.
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
            changed = [key for key, value in row.items() if getattr(obj, key) != value]
            if changed:
                for key in changed:
                    setattr(obj, key, row[key])
                obj.save(update_fields=changed)
                stats[f"{name} updated"] += 1
        kept[obj.slug] = obj
    stale = [slug for slug in existing if slug not in kept]
    if stale:
        model.objects.filter(guide=guide, slug__in=stale).delete()
        stats[f"{name} removed"] += len(stale)
    return kept


def pick(rows, *keys):
    return [{key: row[key] for key in keys} for row in rows]


@transaction.atomic
def load_guide(path):
    """Load one guide file; returns (guide, Counter of what changed)."""
    data = parse_guide_file(path)
    stats = Counter()
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
    values = sync(
        models.Value,
        guide,
        pick(data.values, "slug", "name", "tagline", "order", "anchor", "groups"),
        stats,
    )
    themes = sync(
        models.Theme,
        guide,
        pick(data.themes, "slug", "name", "order", "anchor", "groups", "story_ideas"),
        stats,
    )
    known_categories = set(models.QuestionCategory.objects.filter(guide=guide).values_list("slug", flat=True))
    categories = sync(
        models.QuestionCategory, guide, pick(data.categories, "slug", "name", "order", "anchor"), stats
    )
    # The category -> values mapping is seeded once; after that it belongs to staff (admin).
    mapping = data.front_matter.get("category_values") or {}
    for slug, category in categories.items():
        if slug not in known_categories:
            category.values.set([values[v] for v in mapping.get(slug, []) if v in values])

    sync(
        models.Question,
        guide,
        [
            {
                "slug": q["slug"],
                "text": q["text"],
                "order": q["order"],
                "anchor": q["anchor"],
                "category": categories[q["category"]],
                "theme": themes.get(q["theme"]) if q["theme"] else None,
            }
            for q in data.questions
        ],
        stats,
    )
    rounds_anchor = sections["rounds"]
    sync(
        models.InterviewRound,
        guide,
        [dict(r, anchor=rounds_anchor) for r in data.rounds],
        stats,
    )
    sync(
        models.Level,
        guide,
        pick(
            data.levels,
            "slug",
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
    )
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
    return guide, stats
