"""How long a story takes to tell, against the guide's time budgets.

static/js/story-editor.js mirrors word_count() and part_status() so the editor's
live counter and the server agree; tests/test_timing.py checks both on samples.
"""

from dataclasses import dataclass

DEFAULT_WPM = 150
NEAR_BUDGET = 0.8  # from 80 % of a budget on, the counter turns amber


def word_count(text):
    """Words as a speaker says them: tokens with at least one letter or digit (not `-` or `**`)."""
    return sum(1 for token in (text or "").split() if any(ch.isalnum() for ch in token))


def speaking_seconds(words, wpm=DEFAULT_WPM):
    """Seconds to say `words`, halves rounded up (integer maths, as the editor's JavaScript does)."""
    return (words * 120 + wpm) // (2 * wpm)


def part_status(seconds, budget):
    if seconds > budget:
        return "over"
    if seconds >= budget * NEAR_BUDGET:
        return "near"
    return "ok"


def format_seconds(seconds):
    return f"{seconds // 60}:{seconds % 60:02d}"


class AgainstBudget:
    """Status and clock readings for anything with `seconds` and a `budget`."""

    @property
    def status(self):
        return part_status(self.seconds, self.budget)

    @property
    def clock(self):
        return format_seconds(self.seconds)

    @property
    def budget_clock(self):
        return format_seconds(self.budget)


@dataclass(frozen=True)
class PartTiming(AgainstBudget):
    name: str
    field: str
    words: int
    seconds: int
    budget: int


@dataclass(frozen=True)
class StoryTiming(AgainstBudget):
    parts: tuple
    wpm: int

    @property
    def words(self):
        return sum(p.words for p in self.parts)

    @property
    def seconds(self):
        # Summed from the parts, so the total is what the part rows add up to.
        return sum(p.seconds for p in self.parts)

    @property
    def budget(self):
        return sum(p.budget for p in self.parts)


def story_timing(texts, parts, wpm=DEFAULT_WPM):
    """`texts`: the five part texts in order; `parts`: (field, name, budget seconds) in the same order."""
    return StoryTiming(
        parts=tuple(
            PartTiming(
                name=name,
                field=field,
                words=(w := word_count(text)),
                seconds=speaking_seconds(w, wpm),
                budget=budget,
            )
            for text, (field, name, budget) in zip(texts, parts, strict=True)
        ),
        wpm=wpm,
    )
