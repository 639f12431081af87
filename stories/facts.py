"""A user's stories and the guide's items as plain data, read in a fixed number of queries.

Coverage, suggestions and the loop planner all work on these objects in Python,
so a page that needs them costs the same number of queries for 3 stories or 300.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property, lru_cache
from typing import Any, Protocol

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
    # Read through a Deriver, only the stems the guide's questions use (all BM25 ever looks up).
    terms: Counter[str] = field(default_factory=Counter, compare=False)
    # What the coach made of the story, when the loader was given a Deriver (a coach.review.Verdict).
    review: Any = field(default=None, compare=False)
    # The number of words BM25 counts in the story; None: the sum of `terms` (all of them were read).
    length: int | None = field(default=None, compare=False)
    # The rounds whose focus the story matches, as a Deriver stored them (coverage/planner.py reads them).
    fits: Any = field(default=None, compare=False)
    created_at: datetime | None = field(default=None, compare=False)

    @property
    def pk(self) -> int:
        return self.id

    @property
    def term_length(self) -> int:
        """Words counted for BM25: `length`, or the sum of `terms` when the loader kept every stem."""
        return self.length if self.length is not None else sum(self.terms.values())

    @property
    def is_ready(self) -> bool:
        return self.status == Story.Status.READY

    @cached_property
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


# What every reader of a story's facts needs, without its text.
FACT_COLUMNS = ("id", "version", "title", "status", "level_id", "team_size", "created_at")
TEXT_COLUMNS = ("summary", *PART_FIELDS)
# Above this many stories to (re)derive, their texts are read with the whole bank rather than by id.
BY_ID_LIMIT = 500


class Deriver(Protocol):
    """What a story's text and tags give, worked out once per story version and kept on the story.

    `stamp` names everything besides the story the result depends on (rules, guide version, pace): a
    stored result with another stamp, or of another story version, is derived again. `derive` gets the
    story's row (FACT_COLUMNS and TEXT_COLUMNS) and its guide links (`value_ids`, `question_ids`,
    `theme_ids`: sorted lists) and returns JSON-able data; `read` turns that data into StoryFacts fields.
    The links themselves are stored beside it (they change only with the story's version too).
    """

    stamp: str

    def derive(self, row: dict, links: dict[str, list[int]]) -> dict: ...

    def read(self, data: dict) -> dict: ...


LINKS = (
    ("value_ids", "values", "value_id"),
    ("question_ids", "questions", "question_id"),
    ("theme_ids", "themes", "theme_id"),
)


def _links(stories) -> dict[int, dict[str, frozenset[int]]]:
    """Story id -> {"value_ids", "question_ids", "theme_ids"} of `stories` (a queryset): 3 queries."""
    found: dict[int, dict[str, set[int]]] = {}
    for key, name, target in LINKS:
        through = getattr(Story, name).through
        for story_id, target_id in through.objects.filter(story__in=stories).values_list("story_id", target):
            found.setdefault(story_id, {}).setdefault(key, set()).add(target_id)
    return {
        story_id: {key: frozenset(ids.get(key, ())) for key, _, _ in LINKS} for story_id, ids in found.items()
    }


NO_LINKS = {key: frozenset() for key, _, _ in LINKS}


# What a Deriver made of each story version, by (story id, version, stamp), kept in this process: a page
# over a large bank reads it from here instead of decoding every story's stored JSON on each request. A
# story version's facts never change for a stamp (ids are never reused), so entries never go stale; when
# MEMO_SIZE is reached, the oldest half is dropped.
_memo: dict[tuple[int, int, str], dict] = {}
MEMO_SIZE = 20_000


def _remember(key: tuple[int, int, str], facts: dict) -> dict:
    if len(_memo) >= MEMO_SIZE:
        for old in list(_memo)[: MEMO_SIZE // 2]:
            del _memo[old]
    _memo[key] = facts
    return facts


def forget_derived() -> None:
    """Empty this process's memo of derived facts (tests start each from nothing)."""
    _memo.clear()


def _read(deriver: Deriver, data: dict) -> dict:
    """StoryFacts fields from stored derived data: the deriver's, and the links kept beside them."""
    return {**deriver.read(data), **{key: frozenset(data[key]) for key, _, _ in LINKS}}


def _derived_facts(stories, rows: list[dict], deriver: Deriver) -> dict[int, dict]:
    """Story id -> the StoryFacts fields `deriver` gives, for `rows` of `stories` (the user's active ones),
    their value, question and theme ids included (the links change only with the story's version).

    From this process's memo: no query. Else from each story's stored `derived` field: 1 query (by id, or
    the whole bank past BY_ID_LIMIT stories). What is missing or stale there is derived from the story's
    text and links and stored: 5 queries more (their texts; their links; one UPDATE per BY_ID_LIMIT stories).
    """
    found: dict[int, dict] = {}
    missing = []
    for row in rows:
        hit = _memo.get((row["id"], row["version"], deriver.stamp))
        if hit is None:
            missing.append(row)
        else:
            found[row["id"]] = hit
    if not missing:
        return found

    def of(subset):
        return stories if len(subset) > BY_ID_LIMIT else stories.filter(pk__in=[row["id"] for row in subset])

    stored = dict(of(missing).values_list("id", "derived"))
    stale = []
    for row in missing:
        data = stored.get(row["id"])
        key = (row["id"], row["version"], deriver.stamp)
        if (
            isinstance(data, dict)
            and data.get("stamp") == deriver.stamp
            and data.get("version") == row["version"]
        ):
            found[row["id"]] = _remember(key, _read(deriver, data))
        elif row["id"] in stored:  # else trashed since the first query: left out
            stale.append(row)
    if not stale:
        return found
    texts = {text["id"]: text for text in of(stale).values("id", *TEXT_COLUMNS)}
    links = _links(of(stale))
    changed = []
    for row in stale:
        if row["id"] not in texts:
            continue
        story_links = links.get(row["id"], NO_LINKS)
        data = deriver.derive(row | texts[row["id"]], {key: sorted(ids) for key, ids in story_links.items()})
        data = {**data, **{key: sorted(ids) for key, ids in story_links.items()}}
        data = {**data, "stamp": deriver.stamp, "version": row["version"]}
        found[row["id"]] = _remember((row["id"], row["version"], deriver.stamp), _read(deriver, data))
        changed.append(Story(pk=row["id"], derived=data))
    # A concurrent edit may have moved the story on meanwhile: the version stored inside says so, and the
    # next reader derives it again.
    Story.objects.bulk_update(changed, ["derived"], batch_size=BY_ID_LIMIT)
    return found


def load_story_facts(user, deriver: Deriver | None = None) -> list[StoryFacts]:
    """The user's stories that are not in the trash, newest first.

    Without a Deriver: 4 queries (stories with their text, then one per M2M), every story's stems and
    terms worked out from its text. With one: 1 query (the stories without their text), with what
    `deriver` made of each (review, fits, terms..., and its value, question and theme ids) from this
    process's memo, else from the story's stored `derived` field, else derived from its text and stored
    (up to 6 queries more: _derived_facts).
    """
    stories = Story.objects.for_user(user).active()
    rows = list(stories.values(*FACT_COLUMNS, *(() if deriver else TEXT_COLUMNS)))
    if deriver is None:
        links = _links(stories)
        extras = {
            row["id"]: {
                **links.get(row["id"], NO_LINKS),
                **dict(zip(("stems", "terms"), words.stems_and_terms(story_text(row)), strict=True)),
            }
            for row in rows
        }
    else:
        extras = _derived_facts(stories, rows, deriver)
    return [
        StoryFacts(
            id=row["id"],
            title=row["title"],
            status=row["status"],
            level_id=row["level_id"],
            created_at=row["created_at"],
            **extras[row["id"]],
        )
        for row in rows
        if row["id"] in extras
    ]
