"""The download formats: a name, a file extension, a content type and the function that writes it.

The export page lists them, the download views and `manage.py export_bank` write them.
"""

from dataclasses import dataclass

from .anki import anki_package
from .coverage_matrix import coverage_csv_text
from .csv_rows import csv_text
from .document import dumps, export_document
from .markdown import markdown_text
from .workbook import xlsx_bytes


@dataclass(frozen=True)
class Format:
    key: str
    label: str
    extension: str
    content_type: str
    build: object  # (stories, user) -> str or bytes
    description: str


FORMATS = {
    f.key: f
    for f in [
        Format("md", "Markdown", "md", "text/markdown; charset=utf-8",
               lambda stories, user: markdown_text(stories, user),
               "One file to read, share with a mentor or keep in notes: grouped by value, the five parts, "
               "tags and time."),
        Format("json", "JSON", "json", "application/json",
               lambda stories, user: dumps(export_document(stories, owner=user)),
               "The complete backup, every field, with your settings, loop plan, prep plan and debriefs; import it back here."),
        Format("csv", "CSV", "csv", "text/csv; charset=utf-8",
               lambda stories, user: csv_text(stories),
               "One row per story for a spreadsheet; import it back here."),
        Format("xlsx", "Excel workbook", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
               lambda stories, user: xlsx_bytes(stories, user),
               "The CSV's columns with readable names, and the coverage matrix on a second sheet; imports back."),
        Format("coverage", "Coverage matrix (CSV)", "csv", "text/csv; charset=utf-8",
               lambda stories, user: coverage_csv_text(stories, user),
               "Values down, stories across: which story tells which value."),
        Format("apkg", "Anki deck", "apkg", "application/octet-stream",
               lambda stories, user: anki_package(stories),
               "A card per question you have a story for, to drill: the question in front, your stories "
               "in short on the back."),
    ]
}
STORY_FORMATS = ("md", "json", "csv", "xlsx", "apkg")  # a single story's page offers these
