"""The bank as an Excel workbook: the CSV's columns on a "Stories" sheet (readable names beside the
slugs, so it imports back), the coverage matrix on a "Coverage" sheet.

`xlsx_bytes(stories, owner)` returns the file. Every text cell is stored as text, never as a formula,
so a part starting with "=" or "-" comes back as written; characters a workbook cannot hold (control
characters other than tab and line breaks) are left out.
"""

import io

from .coverage_matrix import coverage_rows
from .csv_rows import csv_cell, export_rows

MAX_WIDTH = 60


def _fill(sheet, rows):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    widths = {}
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if isinstance(value, bool) or not isinstance(value, int):
                value = ILLEGAL_CHARACTERS_RE.sub("", csv_cell(value))
            cell = sheet.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text, even when it starts with "="
            widths[c] = max(widths.get(c, 8), min(MAX_WIDTH, len(str(value).split("\n")[0]) + 2))
            if r == 1:
                cell.font = Font(bold=True)
    for c, width in widths.items():
        sheet.column_dimensions[sheet.cell(row=1, column=c).column_letter].width = width
    sheet.freeze_panes = "B2"


def xlsx_bytes(stories, owner):
    import openpyxl

    book = openpyxl.Workbook()
    _fill(book.active, list(export_rows(stories)))
    book.active.title = "Stories"
    _fill(book.create_sheet("Coverage"), coverage_rows(stories, owner))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
