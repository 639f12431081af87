"""Full-text search over the sections of the guides."""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
SNIPPET_RADIUS = 90
# A word, hyphenated words kept whole ("a-players", "risk-taking"): hyphen, non-breaking hyphen.
WORD_RE = re.compile(r"\w+(?:[-\u2010\u2011]\w+)*")
HYPHEN_RE = re.compile(r"[-\u2010\u2011]")
# A hyphenated query word also finds the word written with a space ("A Players" in a heading).
JOINER = r"[-\u2010\u2011\s]"
# "Did you mean": difflib's ratio 2*matches/total letters; "feedbak" -> "feedback" is 0.93,
# two letters wrong in a short word falls below.
CLOSE_CUTOFF = 0.8
MIN_SUGGESTED_LENGTH = 3


@dataclass
class Hit:
    guide_slug: str
    guide_title: str
    anchor: str
    title: str
    title_html: str
    snippet_html: str
    score: int


def query_words(query):
    """The words to look for: at most MAX_WORDS, from the first MAX_QUERY_LENGTH characters."""
    words = WORD_RE.findall((query or "")[:MAX_QUERY_LENGTH].lower())
    return list(dict.fromkeys(words))[:MAX_WORDS]


def word_pattern(word):
    """The regular expression (source) that finds `word` anywhere in a text, hyphens or spaces alike."""
    return JOINER.join(re.escape(part) for part in HYPHEN_RE.split(word))


def vocabulary(texts):
    """The words of `texts` (strings), lower case: whole hyphenated words and their parts.

    Only words of MIN_SUGGESTED_LENGTH letters or more with a letter in them: a suggestion is a word.
    Built once per version of a guide file (guide.rendering caches the rendered guide).
    """
    words = set()
    for text in texts:
        for word in WORD_RE.findall(text.lower()):
            words.add(word)
            words.update(HYPHEN_RE.split(word))
    return frozenset(w for w in words if len(w) >= MIN_SUGGESTED_LENGTH and not w.isdigit())


def did_you_mean(guides, words):
    """The query with each word no section mentions replaced by the guides' closest word, or None.

    `guides` are RenderedGuide objects, `words` the output of query_words. Closeness is difflib's
    ratio over the guides' vocabulary (at least CLOSE_CUTOFF). None when every word is found or no
    unknown word has a close one.
    """
    haystacks = [f"{section.title}\n{section.text}" for guide in guides for section in guide.sections]
    known = set().union(*(guide.vocabulary for guide in guides))
    changed, out = False, []
    for word in words:
        pattern = re.compile(word_pattern(word), re.I)
        if not any(pattern.search(haystack) for haystack in haystacks):
            close = difflib.get_close_matches(word, known, n=1, cutoff=CLOSE_CUTOFF)
            if close:
                word, changed = close[0], True
        out.append(word)
    return " ".join(out) if changed else None


def highlight(text, pattern):
    """Escape `text` and wrap every match of `pattern` in <mark>."""
    out, pos = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[pos : match.start()]))
        out.append(f"<mark>{escape(match.group())}</mark>")
        pos = match.end()
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))


def snippet(text, pattern):
    match = pattern.search(text)
    if not match:
        return text[: SNIPPET_RADIUS * 2] + ("…" if len(text) > SNIPPET_RADIUS * 2 else "")
    start = max(0, match.start() - SNIPPET_RADIUS)
    end = min(len(text), match.end() + SNIPPET_RADIUS)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def search(guides, query):
    """Sections of `guides` (RenderedGuide objects) holding every word of `query`, best first."""
    words = query_words(query)
    if not words:
        return []
    patterns = [re.compile(word_pattern(w), re.I) for w in words]
    pattern = re.compile("|".join(word_pattern(w) for w in sorted(words, key=len, reverse=True)), re.I)
    hits = []
    for guide in guides:
        for section in guide.sections:
            haystack = f"{section.title}\n{section.text}"
            if not all(p.search(haystack) for p in patterns):
                continue
            flat = " ".join(section.text.split())
            score = sum(len(p.findall(haystack)) for p in patterns) + 5 * sum(
                bool(p.search(section.title)) for p in patterns
            )
            hits.append(
                Hit(
                    guide_slug=guide.slug,
                    guide_title=guide.title,
                    anchor=section.anchor,
                    title=section.title,
                    title_html=highlight(section.title, pattern),
                    snippet_html=highlight(snippet(flat, pattern), pattern),
                    score=score,
                )
            )
    hits.sort(key=lambda hit: -hit.score)
    return hits
