"""User-written Markdown to safe HTML: Python-Markdown, then nh3 (an allow-list sanitizer).

Scripts, event-handler attributes, `javascript:` URLs, iframes and style
attributes never survive; tests/test_sanitizing.py proves it on payloads.
"""

import markdown
import nh3
from django.utils.safestring import mark_safe

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
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}


def sanitize(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def render_markdown(text):
    """Safe HTML for a user's Markdown text."""
    html = markdown.markdown(text or "", extensions=["sane_lists", "tables"], output_format="html")
    return mark_safe(sanitize(html))  # sanitized just above
