"""The readable formats (stories/exchange/: markdown.py, coverage_matrix.py, anki.py) and the CSV of every field, read back by other tools."""

import csv
import io
import json
import re
import sqlite3
import zipfile

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from stories import exchange
from stories import exchange as formats
from stories.exchange.csv_rows import EXPORT_COLUMNS, neutralise
from stories.models import Story
from tests.conftest import make_story

COMMONMARK = MarkdownIt("commonmark")
TRICKY_TITLE = r"# Not *a* [link](x) <b>bold</b> \ 1. &amp; `code` | _x_ ~y~"


def headings(markdown, literal=True):
    """(level, text) of every top-level heading, as a CommonMark parser reads them; `literal`: check
    that the headings hold plain text only (no markup)."""
    tokens = COMMONMARK.parse(markdown)
    found = []
    for opening, inline in zip(tokens, tokens[1:], strict=False):
        if opening.type == "heading_open" and opening.level == 0:
            assert not literal or {child.type for child in inline.children} <= {"text"}, inline.children
            found.append((int(opening.tag[1]), "".join(child.content for child in inline.children)))
    return found


def plain_text(markdown):
    """The document's words as a reader sees them, markup gone."""
    tokens = COMMONMARK.parse(markdown)
    return " ".join(
        "".join(child.content for child in t.children if child.type in ("text", "code_inline"))
        for t in tokens if t.type == "inline"
    )


def bank(user):
    return Story.objects.for_user(user)


# Markdown ----------------------------------------------------------------------------------------


def test_the_markdown_groups_stories_by_value_with_five_parts_each(guide, user):
    make_story(user, title=TRICKY_TITLE, values=["candor-feedback", "customer-obsession"],
               questions=["candor-direct-communication-1"], tags=["a&b", "ñandú"], level="L6", team_size=8)
    make_story(user, title="Zero values", challenge="")
    parts = ["Challenge", "Autonomous Decision", "High Performance Execution", "Direct Communication",
             "Member Impact"]
    assert headings(formats.markdown_text(bank(user), user)) == [
        (1, "Story bank of ada"),
        (2, "Candor & Feedback"), (3, TRICKY_TITLE), *[(4, part) for part in parts],
        (2, "Customer Obsession"),
        (2, "Not linked to a value yet"), (3, "Zero values"), *[(4, part) for part in parts],
    ]


def test_the_markdown_shows_tags_time_estimate_and_the_other_values(guide, user):
    make_story(user, title="T", values=["candor-feedback", "customer-obsession"], tags=["a&b", "ñandú"],
               challenge="word " * 150, level="L7", team_size=30)
    text = plain_text(formats.markdown_text(bank(user), user))
    assert "Tags: a&b · ñandú" in text
    assert "Time: about 1:00 to tell (budget 4:00), 150 words" in text
    assert "Level: L7, team of 30" in text
    assert "T: the story is under Candor & Feedback." in text  # under its second value, a pointer


def test_the_markdown_keeps_a_parts_own_markdown(guide, user):
    make_story(user, title="T", decision="I **chose** [the plan](https://example.com)\n\n- one\n- two")
    html = COMMONMARK.render(formats.markdown_text(bank(user), user))
    assert "<strong>chose</strong>" in html and '<a href="https://example.com">the plan</a>' in html
    assert "<li>one</li>" in html


@pytest.mark.parametrize("text", [
    "```python\nprint('open fence')",
    "~~~~\nopen tilde fence\n~~~",
    "- item\n\n  ```\n  fenced in a list",
    "<!-- a comment left open",
    "<script>\nalert(1)",
    "<?php echo 1;",
    "<![CDATA[ open",
    "<!DOCTYPE html",
    "> ```\n```\nreopened at the top",
])
def test_a_part_left_open_cannot_swallow_the_rest_of_the_document(guide, user, text):
    make_story(user, title="Open", challenge=text, decision="after")
    found = headings(formats.markdown_text(bank(user), user))
    assert [level for level, _ in found].count(4) == 5
    assert found[-1] == (4, "Member Impact")


def test_headings_inside_a_part_stay_below_the_document_structure(guide, user):
    make_story(user, title="Headings", values=["candor-feedback"],
               challenge="# Big\n\n## Customer Obsession\n\nSetext one\n===\n\n```\n# not a heading\n```")
    found = headings(formats.markdown_text(bank(user), user))
    assert [h for h in found if h[0] <= 2] == [(1, "Story bank of ada"), (2, "Candor & Feedback")]
    assert [h for h in found if h[0] == 5] == [(5, "Big"), (5, "Customer Obsession"), (5, "Setext one")]
    assert "# not a heading" in formats.markdown_text(bank(user), user)


def test_value_headings_read_as_the_guides_names_in_the_file_and_on_the_page(guide, user):
    from guide.models import Value

    values = list(Value.objects.filter(guide=guide))
    make_story(user, title="All values", values=[v.slug for v in values], questions=["freedom-responsibility-1"])
    markdown = formats.markdown_text(bank(user), user)
    assert [text for level, text in headings(markdown) if level == 2] == [v.name for v in values]
    assert "Freedom & Responsibility" in [v.name for v in values]
    for value in values:  # written as the guide writes them: no backslash before "&"
        assert f"## {value.name}\n" in markdown
    assert "\\&" not in markdown
    assert "**Values:** Freedom & Responsibility · " in markdown


@pytest.mark.parametrize(("text", "escaped"), [
    ("Freedom & Responsibility", "Freedom & Responsibility"),
    ("&amp; &#35; &#x41;", "\\&amp; \\&#35; \\&#x41;"),
    ("snake_case and _emphasis_", "snake_case and \\_emphasis\\_"),
    ("a < b > c, <b>bold</b>", "a < b > c, \\<b>bold\\</b>"),
    ("C# and issue #", "C# and issue \\#"),
    ("[link](x) *star* `code` ~strike~", "\\[link\\](x) \\*star\\* \\`code\\` \\~strike\\~"),
    ("back\\slash\\*", "back\\slash\\\\\\*"),
])
def test_md_escape_escapes_only_what_would_start_markup(text, escaped):
    assert formats.md_escape(text) == escaped
    [(_, read)] = headings(f"### {escaped}\n")
    assert read == text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab _*`[]~\\&<#;x1 é\t"), max_size=30) | st.text(max_size=30))
def test_md_escape_shortcut_gives_what_each_character_would(text):
    from stories.exchange.markdown import escape_each

    assert formats.md_escape(text) == escape_each(" ".join(text.split()))


def test_the_csv_and_markdown_carry_question_and_value_names_beside_the_slugs(guide, user):
    make_story(user, title="Named", values=["freedom-responsibility", "candor-feedback"],
               questions=["freedom-responsibility-1"])
    [row] = csv.DictReader(io.StringIO(exchange.csv_text(bank(user)).lstrip("\ufeff")))
    assert (row["values"], row["value_names"]) == ("freedom-responsibility, candor-feedback",
                                                   "Freedom & Responsibility, Candor & Feedback")
    question = guide.question_set.get(slug="freedom-responsibility-1").text
    assert (row["questions"], row["question_texts"]) == ("freedom-responsibility-1", question)
    text = plain_text(formats.markdown_text(bank(user), user))
    assert f"Questions: {question}" in text and "Values: Freedom & Responsibility · Candor & Feedback" in text


def test_an_empty_bank_is_a_short_valid_document(guide, user):
    markdown = formats.markdown_text(bank(user), user)
    assert headings(markdown) == [(1, "Story bank of ada")]
    assert "No stories yet." in markdown


@settings(max_examples=50, deadline=None)
@given(st.text(st.characters(exclude_characters="\x00"), min_size=1).filter(str.strip))  # NUL is refused on import
def test_any_title_escaped_reads_back_as_the_same_words(title):
    [(level, text)] = headings(f"### {formats.md_escape(title)}\n")
    assert (level, text) == (3, " ".join(title.split()))


MARKDOWN_PIECES = ["```", "~~~", "````", "<!--", "-->", "<pre>", "</pre>", "<script>", "<?", "?>", "<!X", ">",
                   "<![CDATA[", "]]>", "<div>", "- ", "> ", "1. ", "  ", "    ", "#", "a", "`", "*", "\n", "\n\n"]
MARKDOWNISH = st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=14).map("".join)


@settings(max_examples=300, deadline=None)
@given(MARKDOWNISH)
def test_a_part_never_swallows_the_heading_after_it(text):
    found = headings(f"{formats.part_markdown(text)}\n\n#### After\n", literal=False)
    assert found and found[-1] == (4, "After")


PROSE_PIECES = ["I chose", " ", "\n", "\n\n", ".", "=", "===", "-", "---", "  ", "    ", "*", "_", "#", "a", "é", "\t"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PROSE_PIECES + MARKDOWN_PIECES), max_size=14).map("".join))
@example("I chose\n===")
@example("a\n  ---  \nmore")
@example("~~~\ncode")
@example("<pre>\n")
@example("plain prose.")
def test_the_prose_shortcuts_answer_as_the_full_parse(text):
    from unittest import mock

    from stories.exchange import markdown

    always = re.compile("")  # the shortcut never taken: every text is parsed
    with mock.patch.object(markdown, "CAN_SWALLOW", always), mock.patch.object(markdown, "MAY_HOLD_HEADING", always):
        parsed = (markdown.ends_cleanly(text), markdown.demote_headings(text))
    assert (markdown.ends_cleanly(text), markdown.demote_headings(text)) == parsed


def test_a_part_that_would_leak_is_kept_whole_in_a_code_block():
    text = "- \n   ```\n``` and `` ticks"  # a fence inside a list item, then one at the top level
    assert not formats.ends_cleanly(formats.seal(text))
    tokens = COMMONMARK.parse(formats.part_markdown(text))
    assert [(t.type, t.content) for t in tokens] == [("fence", text + "\n")]


def test_a_part_that_stands_alone_is_kept_as_written():
    text = "I **chose** this.\n\n```sql\nselect 1;\n```"
    assert formats.part_markdown(text) == text


# CSV ---------------------------------------------------------------------------------------------

TRICKY_TEXTS = {
    "title": 'Commas, "double quotes", and ; semicolons',
    "summary": "Line one\nline two\r\nline three",
    "challenge": '"Starts with a quote',
    "decision": "=SUM(A1:A2) stays text, café, 漢字, emoji 🎬",
    "execution": "  leading and trailing spaces  ",
    "communication": "",
    "impact": "a\rlone carriage return",
}


def test_the_csv_reads_back_with_the_csv_module_byte_for_byte(guide, user):
    make_story(user, **TRICKY_TEXTS, tags=["one", "two  words"], values=["candor-feedback", "customer-obsession"])
    raw = exchange.csv_text(bank(user)).encode()
    assert raw.startswith(b"\xef\xbb\xbf")  # the byte-order mark spreadsheets look for
    assert b'"Commas, ""double quotes"", and ; semicolons"' in raw  # RFC 4180 quoting
    assert raw.endswith(b"\r\n")
    [row] = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert list(row) == list(EXPORT_COLUMNS)
    for field, text in TRICKY_TEXTS.items():
        assert row[field] == neutralise(text)
    assert row["decision"] == "'=SUM(A1:A2) stays text, café, 漢字, emoji 🎬"  # a formula never runs
    assert row["tags"] == "one, two words"  # tag names as the editor keeps them
    assert row["values"] == "candor-feedback, customer-obsession"


def test_the_coverage_matrix_has_a_row_per_value_and_a_column_per_story(guide, user):
    make_story(user, title="A", values=["candor-feedback"])
    make_story(user, title="B, with a comma", values=["candor-feedback", "customer-obsession"])
    raw = formats.coverage_csv_text(bank(user), user).encode()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["Value", "Stories", "Target", "A", "B, with a comma"]
    assert rows[1:] == [
        ["Freedom & Responsibility", "0", "2", "", ""],
        ["High Performance Culture", "0", "2", "", ""],
        ["Candor & Feedback", "2", "2", "x", "x"],
        ["Innovation & Risk-Taking", "0", "2", "", ""],
        ["Customer Obsession", "1", "2", "", "x"],
    ]


# Anki --------------------------------------------------------------------------------------------


def read_apkg(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert set(archive.namelist()) == {"collection.anki2", "media"}
        collection = archive.read("collection.anki2")
    connection = sqlite3.connect(":memory:")
    connection.deserialize(collection)
    return connection


def test_the_anki_deck_has_a_card_per_question_with_a_story(guide, user):
    make_story(user, title="<Latency> & co", questions=["candor-direct-communication-1", "freedom-responsibility-2"],
               challenge="word " * 40, decision="**Bold** choice")
    make_story(user, title="Second", questions=["candor-direct-communication-1"])
    make_story(user, title="No question")
    db = read_apkg(formats.anki_package(bank(user)))
    question_notes = "select flds from notes where mid = ? order by sfld"
    notes = [row[0].split("\x1f") for row in db.execute(question_notes, [formats.ANKI_MODEL_ID])]
    assert len(notes) == 2
    assert db.execute("select count(*) from cards").fetchone()[0] == 2 + 3  # and a card per story
    questions = {q.slug: q.text for q in guide.question_set.all()}
    fronts = sorted(fields[0] for fields in notes)
    assert fronts == sorted([questions["candor-direct-communication-1"], questions["freedom-responsibility-2"]])
    back = next(fields[2] for fields in notes if fields[0] == questions["candor-direct-communication-1"])
    assert "<h3>&lt;Latency&gt; &amp; co</h3>" in back and "<h3>Second</h3>" in back
    for part in ["Challenge", "Autonomous Decision", "High Performance Execution", "Direct Communication",
                 "Member Impact"]:
        assert f"<dt>{part}</dt>" in back
    assert "<dd>" + "word " * 39 + "word</dd>" in back  # in short by whole sentences: one sentence, kept whole
    assert "<dd>Bold choice</dd>" in back
    model_ids = set(json.loads(db.execute("select models from col").fetchone()[0]))
    deck_ids = set(json.loads(db.execute("select decks from col").fetchone()[0]))
    assert str(formats.ANKI_MODEL_ID) in model_ids and str(formats.ANKI_DECK_ID) in deck_ids


def test_the_anki_deck_has_a_card_per_story_like_practice(guide, user):
    make_story(user, title="<Latency> & co", questions=["candor-direct-communication-1", "freedom-responsibility-2"],
               challenge="Start-up times doubled.")
    make_story(user, title="No question", challenge="")
    db = read_apkg(formats.anki_package(bank(user)))
    rows = db.execute("select flds from notes where mid = ? order by sfld", [formats.ANKI_STORY_MODEL_ID])
    notes = [row[0].split("\x1f") for row in rows]
    assert [fields[0] for fields in notes] == ["&lt;Latency&gt; &amp; co", "No question"]
    questions = {q.slug: q.text for q in guide.question_set.all()}
    assert questions["candor-direct-communication-1"] in notes[0][1]
    assert "<dt>Challenge</dt><dd>Start-up times doubled.</dd>" in notes[0][2]
    assert "<dt>Challenge</dt><dd>—</dd>" in notes[1][2]
    assert notes[1][1] == ""


LONG_IMPACT = (
    "We rebuilt the player's start-up path over two quarters with the platform team. "
    "Every team that touched playback joined the weekly review and wrote down what it changed. "
    "Start-up time at p95 improved by 40%. "
    "Members noticed, and the support queue about slow starts went quiet within weeks after launch."
)


def test_a_short_back_keeps_every_sentence_with_a_figure_and_cuts_only_between_sentences():
    short = formats.shorten(LONG_IMPACT, words=30)
    assert short == ("We rebuilt the player's start-up path over two quarters with the platform team. … "
                     "Start-up time at p95 improved by 40%. …")
    assert len(LONG_IMPACT.split()) > 30 and len(short.replace("…", "").split()) <= 30


@pytest.mark.parametrize(("text", "words", "short"), [
    ("One. Two. Three.", 30, "One. Two. Three."),  # within the budget: all of it
    ("First sentence here. Second one. Third.", 3, "First sentence here. …"),  # the first is always kept
    ("Intro words go here. Filler. Revenue doubled. Tail.", 7, "Intro words go here. Filler. Revenue doubled. …"),
    ("A long opening sentence of many words. It fell 4.2 seconds to 1.7 seconds.", 2,
     "A long opening sentence of many words. It fell 4.2 seconds to 1.7 seconds."),  # figures beyond the budget
    ("He said \"go.\" Then 3 teams moved.", 2, "He said \"go.\" Then 3 teams moved."),
    ("- first item\n- second item with 12 users\n- third", 3, "- first item · - second item with 12 users …"),
    ("A list\nwithout stops\nkept apart", 30, "A list · without stops · kept apart"),
    ("启动时间缩短了。用户满意。延迟降低40%。", 1, "启动时间缩短了。 … 延迟降低40%。"),
    ("", 30, ""),
])
def test_shorten_keeps_whole_sentences_in_order(text, words, short):
    assert formats.shorten(text, words=words) == short


def test_the_anki_back_keeps_the_figure_at_the_end_of_a_long_part(guide, user):
    make_story(user, title="Start-up", questions=["candor-direct-communication-1"], impact=LONG_IMPACT,
               execution="- wrote the scheduler\n- ran a canary on **5%** of traffic")
    db = read_apkg(formats.anki_package(bank(user)))
    backs = [row[0].split("\x1f")[2] for row in db.execute("select flds from notes")]
    assert backs and all("Start-up time at p95 improved by 40%." in back for back in backs)
    assert all("<dd>wrote the scheduler · ran a canary on 5% of traffic</dd>" in back for back in backs)


def test_a_ready_story_with_no_question_gets_a_card_by_value(guide, user):
    make_story(user, title="Unasked", status="ready", values=["customer-obsession", "candor-feedback"])
    make_story(user, title="Also unasked", status="ready", values=["customer-obsession"])
    make_story(user, title="Draft", values=["customer-obsession"])  # drafts are drilled once Ready
    make_story(user, title="Asked", status="ready", values=["customer-obsession"],
               questions=["candor-direct-communication-1"])  # on its question's card
    db = read_apkg(formats.anki_package(bank(user)))
    rows = db.execute("select flds, guid from notes where mid = ?", [formats.ANKI_VALUE_MODEL_ID]).fetchall()
    cards = {fields.split("\x1f")[0]: fields.split("\x1f")[2] for fields, _ in rows}
    assert list(cards) == ["Candor &amp; Feedback", "Customer Obsession"]  # in the guide's order
    assert "<h3>Unasked</h3>" in cards["Customer Obsession"] and "<h3>Also unasked</h3>" in cards["Customer Obsession"]
    assert "Draft" not in cards["Customer Obsession"] and "Asked<" not in cards["Customer Obsession"]
    assert "<h3>Also unasked</h3>" not in cards["Candor &amp; Feedback"]
    assert "<dt>Challenge</dt><dd>Playback start-up times doubled" in cards["Customer Obsession"]  # the parts too
    again = read_apkg(formats.anki_package(bank(user)))
    assert sorted(g for _, g in rows) == sorted(
        g for _, g in again.execute("select flds, guid from notes where mid = ?", [formats.ANKI_VALUE_MODEL_ID]))


def test_the_anki_ids_are_stable_between_exports(guide, user):
    make_story(user, questions=["candor-direct-communication-1"])
    guids = [
        read_apkg(formats.anki_package(bank(user))).execute("select guid from notes").fetchall() for _ in range(2)
    ]
    assert guids[0] == guids[1]
    assert formats.stable_id("storybank/anki/note-type/v1") == formats.ANKI_MODEL_ID
    assert 1 << 30 <= formats.ANKI_MODEL_ID < 1 << 31


@pytest.mark.parametrize(("typed", "written"), [
    ("=1+1", "'=1+1"), ("+33 6", "'+33 6"), ("-x", "'-x"), ("@sum", "'@sum"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("'=x", "''=x"), ("''+y", "'''+y"), ("'plain", "'plain"), ("plain = fine", "plain = fine"), ("", ""),
])
def test_cells_a_spreadsheet_would_run_are_neutralised_and_restored_exactly(typed, written):
    from stories.exchange.csv_rows import restore

    assert neutralise(typed) == written
    assert restore(written) == typed


def test_the_coverage_matrix_never_writes_a_title_as_a_formula(guide, user):
    make_story(user, title="=HYPERLINK(\"http://evil.example\")", values=["candor-feedback"])
    raw = exchange.coverage_csv_text(bank(user), user)
    assert "'=HYPERLINK" in raw and ",=HYPERLINK" not in raw
