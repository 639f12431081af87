"""Markdown notes as a table of stories: one story per heading, one column per label.

Shapes read (`from_markdown(text)`):

    ### [Scale + Ownership] Replaced a nightly batch      <- a story: its heading is the title,
    **S (Situation):** Partner reports arrived late.       <- the bracketed words a "Heading labels" column
    **T:** Make them arrive within the hour.               <- S, T, A, R, C, L and their words
    **Action:** Split the job…                             <- bold labels, with the colon in or out
    ### Result                                             <- or a sub-heading named as a part
    Reports arrived in under 40 minutes.                   <- (text until the next label is the label's)
    Status: Ready                                          <- plain "Label: text" when the label is known

Stories are the deepest headings that are not part names; text before a story's first label goes to
a "Notes" column, `---` lines are dropped. The table then goes through the column-mapping step
(mapping.py), so S and T fill Challenge, A the Decision and Execution, R the Member Impact, and the
rest is kept as a note. `from_markdown_pages([(filename, text)])` reads the pages of a Notion export,
a page without a story heading being one story named after its file. Raises ImportFileError when the
text has no heading nor label.
"""

import re

from .mapping import guess
from .names import normal
from .records import ImportFileError
from .tables import MAX_ROWS, Table, checked

HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")
BOLD_LABEL = re.compile(r"^\s*(?:[-*]\s+)?\*\*([^*\n]{1,60}?)(?::\*\*|\*\*\s*:)\s*(.*)$")
PLAIN_LABEL = re.compile(r"^\s*([A-Za-zÀ-ÿ][\w /()&+-]{0,39}):[ \t]*(.*)$")
RULE = re.compile(r"^\s*(-{3,}|\*{3,}|_{3,})\s*$")
LETTERS = {"s": "situation", "t": "task", "a": "action", "r": "result", "c": "context", "l": "learning"}
PART_WORDS = {"challenge", "action", "decision", "execution", "communication", "impact", "note"}
NOTION_ID = re.compile(r"\s+[0-9a-f]{32}$")


def label_key(label):
    """"S (Situation)" and "S" are both "situation"; "Best for questions about" stays itself."""
    inner = re.findall(r"\(([^)]*)\)", label)
    key = normal(inner[0] if inner and guess(inner[0]) != "ignore" else re.sub(r"\(.*?\)", "", label))
    return LETTERS.get(key, key)


def _is_part_heading(text):
    return guess(text) in PART_WORDS and len(text) <= 40


def _label_of(line):
    """(key, shown label, rest of the line) for a labelled line, else None."""
    match = BOLD_LABEL.match(line)
    if match is None:
        match = PLAIN_LABEL.match(line)
        if match is None or guess(label_key(match.group(1))) == "ignore":
            return None
    label = match.group(1).strip()
    shown = LETTERS[label.lower()].title() if label.lower() in LETTERS else label  # "L" reads "Learning"
    return label_key(label), shown, match.group(2)


def from_markdown(text, kind="Markdown"):
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    headings = [(i, len(m.group(1)), m.group(2).strip()) for i, line in enumerate(lines)
                if (m := HEADING.match(line))]
    story_levels = [level for _, level, title in headings if not _is_part_heading(title)]
    level = max(story_levels) if story_levels else None
    starts = [(i, title) for i, lv, title in headings if lv == level and not _is_part_heading(title)]
    if not starts:
        if not headings and not any(_label_of(line) for line in lines):
            raise ImportFileError("These Markdown notes have no heading per story and no labelled lines "
                                  "(such as “**Situation:**” or “### Action”), so no story can be read.")
        starts = [(-1, "")]
    columns, shown, stories = {"heading": "Heading"}, {}, []
    bounds = [i for i, _ in starts[1:]] + [len(lines)]
    for (start, title), end in zip(starts, bounds, strict=True):
        bracket = re.match(r"^\[([^\]]*)\]\s*(.*)$", title)
        cells = {"heading": bracket.group(2) if bracket else title}
        if bracket:
            columns.setdefault("heading labels", "Heading labels")
            cells["heading labels"] = bracket.group(1)
        key = "notes"
        for line in lines[start + 1:end]:
            heading = HEADING.match(line)
            labelled = _label_of(line) if heading is None else (
                (label_key(heading.group(2)), heading.group(2).strip(), "")
                if _is_part_heading(heading.group(2)) else None)
            if labelled is not None:
                key, label, line = labelled
                columns.setdefault(key, shown.setdefault(key, label))
            elif RULE.match(line):
                continue
            if key == "notes":
                columns.setdefault("notes", "Notes")
            cells[key] = f"{cells[key]}\n{line}" if key in cells else line
        stories.append(cells)
        if len(stories) > MAX_ROWS:
            break
    keys = list(columns)
    rows = [(number, ["\n".join(ln for ln in cells.get(k, "").split("\n")).strip() for k in keys])
            for number, cells in enumerate(stories, start=1)]
    rows = [(number, cells) for number, cells in rows if any(cells)]
    return checked(Table(kind, [columns[k] for k in keys], rows, row_label="Story"))


def from_markdown_pages(pages):
    """A Notion export's pages: each is a story (its first heading, or its file name, is the title)."""
    parts = []
    for name, text in pages:
        stem = NOTION_ID.sub("", name.rsplit("/", 1)[-1].rsplit(".", 1)[0])
        body = text.strip()
        first = HEADING.match(body.split("\n", 1)[0]) if body else None
        parts.append(re.sub(r"^#{1,6}", "#", body, count=1) if first else f"# {stem}\n{body}")
    return from_markdown("\n\n".join(parts), kind="Notion export")
