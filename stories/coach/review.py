"""A story's review: its findings, a score and a grade, follow-up probes and a self-review checklist.

The grade is computed here and only here. Each finding costs points (a blocker 40,
a warning 10, a tip 2) from 100; a story with a blocker is Weak whatever its score,
one scoring 80 or more is Strong (only when the coach could read every part: a story
with parts in another language is at best Workable), 50 or more Workable, and below
that Weak. Coverage,
suggestions, the loop planner, the story list and the editor all read this grade.
"""

import hashlib
import json
from dataclasses import dataclass
from typing import NamedTuple

from django.core.cache import cache
from django.urls import reverse

from guide.models import Level, RedFlag

from ..models import PART_FIELDS
from ..structure import default_guide, story_parts
from ..timing import DEFAULT_WPM, format_seconds
from . import text
from .checks import CHECKS
from .findings import (
    BLOCKER,
    FIX_FIELDS,
    SEVERITIES,
    TIP,
    WARNING,
    CoachGuide,
    Finding,
    LevelSpec,
    RedFlagSpec,
    StoryDraft,
)
from .probes import Probe, probes_for

STRONG, WORKABLE, WEAK = "strong", "workable", "weak"
GRADE_LABELS = {STRONG: "Strong", WORKABLE: "Workable", WEAK: "Weak"}
GRADES = (STRONG, WORKABLE, WEAK)
PENALTY = {BLOCKER: 40, WARNING: 10, TIP: 2}
STRONG_FROM = 80
UNREAD = "language"  # the finding of parts the coach could not read (checks.check_language)
WORKABLE_FROM = 50


def grade_for(findings) -> tuple[int, str]:
    """(score 0-100, grade) for a list of findings; the one place a grade is decided."""
    score = max(0, 100 - sum(PENALTY[f.severity] for f in findings))
    if any(f.severity == BLOCKER for f in findings):
        return score, WEAK
    if score >= STRONG_FROM and not any(f.code == UNREAD for f in findings):
        return score, STRONG
    return score, WORKABLE if score >= WORKABLE_FROM else WEAK


@dataclass(frozen=True)
class Review:
    """Everything the coach says of one story."""

    findings: tuple[Finding, ...]
    score: int
    grade: str
    probes: tuple[Probe, ...]
    checklist: tuple[str, ...]

    @property
    def grade_label(self) -> str:
        return GRADE_LABELS[self.grade]

    @property
    def blockers(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == BLOCKER]

    @property
    def usable(self) -> bool:
        """Good enough to count for coverage when Ready: no blocker, and not Weak."""
        return self.grade != WEAK

    def counts(self) -> dict[str, int]:
        return {s: sum(1 for f in self.findings if f.severity == s) for s in SEVERITIES}

    def by_part(self, guide: CoachGuide) -> list[tuple[str, str | None, list[Finding]]]:
        """(heading, field, findings) for the whole story and then each part that has findings."""
        groups = [("Whole story", None, [f for f in self.findings if f.part is None])]
        groups += [(p.name, p.field, [f for f in self.findings if f.part == p.field]) for p in guide.parts]
        return [group for group in groups if group[2]]

    def as_dict(self) -> dict:
        return {
            "score": self.score,
            "grade": self.grade,
            "grade_label": self.grade_label,
            "counts": self.counts(),
            "findings": [f.as_dict() for f in self.findings],
            "probes": [{"text": p.text, "reason": p.reason} for p in self.probes],
        }


class Note(NamedTuple):
    """A finding as a page that lists many stories needs it: its code, severity, part and message."""

    code: str
    severity: str
    part: str | None
    message: str

    @property
    def fix_field(self) -> str:
        return self.part or FIX_FIELDS.get(self.code, "summary")


@dataclass(frozen=True)
class Verdict:
    """A review in short, small enough to keep with each story (stories/facts.py): its score, grade and
    findings as Notes. Pages over the whole bank (coverage, the loop, the plan) read this; a story's own
    page reads the full Review."""

    score: int
    grade: str
    findings: tuple[Note, ...]

    @property
    def grade_label(self) -> str:
        return GRADE_LABELS[self.grade]

    @property
    def blockers(self) -> list[Note]:
        return [f for f in self.findings if f.severity == BLOCKER]

    @property
    def usable(self) -> bool:
        return self.grade != WEAK

    @classmethod
    def of(cls, review: Review) -> "Verdict":
        return cls(review.score, review.grade, tuple(Note(f.code, f.severity, f.part, f.message) for f in review.findings))

    def as_data(self) -> list:
        """JSON-able: [score, grade, [[code, severity, part, message], ...]]."""
        return [self.score, self.grade, [list(f) for f in self.findings]]

    @classmethod
    def from_data(cls, data: list) -> "Verdict":
        score, grade, findings = data
        return cls(score, grade, tuple(Note(*f) for f in findings))


def checklist_for(draft: StoryDraft, guide: CoachGuide) -> list[str]:
    """Questions to ask oneself after telling the story out loud (practice shows them after a run)."""
    figure = text.first_figure(draft.plain.get("impact", ""))
    items = [
        f"Did you say the figure? ({figure})" if figure else "Did you give a figure for the member impact?",
        "Did you say what *you* decided, in the first person?",
        "Did you name who you spoke to directly, and how they took it?",
        f"Did you keep within {format_seconds(guide.total_seconds)}?",
    ]
    if draft.level in ("L6", "L7"):
        items.append(f"Did you show the reach a {draft.level} story needs, beyond your own team?")
    return items


_ORDER = {severity: i for i, severity in enumerate(SEVERITIES)}


# Reviews are kept in the cache by what they were made from, so a page that shows many stories checks
# each story once per version of its text and tags, not on every request. Bump RULES when a check changes.
RULES = "coach-1"
CACHE_SECONDS = 7 * 24 * 3600


def _cache_key(draft: StoryDraft, guide: CoachGuide) -> str:
    made_from = json.dumps(
        [RULES, guide.url, guide.version, draft.parts, draft.title, draft.summary, draft.level, draft.team_size,
         draft.value_count, draft.question_count, draft.wpm],
        sort_keys=True, ensure_ascii=False,
    )
    return "coach-review:" + hashlib.sha256(made_from.encode("utf-8", "surrogatepass")).hexdigest()


def review_draft(draft: StoryDraft, guide: CoachGuide) -> Review:
    """Every check on `draft`, findings ordered by part (whole story first), then severity; from the cache
    when the same draft was reviewed against the same guide before."""
    key = _cache_key(draft, guide)
    review = cache.get(key)
    if review is None:
        review = run_checks(draft, guide)
        cache.set(key, review, CACHE_SECONDS)
    return review


def run_checks(draft: StoryDraft, guide: CoachGuide) -> Review:
    """Run every check on `draft` (no cache); findings ordered by part (whole story first), then severity."""
    part_order = {None: -1, **{p.field: i for i, p in enumerate(guide.parts)}}
    findings = [finding for check in CHECKS for finding in check(draft, guide)]
    findings.sort(key=lambda f: (part_order.get(f.part, 99), _ORDER[f.severity]))
    score, grade = grade_for(findings)
    return Review(
        findings=tuple(findings),
        score=score,
        grade=grade,
        probes=tuple(probes_for(draft, findings, guide)),
        checklist=tuple(checklist_for(draft, guide)),
    )


def coach_guide(guide=None, parts=None) -> CoachGuide:
    """The guide as the checks read it: 2 queries (levels, red flags), 3 without `parts` (story_parts())."""
    guide = guide or default_guide()
    return CoachGuide(
        url=reverse("guide:detail", args=[guide.slug]),
        version=guide.loaded_at.isoformat() if guide.loaded_at else "",
        parts=tuple(parts or story_parts(guide)),
        levels={
            lv.code: LevelSpec(lv.code, lv.team_min, lv.team_max, lv.anchor)
            for lv in Level.objects.filter(guide=guide)
        },
        red_flags={
            rf.slug: RedFlagSpec(rf.slug, rf.text, rf.anchor) for rf in RedFlag.objects.filter(guide=guide)
        },
    )


def draft_from_story(story, wpm: int = DEFAULT_WPM) -> StoryDraft:
    """A saved story as a draft. Reads `values`, `questions` and `level` (prefetch them for a list)."""
    return StoryDraft(
        parts={name: getattr(story, name) for name in PART_FIELDS},
        title=story.title,
        summary=story.summary,
        level=story.level.code if story.level_id else "",
        team_size=story.team_size,
        value_count=len(story.values.all()),
        question_count=len(story.questions.all()),
        wpm=wpm,
    )


def review_story(story, *, wpm: int = DEFAULT_WPM, guide: CoachGuide | None = None) -> Review:
    """The review of a saved story at the user's pace `wpm` (words per minute)."""
    return review_draft(draft_from_story(story, wpm), guide or coach_guide())


__all__ = ["BLOCKER", "WARNING", "TIP", "Review", "Verdict", "Note", "review_draft", "review_story", "coach_guide", "grade_for"]
