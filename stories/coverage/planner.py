"""The interview-loop planner: which stories fit which round, and a proposed loop.

A round's focus is a few short phrases ("Candor & feedback", "System design").
A story matches a focus phrase through what the user tagged it with (its values,
themes, questions and those questions' categories): fully when every word of
the phrase appears there, partly when at least half do. Failing that, it can
match through its own text, if every word of the phrase appears in it. Tags
weigh more than text: they are the user's own statement of what a story shows.

`plan_loop` gives each round up to SLOTS_PER_ROUND stories, never the same story
twice in the loop. It fills the loop in passes, one story per round per pass;
each pass is an exact best matching (dynamic programming over the set of rounds
already served, which is small: a loop has about six rounds). A pass first
serves as many rounds as possible, then prefers usable stories (Ready and not
Weak in the coach's review), then maximises the total fit, then the coach's
scores, so a round with few fitting stories is never starved by a round that
had other choices. A round that no story fits still gets the strongest usable
story left unplaced, said so in its reason; a story with blockers is flagged.
"""

import heapq
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from stories import words
from stories.facts import GuideFacts, StoryFacts
from stories.models import LoopSlot, Profile

SLOTS_PER_ROUND = 2
FULL_TAG_POINTS = 3
PART_TAG_POINTS = 2
TEXT_POINTS = 1
# Exact matching is exponential in the number of rounds; beyond this, rounds are served in turn.
MAX_ROUNDS_EXACT = 10
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
    full: bool = True  # every word of the focus matched

    @property
    def points(self) -> int:
        if not self.tagged:
            return TEXT_POINTS
        return FULL_TAG_POINTS if self.full else PART_TAG_POINTS

    def describe(self) -> str:
        if self.tagged:
            return f"{self.focus} ({', '.join(self.via)})"
        return f"{self.focus} (its text mentions {', '.join(self.via)})"


def strength(story: StoryFacts) -> int:
    """The coach's score of a story (0-100), or 0 when it was not reviewed."""
    return story.review.score if story.review is not None else 0


@dataclass(frozen=True)
class Fit:
    round: RoundFacts
    story: StoryFacts
    matches: tuple[FocusMatch, ...]
    fallback: bool = False  # placed in a round nothing fits, as the strongest story left

    @property
    def score(self) -> int:
        return sum(m.points for m in self.matches)

    @property
    def flag(self) -> str:
        """A warning for a story the coach holds back: its blockers, or its Weak grade; else ""."""
        review = self.story.review
        if review is None:
            return ""
        if review.blockers:
            n = len(review.blockers)
            return f"{n} blocker{'s' if n > 1 else ''}: " + " ".join(f.message for f in review.blockers)
        return "The coach grades it Weak: fix it before the loop." if not review.usable else ""

    def _coach_note(self) -> str:
        review = self.story.review
        return f" Coach: {review.grade_label}, {review.score}/100." if review is not None else ""

    @property
    def tagged(self) -> bool:
        return any(m.tagged for m in self.matches)

    @property
    def reason(self) -> str:
        if self.fallback:
            return (
                f"No story of yours matches the focus of {self.round.name} yet; this is your strongest "
                f"story not planned elsewhere.{self._coach_note()}"
            )
        if not self.matches:
            return f"Does not match the focus of {self.round.name} yet."
        return "Fits " + "; ".join(m.describe() for m in self.matches) + "." + self._coach_note()

    @property
    def short_reason(self) -> str:
        """The focus phrases it fits, for the printed plan."""
        if self.fallback:
            return "Your strongest story left; matches no focus."
        if not self.matches:
            return "Does not match this round's focus."
        return "Fits " + ", ".join(m.focus if m.tagged else f"{m.focus} (in its text)" for m in self.matches) + "."

    def sort_key(self):
        """Best first: a usable story, then more points, then the coach's score, then a ready story,
        then more tag matches, then by title."""
        return (not self.story.usable, -self.score, -strength(self.story), not self.story.is_ready,
                -sum(m.tagged for m in self.matches), self.story.title.lower(), self.story.id)


def round_facts(rnd) -> RoundFacts:
    return RoundFacts(id=rnd.id, name=rnd.name, focus=tuple(str(f) for f in rnd.focus))


def tag_stems(guide_facts: GuideFacts) -> dict[str, dict[int, tuple[str, dict[str, str]]]]:
    """For each kind of guide item, item id -> (label, stems of its words)."""

    def short(text):
        return text if len(text) <= QUESTION_LABEL_LENGTH else text[: QUESTION_LABEL_LENGTH - 1] + "…"

    def stems(text):
        return dict(words.phrase_stems(text))

    return {
        "value": {v.id: (f"value {v.name}", stems(f"{v.name} {v.tagline}")) for v in guide_facts.values},
        "theme": {t.id: (f"theme {t.name}", stems(t.name)) for t in guide_facts.themes},
        "category": {c.id: (f"questions on {c.name}", stems(c.name)) for c in guide_facts.categories},
        "question": {q.id: (f"question “{short(q.text)}”", stems(q.text)) for q in guide_facts.questions},
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
        focus_stems = [s for s, _ in words.phrase_stems(focus)]
        if not focus_stems:
            continue
        hits = [s for s in focus_stems if s in story_tags]
        if 2 * len(hits) >= len(focus_stems):
            via = tuple(dict.fromkeys(story_tags[s] for s in hits))
            matches.append(FocusMatch(focus, via, tagged=True, full=len(hits) == len(focus_stems)))
        elif all(s in story.stems for s in focus_stems):
            matches.append(FocusMatch(focus, tuple(story.stems[s] for s in focus_stems), tagged=False))
    return Fit(rnd, story, tuple(matches))


def match_data(match: FocusMatch) -> list:
    """A FocusMatch as JSON-able data, as a story's derived facts keep it: [focus, [via...], tagged, full]."""
    return [match.focus, list(match.via), match.tagged, match.full]


def stored_fits(data: list) -> tuple:
    """A story's fits as its derived facts keep them ([[round id, [match data...]], ...]), ready to rank:
    ((round id, points, tagged matches, match data), ...); see fit_rows."""
    return tuple(
        (round_id, sum(_points(tagged, full) for _, _, tagged, full in matches), sum(m[2] for m in matches), matches)
        for round_id, matches in data
    )


def _points(tagged: bool, full: bool) -> int:
    return FocusMatch("", (), tagged, full).points


def _matches(matches) -> tuple[FocusMatch, ...]:
    if isinstance(matches, tuple):
        return matches
    return tuple(FocusMatch(focus, tuple(via), tagged, full) for focus, via, tagged, full in matches)


def fit_rows(rounds: list[RoundFacts], stories: Iterable[StoryFacts], guide_facts: GuideFacts):
    """(round id, points, tagged matches, story, matches) for each story and each round whose focus it matches.

    A story read with its derived facts brings them (`StoryFacts.fits`, from stored_fits: worked out once
    per story version, stories/coverage/derived.py); the others are matched here.
    """
    round_ids = {rnd.id for rnd in rounds}
    tags = question_category = None
    for story in stories:
        if story.fits is not None:
            for round_id, points, tagged, matches in story.fits:
                if round_id in round_ids:
                    yield round_id, points, tagged, story, matches
            continue
        if tags is None:
            tags = tag_stems(guide_facts)
            question_category = {q.id: q.category_id for q in guide_facts.questions}
        story_tags = story_tag_stems(story, tags, question_category)
        for rnd in rounds:
            if matches := match_round(rnd, story, story_tags).matches:
                yield rnd.id, sum(m.points for m in matches), sum(m.tagged for m in matches), story, matches


def _row_key(row):
    """Fit.sort_key of a fit_rows row, without making the Fit."""
    _, points, tagged, story, _ = row
    return (not story.usable, -points, -strength(story), not story.is_ready, -tagged, story.title.lower(), story.id)


def fits_by_round(
    rounds: Iterable[RoundFacts], stories: Iterable[StoryFacts], guide_facts: GuideFacts, limit: int | None = None
) -> dict[int, list[Fit]]:
    """Round id -> the stories that match its focus at all, best first (only the best `limit`, if given)."""
    rounds = list(rounds)
    by_id = {rnd.id: rnd for rnd in rounds}
    found: dict[int, list] = {rnd.id: [] for rnd in rounds}
    for row in fit_rows(rounds, stories, guide_facts):
        found[row[0]].append(row)
    result = {}
    for round_id, rows in found.items():
        best = sorted(rows, key=_row_key) if limit is None else heapq.nsmallest(limit, rows, key=_row_key)
        result[round_id] = [Fit(by_id[round_id], story, _matches(matches)) for _, _, _, story, matches in best]
    return result


def fit_counts(rounds: Iterable[RoundFacts], stories: Iterable[StoryFacts], guide_facts: GuideFacts,
               tagged_only: bool = False) -> dict[int, int]:
    """Round id -> how many stories match its focus (through their tags only, with `tagged_only`)."""
    rounds = list(rounds)
    counts = dict.fromkeys((rnd.id for rnd in rounds), 0)
    for round_id, _, tagged, _, _ in fit_rows(rounds, stories, guide_facts):
        if tagged or not tagged_only:
            counts[round_id] += 1
    return counts


def _best_pass(round_ids: list[int], candidates: dict[int, list[Fit]]) -> dict[int, Fit]:
    """At most one story per round, each story once: most rounds served, then best total fit.

    Dynamic programming over stories, keyed by the set of rounds served so far
    (a bit mask); each state keeps its best (rounds, points, ready stories) and a
    chain of choices to read the assignment back.
    """
    index = {round_id: i for i, round_id in enumerate(round_ids)}
    options: dict[int, list[tuple[int, Fit]]] = {}
    for round_id in round_ids:
        # A round never needs more than its best len(round_ids) stories: the other rounds
        # can take at most len(round_ids) - 1 of them, so one is always left for it.
        for fit in candidates.get(round_id, [])[: len(round_ids)]:
            options.setdefault(fit.story.id, []).append((index[round_id], fit))
    # Stories in order of their best fit, so that ties go to the better story.
    stories = sorted(options.values(), key=lambda opts: min(f.sort_key() for _, f in opts))
    best: dict[int, tuple[tuple[int, int, int, int, int], tuple | None]] = {0: ((0, 0, 0, 0, 0), None)}
    for opts in stories:
        updated = dict(best)
        for mask, (key, chain) in best.items():
            for i, fit in opts:
                if mask & (1 << i):
                    continue
                story = fit.story
                new_key = (key[0] + 1, key[1] + story.usable, key[2] + fit.score, key[3] + strength(story),
                           key[4] + story.is_ready)
                new_mask = mask | (1 << i)
                if new_mask not in updated or new_key > updated[new_mask][0]:
                    updated[new_mask] = (new_key, (fit, chain))
        best = updated
    _, chain = max(best.values(), key=lambda state: state[0])
    chosen = {}
    while chain:
        fit, chain = chain
        chosen[fit.round.id] = fit
    return chosen


def _greedy_pass(round_ids: list[int], candidates: dict[int, list[Fit]]) -> dict[int, Fit]:
    """For very long loops: the round with the fewest choices takes its best story first."""
    chosen, used = {}, set()
    for round_id in sorted(round_ids, key=lambda r: len(candidates.get(r, []))):
        fit = next((f for f in candidates.get(round_id, []) if f.story.id not in used), None)
        if fit:
            chosen[round_id] = fit
            used.add(fit.story.id)
    return chosen


def plan_loop(
    round_order: list[int],
    candidates: dict[int, list[Fit]],
    slots: int = SLOTS_PER_ROUND,
    spare: Iterable[StoryFacts] = (),
    rounds: dict[int, RoundFacts] | None = None,
) -> dict[int, list[Fit]]:
    """Round id -> up to `slots` fits, no story used twice. `candidates` as from fits_by_round.

    With `spare` (all the user's stories) and `rounds` (round id -> RoundFacts), a round left empty
    gets the strongest usable story not planned elsewhere, so no round stays empty while one is left.
    """
    plan: dict[int, list[Fit]] = {round_id: [] for round_id in round_order}
    used: set[int] = set()
    one_pass = _best_pass if len(round_order) <= MAX_ROUNDS_EXACT else _greedy_pass
    for _ in range(slots):
        open_candidates = {
            round_id: [f for f in candidates.get(round_id, []) if f.story.id not in used]
            for round_id in round_order
        }
        for round_id, fit in one_pass(round_order, open_candidates).items():
            plan[round_id].append(fit)
            used.add(fit.story.id)
    left = sorted((s for s in spare if s.usable and s.id not in used), key=lambda s: (-strength(s), s.title.lower()))
    for round_id in round_order:
        if not plan[round_id] and left and rounds and round_id in rounds:
            story = left.pop(0)
            plan[round_id].append(Fit(rounds[round_id], story, (), fallback=True))
            used.add(story.id)
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
        Profile.bump_bank_revision(user)
    return len(slots)
