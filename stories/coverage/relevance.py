"""How well a text answers a question: Okapi BM25 over stemmed words.

Words are lower-cased, stop words and the interview's filler ("tell me about a
time") are dropped (the list is `stories.words.STOP_WORDS`), and the rest are
reduced with the Snowball English stemmer (`stories.words.term_counts`), so
"underperformer" and "underperforming" meet.

A question is a handful of weighted terms; a story is the counts of its terms.
BM25 (Robertson and Zaragoza, "The Probabilistic Relevance Framework: BM25 and
Beyond", 2009) scores a story as the sum, over the question's terms it holds, of

    weight(t) * idf(t) * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / average_length))

with idf(t) = ln(1 + (N - df + 0.5) / (df + 0.5)), the variant that is never
negative. `Match.share` divides that score by the score of a story of average
length that holds each of the question's terms once (where the tf factor is 1),
capped at 1: it reads as the share of the question's weight a story matches,
between 0 and 1, and does not grow with the size of the bank.
"""

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from stories import words

K1 = 1.2  # how fast repeating a word stops adding to the score
B = 0.75  # how much a long story is discounted for its length

# A question as BM25 sees it: stem -> (its weight, the question's own word for it).
Query = Mapping[str, tuple[float, str]]


def query_terms(
    text: str, weight: float = 1.0, ignore: frozenset[str] = frozenset()
) -> dict[str, tuple[float, str]]:
    """Each stem of a question's `text` once, with `weight` and the first word that gave it.

    Words in `ignore` (lower-case, as written) are left out of the question.
    """
    found: dict[str, tuple[float, str]] = {}
    for s, w in words.snowball_words(text):
        if w not in ignore:
            found.setdefault(s, (weight, w))
    return found


@dataclass(frozen=True)
class Match:
    score: float  # the BM25 score
    share: float  # score / the score of an average-length text holding each term once, capped at 1
    terms: tuple[str, ...]  # the question's stems the text holds, the heaviest first


@dataclass(frozen=True)
class Corpus:
    """Document frequencies and the average length that BM25 weighs terms and lengths by.

    `documents`/`frequencies` count every document the frequencies were taken
    from; `average_length` is over the documents being ranked only, so that
    short reference texts (questions) do not make every story look long.
    """

    documents: int
    frequencies: Mapping[str, int]
    average_length: float

    @classmethod
    def of(
        cls,
        ranked: Iterable[Mapping[str, int]],
        reference: Iterable[Iterable[str]] = (),
        lengths: Iterable[int] | None = None,
    ) -> "Corpus":
        """From the term counts of the documents to rank and the stems of reference texts
        that only sharpen the document frequencies (e.g. the guide's questions).

        `lengths`, in the order of `ranked`: each document's length in words, when `ranked` holds only
        some of its terms (those the queries use); by default the sum of its counts."""
        ranked = list(ranked)
        frequencies: Counter[str] = Counter()
        for counts in ranked:
            frequencies.update(counts.keys())
        documents = ranked_count = len(ranked)
        total = sum(lengths) if lengths is not None else sum(sum(counts.values()) for counts in ranked)
        for terms in reference:
            frequencies.update(set(terms))
            documents += 1
        return cls(documents, frequencies, total / ranked_count if ranked_count else 0.0)

    def idf(self, term: str) -> float:
        """Okapi's inverse document frequency, floored at 0 by the +1 inside the log."""
        df = self.frequencies.get(term, 0)
        return math.log(1 + (self.documents - df + 0.5) / (df + 0.5))

    def match(self, query: Query, counts: Mapping[str, int], length: int | None = None) -> Match:
        """BM25 of a document's term `counts` against `query` (from query_terms), and its share.

        `length`: the document's length in words when `counts` holds only some of its terms."""
        length = sum(counts.values()) if length is None else length
        norm = K1 * (1 - B + B * length / self.average_length) if self.average_length else K1
        score = full = 0.0
        found = []
        for term, (weight, _) in query.items():
            w = weight * self.idf(term)
            full += w
            tf = counts.get(term, 0)
            if tf:
                gained = w * tf * (K1 + 1) / (tf + norm)
                score += gained
                found.append((gained, term))
        found.sort(key=lambda pair: -pair[0])
        return Match(score, min(score / full, 1.0) if full else 0.0, tuple(term for _, term in found))
