"""The bank's strength: every story reviewed, the findings most stories share, and the next fixes.

`assessor` reviews stories as `load_story_facts` reads them (no extra queries per
story); `bank_strength` sums the reviews up for the dashboard.
"""

import heapq
from collections import Counter
from dataclasses import dataclass

from ..facts import StoryFacts, url_for_pk
from ..models import PART_FIELDS
from .findings import SEVERITIES, CoachGuide, Finding, StoryDraft
from .review import GRADE_LABELS, GRADES, Review, review_draft

NEXT_FIXES = 3
COMMON_SHOWN = 4

# How the dashboard names a finding shared by several stories, (one story, several stories):
# "4 of 7 stories have no figure in Member Impact".
COMMON_WORDING = {
    "part-empty": ("has an empty part", "have an empty part"),
    "part-thin": ("has a part far under its budget", "have a part far under its budget"),
    "part-over": ("has a part over its budget", "have a part over its budget"),
    "story-over": ("runs over the guide's total", "run over the guide's total"),
    "placeholder": ("still holds a template placeholder", "still hold a template placeholder"),
    "impact-no-figure": ("has no figure in Member Impact", "have no figure in Member Impact"),
    "impact-no-member": ("names no member in Member Impact", "name no member in Member Impact"),
    "vague-magnitude": ("says “significantly” or the like", "say “significantly” or the like"),
    "we-heavy": ("says “we” more than “I”", "say “we” more than “I”"),
    "no-decision-verb": ("never says what you decided", "never say what you decided"),
    "red-flag": ("uses red-flag wording", "use red-flag wording"),
    "challenge-no-stakes": ("gives its Challenge no stakes", "give their Challenge no stakes"),
    "no-value": ("has no value tagged", "have no value tagged"),
    "too-many-values": ("is tagged with more than three values", "are tagged with more than three values"),
    "no-question": ("has no question tagged", "have no question tagged"),
    "team-size-off-level": ("has a team size outside its level", "have a team size outside their level"),
    "l7-no-scope": ("shows no reach beyond one team", "show no reach beyond one team"),
    "no-level": ("has no target level", "have no target level"),
    "language": ("has parts the coach cannot read", "have parts the coach cannot read"),
}


def assessor(guide: CoachGuide, *, wpm: int, level_codes: dict[int, str]):
    """A function for load_story_facts(assess=...) that reviews each story row at pace `wpm`.

    `level_codes` maps level ids to codes ("L6"), from the guide's levels already read.
    """

    def assess(row: dict, value_count: int, question_count: int) -> Review:
        draft = StoryDraft(
            parts={name: row[name] for name in PART_FIELDS},
            title=row["title"],
            summary=row["summary"],
            level=level_codes.get(row["level_id"], ""),
            team_size=row["team_size"],
            value_count=value_count,
            question_count=question_count,
            wpm=wpm,
        )
        return review_draft(draft, guide)

    return assess


@dataclass(frozen=True)
class CommonFinding:
    code: str
    stories: int
    total: int

    @property
    def text(self) -> str:
        noun = "story" if self.total == 1 else "stories"
        one, several = COMMON_WORDING.get(self.code, (self.code, self.code))
        return f"{self.stories} of {self.total} {noun} {one if self.stories == 1 else several}"


@dataclass(frozen=True)
class Fix:
    """One finding to fix next, with where to fix it."""

    story: StoryFacts
    finding: Finding

    @property
    def url(self) -> str:
        return f"{url_for_pk('stories:edit', self.story.id)}#id_{self.finding.fix_field}"


@dataclass(frozen=True)
class Strength:
    grades: dict[str, int]  # grade -> stories with it, in GRADES order
    total: int
    common: list[CommonFinding]
    next_fixes: list[Fix]
    weakest: list[StoryFacts]  # stories that need work, weakest first

    @property
    def needs_work(self) -> int:
        return len(self.weakest)

    @property
    def bars(self) -> list[tuple[str, str, int, float, float]]:
        """(grade, label, count, percent of the bank, percent where its segment starts) for the strength bar."""
        bars, start = [], 0.0
        for grade, n in self.grades.items():
            if n:
                share = 100 * n / self.total
                bars.append((grade, GRADE_LABELS[grade], n, share, start))
                start += share
        return bars


_SEVERITY = {s: i for i, s in enumerate(SEVERITIES)}


def bank_strength(stories: list[StoryFacts]) -> Strength:
    """The strength of a bank of reviewed stories (StoryFacts with `review` set)."""
    reviewed = [s for s in stories if s.review is not None]
    grades = Counter(s.review.grade for s in reviewed)
    by_code: Counter[str] = Counter()
    severity = {}
    for s in reviewed:
        codes = set()
        for f in s.review.findings:
            codes.add(f.code)
            severity[f.code] = _SEVERITY[f.severity]
        by_code.update(codes)
    # The most widespread first; among equals, the most serious.
    ranked = sorted(by_code.items(), key=lambda item: (-item[1], severity[item[0]], item[0]))
    common = [CommonFinding(code, n, len(reviewed)) for code, n in ranked[:COMMON_SHOWN] if n > 1]
    weakest = sorted(
        (s for s in reviewed if s.review.grade != "strong" or s.review.blockers),
        key=lambda s: (s.review.score, s.title.lower(), s.id),
    )
    # The most serious finding of each story (its first, among equals), then the stories by that finding's
    # severity, their score and id: the first NEXT_FIXES of them, without sorting every finding of a bank.
    firsts = []
    for s in weakest:
        if s.review.findings:
            finding = min(s.review.findings, key=lambda f: _SEVERITY[f.severity])  # min keeps the first
            firsts.append((_SEVERITY[finding.severity], s.review.score, s.id, s, finding))
    fixes = [Fix(s, f) for *_, s, f in heapq.nsmallest(NEXT_FIXES, firsts, key=lambda item: item[:3])]
    if len(fixes) < NEXT_FIXES:  # fewer weak stories than fixes: take further findings of the same ones
        candidates = sorted(
            ((s, f) for s in weakest for f in s.review.findings),
            key=lambda pair: (_SEVERITY[pair[1].severity], pair[0].review.score, pair[0].id),
        )
        chosen = {(f.story.id, f.finding) for f in fixes}
        fixes += [Fix(s, f) for s, f in candidates if (s.id, f) not in chosen][: NEXT_FIXES - len(fixes)]
    return Strength(
        grades={g: grades.get(g, 0) for g in GRADES},
        total=len(reviewed),
        common=common,
        next_fixes=fixes,
        weakest=weakest,
    )
