"""Light or dark pages: the user's choice, applied on <html> before the first paint.

The choice is Profile.appearance for a signed-in user (saved per user), the session's for a visitor.
It is also kept in the session (copied there at log-in), so that every page can render
`<html data-appearance data-bs-theme>` without a query. "system" follows the device's
prefers-color-scheme: the server cannot know it, so static/js/theme.js (a file in <head>, as the strict
Content-Security-Policy wants) sets data-bs-theme before the page paints; a visitor's choice made with
JavaScript is also kept in the browser's localStorage. Bootstrap 5.3 reads data-bs-theme; the site's
own dark colours are in static/css/dark.css.
"""

from .models import Profile

SESSION_KEY = "appearance"
CHOICES = tuple(Profile.Appearance.values)  # ("system", "light", "dark")
ICONS = {"system": "◐", "light": "☀\ufe0e", "dark": "☾"}  # \ufe0e: the text symbol, not an emoji


def saved(request) -> str:
    """The choice kept for this request ("system", "light" or "dark"), or "" when none is kept."""
    session = getattr(request, "session", None)
    choice = session.get(SESSION_KEY, "") if session is not None else ""
    return choice if choice in CHOICES else ""


def remember(request, choice: str) -> None:
    """Keep `choice` (one of CHOICES; ValueError otherwise): on the user's Profile when signed in, and
    in the session either way."""
    if choice not in CHOICES:
        raise ValueError(f"Unknown appearance {choice!r}: choose one of {', '.join(CHOICES)}.")
    if request.user.is_authenticated:
        Profile.objects.update_or_create(user=request.user, defaults={"appearance": choice})
    request.session[SESSION_KEY] = choice


def copy_to_session(sender, request, user, **kwargs):
    """At log-in (the user_logged_in signal), bring the user's saved choice into the new session."""
    if request is not None and hasattr(request, "session"):
        choice = Profile.objects.filter(user=user).values_list("appearance", flat=True).first()
        request.session[SESSION_KEY] = choice or Profile.Appearance.SYSTEM


def appearance(request):
    """Template context: `appearance` (the kept choice, or ""), `color_mode` ("light" or "dark" when the
    server knows it, else "": theme.js decides) and `appearance_choices` for the navbar's toggle."""
    choice = saved(request)
    return {
        "appearance": choice,
        "color_mode": choice if choice in ("light", "dark") else "",
        "appearance_choices": [(value, label, ICONS[value]) for value, label in Profile.Appearance.choices],
    }
