"""The due count in the navigation: no query of its own once the bank revision is known, only for signed-in
users, only when a page shows it."""

from functools import cache

from django.utils import timezone

from ..pagecache import profile_of
from .services import cached_due_count


def practice(request):
    """`practice_due`: a callable the template calls (once, cached) to show the number of due cards."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    @cache
    def practice_due():
        return cached_due_count(profile_of(request), timezone.now())

    return {"practice_due": practice_due}
