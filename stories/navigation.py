"""Sending a user back where a form came from, safely."""

import re

from django.http import HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

# An element id the page gave the form to come back to: letters, digits, "-" and "_" only.
ANCHOR_RE = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,199}")


def back(request, fallback):
    """A redirect to the form's `next` when it is a path on this site ("/coverage/?q=1#x"), else to
    `fallback` (a URL name). `next` is never read as a view name, so "abc" falls back instead of failing.

    The form's `anchor` (an element id, ANCHOR_RE), when given, becomes the fragment: the browser
    returns to the item the form acted on rather than to the top of a long page, without JavaScript.
    Any other `anchor` is ignored.
    """
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    url = target if safe and target.startswith("/") and not target.startswith("//") else resolve_url(fallback)
    anchor = request.POST.get("anchor", "")
    if ANCHOR_RE.fullmatch(anchor):
        url = f"{url.split('#', 1)[0]}#{anchor}"
    return HttpResponseRedirect(url)
