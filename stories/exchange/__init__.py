"""Import and export of the story bank.

The formats that import back: document.py (the versioned JSON document, schema/ describes it) and
csv_rows.py (the same fields as CSV rows), both built on records.py (one story as a record, written
and checked). The import: plan.py says what a file would do, apply.py writes it; sources.py reads any upload
(sniff.py recognises it; tables.py and markdown_notes.py read someone else's stories as a table,
mapping.py and mapping_form.py are the column-mapping step; names.py reads the guide's names;
text_files.py the encodings and separators); template_files.py writes the import templates. The formats to read
and drill: markdown.py, coverage_matrix.py, printing.py (the print view), anki.py. formats.py lists
the downloads; views.py and urls.py are the pages.

The names below are what the rest of the project (the management commands, tests) uses.
"""

from .anki import (
    ANKI_DECK_ID,
    ANKI_MODEL_ID,
    ANKI_STORY_MODEL_ID,
    ANKI_VALUE_MODEL_ID,
    anki_package,
    shorten,
    stable_id,
)
from .apply import apply_plan
from .coverage_matrix import coverage_csv_text, coverage_summary
from .csv_rows import CSV_COLUMNS, csv_text, read_csv
from .document import FORMAT, VERSION, dumps, export_document, read_json
from .formats import FORMATS, STORY_FORMATS
from .markdown import ends_cleanly, markdown_text, md_escape, part_markdown, seal
from .plan import MAX_IMPORT_BYTES, ImportPlan, plan_import, size_problem
from .printing import print_context
from .records import STORY_FIELDS, ImportFileError, StoryData, check_record, story_record

__all__ = [
    "ANKI_DECK_ID", "ANKI_MODEL_ID", "ANKI_STORY_MODEL_ID", "ANKI_VALUE_MODEL_ID", "CSV_COLUMNS", "FORMAT", "FORMATS", "MAX_IMPORT_BYTES", "STORY_FIELDS",
    "STORY_FORMATS", "VERSION", "ImportFileError", "ImportPlan", "StoryData", "anki_package", "apply_plan",
    "check_record", "coverage_csv_text", "coverage_summary", "csv_text", "dumps", "ends_cleanly",
    "export_document", "markdown_text", "md_escape", "part_markdown", "plan_import", "print_context",
    "read_csv", "read_json", "seal", "shorten", "size_problem", "stable_id", "story_record",
]
