"""The story list's filters, shared by the list page and the export of "what the list shows"."""

from dataclasses import dataclass

from django.db.models import Q

from .models import PART_FIELDS, Story

# "grade" (the coach's, weakest first) is sorted by the list view after the coach reads the stories.
SORTS = {
    "updated": ("-updated_at", "-pk"),
    "title": ("title", "pk"),
    "created": ("-created_at", "-pk"),
    "grade": ("-updated_at", "-pk"),
}
GRADES = ("strong", "workable", "weak")
MAX_QUERY_WORDS = 8
FILTER_KEYS = ("value", "question", "theme", "level", "tag", "status", "grade", "q", "sort")


@dataclass(frozen=True)
class StoryFilter:
    value: str = ""
    question: str = ""
    theme: str = ""
    level: str = ""
    tag: str = ""
    status: str = ""
    grade: str = ""  # applied by the caller with stories.coach.listing.only_grade
    q: str = ""
    sort: str = "updated"

    @classmethod
    def from_params(cls, params):
        """Read the filter from query parameters; unknown or odd values are ignored, never an error."""
        raw = {key: (params.get(key) or "").strip()[:200] for key in FILTER_KEYS}
        if raw["sort"] not in SORTS:
            raw["sort"] = "updated"
        if raw["status"] not in Story.Status.values:
            raw["status"] = ""
        if raw["grade"] not in GRADES:
            raw["grade"] = ""
        return cls(**raw)

    @property
    def is_active(self):
        return any(getattr(self, key) for key in FILTER_KEYS if key != "sort")

    def as_params(self):
        return {
            key: getattr(self, key)
            for key in FILTER_KEYS
            if getattr(self, key) and key != "sort" or (key == "sort" and self.sort != "updated")
        }


def filter_stories(queryset, story_filter):
    """Apply `story_filter` (a StoryFilter) to a queryset of stories."""
    f = story_filter
    if f.value:
        queryset = queryset.filter(values__slug=f.value)
    if f.question:
        queryset = queryset.filter(questions__slug=f.question)
    if f.theme:
        queryset = queryset.filter(themes__slug=f.theme)
    if f.level:
        queryset = queryset.filter(level__slug=f.level.lower())
    if f.tag:
        queryset = queryset.filter(tags__name=f.tag)
    if f.status:
        queryset = queryset.filter(status=f.status)
    for word in f.q.split()[:MAX_QUERY_WORDS]:
        match = Q(title__icontains=word) | Q(summary__icontains=word)
        for field in PART_FIELDS:
            match |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(match)
    # Each filter above joins at most one row per story (one slug), so no duplicates arise.
    return queryset.order_by(*SORTS[f.sort])
