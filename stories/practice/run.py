"""What the run page shows for each part, and the drills that follow a telling.

Budgets and pace. The budgets are the guide's (Challenge 30 s, Decision 60 s, Execution 90 s,
Communication 30 s, Impact 30 s) and they are not scaled by the user's pace: the interviewer's clock
runs the same for a slow and a fast speaker, so stretching a budget for a slow speaker would train
the wrong habit. The pace (Profile.words_per_minute, as in the editor) is used where it means
something: how many words fit in each budget (`words_allowed`), and how long the user's own written
part takes to say (`written_seconds`), so a part that cannot fit shows before the clock starts.
"""

import html
import re
from dataclasses import dataclass, field

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from ..markup import render_markdown
from ..timing import speaking_seconds, spoken_length

CUE_WORDS = 8  # the cue card shows the first words of the user's part, enough to start from
PROBE_SECONDS = 60  # issue 10: each follow-up probe gets a 60 s timer
THINK_SECONDS = 10  # issue 10: an optional 10 s to think before the first part
MAX_PROBES = 2

# Used when the story coach has nothing to say (no story, or no coach): the guide's own checks.
DEFAULT_CHECKLIST = (
    "Did you set the stakes in the first sentence: who was affected, and how much?",
    "Did you say what *you* decided, and what you turned down?",
    "Did you say the figure: the metric, before and after?",
    "Did you name who you told what, plainly?",
    "Did you stop at the member impact instead of trailing off?",
)


@dataclass(frozen=True)
class RunPart:
    """One of the five parts on the run page. Seconds are whole seconds."""

    index: int
    field: str
    name: str
    template: str
    budget: int
    words_allowed: int  # words that fit in the budget at the user's pace
    cue: str  # the first words of the user's own part ("" without a story or in an empty part)
    text_html: str  # the user's part, rendered and sanitised, for the reveal after the run
    written_seconds: int  # how long the written part takes to say at the user's pace


def plain_text(markdown_text: str) -> str:
    """A part as one line of plain text (Markdown rendered, tags stripped, entities decoded)."""
    return " ".join(html.unescape(strip_tags(render_markdown(markdown_text or ""))).split())


def cue_for(markdown_text: str, words: int = CUE_WORDS) -> str:
    """The first `words` words of a part, with an ellipsis when there is more (no comma before it)."""
    text = Truncator(plain_text(markdown_text)).words(words, truncate="…")
    return text[:-1].rstrip(",;:.-–— ") + "…" if text.endswith("…") else text


def run_parts(parts, story, wpm: int) -> list[RunPart]:
    """`parts`: the guide's five structure.Part; `story`: a Story or None; `wpm`: the user's pace."""
    result = []
    for index, part in enumerate(parts):
        text = getattr(story, part.field, "") if story is not None else ""
        result.append(
            RunPart(
                index=index,
                field=part.field,
                name=part.name,
                template=part.template,
                budget=part.seconds,
                words_allowed=part.seconds * wpm // 60,
                cue=cue_for(text) if text.strip() else "",
                text_html=render_markdown(text) if text.strip() else "",
                written_seconds=speaking_seconds(spoken_length(text), wpm),
            )
        )
    return result


@dataclass(frozen=True)
class Probe:
    text: str
    reason: str = ""


@dataclass(frozen=True)
class Drills:
    """The self-review checklist and one or two follow-up probes for after the run."""

    checklist: list[str]
    probes: list = field(default_factory=list)
    from_coach: bool = False


GENERIC_PROBES = (
    Probe("What would you do differently if you had to do it again?", "Interviewers test reflection."),
    Probe("How did you know it worked? What number moved, and by how much?", "Impact needs a figure."),
)


EMPHASIS = re.compile(r"\*(\S(?:[^*]*\S)?)\*")


def emphasised(text: str) -> SafeString:
    """A checklist line as HTML: escaped, with *word* in italics (the coach writes "*you*")."""
    return mark_safe(EMPHASIS.sub(r"<em>\1</em>", escape(text)))


def drills_for(review) -> Drills:
    """Drills from a coach review (an object with `checklist` and `probes`, see stories.coach), or
    the guide's checklist and two generic probes when there is no review."""
    if review is None:
        return Drills(checklist=[emphasised(t) for t in DEFAULT_CHECKLIST], probes=list(GENERIC_PROBES))
    checklist = [emphasised(str(t)) for t in (list(review.checklist) or DEFAULT_CHECKLIST)]
    probes = list(review.probes)[:MAX_PROBES] or list(GENERIC_PROBES)
    return Drills(checklist=checklist, probes=probes, from_coach=True)
