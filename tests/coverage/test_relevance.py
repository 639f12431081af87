"""Okapi BM25 (stories/coverage/relevance.py), on texts small enough to check by hand."""

import math
from collections import Counter

import pytest

from stories import words
from stories.coverage.relevance import K1, B, Corpus, query_terms


def counts(text):
    return words.term_counts(text)


def test_word_forms_meet_in_one_snowball_stem_and_filler_is_dropped():
    assert counts(
        "Tell me about a time I managed out an underperformer; managing underperforming people"
    ) == Counter({"manag": 2, "underperform": 2, "peopl": 1})


def test_a_question_keeps_each_stem_once_with_its_own_word_and_leaves_out_the_words_it_is_told_to():
    query = query_terms("How do you hire, and who hired you?", ignore=frozenset({"who"}))
    assert query == {"hire": (1.0, "hire")}


def test_frequencies_count_reference_texts_but_lengths_only_the_ranked_documents():
    corpus = Corpus.of([counts("feedback feedback outage"), counts("hiring")], [["feedback"], ["autonomi"]])
    assert corpus.documents == 4
    assert corpus.frequencies == {"feedback": 2, "outag": 1, "hire": 1, "autonomi": 1}
    assert corpus.average_length == 2.0


def test_idf_is_okapi_and_never_negative():
    corpus = Corpus(documents=10, frequencies={"rare": 1, "everywhere": 10}, average_length=5)
    assert corpus.idf("rare") == pytest.approx(math.log(1 + 9.5 / 1.5))
    assert corpus.idf("rare") > corpus.idf("everywhere") > 0
    assert corpus.idf("unseen") == pytest.approx(math.log(1 + 10.5 / 0.5))


def test_the_score_is_the_bm25_sum_over_the_question_terms_the_document_holds():
    corpus = Corpus(documents=4, frequencies={"feedback": 2, "senior": 1}, average_length=4)
    document = Counter({"feedback": 2, "senior": 1, "team": 3})  # length 6
    norm = K1 * (1 - B + B * 6 / 4)
    expected = corpus.idf("feedback") * 2 * (K1 + 1) / (2 + norm) + corpus.idf("senior") * (K1 + 1) / (
        1 + norm
    )
    match = corpus.match(query_terms("feedback senior"), document)
    assert match.score == pytest.approx(expected)
    assert match.terms == ("senior", "feedback")  # the rarer word weighs more, so comes first


def test_repeating_a_word_adds_less_and_less():
    corpus = Corpus(documents=4, frequencies={"feedback": 1}, average_length=10)
    query = query_terms("feedback")
    once, twice, often = (
        corpus.match(query, Counter({"feedback": n, "filler": 10 - n})).score for n in (1, 2, 8)
    )
    assert once < twice < often < corpus.idf("feedback") * (K1 + 1)
    assert twice - once > (often - twice) / 6


def test_a_longer_document_with_the_same_matches_scores_lower():
    corpus = Corpus(documents=4, frequencies={"outag": 1}, average_length=10)
    query = query_terms("outage")
    short = corpus.match(query, Counter({"outag": 1, "filler": 4}))
    long = corpus.match(query, Counter({"outag": 1, "filler": 40}))
    assert short.score > long.score


def test_the_share_is_one_for_an_average_story_holding_each_question_word_once():
    corpus = Corpus(documents=5, frequencies={"feedback": 2, "senior": 1, "engin": 4}, average_length=4)
    query = query_terms("feedback senior engineer")
    assert corpus.match(query, Counter({"feedback": 1, "senior": 1, "engin": 1, "team": 1})).share == 1.0
    assert corpus.match(query, Counter({"team": 4})).share == 0.0
    half = corpus.match(query, Counter({"feedback": 1, "team": 3})).share
    assert half == pytest.approx(corpus.idf("feedback") / sum(corpus.idf(t) for t in query))
    assert corpus.match(query, Counter({"feedback": 9, "senior": 9, "engin": 9})).share == 1.0  # capped


def test_an_empty_bank_or_question_scores_nothing():
    empty = Corpus.of([])
    assert empty.match(query_terms("feedback"), Counter()).share == 0.0
    assert Corpus.of([counts("feedback")]).match({}, counts("feedback")).share == 0.0
