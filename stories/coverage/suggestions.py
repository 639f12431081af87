"""Which of a user's stories could answer a question, best first.

A story is suggested for how well its own words (title, summary and the five
parts) answer the question's words: Okapi BM25 over stemmed words
(relevance.py), leaving out the words that frame a question rather than name
its topic. A story is shown only when it matches at least MIN_SHARE of the
question's weight.

Tags do not earn a place: a value the story shares with the question's category,
or the question's theme, only orders stories whose text matches equally well,
and is named in the reason. Sharing a value is too weak a sign on its own: the
story about managing out an underperformer shares Freedom & Responsibility with
"a time you gave someone significant autonomy" and answers it not at all.

Stories already tagged with the question are left out: they answer it already.

Document frequencies come from the user's stories plus the guide's questions.
With a bank of one to three stories, frequencies over the stories alone would
say nothing (every word is in one story of one); the guide's 33 questions tell
a word that marks one question ("autonomy", "outage") from one that many
share ("team", "engineering"), and the stories add what is common across the
bank. Story lengths are compared among the stories only.

The labelled set in tests/coverage/test_suggestion_quality.py measures precision
and recall of what is shown; MIN_SHARE and QUESTION_FRAME_WORDS are tuned on it.
Adding the words of the question's category name to the question ("Candor &
Direct Communication") was tried there and lowered both figures: those words
are in many stories that do not answer the question.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from stories import words
from stories.facts import StoryFacts, url_for_pk
from stories.models import Profile

from . import relevance
from .derived import guide_data, reviewed_story_facts

# The share of the question's weight (0..1) a story must match to be shown.
MIN_SHARE = 0.25
SHOWN = 3

# Words that frame a question rather than name its topic ("a time you *gave* someone ...",
# "a risk that *paid off*", "the most innovative solution you've *built*"). Every story
# uses them, so they would match almost any story; they are left out of the question.
_FRAME_TEXT = """
    give gave given work worked led take took built made paid without within across against between
    through during under while most other someone significant significantly need better provide create
    maintain consistently identify way
"""
QUESTION_FRAME_WORDS = frozenset(_FRAME_TEXT.split())


@dataclass(frozen=True)
class QuestionFacts:
    id: int
    text: str
    values: tuple[tuple[int, str], ...] = ()  # (id, name) of the values its category probes
    theme: tuple[int, str] | None = None  # (id, name) of its theme, if it comes from one


@dataclass(frozen=True)
class Suggestion:
    story: StoryFacts
    score: float  # the share of the question's weight the story matches, 0..1
    shared_values: tuple[str, ...]
    shared_theme: str | None
    shared_words: tuple[str, ...]  # the question's words the story uses, the weightiest first

    @property
    def tag_url(self) -> str:
        """Where "Tag it" posts."""
        return url_for_pk("coverage:tag", self.story.id)

    @property
    def reasons(self) -> list[str]:
        """Why it is suggested, as phrases: the question's words it uses, the values and theme it shares."""
        reasons = []
        if self.shared_words:
            reasons.append(f"mentions {', '.join(self.shared_words)}")
        if self.shared_values:
            reasons.append(f"tagged {' and '.join(self.shared_values)}, which this question probes")
        if self.shared_theme:
            reasons.append(f"same theme: {self.shared_theme}")
        return reasons

    @property
    def reason(self) -> str:
        """The reasons as one sentence, e.g. "Mentions autonomy; tagged Freedom & Responsibility, ..."."""
        text = "; ".join(self.reasons)
        return text[:1].upper() + text[1:]


def question_query(question: QuestionFacts) -> relevance.Query:
    """The question as stems, each of weight 1, without QUESTION_FRAME_WORDS."""
    return relevance.query_terms(question.text, ignore=QUESTION_FRAME_WORDS)


def corpus_for(stories: Sequence[StoryFacts], question_texts: Iterable[str]) -> relevance.Corpus:
    """Document frequencies over `stories` and the guide's `question_texts`; lengths over the stories."""
    return relevance.Corpus.of(
        [s.terms for s in stories],
        (words.term_counts(text).keys() for text in question_texts),
        lengths=[s.term_length for s in stories],
    )


def rank_stories(
    question: QuestionFacts,
    stories: Iterable[StoryFacts],
    limit: int | None = SHOWN,
    corpus: relevance.Corpus | None = None,
) -> list[Suggestion]:
    """The stories that could answer `question`, best first (at most `limit`; None for all).

    `corpus`: from corpus_for() over the same stories and the guide's questions;
    without it, frequencies come from `stories` and this question alone.
    """
    stories = list(stories)
    if corpus is None:
        corpus = corpus_for(stories, [question.text])
    query = question_query(question)
    ranked = []
    for story in stories:
        if question.id in story.question_ids:
            continue
        match = corpus.match(query, story.terms, story.term_length)
        if match.share < MIN_SHARE:
            continue
        shared_values = tuple(name for value_id, name in question.values if value_id in story.value_ids)
        shared_theme = question.theme[1] if question.theme and question.theme[0] in story.theme_ids else None
        shared_words = tuple(query[term][1] for term in match.terms)
        ranked.append(Suggestion(story, round(match.share, 2), shared_values, shared_theme, shared_words))
    ranked.sort(
        key=lambda s: (
            -s.score,
            -len(s.shared_values),
            s.shared_theme is None,
            s.story.title.lower(),
            s.story.id,
        )
    )
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

    Costs 2 queries (the user's pace; the stories, their derived facts in this process's memo: see
    stories/facts.py for the few more when they are not) when `question` comes from
    `Question.objects.with_category().select_related("theme")`.
    """
    if not user.is_authenticated:
        return []
    facts = question_facts(question, question.category.values.all(), question.theme)
    data = guide_data(question.guide)
    stories = reviewed_story_facts(user, data, Profile.for_user(user).words_per_minute)
    corpus = corpus_for(stories, [q.text for q in data.facts.questions] or [question.text])
    return rank_stories(facts, stories, limit, corpus)
