"""An Anki deck to drill with, the same cards as Practice (stories/practice/schedule.py): a card per
question the stories answer (the question in front, the stories in short on the back), a card per value
for the Ready stories that answer no question yet, and a card per story (its title and the questions it
answers in front, its five parts in short on the back).

"In short" is by whole sentences and never drops a figure: `shorten()` keeps every sentence with a
number and fills the rest of the budget with the part's first sentences."""

import hashlib
import html
import io
import itertools
import re
import sqlite3
import tempfile
import zipfile
from pathlib import Path

import genanki
from django.utils import timezone
from django.utils.html import strip_tags

from guide.models import Question, Value
from stories.coach import phrases
from stories.coach.text import has_any
from stories.markup import render_markdown
from stories.models import Story
from stories.structure import default_guide, story_parts

from .reading import for_reading

ANKI_SHORT_WORDS = 30
GAP = "…"  # where sentences were left out
# A sentence ends at . ! ? or … (and any closing quote or bracket) before a space, or at a full stop of
# Chinese or Japanese, which needs no space; the point of "4.2 seconds" does not end one.
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|(?<=[.!?…][\"'”’)\]])\s+|(?<=[。！？])")
ENDED = re.compile(r"[.!?…:;。！？][\"'”’)\]]?$")
# A figure, as the coach reads one (stories/coach/phrases.py), but for "one" and "third", which in a
# sentence mostly count nothing ("one of the teams", "the third time").
DIGIT = re.compile(r"\d")
FIGURE_WORDS = tuple(word for word in phrases.NUMBER_WORDS if word not in ("one", "third"))
BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|pre|td|th|div)>|<br\s*/?>", re.IGNORECASE)


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

ANKI_STORY_MODEL_ID = stable_id("storybank/anki/story-note-type/v1")
ANKI_STORY_MODEL = genanki.Model(
    ANKI_STORY_MODEL_ID,
    "Story Bank story",
    fields=[{"name": "Title"}, {"name": "Answers"}, {"name": "Story"}],
    templates=[{
        "name": "Title to story",
        "qfmt": '<div class="label">Tell the story</div><div class="question">{{Title}}</div>'
                '<div class="values">{{Answers}}</div>',
        "afmt": '{{FrontSide}}<hr id="answer">{{Story}}',
    }],
    css=ANKI_MODEL.css + " .label { color: #5c5c66; font-size: 14px; text-transform: uppercase; }",
)


ANKI_VALUE_MODEL_ID = stable_id("storybank/anki/value-note-type/v1")
ANKI_VALUE_MODEL = genanki.Model(
    ANKI_VALUE_MODEL_ID,
    "Story Bank value",
    fields=[{"name": "Value"}, {"name": "Tagline"}, {"name": "Stories"}],
    templates=[{
        "name": "Value to stories",
        "qfmt": '<div class="label">Tell a story that shows</div><div class="question">{{Value}}</div>'
                '<div class="values">{{Tagline}}</div>',
        "afmt": '{{FrontSide}}<hr id="answer">{{Stories}}',
    }],
    css=ANKI_STORY_MODEL.css,
)


def sentences(plain):
    """The sentences of plain text, in order: each line (a paragraph, a list item) split at its sentence
    ends; white space runs become one space, empty pieces are dropped."""
    found = []
    for line in plain.splitlines():
        found += [" ".join(piece.split()) for piece in SENTENCE_END.split(line) if piece.strip()]
    return found


def has_figure(sentence):
    """Whether a sentence gives a figure: a digit ("40%", "p95", "4.2 s") or a number word ("doubled")."""
    return bool(DIGIT.search(sentence)) or has_any(sentence, FIGURE_WORDS)


def shorten(plain, words=ANKI_SHORT_WORDS):
    """`plain` text in short, by whole sentences: every sentence with a figure (has_figure), the first
    one, and then the other sentences in order while the total stays within `words` words (split at
    spaces). Sentences keep their order; "…" marks where some were left out. Never cuts inside a sentence, so the result exceeds `words` when the
    first sentence or the sentences with figures alone do. "" for text without a sentence.

    >>> shorten("We shipped. It took long. Start-up time at p95 improved by 40%.", words=3)
    'We shipped. … Start-up time at p95 improved by 40%.'
    """
    found = sentences(plain)
    keep = [index == 0 or has_figure(sentence) for index, sentence in enumerate(found)]
    used = sum(len(sentence.split()) for sentence, kept in zip(found, keep, strict=True) if kept)
    for index, sentence in enumerate(found):
        if not keep[index] and used + len(sentence.split()) <= words:
            keep[index], used = True, used + len(sentence.split())
    pieces = []
    for sentence, kept in zip(found, keep, strict=True):
        if kept:
            pieces.append(sentence)
        elif pieces[-1] != GAP:  # the first sentence is always kept
            pieces.append(GAP)
    text = ""
    for before, piece in zip(["", *pieces], pieces, strict=False):
        # List items and headings end without a full stop: a middle dot keeps them apart.
        joint = " · " if before and GAP not in (before, piece) and not ENDED.search(before) else " "
        text += (joint if before else "") + piece
    return text


def in_short(markdown_text, words=ANKI_SHORT_WORDS):
    """A part as plain text in short (shorten()), escaped for a card: Markdown rendered, then its blocks
    (paragraphs, list items) read as lines and its tags dropped."""
    plain = html.unescape(strip_tags(BLOCK_END.sub("\n", render_markdown(markdown_text))))
    return html.escape(shorten(plain, words))


def _parts_list(story, parts):
    rows = "".join(
        f"<dt>{html.escape(part.name)}</dt><dd>{in_short(text) if text.strip() else '—'}</dd>"
        for part, text in zip(parts, story.part_texts(), strict=True)
    )
    return f"<dl>{rows}</dl>"


def _card_back(stories, parts_lists):
    """The back of a question's or a value's card: each story's title and its parts list (`parts_lists`, by pk)."""
    return "".join(f"<h3>{html.escape(story.title)}</h3>{parts_lists[story.pk]}" for story in stories)


def anki_notes(stories, guide=None):
    """(question, stories) for every question that one of `stories` answers, in the guide's order."""
    return _by_question(for_reading(stories))


def _by_question(stories):
    by_question = {}
    for story in stories:
        for question in story.questions.all():
            by_question.setdefault(question.pk, (question, []))[1].append(story)
    questions = Question.objects.filter(pk__in=by_question).with_category().order_by("order")
    return [(q, by_question[q.pk][1]) for q in questions]


def by_value_without_question(stories):
    """(value, stories) for every value that a Ready story tagged with no question tells, in the guide's
    order: such a story is on no question's card, so it is drilled from its values. A Ready story with
    neither a question nor a value has its own story card only."""
    by_value = {}
    for story in stories:
        if story.status == Story.Status.READY and not story.questions.all():
            for value in story.values.all():
                by_value.setdefault(value.pk, []).append(story)
    return [(value, by_value[value.pk]) for value in Value.objects.filter(pk__in=by_value).order_by("order")]


def anki_package(stories, guide=None):
    """An .apkg file (bytes): a card per question the stories answer (the question on the front,
    each story's five parts in short on the back), a card per value for the Ready stories that answer
    no question (the value on the front), then a card per story (its title and the questions it
    answers on the front, its five parts in short on the back)."""
    guide = guide or default_guide()
    parts = story_parts(guide)
    stories = for_reading(stories)
    # Each story's parts in short, written once: a story is on its own card and on each question's or value's.
    parts_lists = {story.pk: _parts_list(story, parts) for story in stories}
    deck = genanki.Deck(ANKI_DECK_ID, "Story Bank")
    for question, answering in _by_question(stories):
        values = ", ".join(v.name for v in question.category.values.all())
        deck.add_note(genanki.Note(
            model=ANKI_MODEL,
            fields=[html.escape(question.text), html.escape(values), _card_back(answering, parts_lists)],
            guid=genanki.guid_for("storybank", guide.slug, question.slug),
        ))
    for value, telling in by_value_without_question(stories):
        deck.add_note(genanki.Note(
            model=ANKI_VALUE_MODEL,
            fields=[html.escape(value.name), html.escape(value.tagline), _card_back(telling, parts_lists)],
            guid=genanki.guid_for("storybank", guide.slug, "value", value.slug),
        ))
    for story in stories:
        answers = "<br>".join(html.escape(q.text) for q in story.questions.all())
        deck.add_note(genanki.Note(
            model=ANKI_STORY_MODEL,
            fields=[html.escape(story.title), answers, parts_lists[story.pk]],
            guid=genanki.guid_for("storybank", "story", str(story.uuid)),
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
