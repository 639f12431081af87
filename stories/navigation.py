"""Sending a user back where a form came from, safely."""

from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def back(request, fallback):
    """A redirect to the form's `next` when it is a path on this site ("/coverage/?q=1#x"), else to
    `fallback` (a URL name). `next` is never read as a view name, so "abc" falls back instead of failing."""
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    if safe and target.startswith("/") and not target.startswith("//"):
        return HttpResponseRedirect(target)
    return redirect(fallback)
