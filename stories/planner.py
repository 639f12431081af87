"""The interview-loop planner: which stories fit which round, and a proposed loop.

A round's focus is a few short phrases ("Candor & feedback", "System design").
A story matches a focus phrase through what the user tagged it with (its values,
themes, questions and those questions' categories: at least half of the
phrase's words must appear there), or, failing that, through its own text (every
word of the phrase must appear). Tag matches count double: they are the user's
own statement of what the story shows.

`plan_loop` gives each round up to SLOTS_PER_ROUND stories, never the same story
twice in the loop. It fills the loop in passes, one story per round per pass,
and each pass is a maximum matching (augmenting paths, best-fitting story
first), so a round with few fitting stories is not starved by a round that had
other choices.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from . import words
from .facts import GuideFacts, StoryFacts
from .models import LoopSlot

SLOTS_PER_ROUND = 2
TAG_POINTS = 2
TEXT_POINTS = 1
QUESTION_LABEL_LENGTH = 60


@dataclass(frozen=True)
class RoundFacts:
    id: int
    name: str
    focus: tuple[str, ...]


@dataclass(frozen=True)
class FocusMatch:
    focus: str
    via: tuple[str, ...]  # what in the story matched, e.g. ("value Candor & Feedback",)
    tagged: bool

    def describe(self) -> str:
        if self.tagged:
            return f"{self.focus} ({', '.join(self.via)})"
        return f"{self.focus} (its text mentions {', '.join(self.via)})"


@dataclass(frozen=True)
class Fit:
    round: RoundFacts
    story: StoryFacts
    matches: tuple[FocusMatch, ...]

    @property
    def score(self) -> int:
        return sum(TAG_POINTS if m.tagged else TEXT_POINTS for m in self.matches)

    @property
    def tagged(self) -> bool:
        return any(m.tagged for m in self.matches)

    @property
    def reason(self) -> str:
        if not self.matches:
            return f"Does not match the focus of {self.round.name} yet."
        return "Fits " + "; ".join(m.describe() for m in self.matches) + "."

    def sort_key(self):
        return (-self.score, -sum(m.tagged for m in self.matches), not self.story.is_ready,
                self.story.title.lower(), self.story.id)


def round_facts(rnd) -> RoundFacts:
    return RoundFacts(id=rnd.id, name=rnd.name, focus=tuple(str(f) for f in rnd.focus))


def tag_stems(guide_facts: GuideFacts) -> dict[str, dict[int, tuple[str, dict[str, str]]]]:
    """For each kind of guide item, item id -> (label, stems of its words)."""

    def short(text):
        return text if len(text) <= QUESTION_LABEL_LENGTH else text[: QUESTION_LABEL_LENGTH - 1] + "…"

    return {
        "value": {
            v.id: (f"value {v.name}", words.stem_words(f"{v.name} {v.tagline}")) for v in guide_facts.values
        },
        "theme": {t.id: (f"theme {t.name}", words.stem_words(t.name)) for t in guide_facts.themes},
        "category": {
            c.id: (f"questions on {c.name}", words.stem_words(c.name)) for c in guide_facts.categories
        },
        "question": {
            q.id: (f"question “{short(q.text)}”", words.stem_words(q.text)) for q in guide_facts.questions
        },
    }


def story_tag_stems(story: StoryFacts, tags, question_category: dict[int, int]) -> dict[str, str]:
    """Stem -> label of the first tag (values, themes, categories, then questions) that has it."""
    found: dict[str, str] = {}
    categories = sorted({question_category[q] for q in story.question_ids if q in question_category})
    sources = [
        *(tags["value"].get(i) for i in sorted(story.value_ids)),
        *(tags["theme"].get(i) for i in sorted(story.theme_ids)),
        *(tags["category"].get(c) for c in categories),
        *(tags["question"].get(i) for i in sorted(story.question_ids)),
    ]
    for source in sources:
        if source is None:  # tagged with an item of another guide
            continue
        label, stems = source
        for s in stems:
            found.setdefault(s, label)
    return found


def match_round(rnd: RoundFacts, story: StoryFacts, story_tags: dict[str, str]) -> Fit:
    matches = []
    for focus in rnd.focus:
        focus_stems = words.stem_words(focus)
        if not focus_stems:
            continue
        hits = [s for s in focus_stems if s in story_tags]
        if 2 * len(hits) >= len(focus_stems):
            via = tuple(dict.fromkeys(story_tags[s] for s in hits))
            matches.append(FocusMatch(focus, via, tagged=True))
        elif all(s in story.stems for s in focus_stems):
            matches.append(FocusMatch(focus, tuple(story.stems[s] for s in focus_stems), tagged=False))
    return Fit(rnd, story, tuple(matches))


def fits_by_round(
    rounds: Iterable[RoundFacts], stories: Iterable[StoryFacts], guide_facts: GuideFacts
) -> dict[int, list[Fit]]:
    """Round id -> the stories that match its focus at all, best first."""
    tags = tag_stems(guide_facts)
    question_category = {q.id: q.category_id for q in guide_facts.questions}
    story_tags = [(story, story_tag_stems(story, tags, question_category)) for story in stories]
    result = {}
    for rnd in rounds:
        fits = [fit for story, st in story_tags if (fit := match_round(rnd, story, st)).matches]
        result[rnd.id] = sorted(fits, key=Fit.sort_key)
    return result


def _augment(round_id, candidates, holder, seen) -> bool:
    """Kuhn's augmenting path: give `round_id` a story, moving other rounds to their alternatives."""
    for fit in candidates[round_id]:
        story_id = fit.story.id
        if story_id in seen:
            continue
        seen.add(story_id)
        if story_id not in holder or _augment(holder[story_id][0], candidates, holder, seen):
            holder[story_id] = (round_id, fit)
            return True
    return False


def plan_loop(
    round_order: list[int], candidates: dict[int, list[Fit]], slots: int = SLOTS_PER_ROUND
) -> dict[int, list[Fit]]:
    """Round id -> up to `slots` fits, no story used twice. `candidates` as from fits_by_round."""
    plan: dict[int, list[Fit]] = {round_id: [] for round_id in round_order}
    used: set[int] = set()
    for _ in range(slots):
        open_candidates = {
            round_id: [f for f in candidates.get(round_id, []) if f.story.id not in used]
            for round_id in round_order
        }
        holder: dict[int, tuple[int, Fit]] = {}
        # The round with the fewest choices picks first; ties keep the guide's order.
        for round_id in sorted(round_order, key=lambda r: len(open_candidates[r])):
            _augment(round_id, open_candidates, holder, set())
        for story_id, (round_id, fit) in holder.items():
            plan[round_id].append(fit)
            used.add(story_id)
    for fits in plan.values():
        fits.sort(key=Fit.sort_key)
    return plan


def slot_name(round_id: int, index: int) -> str:
    return f"slot-{round_id}-{index}"


def saved_plan(user) -> dict[int, list[int]]:
    """Round id -> story ids, from the user's saved loop (stories in the trash left out): 1 query."""
    plan: dict[int, list[int]] = {}
    slots = LoopSlot.objects.filter(owner=user, story__deleted_at__isnull=True).order_by("round_id", "order")
    for round_id, story_id in slots.values_list("round_id", "story_id"):
        plan.setdefault(round_id, []).append(story_id)
    return plan


def save_plan(user, plan: dict[int, list[int]]) -> int:
    """Replace the user's loop with `plan` (round id -> story ids, each story once); returns the count.

    The caller checks that the rounds and stories exist and the stories are the user's.
    """
    slots = [
        LoopSlot(owner=user, round_id=round_id, story_id=story_id, order=index)
        for round_id, story_ids in plan.items()
        for index, story_id in enumerate(story_ids)
    ]
    with transaction.atomic():
        LoopSlot.objects.filter(owner=user).delete()
        LoopSlot.objects.bulk_create(slots)
    return len(slots)
