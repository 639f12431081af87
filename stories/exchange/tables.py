"""Someone else's stories as a table of text cells, whatever file they came in.

`Table(kind, headers, rows)`: rows are (number, cells), the number being what the user sees (a CSV's
or sheet's row, a Markdown story's position). Readers, each raising ImportFileError with what was
found when the file holds no table of stories:

- `from_csv(text)`: any CSV (commas, semicolons or tabs);
- `from_xlsx(raw)`: the first sheet of an Excel workbook (openpyxl, values not formulas);
- `from_json(document)`: another tool's JSON, a list of objects (or an object holding one) whose fields
  say what they are (title, situation, task, action, result, tags…);
- `from_zip(raw)`: a Notion export, its database CSV, or its Markdown pages (markdown_notes.py).

Archives are opened only after their directory shows at most MAX_UNZIPPED bytes and MAX_MEMBERS files,
and each member is read with that limit, so a zip bomb is refused, not expanded.
"""

import io
import json
import zipfile
from dataclasses import dataclass

from .csv_rows import csv_table
from .mapping import guess
from .records import ImportFileError, shown
from .text_files import decode

MAX_UNZIPPED = 20 * 1024 * 1024
MAX_MEMBERS = 500
MAX_ROWS = 2000
MAX_COLUMNS = 100
LIST_KEYS = ("stories", "items", "entries", "records", "data", "results", "rows")


@dataclass
class Table:
    kind: str  # "CSV", "Excel workbook", "JSON", "Markdown", "Notion export"
    headers: list
    rows: list  # (number, [cells])
    row_label: str = "Row"

    def numbered_rows(self):
        return self.rows


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ", ".join(_cell(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def checked(table):
    if len(table.headers) > MAX_COLUMNS:
        raise ImportFileError(f"The table has {len(table.headers):,} columns; an import reads at most {MAX_COLUMNS}.")
    if len(table.rows) > MAX_ROWS:
        raise ImportFileError(f"The table has {len(table.rows):,} rows; an import reads at most {MAX_ROWS:,}.")
    return table


def from_csv(text, kind="CSV"):
    header, rows = csv_table(text)
    return checked(Table(kind, [h.strip() for h in header], rows))


def safe_zip(raw):
    """An open ZipFile whose members may be read within MAX_UNZIPPED; ImportFileError otherwise."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        raise ImportFileError(f"The zip archive cannot be opened: {exc}.") from exc
    total = sum(info.file_size for info in infos)
    if len(infos) > MAX_MEMBERS or total > MAX_UNZIPPED:
        archive.close()
        raise ImportFileError(
            f"The archive unpacks to {total:,} bytes in {len(infos):,} files; an import reads at most "
            f"{MAX_UNZIPPED // (1024 * 1024)} MB in {MAX_MEMBERS} files."
        )
    return archive


def read_member(archive, name):
    """A member's bytes, read no further than MAX_UNZIPPED whatever its directory claims."""
    try:
        with archive.open(name) as member:
            data = member.read(MAX_UNZIPPED + 1)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise ImportFileError(f"“{name}” in the archive cannot be read: {exc}.") from exc
    if len(data) > MAX_UNZIPPED:
        raise ImportFileError(f"“{name}” in the archive unpacks to more than {MAX_UNZIPPED:,} bytes.")
    return data


def from_xlsx(raw):
    import openpyxl  # only the spreadsheet import needs it

    with safe_zip(raw):
        pass  # the size check, before openpyxl expands anything
    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise ImportFileError(f"The Excel workbook cannot be read: {exc.__class__.__name__}.") from exc
    try:
        sheet = book.worksheets[0]
        lines = []
        for row in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1):
            lines.append([_cell(value) for value in row])
            if len(lines) > MAX_ROWS + 1:
                break
    finally:
        book.close()
    while lines and not any(cell.strip() for cell in lines[0]):
        lines.pop(0)
    if not lines:
        raise ImportFileError("The workbook's first sheet is empty: put a header row and a row per story there.")
    width = max(len(line) for line in lines)
    header = [h.strip() for h in lines[0]] + [""] * (width - len(lines[0]))
    while header and not header[-1]:
        header.pop()
    rows = [(number, (line + [""] * width)[: len(header)]) for number, line in enumerate(lines[1:], start=2)
            if any(cell.strip() for cell in line)]
    return checked(Table("Excel workbook", header, rows))


def from_json(document):
    """Another tool's stories: a list of objects, or an object holding one under "stories", "items"…"""
    items = document
    if isinstance(document, dict):
        items = next((document[key] for key in LIST_KEYS if isinstance(document.get(key), list)), [document])
    if not isinstance(items, list) or not items or not all(isinstance(item, dict) for item in items):
        raise ImportFileError("This JSON file holds no list of stories: a Story Bank export has "
                              "“format”, “version” and “stories”; another tool's file needs a list of objects "
                              "with fields such as title, situation, task, action and result.")
    headers = list(dict.fromkeys(key for item in items for key in item))
    if not any(guess(key) in ("challenge", "action", "decision", "execution", "impact") for key in headers):
        found = ", ".join(shown(key) for key in headers[:12])
        raise ImportFileError(
            f"This JSON file's stories have the fields {found}, none of which says which part of a story it "
            "is. Name them title, situation, task, action and result (or challenge, decision, execution, "
            "communication, impact), or import a Story Bank export."
        )
    rows = [(number, [_cell(item.get(key)) for key in headers]) for number, item in enumerate(items, start=1)]
    return checked(Table("JSON", headers, rows, row_label="Story"))


def from_zip(raw):
    """A Notion export: its database CSV if it has one, or else its Markdown pages."""
    from .markdown_notes import from_markdown_pages

    with safe_zip(raw) as archive:
        names = [info.filename for info in archive.infolist() if not info.is_dir()]
        csvs = [n for n in names if n.lower().endswith(".csv") and not n.lower().endswith("_all.csv")]
        csvs = csvs or [n for n in names if n.lower().endswith(".csv")]
        pages = [n for n in names if n.lower().endswith((".md", ".markdown"))]
        if csvs:
            text, _ = decode(read_member(archive, csvs[0]), legacy=True)
            table = from_csv(text, kind="Notion export")
            return table, [f"Read “{csvs[0]}” from the archive" + (
                f"; {len(names) - 1} other file{'s' if len(names) > 2 else ''} left aside." if len(names) > 1 else ".")]
        if pages:
            texts = [(name, decode(read_member(archive, name))[0]) for name in sorted(pages)]
            return from_markdown_pages(texts), [f"Read {len(pages)} Markdown page{'s' if len(pages) > 1 else ''} "
                                                "from the archive."]
    listed = ", ".join(names[:5]) or "nothing"
    raise ImportFileError(f"This zip archive holds {listed}: no CSV or Markdown file to import. "
                          "Import a Notion export (its zip of CSV and Markdown), a CSV, an .xlsx or a JSON file.")
