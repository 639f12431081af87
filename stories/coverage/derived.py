"""Work done once: what the coverage pages need of the guide (once per guide version, per process) and of
each story (once per story version, kept on the story; see stories/facts.py).

A page over the whole bank (the dashboard, the loop, the plan, a question's "might fit") used to stem
every story's text, run every coach check and match every story against every round on each request.
Now a story's `derived` field holds, for its version, the guide's version, the rules and the user's pace:

- `length` and `terms`: the number of words BM25 counts, and the counts of the stems the guide's questions
  use (BM25 never looks any other stem up; stories/coverage/relevance.py);
- `review`: the coach's Verdict (score, grade, findings in short; stories/coach/review.py);
- `fits`: the rounds whose focus the story matches, and how (stories/coverage/planner.py);
- beside them (stories/facts.py): its value, question and theme ids, which change only with its version.

Change FORMAT when any of these changes shape or meaning; the coach's RULES are part of the stamp too.
"""

from dataclasses import dataclass
from functools import cached_property

from stories import words
from stories.facts import GuideFacts, StoryFacts, load_guide_facts, load_story_facts, story_text
from stories.models import PART_FIELDS

from ..coach.findings import CoachGuide, StoryDraft
from ..coach.review import RULES, Verdict, coach_guide, run_checks
from . import planner

FORMAT = "facts-2"
GUIDES_KEPT = 4  # guide versions kept per process (one guide, and the few reloads of a long-lived process)


@dataclass(frozen=True, eq=False)
class GuideData:
    """The guide as the coverage pages read it, worked out once per guide version."""

    version: str
    facts: GuideFacts
    coach: CoachGuide

    @cached_property
    def rounds(self) -> list[planner.RoundFacts]:
        return [planner.round_facts(r) for r in self.facts.rounds]

    @cached_property
    def tag_stems(self):
        return planner.tag_stems(self.facts)

    @cached_property
    def question_category(self) -> dict[int, int]:
        return {q.id: q.category_id for q in self.facts.questions}

    @cached_property
    def question_terms(self) -> tuple[frozenset[str], ...]:
        """The Snowball stems of each question: reference documents for BM25's frequencies."""
        return tuple(frozenset(words.term_counts(q.text)) for q in self.facts.questions)

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Every stem a question of the guide is made of: the only terms BM25 will look up in a story."""
        return frozenset().union(*self.question_terms)

    @cached_property
    def level_codes(self) -> dict[int, str]:
        return {level.id: level.code for level in self.facts.levels}


_guides: dict[tuple[int, str], GuideData] = {}


def guide_data(guide) -> GuideData:
    """The GuideData of `guide` (a Guide row) at its version (`loaded_at`): 10 queries the first time in
    a process (the guide's items, and the coach's view of it), none after."""
    version = guide.loaded_at.isoformat() if guide.loaded_at else ""
    key = (guide.pk, version)
    data = _guides.get(key)
    if data is None:
        data = GuideData(version, load_guide_facts(guide), coach_guide(guide))
        while len(_guides) >= GUIDES_KEPT:
            _guides.pop(next(iter(_guides)))
        _guides[key] = data
    return data


class StoryDeriver:
    """The coverage pages' Deriver (stories/facts.py): a story's terms, the coach's verdict at pace `wpm`,
    and its round fits, for one guide version."""

    def __init__(self, guide: GuideData, wpm: int):
        self.guide = guide
        self.wpm = wpm
        self.stamp = f"{FORMAT}|{RULES}|{guide.version}|{wpm}"

    def derive(self, row: dict, links: dict[str, list[int]]) -> dict:
        stems, terms = words.stems_and_terms(story_text(row))
        draft = StoryDraft(
            parts={name: row[name] for name in PART_FIELDS},
            title=row["title"],
            summary=row["summary"],
            level=self.guide.level_codes.get(row["level_id"], ""),
            team_size=row["team_size"],
            value_count=len(links["value_ids"]),
            question_count=len(links["question_ids"]),
            wpm=self.wpm,
        )
        story = StoryFacts(
            id=row["id"],
            title=row["title"],
            status=row["status"],
            stems=stems,
            value_ids=frozenset(links["value_ids"]),
            question_ids=frozenset(links["question_ids"]),
            theme_ids=frozenset(links["theme_ids"]),
        )
        story_tags = planner.story_tag_stems(story, self.guide.tag_stems, self.guide.question_category)
        fits = [(rnd.id, planner.match_round(rnd, story, story_tags).matches) for rnd in self.guide.rounds]
        vocabulary = self.guide.vocabulary
        return {
            "length": sum(terms.values()),
            "terms": {term: n for term, n in terms.items() if term in vocabulary},
            "review": Verdict.of(run_checks(draft, self.guide.coach)).as_data(),
            "fits": [
                [round_id, [planner.match_data(m) for m in matches]] for round_id, matches in fits if matches
            ],
        }

    def read(self, data: dict) -> dict:
        return {
            "length": data["length"],
            "terms": data["terms"],
            "review": Verdict.from_data(data["review"]),
            "fits": planner.stored_fits(data["fits"]),
        }


def reviewed_story_facts(user, guide_facts: GuideData, wpm: int) -> list[StoryFacts]:
    """The user's active stories with their terms, the coach's verdict at pace `wpm` and their round fits:
    1 query when this process has every story's derived facts, up to 7 when some are read from the stories
    or derived again (stories/facts.py, _derived_facts)."""
    return load_story_facts(user, StoryDeriver(guide_facts, wpm))
