"""An uploaded file as the records the import checks, whatever shape it came in.

`read_source(raw, mapping_data, names)` recognises the file by its content (sniff.py) and returns a
Source: for this product's JSON or CSV (or an .xlsx with its columns) the records straight away; for
someone else's table (a CSV or .xlsx with other headers, Markdown notes, a Notion export, another
tool's JSON) the Table and the Mapping, guessed (`needs_mapping`) until the user has confirmed one
(`mapping_data`, as Mapping.as_data() keeps it), then the mapped records. Raises ImportFileError
with what was recognised when the file cannot be read.
"""

import json
from dataclasses import dataclass, field

from . import mapping as mapping_step
from .csv_rows import csv_table, is_own_header, own_records
from .document import read_document
from .markdown_notes import from_markdown
from .records import ImportFileError
from .sniff import refusal
from .tables import Table, from_json, from_xlsx, from_zip
from .text_files import decode


@dataclass
class Source:
    kind: str
    records: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    table: object = None  # a Table when the file went through the mapping step
    mapping: object = None
    needs_mapping: bool = False
    prep: object = None  # the "plan" object of a version 2 or 3 document (see prep.py), or None
    version: int = 0  # the document's format version (0 for anything else)


def _json_source(text):
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        document = None  # read_document words the problem
    own = isinstance(document, dict) and ({"format", "version"} & set(document))
    if document is None or own or document == [] or not isinstance(document, dict | list):
        records, prep, version = read_document(text)  # this product's document, or read_document words the problem
        return Source("JSON", records, prep=prep, version=version)
    return from_json(document)


def _table(kind, raw):
    """A Source for this product's columns, or the Table of someone else's."""
    if kind == "json":
        text, _ = decode(raw)
        return _json_source(text), []
    if kind == "xlsx":
        return from_xlsx(raw), []
    if kind == "zip":
        return from_zip(raw)
    text, note = decode(raw, legacy=True)
    notes = [note] if note else []
    if kind == "markdown":
        return from_markdown(text), notes
    header, rows = csv_table(text)
    if is_own_header(header):
        records, more = own_records(header, rows)
        return Source("CSV", records, notes + more), []
    return Table("CSV", [h.strip() for h in header], rows), notes


def read_source(raw, kind, mapping_data, names):
    if (refused := refusal(kind, raw)) is not None:
        raise ImportFileError(refused)
    found, notes = _table(kind, raw)
    if isinstance(found, Source):
        found.notes = notes + found.notes
        return found
    table = found
    if is_own_header(table.headers):  # an .xlsx or Notion CSV with this product's columns
        records, more = own_records(table.headers, table.rows)
        return Source(table.kind, records, notes + more)
    if not table.rows:
        raise ImportFileError(f"The {table.kind} has headers ({', '.join(table.headers[:8])}) but no story rows.")
    chosen = mapping_step.Mapping.from_data(mapping_data, table.headers)
    source = Source(table.kind, notes=notes, table=table, mapping=chosen or mapping_step.Mapping.guessed(table.headers))
    if chosen is None:
        source.needs_mapping = True
        return source
    built = mapping_step.records(table, chosen, names)
    source.records, source.notes = built.records, notes + built.notes
    return source
