"""Which of a user's stories could answer a question, best first.

A story earns points for each value it shares with the question's category, for
sharing the question's theme, and for each meaningful word it shares with the
question (capped, so a long story does not win on length alone). Stories already
tagged with the question are left out: they answer it already.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from stories import words
from stories.facts import StoryFacts, load_story_facts, url_for_pk

VALUE_POINTS = 3
THEME_POINTS = 2
WORD_POINTS = 1
MAX_WORD_POINTS = 4
# Below this a story shares at most one word with the question: too thin to suggest.
MIN_SCORE = 2
SHOWN = 3


@dataclass(frozen=True)
class QuestionFacts:
    id: int
    text: str
    values: tuple[tuple[int, str], ...] = ()  # (id, name) of the values its category probes
    theme: tuple[int, str] | None = None  # (id, name) of its theme, if it comes from one


@dataclass(frozen=True)
class Suggestion:
    story: StoryFacts
    score: int
    shared_values: tuple[str, ...]
    shared_theme: str | None
    shared_words: tuple[str, ...]

    @property
    def tag_url(self) -> str:
        """Where "Tag it" posts."""
        return url_for_pk("coverage:tag", self.story.id)

    @property
    def reasons(self) -> list[str]:
        reasons = []
        if self.shared_values:
            reasons.append(f"tagged {' and '.join(self.shared_values)}, which this question probes")
        if self.shared_theme:
            reasons.append(f"same theme: {self.shared_theme}")
        if self.shared_words:
            reasons.append(f"mentions {', '.join(self.shared_words)}")
        return reasons

    @property
    def reason(self) -> str:
        text = "; ".join(self.reasons)
        return text[:1].upper() + text[1:]


def rank_stories(
    question: QuestionFacts, stories: Iterable[StoryFacts], limit: int | None = SHOWN
) -> list[Suggestion]:
    """The stories that could answer `question`, best first (at most `limit`; None for all)."""
    question_words = dict(words.phrase_stems(question.text))
    ranked = []
    for story in stories:
        if question.id in story.question_ids:
            continue
        shared_values = tuple(name for value_id, name in question.values if value_id in story.value_ids)
        shared_theme = question.theme[1] if question.theme and question.theme[0] in story.theme_ids else None
        shared_words = tuple(question_words[s] for s in question_words if s in story.stems)
        score = (
            VALUE_POINTS * len(shared_values)
            + (THEME_POINTS if shared_theme else 0)
            + min(WORD_POINTS * len(shared_words), MAX_WORD_POINTS)
        )
        if score >= MIN_SCORE:
            ranked.append(Suggestion(story, score, shared_values, shared_theme, shared_words))
    ranked.sort(key=lambda s: (-s.score, -len(s.shared_values), s.story.title.lower(), s.story.id))
    return ranked if limit is None else ranked[:limit]


def question_facts(question, values, theme=None) -> QuestionFacts:
    """`values`: the values the question's category probes; `theme`: its theme or None."""
    return QuestionFacts(
        id=question.id,
        text=question.text,
        values=tuple((v.id, v.name) for v in values),
        theme=(theme.id, theme.name) if theme else None,
    )


def suggestions_for_question(user, question, limit: int = SHOWN) -> list[Suggestion]:
    """The best stories of `user` for a guide question, for the question's page; none when logged out.

    Costs the 4 queries of load_story_facts when `question` comes from
    `Question.objects.with_category().select_related("theme")`.
    """
    if not user.is_authenticated:
        return []
    facts = question_facts(question, question.category.values.all(), question.theme)
    return rank_stories(facts, load_story_facts(user), limit)
