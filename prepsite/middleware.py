"""Query strings cleaned before any view reads them."""

from django.http import QueryDict


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
