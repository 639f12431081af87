"""A whole story pasted at once, split into the five parts (the editor's "paste a whole story" box).

`split_story(text, action="split")` reads labelled text: S/T/A/R, CARL (Context, Action, Result,
Learning), SAR, the guide's part names ("Autonomous Decision:"), as bold labels (`**S (Situation):**`),
plain labels (`Result: …`) or sub-headings (`### Action`), with the rules of Markdown notes
(markdown_notes.py) and the column guesses of the mapping step (mapping.py). It returns

    {"parts": {"challenge": …, "decision": …, "execution": …, "communication": …, "impact": …},
     "title": the heading, if any, "notes": labelled text that is no part (Learning: …),
     "found": [[label, part name], …], "error": "" or why nothing could be split}

and raises nothing. The view in views.py serves it as JSON to static/js/story-paste.js.
"""

from .mapping import PART_ORDER, TARGETS, guess, split_action
from .markdown_notes import from_markdown
from .records import ImportFileError

MAX_PASTE = 50_000  # characters: five full parts


def split_story(text, action="split"):
    parts = dict.fromkeys(PART_ORDER, "")
    result = {"parts": parts, "title": "", "notes": "", "found": [], "error": ""}
    try:
        table = from_markdown(text)
    except ImportFileError:
        table = None
    if table is None or not table.rows:
        result["error"] = ("No labels found: start each part on its own line with a label such as "
                           "“S:”, “**Situation:**”, “Action:” or “### Result”.")
        return result
    _, cells = table.rows[0]
    notes, pieces = [], {name: [] for name in PART_ORDER}
    for header, cell in zip(table.headers, cells, strict=True):
        target = guess(header)
        cell = cell.strip()
        if not cell:
            continue
        if target == "title":
            result["title"] = cell
            continue
        if target == "action":
            decision, execution = split_action(cell, action)
            pieces["decision"].append(decision)
            pieces["execution"].append(execution)
        elif target in pieces:
            pieces[target].append(cell)
        else:
            notes.append(cell if header == "Notes" else f"{header}: {cell}")
            continue
        result["found"].append([header, TARGETS[target]])
    for name in PART_ORDER:
        parts[name] = "\n\n".join(piece for piece in pieces[name] if piece)
    result["notes"] = "\n".join(notes)
    if not result["found"]:
        result["error"] = ("No part labels found: label the parts “S:”, “T:”, “A:”, “R:” (or Situation, Task, "
                           "Action, Result; Context, Action, Result, Learning; or the guide's part names).")
    return result
