"""The guide's search: its own table of contents is no hit, hyphenated words stay whole, typos get a suggestion."""

from types import SimpleNamespace

from guide import search
from guide.rendering import GuideSection, get_rendered_guide, is_table_of_contents


def fake_guide(*sections):
    """A guide with `sections` given as (title, text) pairs, its vocabulary built as the real one is."""
    built = tuple(GuideSection(f"s{i}", title, 2, text) for i, (title, text) in enumerate(sections))
    return SimpleNamespace(
        slug="demo",
        title="Demo",
        sections=built,
        vocabulary=search.vocabulary(f"{s.title}\n{s.text}" for s in built),
    )


def titles(hits):
    return [hit.title for hit in hits]


def test_a_list_of_links_to_the_page_is_a_table_of_contents():
    assert is_table_of_contents("- [Overview](#overview)\n  - [1. Values](#1-values)\n\n1. [Tips](#tips)")
    assert not is_table_of_contents("- [Overview](#overview)\n- Hire only A-players")
    assert not is_table_of_contents("- [The source](https://example.com/guide)")
    assert not is_table_of_contents("")


def test_the_guide_table_of_contents_is_not_searched():
    guide = get_rendered_guide("netflix")
    assert "Table of Contents" not in [section.title for section in guide.sections]
    # Every heading's title is in the contents: these words were a second hit there.
    assert titles(search.search([guide], "autonomy with accountability")) == [
        "1. Freedom & Responsibility (Autonomy with Accountability)"
    ]
    assert titles(search.search([guide], "member joy")) == ["5. Customer Obsession (Member Joy)"]
    assert "Table of Contents" not in titles(search.search([guide], "overview"))


def test_the_search_page_does_not_list_the_table_of_contents(client):
    html = client.get("/guide/search/", {"q": "Learn Fast"}).content.decode()
    assert "#table-of-contents" not in html
    assert "1 section mentions" in html


def test_a_hyphenated_word_is_one_word():
    assert search.query_words("A-players, risk-taking") == ["a-players", "risk-taking"]
    assert search.query_words("-a- players") == ["a", "players"]


def test_a_hyphenated_word_is_found_whole_and_not_by_its_parts():
    guide = fake_guide(
        ("Hiring", "Hire only A-players and keep the bar."),
        ("Games", "Players of a game take turns."),
        ("Culture", "A players only: the heading writes it with a space."),
    )
    assert titles(search.search([guide], "A-players")) == ["Hiring", "Culture"]
    assert sorted(titles(search.search([guide], "players"))) == ["Culture", "Games", "Hiring"]


def test_a_hyphenated_word_is_highlighted_whole():
    guide = fake_guide(("Hiring", "Hire only A-players and keep the bar."))
    (hit,) = search.search([guide], "a-players")
    assert "<mark>A-players</mark>" in hit.snippet_html


def test_the_guide_finds_a_players_in_the_guide(client):
    html = client.get("/guide/search/", {"q": "A-players"}).content.decode()
    assert "“a-players”" in html
    assert "<mark>A-players</mark>" in html and "<mark>A Players</mark>" in html


def test_the_vocabulary_keeps_whole_hyphenated_words_and_their_parts():
    words = search.vocabulary(["Hire A-players; risk-taking at 2025 scale"])
    assert {"a-players", "players", "risk-taking", "risk", "taking", "hire", "scale"} <= words
    assert "a" not in words and "2025" not in words


def test_a_typo_gets_the_closest_word_of_the_guide():
    guide = fake_guide(("Candor", "Give feedback directly."), ("Scale", "Feed the cache."))
    assert search.did_you_mean([guide], ["feedbak"]) == "feedback"
    assert search.did_you_mean([guide], ["feedbak", "directly"]) == "feedback directly"


def test_no_suggestion_for_a_word_the_guide_has_or_nothing_close():
    guide = fake_guide(("Candor", "Give feedback directly."))
    assert search.did_you_mean([guide], ["feedback"]) is None
    assert search.did_you_mean([guide], ["zebra"]) is None


def test_the_vocabulary_is_built_once_per_guide_version():
    guide = get_rendered_guide("netflix")
    assert get_rendered_guide("netflix").vocabulary is guide.vocabulary
    assert "feedback" in guide.vocabulary and "a-players" in guide.vocabulary


def test_the_search_page_suggests_the_closest_word_as_a_link_that_runs_it(client):
    html = client.get("/guide/search/", {"q": "feedbak"}).content.decode()
    assert 'Did you mean <a href="/guide/search/?q=feedback">feedback</a>?' in html
    assert "sections mention “feedback”" in client.get("/guide/search/", {"q": "feedback"}).content.decode()


def test_the_search_page_suggests_nothing_when_words_are_found(client):
    html = client.get("/guide/search/", {"q": "candor zebra"}).content.decode()
    assert "Did you mean" not in html
    assert "Did you mean" not in client.get("/guide/search/", {"q": "feedback"}).content.decode()
