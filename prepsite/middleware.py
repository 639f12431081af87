"""Requests the app cannot answer well, refused before any view runs."""

from django.shortcuts import render


class RejectNulInQueryMiddleware:
    """Answer 400 to an address whose query string holds a NUL character (`%00`).

    No page of the app takes a NUL in a parameter, and PostgreSQL refuses one in any text
    it compares, so a search or filter holding it would otherwise fail deep in a view.
    Form fields are checked by the forms themselves (Django's ProhibitNullCharactersValidator).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()):
            reason = "The address holds a NUL character (%00), which no page takes."
            return render(request, "400.html", {"reason": reason}, status=400)
        return self.get_response(request)
