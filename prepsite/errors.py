"""The product's 400 page: what was wrong with the request, in words, instead of Django's bare page."""

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.shortcuts import render


class FormNotUtf8(BadRequest):
    """A form posted with a charset other than UTF-8 (see prepsite.middleware.RefuseNonUtf8FormMiddleware)."""


def _reason(exception):
    """One or two sentences for the page: what was refused and what to do (Django's limits, in settings)."""
    if isinstance(exception, RequestDataTooBig):
        from stories.models import PART_MAX_LENGTH  # here: the middleware imports this module early

        megabytes = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024
        return (
            f"What was sent is larger than the {megabytes:g} MB a form may hold. A story part holds at most "
            f"{PART_MAX_LENGTH:,} characters; to bring many stories at once, use Import, which reads files of up to 5 MB."
        )
    if isinstance(exception, TooManyFieldsSent | TooManyFilesSent):
        return (
            f"The form had more than {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS:,} fields, far more than any page "
            "here sends. Reload the page you came from and send it again."
        )
    if isinstance(exception, FormNotUtf8):
        return (
            "The form was sent in a character encoding other than UTF-8, which this site reads. Browsers "
            "send UTF-8; a script or tool that posts here should too."
        )
    return "The request could not be read. Go back, reload the page and try again."


def bad_request(request, exception):
    """handler400: the site's own page (navigation, styles, dark mode) with the reason, status 400."""
    context = {"reason": _reason(exception)}
    return render(request, "400.html", context, status=400)
