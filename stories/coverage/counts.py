"""What a user's story bank covers: values, questions, themes, levels and rounds.

`coverage_for_user` reads everything in a fixed number of queries (see
`facts.py`) and `compute_coverage` does the rest in Python, so the dashboard
costs the same for 3 stories or 300.

A value or question counts as covered only by a usable story: Ready, and not
Weak in the coach's review (so without blockers). One that only drafts or weak
stories touch is "thin", with the reason; see `thin_reason`.
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.db import transaction
from django.utils import timezone

from guide.models import Level, Question, QuestionCategory, Theme, Value
from stories.facts import GuideFacts, StoryFacts
from stories.models import Profile, Story
from stories.services import record_revision
from stories.structure import default_guide

from ..coach import strength as coach_strength
from . import planner
from .derived import guide_data, reviewed_story_facts
from .suggestions import Suggestion, corpus_for, question_facts, rank_stories

# A story tagged with more values than this is stretched thin: it cannot show all of them well.
MAX_VALUES_PER_STORY = 3
# What a person can read at 1,000 stories: the stories named beside a value, question, theme or level (the
# rest are a link to the story list, filtered), the matrix's columns per page, the balance warnings listed.
SHOWN_STORIES = 3
MATRIX_COLUMNS = 12
SHOWN_WARNINGS = 5
# The theme groups whose items are prompts for stories when the guide has no "story ideas" group.
FALLBACK_PROMPT_GROUPS = ("story", "challenge", "example")


def thin_reason(stories: list[StoryFacts]) -> str:
    """Why stories that touch an item do not cover it: "only drafts", "only weak stories", or both."""
    drafts = any(not s.is_ready for s in stories)
    weak = any(s.is_ready and not s.usable for s in stories)
    if drafts and weak:
        return "only drafts and weak stories"
    return "only weak stories" if weak else "only drafts"


class _Touched:
    """Coverage of one guide item by the stories tagged with it (`stories`), of which some are usable."""

    stories: list[StoryFacts]

    @cached_property
    def usable(self) -> list[StoryFacts]:
        return [s for s in self.stories if s.usable]

    @property
    def shown(self) -> list[StoryFacts]:
        """The first SHOWN_STORIES stories to name: usable ones first, each group newest first."""
        usable = self.usable[:SHOWN_STORIES]
        if len(usable) == SHOWN_STORIES:
            return usable
        return usable + [s for s in self.stories if not s.usable][: SHOWN_STORIES - len(usable)]

    @property
    def more(self) -> int:
        """How many tagged stories `shown` leaves out."""
        return max(0, len(self.stories) - SHOWN_STORIES)

    @property
    def covered(self) -> bool:
        return bool(self.usable)

    @property
    def thin(self) -> bool:
        """Touched by stories, none of them usable yet."""
        return bool(self.stories) and not self.covered

    @property
    def thin_reason(self) -> str:
        return thin_reason(self.stories) if self.thin else ""


@dataclass
class ValueCoverage(_Touched):
    value: Value
    stories: list[StoryFacts]
    target: int
    cells: list[tuple[StoryFacts, bool]] = field(default_factory=list)  # one per story, in column order

    @property
    def count(self) -> int:
        """Usable stories: the ones that count towards the target."""
        return len(self.usable)

    @property
    def shortfall(self) -> int:
        return max(0, self.target - self.count)

    @property
    def fragile(self) -> bool:
        """Held up by a single story: one weak telling and the value has nothing."""
        return self.count == 1

    @property
    def status(self) -> str:
        if not self.stories:
            return "missing"
        if self.thin:
            return "thin"
        return "short" if self.shortfall else "met"


@dataclass
class QuestionCoverage(_Touched):
    question: Question
    stories: list[StoryFacts]
    suggestions: list[Suggestion] = field(default_factory=list)

    @property
    def heat(self) -> int:
        """0 to 3: how many usable stories answer it (3 meaning three or more), for the heat map."""
        return min(len(self.usable), 3)


@dataclass
class CategoryCoverage:
    category: QuestionCategory
    values: list[Value]
    questions: list[QuestionCoverage]

    @property
    def covered_count(self) -> int:
        return sum(1 for q in self.questions if q.covered)

    @property
    def uncovered(self) -> list[QuestionCoverage]:
        return [q for q in self.questions if not q.covered]


class _Listed:
    """Stories tagged with a theme or level, of which the first SHOWN_STORIES are named."""

    stories: list[StoryFacts]

    @property
    def covered(self) -> bool:
        return bool(self.stories)

    @property
    def shown(self) -> list[StoryFacts]:
        return self.stories[:SHOWN_STORIES]

    @property
    def more(self) -> int:
        return max(0, len(self.stories) - SHOWN_STORIES)


@dataclass
class ThemeCoverage(_Listed):
    theme: Theme
    stories: list[StoryFacts]
    prompts: list[str]


@dataclass
class LevelCoverage(_Listed):
    level: Level
    stories: list[StoryFacts]


@dataclass
class RoundCoverage:
    round: object  # guide.models.InterviewRound
    count: int  # stories whose tags match the round's focus


@dataclass
class StretchedStory:
    story: StoryFacts
    values: list[Value]


@dataclass
class Summary:
    values_covered: int
    values_total: int
    questions_covered: int
    questions_total: int
    stories_ready: int
    stories_total: int
    target: int
    shortfall: list[ValueCoverage]  # the values below the target, with how many stories they miss
    values_thin: int = 0
    questions_thin: int = 0

    @property
    def missing_stories(self) -> int:
        return sum(v.shortfall for v in self.shortfall)

    @property
    def values_missing(self) -> int:
        return self.values_total - self.values_covered

    @property
    def questions_missing(self) -> int:
        return self.questions_total - self.questions_covered


@dataclass(frozen=True)
class MatrixPage:
    """The values x stories matrix shows MATRIX_COLUMNS stories at a time, newest first."""

    number: int  # from 1
    count: int  # pages
    first: int  # the number of its first story in the bank, from 1
    stories: list[StoryFacts]

    @property
    def last(self) -> int:
        return self.first + len(self.stories) - 1

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.count


def matrix_page(stories: list[StoryFacts], number: int) -> MatrixPage:
    """Page `number` of the matrix's columns (clamped to the pages there are)."""
    count = max(1, -(-len(stories) // MATRIX_COLUMNS))
    number = min(max(1, number), count)
    start = (number - 1) * MATRIX_COLUMNS
    return MatrixPage(number, count, start + 1, stories[start : start + MATRIX_COLUMNS])


@dataclass
class Coverage:
    stories: list[StoryFacts]
    values: list[ValueCoverage]
    categories: list[CategoryCoverage]
    themes: list[ThemeCoverage]
    levels: list[LevelCoverage]
    rounds: list[RoundCoverage]
    summary: Summary
    stretched: list[StretchedStory]
    fragile: list[ValueCoverage]
    strength: coach_strength.Strength | None = None
    matrix: MatrixPage | None = None

    @property
    def stretched_shown(self) -> list[StretchedStory]:
        return self.stretched[:SHOWN_WARNINGS]

    @property
    def stretched_more(self) -> int:
        return max(0, len(self.stretched) - SHOWN_WARNINGS)

    @property
    def uncovered_questions(self) -> int:
        return self.summary.questions_total - self.summary.questions_covered

    @property
    def max_value_count(self) -> int:
        """The top of the chart's scale: at least the target, so the target line always shows."""
        return max([self.summary.target, *(v.count for v in self.values)])


def theme_prompts(theme: Theme) -> list[str]:
    """The guide's own story ideas for a theme ("Power Stories", "Success Stories"...)."""
    if theme.story_ideas:
        return list(theme.story_ideas)
    return [
        item
        for group in theme.groups
        if any(word in group.get("label", "").lower() for word in FALLBACK_PROMPT_GROUPS)
        for item in group.get("items", [])
    ]


def _tagged(stories: list[StoryFacts], attr: str) -> dict[int, list[StoryFacts]]:
    found: dict[int, list[StoryFacts]] = {}
    for story in stories:
        for item_id in getattr(story, attr):
            found.setdefault(item_id, []).append(story)
    return found


def compute_coverage(guide_facts: GuideFacts, stories: list[StoryFacts], target: int, matrix: int = 1) -> Coverage:
    """Everything the dashboard shows, from plain data, with page `matrix` of the matrix's columns; no queries."""
    by_value = _tagged(stories, "value_ids")
    by_question = _tagged(stories, "question_ids")
    by_theme = _tagged(stories, "theme_ids")
    by_level: dict[int, list[StoryFacts]] = {}
    for story in stories:
        if story.level_id is not None:
            by_level.setdefault(story.level_id, []).append(story)

    page = matrix_page(stories, matrix)
    values = []
    for value in guide_facts.values:
        tagged = by_value.get(value.id, [])
        cells = [(story, value.id in story.value_ids) for story in page.stories]
        values.append(ValueCoverage(value, tagged, target, cells))

    themes_by_id = {t.id: t for t in guide_facts.themes}
    corpus = corpus_for(stories, [q.text for q in guide_facts.questions])  # once for all 33 questions
    categories = []
    for category in guide_facts.categories:
        category_values = guide_facts.category_values.get(category.id, [])
        rows = []
        for question in (q for q in guide_facts.questions if q.category_id == category.id):
            answered = by_question.get(question.id, [])
            suggestions = []
            if not any(s.usable for s in answered):
                facts = question_facts(question, category_values, themes_by_id.get(question.theme_id))
                suggestions = rank_stories(facts, stories, corpus=corpus)
            rows.append(QuestionCoverage(question, answered, suggestions))
        categories.append(CategoryCoverage(category, category_values, rows))

    rounds = [planner.round_facts(r) for r in guide_facts.rounds]
    fit_counts = planner.fit_counts(rounds, stories, guide_facts, tagged_only=True)
    value_names = {v.id: v for v in guide_facts.values}
    questions_total = len(guide_facts.questions)
    return Coverage(
        stories=stories,
        values=values,
        categories=categories,
        themes=[ThemeCoverage(t, by_theme.get(t.id, []), theme_prompts(t)) for t in guide_facts.themes],
        levels=[LevelCoverage(level, by_level.get(level.id, [])) for level in guide_facts.levels],
        # The dashboard counts the fits the user stated by tagging; the planner also uses the text.
        rounds=[RoundCoverage(r, fit_counts[r.id]) for r in guide_facts.rounds],
        summary=Summary(
            values_covered=sum(1 for v in values if v.covered),
            values_total=len(values),
            questions_covered=sum(1 for c in categories for q in c.questions if q.covered),
            values_thin=sum(1 for v in values if v.thin),
            questions_thin=sum(1 for c in categories for q in c.questions if q.thin),
            questions_total=questions_total,
            stories_ready=sum(1 for s in stories if s.is_ready),
            stories_total=len(stories),
            target=target,
            shortfall=[v for v in values if v.shortfall],
        ),
        stretched=[
            StretchedStory(s, [value_names[i] for i in sorted(s.value_ids) if i in value_names])
            for s in stories
            if len(s.value_ids) > MAX_VALUES_PER_STORY
        ],
        fragile=[v for v in values if v.fragile],
        strength=coach_strength.bank_strength(stories) if any(s.review for s in stories) else None,
        matrix=page,
    )


def coverage_for_user(user, profile=None, matrix: int = 1, guide=None) -> Coverage:
    """The dashboard's data, each story reviewed by the coach: 6 queries (profile, guide, 4 for the stories)
    once the guide's data is in this process (10 more the first time: see derived.guide_data) and every
    story's derived facts are current (2 more when some are derived again: see derived.py)."""
    profile = profile or Profile.for_user(user)
    data = guide_data(guide or default_guide())
    stories = reviewed_story_facts(user, data, profile.words_per_minute)
    return compute_coverage(data.facts, stories, profile.stories_per_value, matrix)


@transaction.atomic
def tag_story_with_question(story: Story, question: Question) -> bool:
    """Tag `story` with `question` as an edit of the story: a new version and one revision.

    Returns False, changing nothing, when the story already had the question.
    """
    story = Story.objects.select_for_update().get(pk=story.pk)
    if story.questions.filter(pk=question.pk).exists():
        return False
    story.skip_history_when_saving = True  # one revision, written below with the new tags
    story.questions.add(question)
    story.version += 1
    story.updated_at = timezone.now()
    record_revision(story, f"Tagged with the question “{question.text}”", ["version", "updated_at"])
    Profile.bump_bank_revision(story.owner_id)
    return True
