"""The column-mapping step: which column of someone else's table becomes which field of a story.

A Table (tables.py, markdown_notes.py) has `headers` and `rows` (lists of text cells). `guess(header)`
says what a header means (STAR, CARL, SAR, this product's and the guide's own names, any case, a few
languages); `Mapping` is the user's choice per column plus what happens to an Action (`split`: the first
paragraph to Autonomous Decision and the rest to High Performance Execution, or all to one of them);
`records(table, mapping, names)` builds the records the import checks (records.py), with notes for the
preview. Raises nothing: a row without a title gets one from its question or its challenge.
"""

import re
from dataclasses import dataclass, field

from .names import normal, split_cell

TARGETS = {
    "ignore": "Ignore",
    "note": "Keep in the summary as a note",
    "title": "Title",
    "summary": "Summary",
    "challenge": "Challenge",
    "action": "Action (see below)",
    "decision": "Autonomous Decision",
    "execution": "High Performance Execution",
    "communication": "Direct Communication",
    "impact": "Member Impact",
    "values": "Values",
    "questions": "Questions",
    "themes": "Themes",
    "tags": "Tags",
    "level": "Level",
    "team_size": "Team size",
    "status": "Status (Draft or Ready)",
}
ACTION_CHOICES = {
    "split": "Split: first paragraph to Autonomous Decision, the rest to High Performance Execution",
    "decision": "All to Autonomous Decision",
    "execution": "All to High Performance Execution",
}
# normal(header) -> target. STAR, SAR, CARL (Context, Action, Result, Learning), PAR, this product's
# fields and the guide's part names, and the common headers in Spanish, French, German and Portuguese.
HEADERS = {
    "title": ["title", "story title", "story", "story name", "name", "headline", "heading", "titulo", "titre",
              "titel"],
    "summary": ["summary", "one liner", "tldr", "tl dr", "resumen", "resume", "zusammenfassung"],
    "challenge": ["challenge", "situation", "task", "s", "t", "c", "context", "problem", "background",
                  "situation task", "situacion", "tarea", "tache", "aufgabe", "situacao", "tarefa"],
    "action": ["action", "actions", "a", "what i did", "accion", "acciones", "handlung", "massnahme", "acao"],
    "decision": ["decision", "autonomous decision"],
    "execution": ["execution", "high performance execution"],
    "communication": ["communication", "direct communication"],
    "impact": ["impact", "result", "results", "r", "outcome", "outcomes", "member impact", "resultado",
               "resultat", "ergebnis"],
    "values": ["values", "value", "netflix values", "culture values"],
    "questions": ["questions", "question", "interview question", "prompt", "pregunta"],
    "themes": ["themes", "theme"],
    "tags": ["tags", "tag", "labels", "keywords", "categories"],
    "level": ["level", "seniority"],
    "team_size": ["team size", "team"],
    "status": ["status", "state"],
    "note": ["l", "learning", "learnings", "lessons", "lesson", "reflection", "notes", "note", "comments",
             "best for questions about", "source", "heading labels"],
}
GUESSES = {normal(name): target for target, names in HEADERS.items() for name in names}
READY_WORDS = {"ready", "done", "complete", "completed", "final", "polished", "yes", "true"}
PART_ORDER = ("challenge", "decision", "execution", "communication", "impact")


def guess(header):
    """The target a header most likely means; labels such as "S (Situation)" are read by their words."""
    key = normal(header)
    if key in GUESSES:
        return GUESSES[key]
    for word in re.findall(r"\(([^)]*)\)", header):  # "S (Situation)"
        if normal(word) in GUESSES:
            return GUESSES[normal(word)]
    head = normal(re.sub(r"\(.*?\)", "", header))
    return GUESSES.get(head, "ignore")


@dataclass
class Mapping:
    columns: list  # a target per column
    action: str = "split"

    @classmethod
    def guessed(cls, headers):
        return cls([guess(header) for header in headers])

    @classmethod
    def from_data(cls, data, headers):
        """A mapping kept in the session or posted by the form; None when it does not fit the table."""
        if not isinstance(data, dict):
            return None
        columns, action = data.get("columns"), data.get("action")
        if (not isinstance(columns, list) or len(columns) != len(headers)
                or not all(c in TARGETS for c in columns) or action not in ACTION_CHOICES):
            return None
        return cls(list(columns), action)

    def as_data(self):
        return {"columns": self.columns, "action": self.action}

    def described(self, headers):
        """[(header, target label)]: the mapping in words, for the preview."""
        return [(header, TARGETS[target]) for header, target in zip(headers, self.columns, strict=True)]


def split_action(text, how):
    """(decision, execution) of an Action cell; see ACTION_CHOICES."""
    text = text.strip()
    if how == "decision":
        return text, ""
    if how == "execution" or not text:
        return "", text
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    if len(paragraphs) == 1:
        paragraphs = [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=\S)", text) if s.strip()]
    if len(paragraphs) == 1:  # one sentence: its clauses ("Split the job; ran both side by side")
        paragraphs = [s.strip() for s in re.split(r";\s+", text) if s.strip()]
    if len(paragraphs) == 1:
        return "", text
    return paragraphs[0], "\n\n".join(paragraphs[1:])


@dataclass
class Built:
    records: list = field(default_factory=list)  # (where, record)
    notes: list = field(default_factory=list)


def _title_from(text):
    line = " ".join(text.split())
    return line if len(line) <= 80 else line[:79].rsplit(" ", 1)[0] + "…"


def records(table, mapping, names):
    """The records of a mapped table; `names` (names.GuideNames) tells a guide question from free text."""
    built = Built()
    for number, row in table.numbered_rows():
        where = f"{table.row_label} {number}"
        fields = {target: [] for target in TARGETS}
        notes = []
        for header, target, cell in zip(table.headers, mapping.columns, row, strict=False):
            cell = cell.strip()
            if not cell or target == "ignore":
                continue
            if target == "note":
                notes.append(f"{header}: {cell}")
            elif target == "action":
                decision, execution = split_action(cell, mapping.action)
                fields["decision"].append(decision)
                fields["execution"].append(execution)
            else:
                fields[target].append(cell)
        part = {name: "\n\n".join(t for t in fields[name] if t) for name in PART_ORDER}
        questions = [piece for cell in fields["questions"] for piece in split_cell(cell)]
        known, free = names.resolve("questions", questions) if questions else ((), [])
        if free:
            # Free question text, not the guide's: kept with the story rather than refused, and linked
            # to the guide question it is clearly about, if one is.
            notes.insert(0, "Question: " + " / ".join(free))
            nearest = [slug for slug in map(names.nearest_question, free) if slug and slug not in known]
            known = (*known, *dict.fromkeys(nearest))
            linked = (" and linked to the nearest of the guide's, "
                      + ", ".join(names.label("questions", slug) for slug in dict.fromkeys(nearest))
                      + " (change it in the editor if it is not)") if nearest else ""
            built.notes.append(f"{where}: the question “{' / '.join(free)}” is not one of the guide's; "
                               f"it is kept in the summary{linked}.")
        title = " ".join(fields["title"]).strip() or _title_from(
            (free or [""])[0] or part["challenge"] or next((t for t in part.values() if t), "")
        ) or f"Imported story {number}"
        summary = "\n".join([" ".join(fields["summary"])] + notes).strip()
        status = " ".join(fields["status"]).strip().lower()
        team = " ".join(fields["team_size"]).strip()
        record = {
            "title": title, "summary": summary, **part,
            "values": [p for c in fields["values"] for p in split_cell(c)],
            "questions": list(known),
            "themes": [p for c in fields["themes"] for p in split_cell(c)],
            "tags": [t.strip() for c in fields["tags"] for t in re.split(r"[,\r\n]", c) if t.strip()],
            "level": " ".join(fields["level"]).strip() or None,
            "team_size": int(team) if team.isascii() and team.isdigit() and len(team) <= 9 else (team or None),
            "status": "ready" if status in READY_WORDS else "draft",
        }
        built.records.append((where, record))
    return built
