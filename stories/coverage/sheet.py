"""What the printed loop sheet says of each planned story: its summary and its key figure.

The key figure is the number an interviewer should hear: the guide asks for quantified member impact
("Focus on Member Impact"), so it is the first sentence with a figure in Member Impact, or failing that
in High Performance Execution, where the results of the work are told.
"""

import re
from dataclasses import dataclass

from stories.models import Story

from ..coach.text import has_figure, plain_text

# A sentence ends at . ! ? or ; before a space (so "4.2 seconds" and "p95" stay whole), or at a line end.
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\s*\n\s*")
MAX_FIGURE_LENGTH = 240  # characters; a run-on "sentence" is cut at a word
_SPACE_BEFORE_STOP = re.compile(r"\s+([.,;:!?)])")  # left where Markdown marks were taken out ("**date**.")


@dataclass(frozen=True)
class SheetNote:
    summary: str  # plain text, "" when the story has none
    figure: str  # the key figure's sentence, "" when neither part has a number


def plain(markdown):
    """Markdown as one line of plain words (coach.text.plain_text), with no space left before a stop."""
    return _SPACE_BEFORE_STOP.sub(r"\1", " ".join(plain_text(markdown).split()))


def sentences(text):
    """The sentences of plain `text`, each with its spacing collapsed, empty ones left out."""
    return [" ".join(s.split()) for s in _SENTENCE_END.split(text or "") if s.strip()]


def key_figure(impact, execution):
    """The first sentence with a figure (a digit, or a number word such as "doubled" or "twelve"; the
    coach's rule, coach.text.has_figure) in `impact` (Member Impact, Markdown), else in `execution`
    (High Performance Execution); "" when neither has one. Long sentences are cut at a word, with "…"."""
    for part in (impact, execution):
        for sentence in sentences(plain_text(part)):
            if has_figure(sentence):
                return _shortened(_SPACE_BEFORE_STOP.sub(r"\1", sentence))
    return ""


def _shortened(sentence):
    if len(sentence) <= MAX_FIGURE_LENGTH:
        return sentence
    return sentence[:MAX_FIGURE_LENGTH].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def sheet_notes(user, story_ids):
    """{story id: SheetNote} for those of `story_ids` that are `user`'s: one query (none for no ids)."""
    if not story_ids:
        return {}
    rows = (
        Story.objects.for_user(user).filter(pk__in=story_ids).values("id", "summary", "impact", "execution")
    )
    return {
        row["id"]: SheetNote(
            summary=plain(row["summary"]),
            figure=key_figure(row["impact"], row["execution"]),
        )
        for row in rows
    }
