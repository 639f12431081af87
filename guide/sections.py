"""The shape of a guide file: its YAML front matter and its tree of headings, and the helpers that read
the lists under a heading. parser.py turns them into the guide's data; rendering.py uses the same tree.
Every error names the line of the file it is about.
"""

import re
from dataclasses import dataclass, field

import yaml
from markdown.extensions.toc import slugify as toc_slugify


class GuideFormatError(ValueError):
    def __init__(self, message, line=None, path=None):
        self.message = message
        self.line = line
        self.path = path
        where = f"{path or 'guide'}"
        if line:
            where += f", line {line}"
        super().__init__(f"{where}: {message}")


def slugify(text):
    """The anchor Python-Markdown's toc extension gives a heading with this text."""
    return toc_slugify(text, "-")


# An item's id, given in the file at the end of its heading or list item: `{#candor-feedback}`. It is the
# item's slug for good: a reworded item that keeps its id keeps its stories' tags (guide/loading.py).
ID_MARK_RE = re.compile(r"\s*\{#([^{}]*)\}\s*$")
ID_MARK_LINES_RE = re.compile(r"[ \t]*\{#[^{}\n]*\}[ \t]*$", re.M)
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ID_MAX_LENGTH = 120  # GuideItem.slug's max_length
DERIVED_MAX_LENGTH = 60


def split_id(text, line=None):
    """'Tell me… {#candor-2}' -> ('Tell me…', 'candor-2'); text without an id -> (text, None).

    Raises GuideFormatError (with `line`) for an id that is not a slug of at most 120 characters.
    """
    match = ID_MARK_RE.search(text)
    if not match:
        return text, None
    ident = match.group(1).strip()
    if not ID_RE.match(ident) or len(ident) > ID_MAX_LENGTH:
        raise GuideFormatError(
            f"the id {{#{ident}}} must be lower-case letters and digits joined by single hyphens, "
            f"at most {ID_MAX_LENGTH} characters",
            line,
        )
    return text[: match.start()], ident


def without_ids(markdown_text):
    """The file's Markdown with the `{#id}` marks taken off line ends, for rendering and search."""
    return ID_MARK_LINES_RE.sub("", markdown_text)


def text_slug(text):
    """A slug derived from an item's text, cut at a word to at most 60 characters: 'Tell me about a
    time you…' -> 'tell-me-about-a-time-you-…'. Derived once: a stored item keeps it."""
    slug = slugify(text)
    if len(slug) > DERIVED_MAX_LENGTH:
        cut = slug[: DERIVED_MAX_LENGTH + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut[:DERIVED_MAX_LENGTH]
    return slug or "item"


@dataclass
class Section:
    level: int
    title: str
    anchor: str
    line: int
    ident: str | None = None  # the heading's `{#id}`, if the file gives one
    body: list = field(default_factory=list)  # (line number, text) pairs
    children: list = field(default_factory=list)

    def child(self, anchor):
        for section in self.children:
            if section.anchor == anchor:
                return section
        return None

    def text(self):
        return "\n".join(text for _, text in self.body).strip()

    def walk(self):
        yield self
        for section in self.children:
            yield from section.walk()


FRONT_MATTER_RE = re.compile(r"\A---\n(.*?)\n---\n", re.S)
HEADING_RE = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
BULLET_RE = re.compile(r"^\s*[-*+]\s+(.*)$")
LABEL_RE = re.compile(r"^\*\*(.+?)\*\*:?\s*$")
NUMBER_PREFIX_RE = re.compile(r"^\d+\.\s*")
PARENS_RE = re.compile(r"^(.*?)\s*\((.+)\)\s*$")
QUOTED_RE = re.compile(r'^[\s"“]*(.*?)[\s"”]*$')
MARKER_RE = re.compile(r"^[^\w\"“*]+\s*")  # leading emoji such as a red flag mark


def read_front_matter(text, path=None):
    match = FRONT_MATTER_RE.match(text)
    if not match:
        raise GuideFormatError("the file must start with front matter between '---' lines", 1, path)
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        raise GuideFormatError(f"front matter is not valid YAML ({exc.problem})", line, path) from exc
    if not isinstance(meta, dict):
        raise GuideFormatError("front matter must be a mapping of keys to values", 2, path)
    body_start = text[: match.end()].count("\n") + 1
    return meta, text[match.end() :], body_start


def split_sections(body, first_line):
    """A tree of headings; each keeps the lines under it up to the next heading."""
    root = Section(0, "", "", first_line)
    stack = [root]
    seen = {}
    in_fence = False
    for offset, line in enumerate(body.split("\n")):
        number = first_line + offset
        if line.startswith("```"):
            in_fence = not in_fence
        match = None if in_fence else HEADING_RE.match(line)
        if not match:
            stack[-1].body.append((number, line))
            continue
        level = len(match.group(1))
        title, ident = split_id(match.group(2), number)
        anchor = slugify(title)
        # Same rule as the toc extension: a repeated anchor gets a _1, _2 suffix.
        if anchor in seen:
            seen[anchor] += 1
            anchor = f"{anchor}_{seen[anchor]}"
        else:
            seen[anchor] = 0
        section = Section(level, title, anchor, number, ident)
        while stack[-1].level >= level:
            stack.pop()
        stack[-1].children.append(section)
        stack.append(section)
    return root


def labelled_lists(section):
    """`**Label**:` followed by bullets (or a quoted paragraph) -> [{label, items, ids, line}]; `ids` has
    each item's `{#id}` or None."""
    groups = []
    for number, line in section.body:
        stripped = line.strip()
        if not stripped:
            continue
        label = LABEL_RE.match(stripped)
        bullet = BULLET_RE.match(line)
        if label:
            groups.append({"label": label.group(1).strip(), "items": [], "ids": [], "line": number})
        elif groups:
            text, ident = split_id(bullet.group(1) if bullet else stripped, number)
            groups[-1]["items"].append(clean_item(text))
            groups[-1]["ids"].append(ident)
        else:
            raise GuideFormatError(f"expected a '**Label**:' line, found {stripped!r}", number)
    for group in groups:
        if not group["items"]:
            raise GuideFormatError(f"the list '{group['label']}' has no items", group["line"])
    return groups


def clean_item(text):
    return QUOTED_RE.match(MARKER_RE.sub("", text.strip())).group(1)


def list_items(section, pattern=BULLET_RE):
    return [(number, m.group(1).strip()) for number, line in section.body if (m := pattern.match(line))]


def name_and_tagline(title):
    title = NUMBER_PREFIX_RE.sub("", title).strip()
    match = PARENS_RE.match(title)
    if match:
        return match.group(1).strip(), match.group(2).strip()
    return title, ""


def require(section, anchor, what, path):
    found = None
    for candidate in section.walk():
        if candidate.anchor == anchor:
            found = candidate
            break
    if found is None:
        raise GuideFormatError(f"no heading with anchor #{anchor} for the {what}", None, path)
    return found


def require_children(section, what):
    if not section.children:
        raise GuideFormatError(f"the {what} section has no sub-headings", section.line)
    return section.children
