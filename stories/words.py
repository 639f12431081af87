"""Words of a text reduced to comparable stems, for the suggestions and the loop planner.

Two stemmers. `term_counts` and `snowball_stem` use the Snowball English
stemmer (the `snowballstemmer` package), for the text relevance of suggestions
(stories/coverage/relevance.py). The loop planner uses `stem`,
a deliberately small stemmer: lower-case, split on anything that is not a letter
or digit, drop common English words and the interview's filler ("tell me about a
time"), then strip a few suffixes so "culture" and "cultural", "manage" and
"management", "scale" and "scaling" meet.
"""

import re
import threading
from collections import Counter
from functools import lru_cache

import snowballstemmer

WORD = re.compile(r"[a-z0-9]+")

# Common words, and words every interview question or story uses, which say nothing about the topic.
_STOP_TEXT = """
    a about after again against all also am an and any are as at be been before being between both but by
    can could did do does doing done during each either else ever every few for from further get got had has
    have having he her here hers him his how i if in into is it its itself just me more most much my myself
    no nor not now of off on once one only or other our ours out over own same she should so some such than
    that the their theirs them then there these they this those through to too under until up very was we
    were what when where which while who whom why will with would you your yours yourself
    tell time describe situation example approach handle ensure make made netflix
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())

# Tried longest first, repeatedly, while at least MIN_STEM letters remain.
SUFFIXES = (
    "ations", "ation", "ative", "ments", "ment", "ships", "ship", "ities", "ity", "ances", "ance",
    "ences", "ence", "ings", "ing", "ions", "ion", "ible", "able", "ally", "ers", "ies", "ied", "ate",
    "ive", "er", "ed", "es", "al", "ic", "ly", "e", "s", "y",
)
MIN_STEM = 3


@lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    """The stem of one lower-case word: "leadership" -> "lead", "cultural" -> "cultur"."""
    changed = True
    while changed:
        changed = False
        for suffix in SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
                word = word[: -len(suffix)]
                changed = True
                break
    return word


def words(text: str) -> list[str]:
    """The words of `text` that carry meaning, lower-cased, in order (stop words and digits left out)."""
    return [w for w in WORD.findall((text or "").lower()) if w not in STOP_WORDS and not w.isdigit()]


def stem_words(text: str) -> dict[str, str]:
    """Each stem of `text` with the first word that produced it (to name a match in words people wrote)."""
    found: dict[str, str] = {}
    for w in dict.fromkeys(WORD.findall((text or "").lower())):  # each word once, in order
        if w not in STOP_WORDS and not w.isdigit():
            found.setdefault(stem(w), w)
    return found


@lru_cache(maxsize=4096)
def phrase_stems(text: str) -> tuple[tuple[str, str], ...]:
    """stem_words() of a short text of the guide (a focus, a question, a name), remembered between calls."""
    return tuple(stem_words(text).items())


_local = threading.local()  # a Snowball stemmer keeps state while it works: one per thread


@lru_cache(maxsize=50_000)
def snowball_stem(word: str) -> str:
    """The Snowball English stem of one lower-case word: "hiring" -> "hire", "autonomy" -> "autonomi"."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("english")
    return stemmer.stemWord(word)


def snowball_words(text: str) -> list[tuple[str, str]]:
    """(Snowball stem, word) for each word of `text` that carries meaning, in order (as `words`)."""
    return [(snowball_stem(w), w) for w in words(text)]


def term_counts(text: str) -> Counter[str]:
    """How many times each Snowball stem occurs in `text`: a story as the suggestions' BM25 sees it.

    Stop words and numbers are left out, as in `words`.
    """
    counts: Counter[str] = Counter()
    for w, n in Counter(WORD.findall((text or "").lower())).items():  # each word once: a page reads 200 stories
        if w not in STOP_WORDS and not w.isdigit():
            counts[snowball_stem(w)] += n
    return counts


def stems_and_terms(text: str) -> tuple[dict[str, str], Counter[str]]:
    """(stem_words(text), term_counts(text)) from one pass over `text`, for a page that reads 200 stories."""
    stems: dict[str, str] = {}
    terms: Counter[str] = Counter()
    for w, n in Counter(WORD.findall((text or "").lower())).items():  # in order of first use
        if w not in STOP_WORDS and not w.isdigit():
            stems.setdefault(stem(w), w)
            terms[snowball_stem(w)] += n
    return stems, terms
