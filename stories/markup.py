"""User-written Markdown to safe HTML: CommonMark with GitHub's extensions, then nh3 (an allow-list sanitizer).

One renderer for every part a user writes (the editor's preview, the story page,
the print view, the practice cue cards, the Anki cards): markdown-it-py in its
CommonMark preset with GitHub's extensions turned on (tables, ~~strikethrough~~,
task lists, bare-URL autolinks), so a part reads as it would on GitHub.
The guide's own pages keep their renderer (guide/rendering.py): they are the
project's text, not the user's.

Raw HTML is let through the parser, as CommonMark and GitHub allow, and nh3
then keeps only the tags below: scripts, event-handler attributes,
`javascript:` URLs, iframes and style attributes never survive;
tests/test_sanitizing.py proves it on payloads.
"""

import re
from functools import lru_cache

import nh3
from django.utils.safestring import mark_safe
from linkify_it import LinkifyIt
from markdown_it import MarkdownIt
from mdit_py_plugins.tasklists import tasklists_plugin

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "strong",
    "em",
    "b",
    "i",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "del",
    "s",
    "input",  # a task list's box, kept only as a disabled checkbox (below)
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
    "input": {"type", "checked", "disabled"},
}
# Whatever a writer puts in an <input>, it comes out as a box that cannot be ticked or sent.
FORCED_ATTRIBUTES = {"input": {"type": "checkbox", "disabled": "disabled"}}
ALLOWED_CLASSES = {
    "ul": {"contains-task-list"},
    "li": {"task-list-item"},
    "input": {"task-list-item-checkbox"},
}
URL_SCHEMES = {"http", "https", "mailto"}
ALIGN = {"text-align:left": "left", "text-align:center": "center", "text-align:right": "right"}


def _align_attribute(state):
    """markdown-it aligns table cells with `style`; the sanitizer drops every style, so say `align`."""
    for token in state.tokens:
        if token.type in ("th_open", "td_open") and token.attrGet("style") in ALIGN:
            token.attrSet("align", ALIGN[token.attrGet("style")])
            del token.attrs["style"]


class QuickLinkify(LinkifyIt):
    """linkify-it with the same answer to `pretest()` ("might this text hold a link?"), ten times quicker.

    linkify-it's pretest is one regular expression, "a schema after a boundary | a fuzzy host | @", which
    Python's `re` tries at every position; it took two thirds of rendering a part of plain prose. Here each
    alternative is searched on its own: "@" as a plain test, the schemas (http:, https:, ftp:, //, mailto:)
    only when the text has a ":" or "//", the hosts ("www.", "localhost", ".com"...) by their own pattern,
    which `re` scans quickly because each of its branches starts with a literal.
    """

    def _compile(self):
        super()._compile()
        self._schema_search = re.compile(self.re["schema_test"], re.IGNORECASE)
        self._host_search = re.compile(self.re["host_fuzzy_test"], re.IGNORECASE)
        # Every default schema holds ":" or "//": without either, the schema branch cannot match.
        self._schema_marks = (":", "//") if all(":" in s or "//" in s for s in self._schemas) else ("",)

    def pretest(self, text):
        return (
            "@" in text
            or (any(mark in text for mark in self._schema_marks) and self._schema_search.search(text) is not None)
            or self._host_search.search(text) is not None
        )


def commonmark_gfm():
    """A markdown-it parser: CommonMark, plus GitHub's tables, strikethrough, task lists and autolinks."""
    md = MarkdownIt("commonmark", {"linkify": True}).enable(["table", "strikethrough", "linkify"])
    md.linkify = QuickLinkify()
    md.use(tasklists_plugin)
    # GitHub writes ~~struck~~ words as <del>; markdown-it as <s>.
    md.add_render_rule("s_open", lambda *args: "<del>")
    md.add_render_rule("s_close", lambda *args: "</del>")
    md.core.ruler.push("align_attribute", _align_attribute)
    # Every link is a link, as in Python-Markdown before: nh3 then drops an href whose scheme is not
    # allowed (`javascript:`, `data:`), leaving the words, rather than showing the whole link as text.
    md.validateLink = lambda url: True
    return md


PARSER = commonmark_gfm()


def sanitize(html):
    """`html` with only the allowed tags, attributes, classes and URL schemes left; links get rel=nofollow."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        set_tag_attribute_values=FORCED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


# Texts rendered lately, per process: a text renders the same every time (the parser and the sanitizer's
# rules are fixed), and the print view, the story page and practice render the same parts again and again.
# 8,192 texts hold a 1,000-story bank's parts and summaries; they weigh a few KB each at most.
RENDERED_TEXTS = 8192


@lru_cache(maxsize=RENDERED_TEXTS)
def _rendered(text):
    return sanitize(PARSER.render(text))


def render_markdown(text):
    """Safe HTML for a user's Markdown text (CommonMark with GitHub's extensions, then sanitized).

    `text`: a str (None reads as ""). The result is kept for the next call with the same text."""
    return mark_safe(_rendered(str(text or "")))  # sanitized in _rendered
