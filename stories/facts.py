"""A user's stories and the guide's items as plain data, read in a fixed number of queries.

Coverage, suggestions and the loop planner all work on these objects in Python,
so a page that needs them costs the same number of queries for 3 stories or 300.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.db.models import Prefetch
from django.urls import get_script_prefix, reverse

from guide.models import Guide, InterviewRound, Level, Question, QuestionCategory, Theme, Value

from . import words
from .models import PART_FIELDS, Story

_PK = 2_147_483_647  # stands for the primary key in a reversed URL


@lru_cache(maxsize=64)
def _url_pattern(name: str, script_prefix: str) -> str:
    return reverse(name, args=[_PK])


def url_for_pk(name: str, pk: int) -> str:
    """reverse(name, args=[pk]), reversing each name once: a page may link to hundreds of stories."""
    return _url_pattern(name, get_script_prefix()).replace(str(_PK), str(pk))


@dataclass(frozen=True)
class StoryFacts:
    id: int
    title: str
    status: str
    level_id: int | None = None
    value_ids: frozenset[int] = frozenset()
    question_ids: frozenset[int] = frozenset()
    theme_ids: frozenset[int] = frozenset()
    # The stems of the story's own words (title, summary, parts), each with a word that produced it.
    stems: dict[str, str] = field(default_factory=dict, compare=False)
    # How often each Snowball stem occurs in the same text: the story as the suggestions' BM25 reads it.
    terms: Counter[str] = field(default_factory=Counter, compare=False)
    # What `assess` made of the story, when load_story_facts was given one (the coach's review).
    review: Any = field(default=None, compare=False)

    @property
    def is_ready(self) -> bool:
        return self.status == Story.Status.READY

    @property
    def usable(self) -> bool:
        """Counts towards coverage: Ready and, when assessed, passed (`review.usable`)."""
        return self.is_ready and (self.review is None or self.review.usable)

    @property
    def url(self) -> str:
        return url_for_pk("stories:detail", self.id)


@dataclass
class GuideFacts:
    guide: Guide
    values: list[Value]
    categories: list[QuestionCategory]
    questions: list[Question]
    themes: list[Theme]
    rounds: list[InterviewRound]
    levels: list[Level]
    category_values: dict[int, list[Value]]  # category id -> the values it probes

    def values_for_question(self, question: Question) -> list[Value]:
        return self.category_values.get(question.category_id, [])


def load_guide_facts(guide: Guide) -> GuideFacts:
    """The guide's values, categories, questions, themes, rounds and levels: 7 queries."""
    values = list(Value.objects.filter(guide=guide))
    categories = list(
        QuestionCategory.objects.filter(guide=guide).prefetch_related(Prefetch("values", queryset=Value.objects.all()))
    )
    by_id = {c.id: c for c in categories}
    questions = list(Question.objects.filter(guide=guide).order_by("category__order", "order"))
    for q in questions:
        q.category = by_id[q.category_id]  # set from the list above instead of one query per question
    facts = GuideFacts(
        guide=guide,
        values=values,
        categories=categories,
        questions=questions,
        themes=list(Theme.objects.filter(guide=guide)),
        rounds=list(InterviewRound.objects.filter(guide=guide)),
        levels=list(Level.objects.filter(guide=guide)),
        category_values={c.id: list(c.values.all()) for c in categories},
    )
    # Links to guide pages name the guide; give every item the guide already read.
    for items in (facts.values, facts.categories, facts.questions, facts.themes, facts.rounds, facts.levels):
        for item in items:
            item.guide = guide
    return facts


def story_text(row: dict) -> str:
    return "\n".join(row[name] for name in ("title", "summary", *PART_FIELDS))


def load_story_facts(user, assess: Callable[[dict, int, int], Any] | None = None) -> list[StoryFacts]:
    """The user's stories that are not in the trash, newest first: 4 queries (stories, then one per M2M).

    `assess(row, value_count, question_count)`, if given, is called once per story with its row
    (title, summary, the five parts, level_id, team_size) and its result kept as `review`.
    """
    stories = Story.objects.for_user(user).active()
    rows = list(stories.values("id", "title", "status", "level_id", "team_size", "summary", *PART_FIELDS))
    links: dict[str, dict[int, set[int]]] = {}
    for name, target in (("values", "value_id"), ("questions", "question_id"), ("themes", "theme_id")):
        through = getattr(Story, name).through
        found: dict[int, set[int]] = {}
        pairs = through.objects.filter(story__owner=user, story__deleted_at__isnull=True)
        for story_id, target_id in pairs.values_list("story_id", target):
            found.setdefault(story_id, set()).add(target_id)
        links[name] = found
    return [
        StoryFacts(
            id=row["id"],
            title=row["title"],
            status=row["status"],
            level_id=row["level_id"],
            value_ids=frozenset(links["values"].get(row["id"], ())),
            question_ids=frozenset(links["questions"].get(row["id"], ())),
            theme_ids=frozenset(links["themes"].get(row["id"], ())),
            stems=stems,
            terms=terms,
            review=assess(
                row, len(links["values"].get(row["id"], ())), len(links["questions"].get(row["id"], ()))
            )
            if assess
            else None,
        )
        for row, (stems, terms) in ((row, words.stems_and_terms(story_text(row))) for row in rows)
    ]
