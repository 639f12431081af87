"""An Anki deck to drill with, the same cards as Practice (stories/practice/schedule.py): a card per
question the stories answer (the question in front, the stories in short on the back) and a card per
story (its title and the questions it answers in front, its five parts in short on the back)."""

import hashlib
import html
import io
import itertools
import sqlite3
import tempfile
import zipfile
from pathlib import Path

import genanki
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator

from guide.models import Question
from stories.markup import render_markdown
from stories.structure import default_guide, story_parts

from .reading import for_reading

ANKI_SHORT_WORDS = 30


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


def in_short(markdown_text, words=ANKI_SHORT_WORDS):
    """A part as plain text of at most `words` words, escaped for a card."""
    plain = html.unescape(strip_tags(render_markdown(markdown_text)))
    return html.escape(Truncator(" ".join(plain.split())).words(words, truncate="…"))


def _parts_list(story, parts):
    rows = "".join(
        f"<dt>{html.escape(part.name)}</dt><dd>{in_short(text) if text.strip() else '—'}</dd>"
        for part, text in zip(parts, story.part_texts(), strict=True)
    )
    return f"<dl>{rows}</dl>"


def _card_back(stories, parts):
    return "".join(f"<h3>{html.escape(story.title)}</h3>{_parts_list(story, parts)}" for story in stories)


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


def anki_package(stories, guide=None):
    """An .apkg file (bytes): a card per question the stories answer (the question on the front,
    each story's five parts in short on the back), then a card per story (its title and the
    questions it answers on the front, its five parts in short on the back)."""
    guide = guide or default_guide()
    parts = story_parts(guide)
    stories = for_reading(stories)
    deck = genanki.Deck(ANKI_DECK_ID, "Story Bank")
    for question, answering in _by_question(stories):
        values = ", ".join(v.name for v in question.category.values.all())
        deck.add_note(genanki.Note(
            model=ANKI_MODEL,
            fields=[html.escape(question.text), html.escape(values), _card_back(answering, parts)],
            guid=genanki.guid_for("storybank", guide.slug, question.slug),
        ))
    for story in stories:
        answers = "<br>".join(html.escape(q.text) for q in story.questions.all())
        deck.add_note(genanki.Note(
            model=ANKI_STORY_MODEL,
            fields=[html.escape(story.title), answers, _parts_list(story, parts)],
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
