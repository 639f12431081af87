"""The guide's values, questions, themes and levels by slug or by name, as people write them in files.

`GuideNames(guide)` knows every way a file may name an item: its slug, its guide name (a value's
"Candor & Feedback", a question's text, a theme's name, a level's code or title, "Senior" for L5),
compared with case, accents and punctuation ignored (`normal()`). `resolve(kind, pieces)` turns the
pieces of a cell into slugs, and a name that is not the guide's into one message, with "did you
mean ..." for a near miss.

Shapes: `kind` is "values", "questions", "themes" or "level"; `pieces` are a cell split on the
separators the export writes (commas, semicolons, line breaks), never on spaces. A piece may be
several slugs separated by spaces (an older export allowed it); pieces that together make one name
(a question text with a comma) are joined back. Raises nothing: unknown names come back as messages.
"""

import difflib
import math
import re
import unicodedata
from functools import cached_property

from guide.models import Level, Question, Theme, Value
from stories.words import stem_words

KINDS = ("values", "questions", "themes", "level")
SINGULAR = {"values": "value", "questions": "question", "themes": "theme", "level": "level"}
NEAR_MISS = 0.72  # difflib ratio from which a name is a misspelling of a guide name
MAX_PIECES = 60  # a cell with more pieces is not joined back (bounds the work)
NEAREST_SHARE = 0.5  # share of a free question's word weight a guide question must hold to be linked
# Words of the company's published culture that candidates write where a value belongs ("Courage,
# Judgment"), each with the guide's value that stands closest to it, by slug. Only named, never
# imported: the candidate chooses. (Data: a guide without these slugs simply gets no suggestion.)
CULTURE_WORDS = {
    "judgment": "freedom-responsibility", "judgement": "freedom-responsibility",
    "selflessness": "freedom-responsibility",
    "courage": "innovation-risk-taking", "curiosity": "innovation-risk-taking",
    "innovation": "innovation-risk-taking",
    "communication": "candor-feedback", "integrity": "candor-feedback", "candour": "candor-feedback",
    "passion": "high-performance-culture", "excellence": "high-performance-culture",
    "inclusion": "high-performance-culture",
    "impact": "customer-obsession", "member joy": "customer-obsession",
}


def normal(text):
    """Lower case, no accents, punctuation and runs of spaces as one space: "Candor & Feedback" reads
    "candor and feedback", its slug "candor-feedback" "candor feedback"; both are keys."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().replace("&", " and ")
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def split_cell(cell):
    """A cell as the export writes lists ("a, b"): split on commas, semicolons and line breaks only."""
    return [piece.strip() for piece in re.split(r"[,;\r\n]", cell) if piece.strip()]


def _level_names(level):
    """A level's code, slug and title, and the title without "(Software) Engineer": "Senior" is L5."""
    names = [level.code, level.slug, level.title]
    short = level.short_title
    names.append(short)
    names.extend(piece.strip() for piece in short.split("/") if "/" in short)  # "Principal" is L7
    return names


class GuideNames:
    """Every name of the guide's items, by kind, retired ones included (a backup restores a story's tag
    on an item the guide no longer has); built with four queries."""

    def __init__(self, guide):
        self.labels = {kind: {} for kind in KINDS}  # slug or code -> readable name
        self.keys = {kind: {} for kind in KINDS}  # normal(name) -> slug or code
        sources = {
            "values": [(v.slug, v.name, [v.slug, v.name, f"{v.name} ({v.tagline})" if v.tagline else v.name])
                       for v in Value.all_objects.filter(guide=guide)],
            "questions": [(q.slug, q.text, [q.slug, q.text]) for q in Question.all_objects.filter(guide=guide)],
            "themes": [(t.slug, t.name, [t.slug, t.name]) for t in Theme.all_objects.filter(guide=guide)],
            "level": [(lv.code, lv.title, _level_names(lv)) for lv in Level.all_objects.filter(guide=guide)],
        }
        for kind, items in sources.items():
            ambiguous = set()
            for ident, label, names in items:
                self.labels[kind][ident] = label
                for name in names:
                    key = normal(name)
                    if key and self.keys[kind].get(key, ident) != ident:
                        ambiguous.add(key)
                    self.keys[kind].setdefault(key, ident)
            for key in ambiguous:
                del self.keys[kind][key]

    def lookup(self, kind, name):
        """The slug (a level's code) that `name` names, or None."""
        return self.keys[kind].get(normal(name))

    def closest(self, kind, name):
        """The guide's item a misspelt `name` most likely means, or None."""
        key, best, best_ratio = normal(name), None, NEAR_MISS
        if not key:
            return None
        for candidate, ident in self.keys[kind].items():
            # Also against the candidate's first words, so "candour" is near "candor feedback".
            head = " ".join(candidate.split()[: max(1, len(key.split()))])
            ratio = max(difflib.SequenceMatcher(None, key, option).ratio() for option in {candidate, head})
            if ratio > best_ratio:
                best, best_ratio = ident, ratio
        return best

    @cached_property
    def _question_stems(self):
        """Each guide question's stems, and each stem's idf over the guide's questions."""
        stems = {slug: set(stem_words(text)) for slug, text in self.labels["questions"].items()}
        count = len(stems)
        df = {}
        for found in stems.values():
            for s in found:
                df[s] = df.get(s, 0) + 1
        return stems, {s: math.log(1 + count / n) for s, n in df.items()}

    def nearest_question(self, text):
        """The slug of the guide question `text` (a question in the candidate's own words) is about,
        or None when none is clearly nearest.

        Words are compared by stem (`stories.words.stem_words`: "disagreed" meets "disagreements"),
        each weighted by its idf over the guide's questions (a word no question has weighs as much as
        the rarest). The best question is linked when it holds at least NEAREST_SHARE of the text's
        weight and strictly more than the runner-up, so a tie or a faint match links nothing.
        """
        stems, idf = self._question_stems
        terms = set(stem_words(text))
        if not terms or not stems:
            return None
        rarest = max(idf.values(), default=1.0)
        total = sum(idf.get(t, rarest) for t in terms)
        scored = sorted(((sum(idf[t] for t in terms & found), slug) for slug, found in stems.items()),
                        reverse=True)
        best, slug = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else 0.0
        return slug if best >= NEAREST_SHARE * total and best > runner_up else None

    def label(self, kind, ident):
        label = self.labels[kind].get(ident, ident)
        return f"“{label}”" if label == ident else f"“{label}” ({ident})"

    def unknown_message(self, kind, name):
        """One message for a name that is not the guide's: "did you mean …" or the names it knows."""
        guess = self.closest(kind, name)
        if guess is not None:
            return f"did you mean {self.label(kind, guess)}?"
        nearest = CULTURE_WORDS.get(normal(name)) if kind == "values" else None
        if nearest in self.labels[kind]:
            return f"not one of the guide's values; the closest is {self.label(kind, nearest)}"
        if kind == "questions":
            return "each question's page in the guide shows its text and slug"
        known = sorted(self.labels[kind]) if kind == "level" else list(self.labels[kind])
        return f"known: {', '.join(known)}"

    def resolve(self, kind, pieces):
        """(slugs, unknown names) for the pieces of one cell or list; see the module's docstring."""
        slugs, unknown, pieces = [], [], list(pieces)
        start = 0
        while start < len(pieces):
            end = len(pieces) if len(pieces) <= MAX_PIECES else start + 1
            for stop in range(end, start, -1):  # the longest run of pieces that is one name
                ident = self.lookup(kind, ", ".join(pieces[start:stop]))
                if ident is not None:
                    slugs.append(ident)
                    start = stop
                    break
            else:
                piece = pieces[start]
                words = piece.split()
                found = [self.lookup(kind, word) for word in words] if len(words) > 1 else [None]
                if all(ident is not None and word == ident for ident, word in zip(found, words, strict=True)):
                    slugs.extend(found)  # "a b": two slugs separated by a space
                else:
                    unknown.append(piece)
                start += 1
        return tuple(dict.fromkeys(slugs)), unknown
