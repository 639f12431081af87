"""The story bank for reading and drilling: Markdown, the coverage matrix CSV, the print view, an Anki deck.

The JSON document and the CSV of every field (the formats that import back) live in stories/exchange.py.
"""

import csv
import hashlib
import html
import io
import itertools
import re
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import genanki
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from markdown_it import MarkdownIt

from guide.models import Question, Theme, Value

from .markup import render_markdown
from .models import Profile
from .structure import default_guide, story_parts, timing_parts
from .timing import story_timing

# The ASCII punctuation that can start markup inside a line (emphasis, code, links, HTML, entities,
# a heading's closing #s); CommonMark lets a backslash escape each of them.
MARKUP_CHARACTERS = set("\\`*_[]<>#!&~|")
ANKI_SHORT_WORDS = 30
COMMONMARK = MarkdownIt("commonmark")


def for_reading(stories):
    """Stories in title order with everything the readable formats show (links to the guide included),
    in a fixed number of queries."""
    with_guide = {name: model.objects.select_related("guide") for name, model in
                  [("values", Value), ("questions", Question), ("themes", Theme)]}
    return list(
        stories.select_related("level__guide")
        .prefetch_related(*(Prefetch(name, queryset=qs) for name, qs in with_guide.items()), "tags")
        .order_by("title", "pk")
    )


# Markdown ----------------------------------------------------------------------------------------


def md_escape(text):
    """Literal text inside a CommonMark line (a heading, a list item after its marker): whitespace runs
    become one space and every character that could start markup is backslash-escaped."""
    return "".join("\\" + ch if ch in MARKUP_CHARACTERS else ch for ch in " ".join(str(text).split()))


FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
HTML_BLOCKS = [  # CommonMark's HTML blocks that a blank line does not end: (start, end, closing text)
    (re.compile(r"^ {0,3}<(pre|script|style|textarea)(\s|>|$)", re.I),
     re.compile(r"</(pre|script|style|textarea)>", re.I), None),
    (re.compile(r"^ {0,3}<!--"), re.compile(r"-->"), "-->"),
    (re.compile(r"^ {0,3}<\?"), re.compile(r"\?>"), "?>"),
    (re.compile(r"^ {0,3}<![A-Za-z]"), re.compile(r">"), ">"),
    (re.compile(r"^ {0,3}<!\[CDATA\["), re.compile(r"\]\]>"), "]]>"),
]


def seal(text):
    """The user's Markdown, with a code fence or an HTML block left open at its end closed (the usual
    ways a part could swallow the headings after it). The scan knows the top level only; part_markdown()
    checks the result with a CommonMark parser."""
    state = None  # ("fence", indent, char, length) or ("html", end, closing)
    for line in text.splitlines():
        if state and state[0] == "fence":
            match = FENCE.match(line)
            if match and match.group(2)[0] == state[2] and len(match.group(2)) >= state[3]:
                state = None if not match.group(3).strip() else state
            continue
        if state:
            state = None if state[1].search(line) else state
            continue
        match = FENCE.match(line)
        if match and not (match.group(2)[0] == "`" and "`" in match.group(3)):
            state = ("fence", match.group(1), match.group(2)[0], len(match.group(2)))
            continue
        for start, end, closing in HTML_BLOCKS:
            if opened := start.match(line):
                if not end.search(line, opened.end()):
                    state = ("html", end, closing or f"</{opened.group(1).lower()}>")
                break
    if state is None:
        return text
    if state[0] == "fence":
        return f"{text}\n{state[1]}{state[2] * state[3]}"
    return f"{text}\n{state[2]}"


def ends_cleanly(markdown):
    """Whether a heading written after `markdown` (and a blank line) is read as a top-level heading."""
    tokens = COMMONMARK.parse(f"{markdown}\n\n###### end\n")
    return len(tokens) >= 3 and tokens[-3].type == "heading_open" and tokens[-3].tag == "h6" \
        and tokens[-3].level == 0 and tokens[-2].content == "end"


def demote_headings(text):
    """Headings a part writes become level-5 headings, below the document's own value, story and part
    headings (the app shows them no bigger either); their words stay as written."""
    lines = text.splitlines()
    for token in COMMONMARK.parse(text):
        if token.type != "heading_open" or token.level != 0 or token.tag in ("h5", "h6") or not token.map:
            continue
        start, end = token.map
        if token.markup.startswith("#"):
            lines[start] = re.sub(r"^( {0,3})#{1,6}", r"\1#####", lines[start], count=1)
        else:  # a setext heading: its text lines, then a line of = or -
            words = " ".join(line.strip() for line in lines[start : end - 1])
            lines[start:end] = [f"##### {words}"] + [""] * (end - start - 1)
    return "\n".join(lines)


def part_markdown(text):
    """A part's Markdown as it goes into the document: as written (sealed) when it stands on its own,
    otherwise every character of it in a code block, so that nothing is lost and nothing leaks."""
    text = demote_headings(text)
    sealed = seal(text)
    if ends_cleanly(sealed):
        return sealed
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", text)), default=0))
    return f"{fence}text\n{text}\n{fence}"


def _names(items):
    return " · ".join(md_escape(item) for item in items)


def _markdown_story(story, parts, wpm, value_names):
    timing = story_timing(story.part_texts(), timing_parts(parts), wpm)
    lines = [f"### {md_escape(story.title)}", ""]
    if story.summary.strip():
        lines += [part_markdown(story.summary), ""]
    facts = [f"**Status:** {md_escape(story.get_status_display())}"]
    if story.level or story.team_size is not None:
        level = md_escape(story.level.code) if story.level else "no level set"
        team = f", team of {story.team_size}" if story.team_size is not None else ""
        facts.append(f"**Level:** {level}{team}")
    if len(value_names) > 1:
        facts.append(f"**Values:** {_names(value_names)}")
    if story.questions.all():
        facts.append(f"**Questions:** {'; '.join(md_escape(q.text) for q in story.questions.all())}")
    if story.themes.all():
        facts.append(f"**Themes:** {_names(t.name for t in story.themes.all())}")
    facts.append(f"**Tags:** {_names(t.name for t in story.tags.all()) or 'none'}")
    facts.append(
        f"**Time:** about {timing.clock} to tell (budget {timing.budget_clock}), {timing.words} words"
    )
    lines += [f"- {fact}" for fact in facts] + [""]
    for part, text in zip(parts, story.part_texts(), strict=True):
        lines += [f"#### {md_escape(part.name)}", ""]
        lines += [part_markdown(text) if text.strip() else "*Not written yet.*", ""]
    return lines


def markdown_text(stories, owner, guide=None):
    """One CommonMark file: the stories grouped by value, each with its parts, tags and time estimate."""
    guide = guide or default_guide()
    parts = story_parts(guide)
    wpm = Profile.for_user(owner).words_per_minute
    stories = for_reading(stories)
    values = list(Value.objects.filter(guide=guide))
    count = f"{len(stories)} {'story' if len(stories) == 1 else 'stories'}"
    lines = [
        f"# {md_escape(f'Story bank of {owner.get_username()}')}", "",
        f"Exported on {timezone.localdate():%Y-%m-%d} · {count} · times at {wpm} words a minute.", "",
    ]
    written = {}
    for value in [*values, None]:
        group = [s for s in stories if (value in s.values.all() if value else not s.values.all())]
        if not group:
            continue
        lines += [f"## {md_escape(value.name if value else 'Not linked to a value yet')}", ""]
        for story in group:
            if story.pk in written:
                where = md_escape(written[story.pk])
                lines += [f"- *{md_escape(story.title)}*: the story is under {where}.", ""]
                continue
            written[story.pk] = value.name if value else ""
            names = [v.name for v in story.values.all()]
            lines += _markdown_story(story, parts, wpm, names)
    if not stories:
        lines += ["No stories yet.", ""]
    return "\n".join(lines)


# Coverage ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ValueCount:
    value: object
    count: int
    target: int

    @property
    def missing(self):
        return max(0, self.target - self.count)

    @property
    def label(self):
        if self.count == 0:
            return "No story yet"
        if self.missing:
            return f"{self.missing} more to reach {self.target}"
        return "Covered"


def coverage_summary(stories, profile, guide=None):
    """Per value: how many of `stories` (a list from for_reading) tell it, against the user's target;
    and how many of the guide's questions have a story."""
    guide = guide or default_guide()
    target = profile.stories_per_value
    rows = [
        ValueCount(value, sum(1 for s in stories if value in s.values.all()), target)
        for value in Value.objects.filter(guide=guide)
    ]
    answered = {q.pk for s in stories for q in s.questions.all()}
    return {
        "values": rows,
        "questions_answered": len(answered),
        "questions_total": Question.objects.filter(guide=guide).count(),
        "ready": sum(1 for s in stories if s.status == s.Status.READY),
        "target": target,
    }


def coverage_csv_text(stories, owner, guide=None):
    """The values x stories matrix: a row per value, a column per story, "x" where the story tells it."""
    guide = guide or default_guide()
    stories = for_reading(stories)
    summary = coverage_summary(stories, Profile.for_user(owner), guide)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(["Value", "Stories", "Target", *(s.title for s in stories)])
    for row in summary["values"]:
        marks = ["x" if row.value in s.values.all() else "" for s in stories]
        writer.writerow([row.value.name, row.count, row.target, *marks])
    return out.getvalue()


# Print -------------------------------------------------------------------------------------------


def print_context(stories, owner, guide=None):
    """What the print view shows: the cover's coverage summary, then each story with rendered parts."""
    guide = guide or default_guide()
    parts = story_parts(guide)
    profile = Profile.for_user(owner)
    wpm = profile.words_per_minute
    stories = for_reading(stories)
    pages = [
        {
            "story": story,
            "summary": render_markdown(story.summary),
            "timing": story_timing(story.part_texts(), timing_parts(parts), wpm),
            "parts": [
                (part, render_markdown(text)) for part, text in zip(parts, story.part_texts(), strict=True)
            ],
        }
        for story in stories
    ]
    return {"pages": pages, "coverage": coverage_summary(stories, profile, guide), "guide": guide, "wpm": wpm}


# Anki --------------------------------------------------------------------------------------------


def stable_id(name):
    """An Anki id from a constant name: the same deck and note type in every export, so a re-import
    into Anki updates the cards instead of adding copies. In genanki's recommended range."""
    return (1 << 30) + int.from_bytes(hashlib.sha256(name.encode()).digest()[:4], "big") % (1 << 30)


ANKI_MODEL_ID = stable_id("storybank/anki/note-type/v1")
ANKI_DECK_ID = stable_id("storybank/anki/deck/v1")
ANKI_MODEL = genanki.Model(
    ANKI_MODEL_ID,
    "Story Bank question",
    fields=[{"name": "Question"}, {"name": "Values"}, {"name": "Stories"}],
    templates=[{
        "name": "Question to stories",
        "qfmt": '<div class="question">{{Question}}</div><div class="values">{{Values}}</div>',
        "afmt": '{{FrontSide}}<hr id="answer">{{Stories}}',
    }],
    css=(
        ".card { font-family: system-ui, sans-serif; font-size: 18px; text-align: left; color: #1d1d1f; }"
        " .question { font-weight: 600; } .values { color: #5c5c66; font-size: 14px; margin-top: 6px; }"
        " h3 { font-size: 18px; margin: 14px 0 4px; } dt { font-weight: 600; margin-top: 6px; }"
        " dd { margin-left: 0; }"
    ),
)


def in_short(markdown_text, words=ANKI_SHORT_WORDS):
    """A part as plain text of at most `words` words, escaped for a card."""
    plain = html.unescape(strip_tags(render_markdown(markdown_text)))
    return html.escape(Truncator(" ".join(plain.split())).words(words, truncate="…"))


def _card_back(stories, parts):
    blocks = []
    for story in stories:
        rows = "".join(
            f"<dt>{html.escape(part.name)}</dt><dd>{in_short(text) if text.strip() else '—'}</dd>"
            for part, text in zip(parts, story.part_texts(), strict=True)
        )
        blocks.append(f"<h3>{html.escape(story.title)}</h3><dl>{rows}</dl>")
    return "".join(blocks)


def anki_notes(stories, guide=None):
    """(question, stories) for every question that one of `stories` answers, in the guide's order."""
    stories = for_reading(stories)
    by_question = {}
    for story in stories:
        for question in story.questions.all():
            by_question.setdefault(question.pk, (question, []))[1].append(story)
    questions = Question.objects.filter(pk__in=by_question).with_category().order_by("order")
    return [(q, by_question[q.pk][1]) for q in questions]


def anki_package(stories, guide=None):
    """An .apkg file (bytes): a card per question the stories answer; the question on the front,
    each story's five parts in short on the back."""
    guide = guide or default_guide()
    parts = story_parts(guide)
    deck = genanki.Deck(ANKI_DECK_ID, "Story Bank")
    for question, answering in anki_notes(stories, guide):
        values = ", ".join(v.name for v in question.category.values.all())
        deck.add_note(genanki.Note(
            model=ANKI_MODEL,
            fields=[html.escape(question.text), html.escape(values), _card_back(answering, parts)],
            guid=genanki.guid_for("storybank", guide.slug, question.slug),
        ))
    return write_package(genanki.Package(deck))


def write_package(package):
    """genanki's Package.write_to_file, with its SQLite file in a folder that is removed afterwards."""
    timestamp = timezone.now().timestamp()
    out = io.BytesIO()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(path)
        try:
            package.write_to_db(connection.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
            connection.commit()
        finally:
            connection.close()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.write(path, "collection.anki2")
            archive.writestr("media", "{}")
    return out.getvalue()
