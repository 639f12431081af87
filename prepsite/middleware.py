"""Requests cleaned or refused before any view reads them."""

from django.http import QueryDict

from .errors import FormNotUtf8


class DropNulFromQueryMiddleware:
    """Remove NUL characters (`%00`) from the query string's names and values.

    No page of the app takes a NUL in a parameter, and PostgreSQL refuses one in any text it
    compares, so a search or filter holding it would otherwise fail deep in a view; without it
    the parameter reads as the user meant it (`?q=%00` is an empty search). Form fields are
    checked by the forms themselves (ProhibitNullCharactersValidator), with a message.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.META.get("QUERY_STRING", "") or "%00" in request.META.get("QUERY_STRING", ""):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)


class RefuseNonUtf8FormMiddleware:
    """Answer 400 (the product's page) to a form posted with a charset other than UTF-8.

    A form (`application/x-www-form-urlencoded`) is UTF-8 by definition (the HTML and URL standards).
    Django refuses a known other charset (`latin-1`) only when a view reads the form, and reads an
    unknown one (`latin-9-bogus`) as UTF-8 as if nothing were said; both are refused here, alike, before
    anything is read.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.content_type == "application/x-www-form-urlencoded":
            charset = request.content_params.get("charset", "utf-8").strip().lower()
            if charset != "utf-8":  # as Django reads it: "utf8" too would be refused later
                raise FormNotUtf8(f"A form must be UTF-8, not {charset[:40]!r}.")
        return self.get_response(request)
