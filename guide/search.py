"""Full-text search over the sections of the guides."""

import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
SNIPPET_RADIUS = 90
WORD_RE = re.compile(r"\w+")


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
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.I)
    hits = []
    for guide in guides:
        for section in guide.sections:
            haystack = f"{section.title}\n{section.text}".lower()
            if not all(word in haystack for word in words):
                continue
            flat = " ".join(section.text.split())
            score = sum(haystack.count(w) for w in words) + 5 * sum(w in section.title.lower() for w in words)
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
