"""CSV rows of the document's fields, one row per story, for a spreadsheet and back.

`csv_text(stories)` writes them; `read_csv(text)` reads such a file (its columns in any order) as the
records that the import checks one by one, and `read_csv_table(text)` also returns notes for the
preview (the columns it ignored). Commas, semicolons or tabs separate the cells (text_files.py);
uuid and the times may be absent; a column the export does not write is ignored and named.
Raises ImportFileError for a header that is not the export's or a row that does not fit it.
"""

import csv
import io
import re

from .names import split_cell
from .records import LINK_FIELDS, STORY_FIELDS, ImportFileError, ordered_for_export, shown, story_record
from .text_files import delimiter

CSV_COLUMNS = STORY_FIELDS  # what the import needs: the document's fields
OPTIONAL_COLUMNS = ("uuid", "created_at", "updated_at")
# Readable names beside the slugs, for a person reading the spreadsheet. On import a name column is
# read only where its slug column is empty (the slugs win when both are filled).
READABLE_COLUMNS = {"values": "value_names", "questions": "question_texts", "themes": "theme_names",
                    "level": "level_name"}
NAME_COLUMNS = {name: slugs for slugs, name in READABLE_COLUMNS.items()}
EXPORT_COLUMNS = tuple(c for column in CSV_COLUMNS for c in (column, READABLE_COLUMNS.get(column)) if c)


# A cell a spreadsheet would run as a formula starts with one of these (OWASP's CSV injection rule);
# the export puts an apostrophe before it, and before any run of apostrophes already leading up to one,
# and the import takes exactly one away again, so the round trip stays exact.
FORMULA_START = re.compile(r"^'*[=+\-@\t\r]")


def neutralise(text):
    """`text` as a spreadsheet shows it but never runs it: "=1+1" -> "'=1+1", "'=x" -> "''=x"."""
    return "'" + text if FORMULA_START.match(text) else text


def restore(text):
    """The inverse of neutralise(): one leading apostrophe off a cell that neutralise() would have made."""
    return text[1:] if text.startswith("'") and FORMULA_START.match(text[1:]) else text


def csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, list):
        value = ", ".join(value)  # tag names cannot hold commas (the editor splits on them), slugs neither
    return neutralise(str(value))


def export_rows(stories):
    """The header and a row per story (EXPORT_COLUMNS); cells are text, numbers or None."""
    yield list(EXPORT_COLUMNS)
    for story in ordered_for_export(stories):
        record = story_record(story) | {
            "value_names": [value.name for value in story.values.all()],
            "question_texts": [question.text for question in story.questions.all()],
            "theme_names": [theme.name for theme in story.themes.all()],
            "level_name": story.level.title if story.level else None,
        }
        yield [record[column] for column in EXPORT_COLUMNS]


def csv_text(stories):
    """One row per story, the document's fields as columns with readable names beside the slugs;
    starts with a byte-order mark."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)  # RFC 4180: CRLF rows, fields with , " CR LF quoted, quotes doubled
    for row in export_rows(stories):
        writer.writerow([csv_cell(cell) for cell in row])
    return out.getvalue()


def _csv_value(column, cell):
    """A CSV cell as the JSON document would hold it; odd cells pass through for the checks to report."""
    cell = restore(cell)
    if column in LINK_FIELDS:
        return split_cell(cell)  # names may hold spaces: names.py splits "slug slug" when both are slugs
    if column == "tags":
        return [name.strip() for name in re.split(r"[,\r\n]", cell) if name.strip()]
    if column in ("uuid", "level", "created_at", "updated_at"):
        return cell.strip() or None
    if column == "team_size":
        cell = cell.strip()
        # Long digit runs stay text (int() refuses past 4,300 digits); the range check reports them.
        return int(cell) if cell.isascii() and cell.isdigit() and len(cell) <= 9 else (cell or None)
    if column == "status":
        return cell.strip().lower()
    return cell


def read_csv(text):
    """The list of (where, record) in a CSV file with the export's columns (in any order)."""
    return read_csv_table(text)[0]


def csv_table(text):
    """(header, [(row number, cells)]) of a CSV text, blank rows left out; ImportFileError when unreadable."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text))
    try:
        header = next(reader, None)
        if header is None:
            raise ImportFileError("The file is empty: a CSV file needs its header row first.")
        rows = [(number, row) for number, row in enumerate(reader, start=2) if any(cell.strip() for cell in row)]
    except csv.Error as exc:
        raise ImportFileError(f"The CSV file cannot be read at line {reader.line_num}: {exc}.") from exc
    return header, rows


def is_own_header(header):
    """True for the export's header (any order; uuid and the times may be missing, extra columns may be added)."""
    names = {str(name).strip().lower() for name in header}
    return all(column in names for column in CSV_COLUMNS if column not in OPTIONAL_COLUMNS)


def read_csv_table(text):
    """(records, notes): the (where, record) pairs and what the preview should say about the columns."""
    return own_records(*csv_table(text))


def own_records(header, rows):
    """(records, notes) of a table with the export's columns; ImportFileError for a header that is not it."""
    notes = []
    names = [str(name).strip().lower() for name in header]
    known = [name for name in names if name in CSV_COLUMNS or name in NAME_COLUMNS]
    missing = [c for c in CSV_COLUMNS if c not in names and c not in OPTIONAL_COLUMNS]
    unknown = [str(header[i]).strip() for i, name in enumerate(names) if name not in known]
    if not known:
        raise ImportFileError(
            "The CSV file's first row must be the header of a Story Bank export "
            f"({', '.join(CSV_COLUMNS)}); this file's first row is {shown(','.join(header), 60)}."
        )
    if missing or len(set(known)) != len(known):
        details = "; ".join(filter(None, [
            f"missing: {', '.join(missing)}" if missing else "",
            "a column appears twice" if len(set(known)) != len(known) else "",
        ]))
        raise ImportFileError(
            f"The CSV header (row 1) is not a Story Bank export's ({details}). "
            f"The columns are: {', '.join(CSV_COLUMNS)} (uuid and the times may be left out)."
        )
    if unknown:
        notes.append(f"Ignored column{'s' if len(unknown) > 1 else ''} (not Story Bank fields): "
                     f"{', '.join(shown(name) for name in unknown)}.")
    records = []
    for number, row in rows:
        if len(row) != len(names):
            raise ImportFileError(
                f"Row {number} has {len(row)} cells; the header has {len(names)} columns. "
                "Check for a missing or extra comma or quote."
            )
        cells = dict(zip(names, row, strict=True))
        for name, slugs in NAME_COLUMNS.items():
            if cells.get(name, "").strip() and not cells.get(slugs, "").strip():
                cells[slugs] = cells[name]  # the names where the slugs were left empty
        record = {name: _csv_value(name, cell) for name, cell in cells.items() if name in CSV_COLUMNS}
        records.append((f"Row {number}", record))
    return records, notes
