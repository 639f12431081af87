"""CSV rows of the document's fields, one row per story, for a spreadsheet and back.

`csv_text(stories)` writes them; `read_csv(text)` reads such a file (its columns in any order) as the
records that the import checks one by one.
"""

import csv
import io
import re

from .records import LINK_FIELDS, STORY_FIELDS, ImportFileError, ordered_for_export, shown, story_record

CSV_COLUMNS = STORY_FIELDS
SEMICOLON_HINT = " The file seems to use semicolons; save it with commas."


def csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(value)  # tag names cannot hold commas (the editor splits on them), slugs neither
    return str(value)


def csv_text(stories):
    """One row per story, the document's fields as columns; starts with a byte-order mark."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)  # RFC 4180: CRLF rows, fields with , " CR LF quoted, quotes doubled
    writer.writerow(CSV_COLUMNS)
    for story in ordered_for_export(stories):
        record = story_record(story)
        writer.writerow([csv_cell(record[column]) for column in CSV_COLUMNS])
    return out.getvalue()


def _csv_value(column, cell):
    """A CSV cell as the JSON document would hold it; odd cells pass through for the checks to report."""
    if column in LINK_FIELDS:
        return cell.replace(",", " ").replace(";", " ").split()
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
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            raise ImportFileError("The file is empty: a CSV file needs its header row first.")
        names = [name.strip().lower() for name in header]
        missing = [c for c in CSV_COLUMNS if c not in names]
        unknown = [name for name in names if name not in CSV_COLUMNS]
        if len(missing) == len(CSV_COLUMNS):
            raise ImportFileError(
                "The CSV file's first row must be the header of a Story Bank export "
                f"({', '.join(CSV_COLUMNS)}); this file's first row is {shown(','.join(header), 60)}."
                + (SEMICOLON_HINT if ";" in "".join(header) else "")
            )
        if missing or unknown or len(set(names)) != len(names):
            hint = SEMICOLON_HINT if len(header) == 1 and ";" in header[0] else ""
            details = "; ".join(filter(None, [
                f"missing: {', '.join(missing)}" if missing else "",
                f"not expected: {', '.join(shown(n) for n in unknown)}" if unknown else "",
                "a column appears twice" if len(set(names)) != len(names) else "",
            ]))
            raise ImportFileError(
                f"The CSV header (row 1) is not a Story Bank export's ({details}). "
                f"The columns are: {', '.join(CSV_COLUMNS)}.{hint}"
            )
        records = []
        for number, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(names):
                raise ImportFileError(
                    f"Row {number} has {len(row)} cells; the header has {len(names)} columns. "
                    "Check for a missing or extra comma or quote."
                )
            record = {name: _csv_value(name, cell) for name, cell in zip(names, row, strict=True)}
            records.append((f"Row {number}", record))
    except csv.Error as exc:
        raise ImportFileError(f"The CSV file cannot be read at line {reader.line_num}: {exc}.") from exc
    return records
