"""The story checks: each a small function from a story draft to findings, with its words in phrases.py.

A check reads a `StoryDraft` (plain data: the five part texts, tags counted, level
code, pace) and a `CoachGuide` (the guide's parts, levels and red flags, read once),
and yields `Finding`s. Each finding names the part it concerns (a story field such
as "impact", or None for the whole story), a severity, a one-line message, a fix
hint and the guide section it comes from. The rules come from the guide's "Story
Structure", "Tailoring Your Responses", "Red Flags to Avoid" and "Level-Specific
Expectations" sections; each check's docstring says which.
"""

import re
from collections.abc import Iterator

from ..timing import CHARACTER_UNITS, UNIT, fits_in, format_seconds, speaking_seconds, spoken_length
from . import phrases, text
from .findings import BLOCKER, TIP, WARNING, CoachGuide, Finding, StoryDraft


def _finding(guide, code, severity, message, hint, anchor, part=None, quote=""):
    return Finding(
        code=code,
        severity=severity,
        message=message,
        hint=hint,
        guide_url=guide.link(phrases.ANCHORS.get(anchor, anchor)),
        part=part,
        part_name=guide.part_name(part),
        quote=quote,
    )


def check_part_lengths(draft: StoryDraft, guide: CoachGuide) -> Iterator[Finding]:
    """An empty part (blocker), a part under a third of its budget's words (warning), a part over its
    budget and a story over the guide's total (warnings). Budgets: the guide's "Story Structure".

    A part in Chinese, Japanese or Thai is timed by its characters (stories/timing.py) and its budget is
    said in characters of that script; mixed text in whichever takes longer to say."""
    total = 0
    for part in guide.parts:
        length = spoken_length(draft.parts.get(part.field, ""))
        seconds = speaking_seconds(length, draft.wpm)
        total += seconds
        script = length.main_script
        budget = fits_in(part.seconds, draft.wpm, script)  # words, or characters of `script`
        noun = "words" if script is None else "characters"
        if length.units == 0:
            yield _finding(
                guide,
                "part-empty",
                BLOCKER,
                f"{part.name} is empty.",
                f"Tell it in about {fits_in(part.seconds, draft.wpm)} words: {part.template}",
                "structure",
                part.field,
            )
        elif length.units < budget * (UNIT if script is None else CHARACTER_UNITS[script]) * phrases.THIN_SHARE:
            held = f"{budget}" if script is None else f"{budget} characters"
            yield _finding(
                guide,
                "part-thin",
                WARNING,
                f"{part.name} is {length}; its {part.seconds} s hold about {held} at your pace.",
                f"Add what an interviewer needs here: {part.description or part.template}",
                "structure",
                part.field,
            )
        if seconds > part.seconds:
            yield _finding(
                guide,
                "part-over",
                WARNING,
                f"{part.name} takes {format_seconds(seconds)}, over its {format_seconds(part.seconds)}.",
                f"Cut to about {budget} {noun}: keep the figure and the decision, drop the background.",
                "structure",
                part.field,
            )
    if total > guide.total_seconds:
        yield _finding(
            guide,
            "story-over",
            WARNING,
            f"The story takes {format_seconds(total)}, over the guide's {format_seconds(guide.total_seconds)}.",
            "Trim the longest part first; the interviewer will ask for detail they want.",
            "structure",
        )


# A bracketed prompt left from a template: "[metric]", "[A-players]". Not a Markdown link "[x](url)",
# a reference "[x][y]" or "[x]: url", a task box "[ ]" / "[x]", a footnote "[^1]", or an index written
# straight after a word ("cache[key]", "arr[0..n]").
_PLACEHOLDER = re.compile(r"(?<![\w\]])\[(?!\^)([^\[\]\n]{2,80})\](?![(\[:])")
_REFERENCE_DEFINITION = re.compile(r"^\s*\[([^\]\n]+)\]:", re.MULTILINE)


def check_placeholders(draft: StoryDraft, guide: CoachGuide) -> Iterator[Finding]:
    """A template prompt in brackets left in the story (blocker): the guide's template sentences are
    prompts ("[major challenge]", "[A-players]"), not text to tell. Code, comments and struck-out words
    are not read, nor a bracket that a reference definition ("[RFC-12]: https://...") makes a link."""
    texts = [(None, draft.summary), *((p.field, draft.parts.get(p.field, "")) for p in guide.parts)]
    for part, value in texts:
        told = text.without_code(value or "")
        defined = {label.lower() for label in _REFERENCE_DEFINITION.findall(told)}
        found = [m.group(0) for m in _PLACEHOLDER.finditer(told) if m.group(1).lower() not in defined]
        if found:
            where = guide.part_name(part) or "The summary"
            yield _finding(
                guide, "placeholder", BLOCKER, f"{where} still holds the template's {', '.join(found[:3])}.",
                "Replace each bracket with what really happened, in your own words.", "structure", part,
                quote=found[0],
            )


def check_member_impact(draft: StoryDraft, guide: CoachGuide) -> Iterator[Finding]:
    """Member Impact with no figure, or naming no member, customer or their experience (warnings): the
    guide asks for "Quantified impact on Netflix members" and lists "Not measuring or optimizing for
    user-facing metrics" and "Ignoring member experience" among its red flags."""
    impact = draft.worded.get("impact", "")
    if not impact.strip():
        return
    if not text.has_figure(impact):
        yield _finding(
            guide,
            "impact-no-figure",
            WARNING,
            "Member Impact gives no figure.",
            "Say by how much, measured how: a percentage, members reached, minutes saved, money.",
            "member",
            "impact",
        )
    if not text.has_any(impact, phrases.MEMBER_WORDS):
        yield _finding(
            guide,
            "impact-no-member",
            WARNING,
            "Member Impact names no member, customer or user.",
            "Say what changed for the people who use the product, not only for the systems.",
            "member",
            "impact",
        )


def check_vague_magnitude(draft: StoryDraft, guide: CoachGuide) -> Iterator[Finding]:
    """Vague magnitude ("significantly", "a lot") where a number belongs: a warning in a part with no
    figure, a tip where the part has one elsewhere."""
    for part in guide.parts:
        plain = draft.worded.get(part.field, "")
        found = text.find_phrases(plain, phrases.VAGUE_WORDS)
        if found:
            severity = TIP if text.has_figure(plain) else WARNING
            yield _finding(
                guide,
                "vague-magnitude",
                severity,
                f"{part.name} says “{found[0]}” where a number belongs.",
                "Replace it with the figure: how much, how many, by when.",
                "member",
                part.field,
                quote=found[0],
            )


_DECISION = re.compile(
    r"(?<![\w/])I\s+(?:\w+ly\s+|then\s+|also\s+|personally\s+|still\s+)?("
    + "|".join(phrases.DECISION_VERBS)
    + r")\b",
    re.IGNORECASE,
)


def check_ownership(draft: StoryDraft, guide: CoachGuide) -> Iterator[Finding]:
    """Autonomous Decision and High Performance Execution with too few "I" per "we" for the level
    (about 3:1 at L5, 2:1 at L6, 1.5:1 at L7), and a decision part with no first-person decision: the
    guide's "Show Autonomous Decision-Making" (avoid "needing detailed direction")."""
    ratio = phrases.I_PER_WE.get(draft.level, phrases.I_PER_WE_DEFAULT)
    for field_name in ("decision", "execution"):
        singular, plural = text.pronoun_counts(draft.worded.get(field_name, ""))
        if plural >= phrases.MIN_WE_TO_JUDGE and singular < ratio * plural:
            at = f"at {draft.level}" if draft.level in phrases.I_PER_WE else "for a staff-level story"
            yield _finding(
                guide,
                "we-heavy",
                WARNING,
                f"{guide.part_name(field_name)} has {singular} “I” to {plural} “we”; {at} aim for {ratio:g} to 1.",
                "Say which calls were yours: “I decided…”, “I asked…”, “I set…”.",
                "decision",
                field_name,
            )
    decision = text.without_quotes(draft.worded.get("decision", ""))
    if (
        decision.strip()
        and not _DECISION.search(decision)
        and not text.has_any(decision, phrases.DECISION_PHRASES)
    ):
        yield _finding(
            guide,
            "no-decision-verb",
            WARNING,
            "Autonomous Decision never says what you decided.",
            "Say it in the first person: “I decided to…, even though…, because…”.",
            "decision",
            "decision",
        )


def check_red_flags(draft: StoryDraft, guide: CoachGuide) -> Iterator[Finding]:
    """Wording that tells one of the guide's red flags (excuses, waiting for approval, indirect or political
    wording, accepting "good enough", micromanaging, ...), quoting the phrase; negated phrases ("never
    settled for good enough") and quoted speech do not count."""
    summary = draft.summary if text.reads_as_english(draft.summary) else ""
    texts = [(None, summary), *((p.field, draft.worded.get(p.field, "")) for p in guide.parts)]
    reported = set()  # each red flag once per story, where its wording first shows
    for part, value in texts:
        for quote in text.find_phrases(text.without_quotes(value or ""), _RED_FLAG_WORDS, skip_negated=True):
            slug = _RED_FLAG_OF[" ".join(quote.lower().split())]
            flag = guide.red_flags.get(slug)
            if flag is None or slug in reported:
                continue
            reported.add(slug)
            yield _finding(
                guide, "red-flag", WARNING, f"“{quote}” can read as a red flag: {flag.text}.",
                phrases.RED_FLAG_PHRASES[slug].hint, flag.anchor, part, quote=quote,
            )


# Every red flag's phrases in one list (one pass over a text), and the red flag each phrase tells.
_RED_FLAG_OF = {p.lower(): slug for slug, data in phrases.RED_FLAG_PHRASES.items() for p in data.phrases}
_RED_FLAG_WORDS = tuple(_RED_FLAG_OF)


def check_challenge_stakes(draft: StoryDraft, guide: CoachGuide) -> Iterator[Finding]:
    """A Challenge with no stakes or constraint, no number, date, deadline or scale (warning): the guide's
    Challenge is a "High-stakes technical or business problem" told "with [constraints/timeline]"."""
    challenge = draft.worded.get("challenge", "")
    if (
        challenge.strip()
        and not text.has_figure(challenge)
        and not text.has_any(challenge, phrases.STAKES_WORDS)
    ):
        yield _finding(
            guide,
            "challenge-no-stakes",
            WARNING,
            "Challenge names no stakes: no number, date or scale.",
            "Say what was at risk and the constraint: members affected, the deadline, the scale.",
            "structure",
            "challenge",
        )


def check_tags(draft: StoryDraft, guide: CoachGuide) -> Iterator[Finding]:
    """No value or no question tagged, or more than three values (warnings): a story answers the guide's
    questions by showing its values, and one stretched over many values shows none of them well."""
    if draft.value_count == 0:
        yield _finding(
            guide,
            "no-value",
            WARNING,
            "No value is tagged.",
            "Tag the one to three values this story shows best.",
            "values",
        )
    elif draft.value_count > phrases.MAX_VALUES:
        yield _finding(
            guide,
            "too-many-values",
            WARNING,
            f"{draft.value_count} values are tagged; one story shows three at most.",
            "Keep the values the story proves; write another story for the rest.",
            "values",
        )
    if draft.question_count == 0:
        yield _finding(
            guide,
            "no-question",
            WARNING,
            "No question is tagged.",
            "Tag the guide's questions this story answers, so you know what to tell when one is asked.",
            "questions",
        )


def check_level_fit(draft: StoryDraft, guide: CoachGuide) -> Iterator[Finding]:
    """A team size outside the target level's team influence (5-8, 8-15, 15-30 engineers) and, at L7, no
    word of organisation-wide scope (warnings); no level set (tip). From "Level-Specific Expectations"."""
    level = guide.levels.get(draft.level)
    if level is None:
        yield _finding(
            guide,
            "no-level",
            TIP,
            "No target level is set.",
            "Set the level you interview for: the coach then checks the team size and the scope.",
            "levels",
        )
        return
    size = draft.team_size
    if size is not None and not level.team_min <= size <= level.team_max:
        side = "below" if size < level.team_min else "above"
        yield _finding(
            guide,
            "team-size-off-level",
            WARNING,
            f"A team of {size} is {side} {level.code}'s {level.team_min}-{level.team_max} engineers.",
            "Tell a story at the level's scale, or say how your influence reached the engineers it needs.",
            level.anchor,
        )
    scope_words = phrases.SCOPE_WORDS.get(level.code)
    if scope_words and draft.all_worded and not text.has_any(draft.all_worded, scope_words):
        yield _finding(
            guide,
            "l7-no-scope",
            WARNING,
            "Nothing says the work reached beyond one team.",
            f"At {level.code} say the scope: multiple teams, the organisation, a company-wide change.",
            level.anchor,
        )


def check_language(draft: StoryDraft, guide: CoachGuide) -> Iterator[Finding]:
    """A tip when parts are not in English: the wording checks read English word lists, so the wording of
    such parts is not judged (their length is: by words, or by characters in Chinese, Japanese and Thai)."""
    skipped = [p.name for p in guide.parts if draft.plain.get(p.field, "").strip() and not draft.worded.get(p.field)]
    if skipped:
        yield _finding(
            guide, "language", TIP, f"The coach reads English: it did not judge the wording of {', '.join(skipped)}.",
            "Ask a colleague who speaks the language to hold these parts against the guide's red flags.",
            "structure",
        )


CHECKS = (
    check_part_lengths,
    check_placeholders,
    check_member_impact,
    check_vague_magnitude,
    check_ownership,
    check_red_flags,
    check_challenge_stakes,
    check_tags,
    check_level_fit,
    check_language,
)
