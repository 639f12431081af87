"""What the coach reads and says: a story draft, the guide as the checks see it, and a finding.

Plain frozen dataclasses, shared by the checks, the probes, the review and the views.
"""

from dataclasses import dataclass, field
from functools import cached_property

from ..structure import Part
from ..timing import DEFAULT_WPM
from . import text

BLOCKER, WARNING, TIP = "blocker", "warning", "tip"
SEVERITIES = (BLOCKER, WARNING, TIP)

# The editor field that fixes a whole-story finding (a part's finding is fixed in its part).
FIX_FIELDS = {
    "no-value": "values",
    "too-many-values": "values",
    "no-question": "questions",
    "no-level": "level",
    "team-size-off-level": "team_size",
    "l7-no-scope": "execution",
    "story-over": "challenge",
}


@dataclass(frozen=True)
class LevelSpec:
    """A level of the guide: team influence in engineers (`team_min` to `team_max`)."""

    code: str
    team_min: int
    team_max: int
    anchor: str


@dataclass(frozen=True)
class RedFlagSpec:
    slug: str
    text: str
    anchor: str


@dataclass(frozen=True)
class CoachGuide:
    """What the checks need of the guide: its page's URL, five parts, levels (by code) and red flags (by slug)."""

    url: str
    parts: tuple[Part, ...]
    levels: dict[str, LevelSpec] = field(default_factory=dict)
    red_flags: dict[str, RedFlagSpec] = field(default_factory=dict)
    version: str = ""  # when the guide was loaded: a review made against an older guide is not reused

    def link(self, anchor: str) -> str:
        return f"{self.url}#{anchor}"

    @property
    def total_seconds(self) -> int:
        """The whole story's budget: the parts' seconds added up (240 s in the guide)."""
        return sum(p.seconds for p in self.parts)

    def part_name(self, field_name: str | None) -> str:
        return next((p.name for p in self.parts if p.field == field_name), "")


@dataclass(frozen=True)
class StoryDraft:
    """A story as the coach reads it, saved or still in the editor.

    `parts` maps each story field ("challenge", "decision", "execution", "communication",
    "impact") to its Markdown; `level` is a level code ("L6") or ""; `wpm` is the
    user's pace in words per minute.
    """

    parts: dict[str, str]
    title: str = ""
    summary: str = ""
    level: str = ""
    team_size: int | None = None
    value_count: int = 0
    question_count: int = 0
    wpm: int = DEFAULT_WPM

    @cached_property
    def plain(self) -> dict[str, str]:
        """Each part as plain words (Markdown removed)."""
        return {name: text.plain_text(value) for name, value in self.parts.items()}

    @cached_property
    def worded(self) -> dict[str, str]:
        """Each part's plain words where they read as English, else "": the wording checks read this."""
        return {name: value if text.reads_as_english(value) else "" for name, value in self.plain.items()}

    @cached_property
    def all_worded(self) -> str:
        """Title, summary and parts that read as English, as one text."""
        head = [t for t in (self.title, self.summary) if text.reads_as_english(t)]
        return "\n".join([*head, *self.worded.values()]).strip()


@dataclass(frozen=True)
class Finding:
    """One thing an interviewer would hold against the story, and how to fix it."""

    code: str
    severity: str
    message: str
    hint: str
    guide_url: str
    part: str | None = None  # a story field, or None for the whole story
    part_name: str = ""
    quote: str = ""  # the words of the story the finding is about, when there are some

    @property
    def fix_field(self) -> str:
        """The editor field to go to for the fix: the part, or the tag or level field, or the summary."""
        return self.part or FIX_FIELDS.get(self.code, "summary")

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
            "guide_url": self.guide_url,
            "part": self.part,
            "part_name": self.part_name,
            "quote": self.quote,
            "fix_field": self.fix_field,
        }
