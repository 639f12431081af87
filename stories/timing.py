"""How long a story takes to tell, against the guide's time budgets.

Text written with spaces between words (English, Arabic, Korean...) is timed by
its words at the user's pace, in words per minute (150 unless changed in
Settings). Scripts written without spaces (Chinese, Japanese, Thai) have no
words to count, so their letters are timed by characters, at a rate per script
(CHARACTERS_PER_MINUTE, stated at the default pace). A mixed part ("我们把 p99
降到 80 ms") sums both: its spaced words, and its characters.

The user's pace scales the character rates in proportion: a user who sets 120
words a minute (4/5 of 150) is timed at 4/5 of each character rate too (160
Chinese characters a minute instead of 200). In integer maths, every spoken
item is worth a number of `UNIT`s (a word: 600; a Chinese character: 450, as
200 of them take as long as 150 words), and the seconds are the units at the
pace, halves rounded up, as the editor's JavaScript computes them.

static/js/story-editor.js mirrors spoken_length(), speaking_seconds() and
part_status() so the editor's live counter and the server agree; the browser
tests in tests/browser/test_stories_browser.py check both on shared vectors.
"""

import re
from dataclasses import dataclass

DEFAULT_WPM = 150  # words per minute: a usual interview pace in English (most people speak 130 to 160)
NEAR_BUDGET = 0.8  # from 80 % of a budget on, the counter turns amber

# Characters per minute at the default pace of 150 words per minute (scaled with the user's pace).
#   chinese  200: a Han character is one spoken syllable; conversational Mandarin runs about
#                 150-250 characters a minute (broadcast news 250-300), and Pellegrino, Coupé &
#                 Marsico, "A cross-language perspective on speech information rate" (Language 87(3),
#                 2011), measured read Mandarin at 5.18 syllables a second against English's 6.19,
#                 which puts 150 English words (about 220 syllables) near 185 characters.
#   japanese 300: kana and the kanji among them; the "300 characters a minute" (1分間に300字) that
#                 Japanese speech guides and announcer training commonly give as a clear speaking pace.
#   thai     500: Thai letters (consonants and spacing vowels; tone marks and vowel marks above or
#                 below are not letters and are not counted); an estimate: about 200 spoken syllables
#                 a minute, of about 2.5 such letters each.
CHARACTERS_PER_MINUTE = {"chinese": 200, "japanese": 300, "thai": 500}
UNIT = 600  # units of speaking time per word; a character of each script is worth a whole number of them
CHARACTER_UNITS = {script: UNIT * DEFAULT_WPM // rate for script, rate in CHARACTERS_PER_MINUTE.items()}
assert all(UNIT * DEFAULT_WPM % rate == 0 for rate in CHARACTERS_PER_MINUTE.values())

# Code point ranges of the scripts written without spaces; only letters in them are counted.
HAN = ((0x3005, 0x3005), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))
KANA = ((0x3040, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9F))
THAI = ((0x0E00, 0x0E7F),)


def _class(*groups):
    return re.compile("[" + "".join(f"{chr(low)}-{chr(high)}" for ranges in groups for low, high in ranges) + "]")


_UNSPACED_ANY = _class(HAN, KANA, THAI)  # any character of a script written without spaces
_ALNUM = re.compile(r"[^\W_]")  # what str.isalnum() accepts


def _words(text):
    return sum(1 for token in text.split() if _ALNUM.search(token))


def _within(ranges, ch):
    code = ord(ch)
    return any(low <= code <= high for low, high in ranges)


def _plural(n, noun):
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


@dataclass(frozen=True)
class SpokenLength:
    """What a text gives to say: words written with spaces, and characters of each unspaced script."""

    words: int = 0
    chinese: int = 0
    japanese: int = 0
    thai: int = 0

    @property
    def characters(self):
        return self.chinese + self.japanese + self.thai

    @property
    def units(self):
        """Speaking time in UNITs (a word is UNIT; a character, UNIT x 150 / its script's rate)."""
        return self.words * UNIT + sum(getattr(self, s) * n for s, n in CHARACTER_UNITS.items())

    @property
    def main_script(self):
        """The unspaced script that takes the longest to say, or None when words take longer."""
        script = max(CHARACTER_UNITS, key=lambda s: getattr(self, s) * CHARACTER_UNITS[s])
        return script if getattr(self, script) * CHARACTER_UNITS[script] > self.words * UNIT else None

    def __add__(self, other):
        return SpokenLength(*(getattr(self, f) + getattr(other, f) for f in ("words", *CHARACTER_UNITS)))

    def __str__(self):
        """"12 words", "85 characters", or "3 words + 85 characters" (as the editor's counter says)."""
        if self.characters and self.words:
            return f"{_plural(self.words, 'word')} + {_plural(self.characters, 'character')}"
        if self.characters:
            return _plural(self.characters, "character")
        return _plural(self.words, "word")


def spoken_length(text):
    """The words and unspaced-script characters of `text`.

    Letters of Han, kana and Thai are counted one by one (Han as Japanese when the text has kana, else as
    Chinese); the rest is cut into words on white space, a word being a token with at least one letter or
    digit (not `-` or `**`).
    """
    text = text or ""
    if not _UNSPACED_ANY.search(text):  # the usual case: words only, no character to look at one by one
        return SpokenLength(words=_words(text))
    japanese_text = any(_within(KANA, ch) and ch.isalpha() for ch in text)
    counts = {"chinese": 0, "japanese": 0, "thai": 0}
    rest = []
    for ch in text:
        script = None
        if ch.isalpha():
            if _within(HAN, ch):
                script = "japanese" if japanese_text else "chinese"
            elif _within(KANA, ch):
                script = "japanese"
            elif _within(THAI, ch):
                script = "thai"
        if script:
            counts[script] += 1
            rest.append(" ")
        else:
            rest.append(ch)
    return SpokenLength(words=_words("".join(rest)), **counts)


def word_count(text):
    """Words as a speaker says them, in text written with spaces: tokens with at least one letter or digit
    (not `-` or `**`). Chinese, Japanese and Thai letters are not words: spoken_length() counts them."""
    return spoken_length(text).words


def speaking_seconds(length, wpm=DEFAULT_WPM):
    """Seconds to say `length` (a SpokenLength, or a number of words) at `wpm` words per minute.

    Characters are timed at their script's CHARACTERS_PER_MINUTE scaled by wpm / 150. Halves are rounded
    up, in integer maths, as the editor's JavaScript does.
    """
    units = length.units if isinstance(length, SpokenLength) else length * UNIT
    return (units * 120 + UNIT * wpm) // (2 * UNIT * wpm)


def fits_in(seconds, wpm=DEFAULT_WPM, script=None):
    """How many words (or, with `script`, characters of that script) are said in `seconds` at `wpm`."""
    per_minute = wpm if script is None else CHARACTERS_PER_MINUTE[script] * wpm // DEFAULT_WPM
    return seconds * per_minute // 60


def part_status(seconds, budget):
    """"ok", "near" (from 80 % of the budget) or "over" (past it); both in seconds."""
    if seconds > budget:
        return "over"
    if seconds >= budget * NEAR_BUDGET:
        return "near"
    return "ok"


def format_seconds(seconds):
    """Seconds as a clock reading: 65 -> "1:05"."""
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
    length: SpokenLength
    seconds: int
    budget: int

    @property
    def words(self):
        return self.length.words


@dataclass(frozen=True)
class StoryTiming(AgainstBudget):
    parts: tuple
    wpm: int

    @property
    def length(self):
        return sum((p.length for p in self.parts), SpokenLength())

    @property
    def words(self):
        return self.length.words

    @property
    def seconds(self):
        # Summed from the parts, so the total is what the part rows add up to.
        return sum(p.seconds for p in self.parts)

    @property
    def budget(self):
        return sum(p.budget for p in self.parts)


def story_timing(texts, parts, wpm=DEFAULT_WPM):
    """Each part's length and seconds at `wpm` words per minute, against its budget.

    `texts`: the five part texts in order; `parts`: (field, name, budget seconds) in the same order."""
    return StoryTiming(
        parts=tuple(
            PartTiming(
                name=name,
                field=field,
                length=(length := spoken_length(text)),
                seconds=speaking_seconds(length, wpm),
                budget=budget,
            )
            for text, (field, name, budget) in zip(texts, parts, strict=True)
        ),
        wpm=wpm,
    )
