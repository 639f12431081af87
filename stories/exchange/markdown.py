"""The story bank as one Markdown file to read or share: grouped by value, the parts, tags and time.

Users write Markdown in their parts; `part_markdown()` keeps it as written when it stands on its own
and fences it whole otherwise, so that no part can swallow the headings after it.
"""

import re

from django.utils import timezone
from markdown_it import MarkdownIt

from guide.models import Value
from stories.models import Profile
from stories.structure import default_guide, story_parts, timing_parts
from stories.timing import story_timing

from .reading import for_reading

COMMONMARK = MarkdownIt("commonmark")
# Characters that start markup wherever they stand in a line: emphasis, code spans, links and
# GitHub's strikethrough; each is backslash-escaped (CommonMark lets a backslash escape any ASCII
# punctuation). The others are escaped only where they would start markup, so that a name such as
# "Freedom & Responsibility" reads the same in the file as on the page.
ALWAYS_ESCAPED = set("*`[]~")
MAYBE_ESCAPED = re.compile(r"[*`\[\]~\\_&<#]")  # the characters _needs_escape() may escape; others never
ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")
TAG_START = re.compile(r"<[A-Za-z/!?]")  # raw HTML and autolinks; "a < b" stays as it is
CLOSING_HASHES = re.compile(r"(?:^|(?<= ))#+$")  # a heading's optional closing sequence


def _needs_escape(text, index):
    ch = text[index]
    before, after = text[index - 1 : index], text[index + 1 : index + 2]
    if ch in ALWAYS_ESCAPED:
        return True
    if ch == "\\":  # before punctuation it would escape it; at the end, the markup written after
        return not after or (after.isascii() and not after.isalnum() and not after.isspace())
    if ch == "_":  # inside a word an underscore never starts emphasis
        return not (before.isalnum() and after.isalnum())
    if ch == "&":
        return bool(ENTITY.match(text, index))
    if ch == "<":
        return bool(TAG_START.match(text, index))
    if ch == "#":
        closing = CLOSING_HASHES.search(text)
        return closing is not None and closing.start() == index
    return False


def md_escape(text):
    """Literal text inside a CommonMark line (a heading, a list item after its marker): whitespace runs
    become one space and every character that would start markup there is backslash-escaped, and no
    other ("Freedom & Responsibility" stays as it is, "&amp;" becomes "\\&amp;")."""
    text = " ".join(str(text).split())
    if not MAYBE_ESCAPED.search(text):  # most titles and names: nothing to look at character by character
        return text
    return escape_each(text)


def escape_each(text):
    """md_escape() without its shortcut: every character of `text` looked at in its place."""
    return "".join("\\" + ch if _needs_escape(text, i) else ch for i, ch in enumerate(text))


FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
HTML_BLOCKS = [  # CommonMark's HTML blocks that a blank line does not end: (start, end, closing text)
    (re.compile(r"^ {0,3}<(pre|script|style|textarea)(\s|>|$)", re.I),
     re.compile(r"</(pre|script|style|textarea)>", re.I), None),
    (re.compile(r"^ {0,3}<!--"), re.compile(r"-->"), "-->"),
    (re.compile(r"^ {0,3}<\?"), re.compile(r"\?>"), "?>"),
    (re.compile(r"^ {0,3}<![A-Za-z]"), re.compile(r">"), ">"),
    (re.compile(r"^ {0,3}<!\[CDATA\["), re.compile(r"\]\]>"), "]]>"),
]


def seal(text):
    """The user's Markdown, with a code fence or an HTML block left open at its end closed (the usual
    ways a part could swallow the headings after it). The scan knows the top level only; part_markdown()
    checks the result with a CommonMark parser."""
    state = None  # ("fence", indent, char, length) or ("html", end, closing)
    for line in text.splitlines():
        if state and state[0] == "fence":
            match = FENCE.match(line)
            if match and match.group(2)[0] == state[2] and len(match.group(2)) >= state[3]:
                state = None if not match.group(3).strip() else state
            continue
        if state:
            state = None if state[1].search(line) else state
            continue
        match = FENCE.match(line)
        if match and not (match.group(2)[0] == "`" and "`" in match.group(3)):
            state = ("fence", match.group(1), match.group(2)[0], len(match.group(2)))
            continue
        for start, end, closing in HTML_BLOCKS:
            if opened := start.match(line):
                if not end.search(line, opened.end()):
                    state = ("html", end, closing or f"</{opened.group(1).lower()}>")
                break
    if state is None:
        return text
    if state[0] == "fence":
        return f"{text}\n{state[1]}{state[2] * state[3]}"
    return f"{text}\n{state[2]}"


# After a blank line, only a fenced code block (` or ~) or an HTML block of CommonMark's kinds 1 to 5 (<)
# goes on over a line that starts at its first column; every other block ends there.
CAN_SWALLOW = re.compile(r"[`~<]")
# A heading is an ATX heading (#) or a line of text over a line of = or - (setext).
MAY_HOLD_HEADING = re.compile(r"#|^ {0,3}(=+|-+)[ \t]*$", re.MULTILINE)


def ends_cleanly(markdown):
    """Whether a heading written after `markdown` (and a blank line) is read as a top-level heading."""
    if not CAN_SWALLOW.search(markdown):
        return True  # nothing to parse for: most parts are prose
    tokens = COMMONMARK.parse(f"{markdown}\n\n###### end\n")
    return len(tokens) >= 3 and tokens[-3].type == "heading_open" and tokens[-3].tag == "h6" \
        and tokens[-3].level == 0 and tokens[-2].content == "end"


def demote_headings(text):
    """Headings a part writes become level-5 headings, below the document's own value, story and part
    headings (the app shows them no bigger either); their words stay as written."""
    lines = text.splitlines()
    if not MAY_HOLD_HEADING.search(text):
        return "\n".join(lines)  # no heading to demote: most parts are prose
    for token in COMMONMARK.parse(text):
        if token.type != "heading_open" or token.level != 0 or token.tag in ("h5", "h6") or not token.map:
            continue
        start, end = token.map
        if token.markup.startswith("#"):
            lines[start] = re.sub(r"^( {0,3})#{1,6}", r"\1#####", lines[start], count=1)
        else:  # a setext heading: its text lines, then a line of = or -
            words = " ".join(line.strip() for line in lines[start : end - 1])
            lines[start:end] = [f"##### {words}"] + [""] * (end - start - 1)
    return "\n".join(lines)


def part_markdown(text):
    """A part's Markdown as it goes into the document: as written (sealed) when it stands on its own,
    otherwise every character of it in a code block, so that nothing is lost and nothing leaks."""
    text = demote_headings(text)
    sealed = seal(text)
    if ends_cleanly(sealed):
        return sealed
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", text)), default=0))
    return f"{fence}text\n{text}\n{fence}"


def _names(items):
    return " · ".join(md_escape(item) for item in items)


def _markdown_story(story, parts, wpm, value_names):
    timing = story_timing(story.part_texts(), timing_parts(parts), wpm)
    lines = [f"### {md_escape(story.title)}", ""]
    if story.summary.strip():
        lines += [part_markdown(story.summary), ""]
    facts = [f"**Status:** {md_escape(story.get_status_display())}"]
    if story.level or story.team_size is not None:
        level = md_escape(story.level.code) if story.level else "no level set"
        team = f", team of {story.team_size}" if story.team_size is not None else ""
        facts.append(f"**Level:** {level}{team}")
    if len(value_names) > 1:
        facts.append(f"**Values:** {_names(value_names)}")
    if story.questions.all():
        facts.append(f"**Questions:** {'; '.join(md_escape(q.text) for q in story.questions.all())}")
    if story.themes.all():
        facts.append(f"**Themes:** {_names(t.name for t in story.themes.all())}")
    facts.append(f"**Tags:** {_names(t.name for t in story.tags.all()) or 'none'}")
    facts.append(
        f"**Time:** about {timing.clock} to tell (budget {timing.budget_clock}), {timing.length}"
    )
    lines += [f"- {fact}" for fact in facts] + [""]
    for part, text in zip(parts, story.part_texts(), strict=True):
        lines += [f"#### {md_escape(part.name)}", ""]
        lines += [part_markdown(text) if text.strip() else "*Not written yet.*", ""]
    return lines


def markdown_text(stories, owner, guide=None):
    """One CommonMark file: the stories grouped by value, each with its parts, tags and time estimate."""
    guide = guide or default_guide()
    parts = story_parts(guide)
    wpm = Profile.for_user(owner).words_per_minute
    stories = for_reading(stories)
    values = list(Value.objects.filter(guide=guide))
    count = f"{len(stories)} {'story' if len(stories) == 1 else 'stories'}"
    lines = [
        f"# {md_escape(f'Story bank of {owner.get_username()}')}", "",
        f"Exported on {timezone.localdate():%Y-%m-%d} · {count} · times at {wpm} words a minute.", "",
    ]
    written = {}
    # Each story's values read once (every .values.all() builds a manager): by value, the stories telling it.
    telling = {}
    for story in stories:
        for key in [v.pk for v in story.values.all()] or [None]:
            telling.setdefault(key, []).append(story)
    for value in [*values, None]:
        group = telling.get(value.pk if value else None, [])
        if not group:
            continue
        lines += [f"## {md_escape(value.name if value else 'Not linked to a value yet')}", ""]
        for story in group:
            if story.pk in written:
                where = md_escape(written[story.pk])
                lines += [f"- *{md_escape(story.title)}*: the story is under {where}.", ""]
                continue
            written[story.pk] = value.name if value else ""
            names = [v.name for v in story.values.all()]
            lines += _markdown_story(story, parts, wpm, names)
    if not stories:
        lines += ["No stories yet.", ""]
    return "\n".join(lines)
