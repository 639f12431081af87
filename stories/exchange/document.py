"""The versioned JSON document: the complete backup, the format that imports back with every field.

`export_document(stories, owner=...)` builds it (schema/storybank-v3.schema.json describes it; version 2
added the "plan": prep plan settings, ticks and debriefs, prep.py; version 3 adds to it the speaking
pace, the stories-per-value target and the appearance, in "plan.settings", and the loop plan,
"plan.loop", loop.py), `dumps()` writes it, and `read_document(text)` reads a file of version 1, 2 or 3
back as the records that the import checks one by one, the plan object (None in version 1) and the
version.
"""

import json

from django.utils import timezone

from stories.structure import default_guide

from .prep import plan_record
from .records import ImportFileError, isoformat, kind_of, ordered_for_export, shown, story_record

FORMAT = "storybank"
VERSION = 3
READS = (1, 2, 3)  # version 1 files (stories only) and version 2 ones (no pace, target or loop) still import
DOCUMENT_FIELDS = ("format", "version", "exported_at", "guide", "stories", "plan")


def export_document(stories, guide=None, owner=None):
    """The versioned document for a queryset of stories; with `owner`, also their prep plan ("plan")."""
    document = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": isoformat(timezone.now()),
        "guide": (guide or default_guide()).slug,
        "stories": [story_record(story) for story in ordered_for_export(stories)],
    }
    if owner is not None:
        document["plan"] = plan_record(owner)
    return document


def dumps(document):
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def read_json(text):
    """The list of (where, record) in a JSON document; ImportFileError for a document that is not one."""
    return read_document(text)[0]


def read_document(text):
    """(the list of (where, record), the "plan" object or None, the version); ImportFileError for a file
    that is not a Story Bank document of a version this site reads (READS)."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        message = exc.msg[:1].lower() + exc.msg[1:]
        raise ImportFileError(
            f"The file is not valid JSON: {message} at line {exc.lineno}, column {exc.colno}."
        ) from exc
    except RecursionError as exc:
        raise ImportFileError("The file is not valid JSON: its lists or objects nest too deeply.") from exc
    except ValueError as exc:  # e.g. a number with thousands of digits
        raise ImportFileError(f"The file is not valid JSON: {exc}") from exc
    if not isinstance(document, dict):
        raise ImportFileError(
            f"This is not a Story Bank export: the file holds {kind_of(document)}, "
            "not an object with “format”, “version” and “stories”."
        )
    if "format" not in document:
        raise ImportFileError("This is not a Story Bank export: the field “format” is missing.")
    if document["format"] != FORMAT:
        raise ImportFileError(
            f"This is not a Story Bank export: “format” is {shown(document['format'])}, not “{FORMAT}”."
        )
    if "version" not in document:
        raise ImportFileError("The field “version” is missing: it says which version of the format it is.")
    version = document["version"]
    if not isinstance(version, int) or isinstance(version, bool):
        raise ImportFileError(f"“version” must be a whole number, not {kind_of(version)} ({shown(version)}).")
    if version not in READS:
        raise ImportFileError(
            f"This file is version {version} of the Story Bank format; this site reads versions "
            f"{', '.join(map(str, READS[:-1]))} and {READS[-1]}."
        )
    unknown = [key for key in document if key not in DOCUMENT_FIELDS or (key == "plan" and version < 2)]
    if unknown:
        raise ImportFileError(f"Unknown field {shown(unknown[0])} at the top of the file.")
    guide = document.get("guide")
    if guide is not None:
        if not isinstance(guide, str):
            raise ImportFileError(f"“guide” must be text, not {kind_of(guide)}.")
        expected = default_guide().slug
        if guide != expected:
            raise ImportFileError(
                f"The file's stories refer to the guide {shown(guide)}; this site's stories use “{expected}”."
            )
    if "stories" not in document:
        raise ImportFileError("The field “stories” is missing.")
    stories = document["stories"]
    if not isinstance(stories, list):
        raise ImportFileError(f"“stories” must be a list of stories, not {kind_of(stories)}.")
    records = [(f"Story {number}", record) for number, record in enumerate(stories, start=1)]
    return records, document.get("plan"), version
