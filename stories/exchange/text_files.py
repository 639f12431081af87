"""Text as spreadsheets and editors save it: the encoding, the separator, the cells they mangle.

`decode(raw, *, legacy=False)` reads UTF-8 (with or without a byte-order mark) and, with `legacy`, a
Windows-1252 file (Excel's "CSV" on Windows), returning (text, note); ImportFileError says where the
file stops being text and how to save it as UTF-8. `delimiter(text)` says which of comma, semicolon
or tab separates a CSV header. `mangled(cell)` is the spreadsheet error ("#NAME?") a cell holds, if any.
"""

import re

from .records import ImportFileError

SAVE_AS_UTF8 = ("Save the file as UTF-8 (in Excel: File › Save As › “CSV UTF-8 (Comma delimited)”; "
                "in Numbers or Google Sheets, export as CSV, which is UTF-8) and upload it again.")
# Bytes Windows-1252 leaves undefined: a file holding one is not Windows-1252 text either.
CP1252_UNDEFINED = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SPREADSHEET_ERRORS = re.compile(r"#(NAME\?|VALUE!|REF!|DIV/0!|N/A|NUM!|NULL!|SPILL!|CALC!)")


def decode(raw, *, legacy=False):
    """(text, note): the note says when the file was read as Windows-1252 rather than UTF-8."""
    try:
        return raw.decode("utf-8-sig"), ""
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = raw[exc.start]
        problem = ImportFileError(
            f"The file is not UTF-8 text: the byte 0x{byte:02X} at line {line}, column {column} "
            f"is not valid UTF-8. {SAVE_AS_UTF8}"
        )
    if legacy and not CP1252_UNDEFINED.search(raw):
        text = raw.decode("cp1252")
        if not CONTROL.search(text):
            return text, ("The file is not UTF-8; it was read as Windows-1252 (what Excel on Windows saves), "
                          "so check the accents and quotes in the preview.")
    raise problem


def delimiter(text):
    """The separator of the header row: the most frequent of comma, semicolon and tab outside quotes."""
    first, quoted = [], False
    for ch in text[:20_000]:
        if ch == '"':
            quoted = not quoted
        elif ch in "\r\n" and not quoted:
            break
        elif not quoted:
            first.append(ch)
    counts = {sep: first.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def mangled(cell):
    """The spreadsheet error a whole cell holds ("#NAME?"), or None."""
    if isinstance(cell, str) and (match := SPREADSHEET_ERRORS.fullmatch(cell.strip())):
        return match.group(0)
    return None


def printable(text):
    """`text` for a page or a message: an unpaired surrogate (from a JSON \\ud800 escape) becomes "?"."""
    return str(text).encode("utf-8", "replace").decode("utf-8")
