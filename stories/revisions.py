"""Readable differences between a revision of a story and its current text."""

import difflib
import re
from dataclasses import dataclass

TOKEN_RE = re.compile(r"\S+|\s+")  # a word, or the space between: "end." still matches before a new sentence


@dataclass(frozen=True)
class FieldDiff:
    label: str
    segments: tuple  # ((kind, text), ...) with kind in "equal", "insert", "delete"

    @property
    def changed(self):
        return any(kind != "equal" for kind, _ in self.segments)


def word_diff(old, new):
    """Word-level segments that turn `old` into `new`."""
    a, b = TOKEN_RE.findall(old or ""), TOKEN_RE.findall(new or "")
    runs = []  # [equal?, old text, new text]; a lone space between two changes joins them into one
    opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        old_text, new_text = "".join(a[i1:i2]), "".join(b[j1:j2])
        between = 0 < index < len(opcodes) - 1 and old_text.isspace()
        equal = op == "equal" and not between
        if runs and not equal and not runs[-1][0]:
            runs[-1][1] += old_text
            runs[-1][2] += new_text
        else:
            runs.append([equal, old_text, new_text])
    segments = []
    for equal, old_text, new_text in runs:
        if equal:
            segments.append(("equal", old_text))
            continue
        if old_text:
            segments.append(("delete", old_text))
        if new_text:
            segments.append(("insert", new_text))
    return tuple(segments)


def story_diff(old, new, fields):
    """`old`, `new`: mappings of field name -> text; `fields`: (name, label) pairs, in display order."""
    return [FieldDiff(label, word_diff(old.get(name, ""), new.get(name, ""))) for name, label in fields]


TAG_FIELDS = {
    "values": ("Values", "name"),
    "questions": ("Questions", "text"),
    "themes": ("Themes", "name"),
    "tags": ("Tags", "name"),
}


def tag_changes(record, story):
    """[(label, removed names, added names)] between a revision's tags and the story's current ones."""
    changes = []
    for field, (label, attr) in TAG_FIELDS.items():
        model = story._meta.get_field(field).related_model
        then_ids = {getattr(row, f"{model._meta.model_name}_id") for row in getattr(record, field).all()}
        now_ids = set(getattr(story, field).values_list("pk", flat=True))
        if then_ids != now_ids:
            names = dict(model.objects.filter(pk__in=then_ids | now_ids).values_list("pk", attr))
            changes.append(
                (
                    label,
                    sorted(names.get(i, "(since removed)") for i in then_ids - now_ids),
                    sorted(names[i] for i in now_ids - then_ids),
                )
            )
    return changes

