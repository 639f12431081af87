"""The values x stories matrix as CSV, and the per-value counts that the print view's cover shows."""

import csv
import io
from dataclasses import dataclass

from guide.models import Question, Value
from stories.models import Profile
from stories.structure import default_guide

from .csv_rows import neutralise
from .reading import for_reading


@dataclass(frozen=True)
class ValueCount:
    value: object
    count: int
    target: int

    @property
    def missing(self):
        return max(0, self.target - self.count)

    @property
    def label(self):
        if self.count == 0:
            return "No story yet"
        if self.missing:
            return f"{self.missing} more to reach {self.target}"
        return "Covered"


def coverage_summary(stories, profile, guide=None):
    """Per value: how many of `stories` (a list from for_reading) tell it, against the user's target;
    and how many of the guide's questions have a story."""
    guide = guide or default_guide()
    target = profile.stories_per_value
    rows = [
        ValueCount(value, sum(1 for s in stories if value in s.values.all()), target)
        for value in Value.objects.filter(guide=guide)
    ]
    answered = {q.pk for s in stories for q in s.questions.all() if not q.retired}  # as the guide is now
    return {
        "values": rows,
        "questions_answered": len(answered),
        "questions_total": Question.objects.filter(guide=guide).count(),
        "ready": sum(1 for s in stories if s.status == s.Status.READY),
        "target": target,
    }


def coverage_rows(stories, owner, guide=None):
    """The values x stories matrix as rows: the header, then a row per value, "x" where a story tells it."""
    guide = guide or default_guide()
    stories = for_reading(stories)
    summary = coverage_summary(stories, Profile.for_user(owner), guide)
    rows = [["Value", "Stories", "Target", *(s.title for s in stories)]]
    for row in summary["values"]:
        marks = ["x" if row.value in s.values.all() else "" for s in stories]
        rows.append([row.value.name, row.count, row.target, *marks])
    return rows


def coverage_csv_text(stories, owner, guide=None):
    """The values x stories matrix: a row per value, a column per story, "x" where the story tells it."""
    out = io.StringIO()
    out.write("\ufeff")
    rows = coverage_rows(stories, owner, guide)
    # Story titles head the columns: a title starting with "=" must not run as a formula.
    csv.writer(out).writerows([[neutralise(c) if isinstance(c, str) else c for c in row] for row in rows])
    return out.getvalue()
