"""The guide's story structure, paired with the story's five fields."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from guide.models import Guide, StoryPart

from .models import PART_FIELDS


@dataclass(frozen=True)
class Part:
    field: str
    name: str
    seconds: int
    description: str
    template: str


def default_guide():
    guide = Guide.objects.filter(slug=settings.DEFAULT_GUIDE).first()
    if guide is None:
        raise ImproperlyConfigured(
            f"The guide {settings.DEFAULT_GUIDE!r} is not loaded: run `python manage.py load_guide`."
        )
    return guide


def story_parts(guide=None):
    rows = list(StoryPart.objects.filter(guide=guide or default_guide()).order_by("order"))
    if len(rows) != len(PART_FIELDS):
        raise ImproperlyConfigured(
            f"The guide defines {len(rows)} story parts; the story bank needs {len(PART_FIELDS)}."
        )
    return [
        Part(
            field=field,
            name=row.name,
            seconds=row.seconds,
            description=row.description,
            template=row.template,
        )
        for field, row in zip(PART_FIELDS, rows, strict=True)
    ]


def timing_parts(parts):
    return [(p.field, p.name, p.seconds) for p in parts]
