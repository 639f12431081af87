"""Per-user page fragments, cached until the user's bank changes.

A page whose content depends only on the user's bank and the guide (the coverage dashboard, the loop
plan, the story list, a story's page) renders that content once per bank revision, through Django's
cache framework (settings.CACHES: local memory by default, or CACHE_URL). The key holds the page, the
user, `Profile.bank_revision` (bumped by every write, in the write's transaction), the guide's version,
the page's own parameters and FORMAT; a write therefore never has to find and delete what it made stale.

Only the bank's part of a page is cached, never a whole response: base.html (navigation, messages) is
rendered per request, and what belongs to the request is put into the cached HTML as it is served:

- the CSRF token: `{% csrf_token %}` renders a placeholder that autoescaped user text can never spell
  (it starts with "<!--"), replaced by this request's token, so a token never reaches another session;
- live values (`live`): other placeholders, e.g. the number of practice cards due now.

A fragment that depends on the time too says until when it holds (`valid_until`, an aware datetime):
it is not served after that.
"""

import hashlib
import re
from collections.abc import Callable, Mapping
from datetime import datetime

from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from .models import Profile

FORMAT = "page-1"  # change when what is cached changes shape
CACHE_SECONDS = 24 * 3600  # an entry nobody asks for again goes after a day (or earlier, by LRU)
CSRF_PLACEHOLDER = mark_safe("<!--live:csrf-->")


def profile_of(request):
    """The request user's Profile, read once per request (views and the navigation's count share it)."""
    profile = getattr(request, "_profile", None)
    if profile is None:
        profile = request._profile = Profile.for_user(request.user)
    return profile


def live(name: str) -> SafeString:
    """The placeholder of a live value `name`, to put in a fragment's context (see serve)."""
    return mark_safe(f"<!--live:{name}-->")


# Indentation and blank lines of the templates: a run of white space with a line break renders as one
# space, except inside <pre> and <textarea>, so it is stored as one line break (a tenth of the dashboard).
LINE_BREAKS = re.compile(r"[ \t]*\n\s*")


def render_fragment(template_name: str, context: Mapping, request=None) -> str:
    """`template_name` rendered for the cache, `{% csrf_token %}` rendering the placeholder, and runs of white
    space with a line break made one. Without `request` no context processor runs: pass what it needs. With
    it (for tags that read it, like {% querystring %}), the page key must hold what the fragment reads of
    it: its query, say; never the session, messages or the user's name."""
    html = render_to_string(template_name, {**context, "csrf_token": CSRF_PLACEHOLDER}, request=request)
    return html if "<pre" in html or "<textarea" in html else LINE_BREAKS.sub("\n", html)


def cache_key(page: str, profile, guide, params: tuple = ()) -> str:
    """The key of one page's fragments for the bank revision of `profile` (the user's Profile) and the
    version of `guide`; `params` are the page's own (its filter, its page number...)."""
    version = guide.loaded_at.isoformat() if guide.loaded_at else ""
    made_from = repr((FORMAT, page, profile.user_id, profile.bank_revision, version, params))
    return "page:" + hashlib.sha256(made_from.encode("utf-8", "surrogatepass")).hexdigest()


def fragments(
    key: str, build: Callable[[], tuple[dict[str, str], datetime | None]], now: datetime | None = None
):
    """The fragments cached under `key` (name -> HTML), made by `build` when missing or expired.

    `build()` returns (fragments, valid_until): valid_until None means "until the bank changes".
    Returns (fragments, built): `built` is True when they were made now.
    """
    now = now or timezone.now()
    entry = cache.get(key)
    if entry is not None:
        html, valid_until = entry
        if valid_until is None or now < valid_until:
            return html, False
    html, valid_until = build()
    seconds = CACHE_SECONDS if valid_until is None else (valid_until - now).total_seconds()
    if seconds > 0:
        cache.set(key, (html, valid_until), min(CACHE_SECONDS, int(seconds) + 1))
    return html, True


def serve(request, html: str, live_values: Mapping[str, object] = ()) -> SafeString:
    """A cached fragment made ready for this request: its CSRF token, and each live value in its place."""
    html = html.replace(CSRF_PLACEHOLDER, get_token(request)) if CSRF_PLACEHOLDER in html else html
    for name, value in dict(live_values).items():
        html = html.replace(live(name), conditional_escape(value))
    return mark_safe(html)  # noqa: S308 - rendered by the template engine, with autoescaping
