"""Render a guide file to HTML once per version of the file, and split it for search."""

import functools
import html
import re
from dataclasses import dataclass
from pathlib import Path

import markdown
from django.conf import settings

from .search import vocabulary
from .sections import read_front_matter, split_sections, without_ids

# A guide slug names a file: check it before touching the filesystem.
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
INLINE_MARKUP_RE = re.compile(r"\*\*|__|`|\[([^\]]*)\]\([^)]*\)")
LIST_MARK_RE = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+", re.M)
# A line of a table of contents: a list item that is only a link to a heading of the same page.
CONTENTS_LINE_RE = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+\[[^\]]*\]\(#[^)\s]*\)\s*$")


@dataclass(frozen=True)
class GuideSection:
    anchor: str
    title: str
    level: int
    text: str


@dataclass(frozen=True)
class RenderedGuide:
    slug: str
    title: str
    description: str
    html: str
    toc: tuple  # ((anchor, title, level), ...) for the sidebar
    sections: tuple  # GuideSection, ..., the guide's own table of contents left out (search only)
    vocabulary: frozenset  # the words of those sections, lower case, for "Did you mean"


def guide_path(slug):
    """The file of the guide called `slug`, or None."""
    if not SLUG_RE.match(slug or ""):
        return None
    path = Path(settings.GUIDE_DIR) / f"{slug}.md"
    return path if path.is_file() else None


def get_rendered_guide(slug):
    path = guide_path(slug)
    if path is None:
        return None
    # Keyed on the modification time, so an edited file is rendered afresh.
    return _render(str(path), path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=16)
def _render(path, mtime_ns):
    text = Path(path).read_text(encoding="utf-8")
    meta, body, body_start = read_front_matter(text, Path(path).name)
    body = without_ids(body)  # the items' `{#id}` marks are for the loader, not the reader
    md = markdown.Markdown(extensions=["tables", "toc", "sane_lists"])
    html = md.convert(body)
    toc = tuple(_flatten(md.toc_tokens))
    title = toc[0][1] if toc and toc[0][2] == 1 else str(meta.get("title", Path(path).stem))
    sections = tuple(_sections(body, body_start))
    return RenderedGuide(
        slug=Path(path).stem,
        title=title,
        description=str(meta.get("description", "")),
        html=html,
        toc=tuple(entry for entry in toc if entry[2] in (2, 3)),
        sections=sections,
        vocabulary=vocabulary(f"{section.title}\n{section.text}" for section in sections),
    )


def _flatten(tokens):
    for token in tokens:
        yield (token["id"], html.unescape(token["name"]), token["level"])
        yield from _flatten(token["children"])


def plain_text(markdown_text):
    text = INLINE_MARKUP_RE.sub(lambda m: m.group(1) or "", markdown_text)
    return LIST_MARK_RE.sub("", text)


def is_table_of_contents(markdown_text):
    """True when `markdown_text` (a section's own Markdown) is nothing but links to the page's headings.

    Such a section repeats every heading's title, so a search would list it for any word; it is
    recognised by its shape, not its title, so a guide in any language or wording is covered.
    """
    lines = [line for line in markdown_text.splitlines() if line.strip()]
    return bool(lines) and all(CONTENTS_LINE_RE.match(line) for line in lines)


def _sections(body, body_start):
    root = split_sections(body, body_start)
    for section in root.walk():
        text = section.text()
        if section.level >= 2 and not is_table_of_contents(text):
            yield GuideSection(section.anchor, section.title, section.level, plain_text(text))
