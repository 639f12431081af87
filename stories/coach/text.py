"""Reading a story part as an interviewer hears it: plain words, without Markdown or quoted speech.

Plain functions over strings, shared by the checks and the probes. Phrases are
matched as whole words, case-insensitively, with any run of white space between
their words, so "good   enough" and "Good\nenough" both match "good enough".
"""

import re
from functools import lru_cache

from . import phrases

_FENCE = re.compile(r"^\s*(```|~~~).*?^\s*\1[^\n]*$", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_STRUCK = re.compile(r"~~[^~\n]+~~")  # struck-out words are not told
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>\n]*>")
_MARKERS = re.compile(r"(^\s*(?:[-*+]|\d+[.)]|#{1,6}|>)\s+)|[*_~#>]", re.MULTILINE)
# Quoted speech: what someone else said is not the candidate's own "we" or "I".
_QUOTED = re.compile(r"\"[^\"\n]{0,400}\"|“[^”\n]{0,400}”|«[^»\n]{0,400}»")
# Words joined by a slash ("I/O", "and/or", "TCP/IP") are names, not pronouns.
_SLASHED = re.compile(r"\b\w+(?:/\w+)+\b")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_LETTER = re.compile(r"[^\W\d_]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"\d")


def without_code(markdown: str) -> str:
    """A Markdown part without fenced code, code spans, HTML comments and struck-out words: what is told."""
    text = _FENCE.sub(" ", markdown or "")
    text = _COMMENT.sub(" ", text)
    text = _STRUCK.sub(" ", text)
    return _CODE_SPAN.sub(" ", text)


def plain_text(markdown: str) -> str:
    """The words of a Markdown part, without code, comments, struck-out words, link targets, HTML tags or
    list and emphasis markers."""
    text = without_code(markdown)
    text = _LINK.sub(r"\1", text)
    text = _HTML_TAG.sub(" ", text)
    return _MARKERS.sub(" ", text).replace("’", "'")


def reads_as_english(text: str) -> bool:
    """Whether most letters of `text` are A-Z: the coach's word lists are English, so only such text is
    judged on its wording ("Le déploiement a réduit..." still is; Arabic and Chinese are not)."""
    letters = len(_LETTER.findall(text))
    return letters == 0 or 2 * len(_ASCII_LETTER.findall(text)) >= letters


def without_quotes(text: str) -> str:
    """`text` with quoted speech ("...", “...”, «...») removed."""
    return _QUOTED.sub(" ", text)


def words(text: str) -> list[str]:
    """Lower-case words of `text` (letters and digits, with an inner apostrophe kept: "i'm", "we've")."""
    return [w.replace("’", "'").lower() for w in _WORD.findall(text)]


def pronoun_counts(text: str) -> tuple[int, int]:
    """(first person singular, first person plural) words in `text`: I/me/my/I'm/... against we/us/our/...

    Quoted speech and slashed names ("I/O") are left out; "US" in capitals is the country, not "us".
    """
    text = _SLASHED.sub(" ", without_quotes(text))
    singular = plural = 0
    for raw in _WORD.findall(text):
        word = raw.replace("’", "'").lower()
        if word in phrases.I_WORDS:
            singular += 1
        elif word in phrases.WE_WORDS and raw != "US":
            plural += 1
    return singular, plural


@lru_cache(maxsize=256)
def _phrases_pattern(candidates: tuple) -> re.Pattern:
    """One pattern for a whole word list (longest phrases first, so "much better" wins over "better")."""
    bodies = sorted((r"\s+".join(re.escape(part) for part in p.split()) for p in candidates), key=len, reverse=True)
    return re.compile(rf"(?<![\w'-])(?:{'|'.join(bodies)})(?![\w'-])", re.IGNORECASE)


def find_phrases(text: str, candidates, *, skip_negated: bool = False) -> list[str]:
    """The phrases of `candidates` found in `text`, as written there, in order of first appearance.

    With `skip_negated`, a phrase preceded within a few words by a negation ("never settled for good
    enough", "rather than wait for approval") does not count.
    """
    found: dict[str, str] = {}
    for match in _phrases_pattern(tuple(candidates)).finditer(text):
        quote = " ".join(match.group(0).split())
        if quote.lower() in found or (skip_negated and _negated(text, match.start())):
            continue
        found[quote.lower()] = quote
    return list(found.values())


def _negated(text: str, start: int) -> bool:
    before = words(text[max(0, start - 80) : start])[-phrases.NEGATION_WINDOW :]
    return any(word in phrases.NEGATIONS for word in before)


def has_any(text: str, candidates) -> bool:
    """Whether any phrase of `candidates` appears in `text` as whole words."""
    return bool(_phrases_pattern(tuple(candidates)).search(text))


def has_figure(text: str) -> bool:
    """Whether `text` gives a figure: a digit ("40%", "$2M", "3x") or a number word ("doubled", "twice")."""
    return bool(_DIGIT.search(text)) or has_any(text, phrases.NUMBER_WORDS)


FIGURE_CHARS = 120  # the longest quote first_figure() gives, in characters


def first_figure(text: str) -> str:
    """The first sentence of `text` that gives a figure ("p95 start-up time fell 40%"), or "".

    A sentence over FIGURE_CHARS is cut at word boundaries around its first figure, with "…" where
    words were left out, so the figure itself is always quoted whole ("dropped 38%", never "dropped 3").
    """
    for sentence in re.split(r"(?<=[.!?;])\s+|\n+", text):
        if not has_figure(sentence):
            continue
        words = sentence.split()
        quote = " ".join(words)
        if len(quote) <= FIGURE_CHARS:
            return quote
        at = next((i for i, word in enumerate(words) if has_figure(word)), 0)
        start = end = at  # grow a window of whole words around the figure's word
        while True:
            grown = False
            for s, e in ((start, end + 1), (start - 1, end)):
                if s >= 0 and e < len(words) and len(" ".join(words[s:e + 1])) <= FIGURE_CHARS - 2:
                    start, end, grown = s, e, True
            if not grown:
                break
        return ("…" if start else "") + " ".join(words[start:end + 1]) + ("…" if end < len(words) - 1 else "")
    return ""
