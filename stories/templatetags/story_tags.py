from datetime import datetime, timedelta

from django import template
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince

from stories.models import Story

register = template.Library()

# The guide pages that can list "your stories for this", and the story field each filters on.
ITEM_FIELDS = {"value": "values", "question": "questions", "theme": "themes", "level": "level"}


@register.inclusion_tag("stories/_stories_for_item.html", takes_context=True)
def stories_for(context, kind, item):
    """The signed-in user's stories tagged with a guide item, and a link to write one."""
    request = context["request"]
    user = request.user
    if kind not in ITEM_FIELDS:
        return {"kind": None}
    stories = []
    if user.is_authenticated:
        stories = list(
            Story.objects.for_user(user)
            .active()
            .filter(**{ITEM_FIELDS[kind]: item})
            .only("pk", "title", "status")
        )
    return {
        "request": request,
        "user": user,
        "kind": kind,
        "item": item,
        "stories": stories,
        # A retired item is not offered for new stories.
        "can_write": kind in ("value", "question", "theme") and not getattr(item, "retired", False),
    }


@register.filter
def ago(moment):
    """"just now" within the last minute, else "5 minutes ago" (Django's timesince): never "0 minutes ago"."""
    if moment is None:
        return ""
    now = timezone.now()
    if (now - moment).total_seconds() < 60:
        return "just now"
    return f"{timesince(moment, now)} ago"


# timesince names two units, the smaller one this long at most, by the age of the moment: minutes under a
# day ("3 hours, 5 minutes"), hours under a week ("2 days, 4 hours"), then days or longer.
_AGO_STEPS = ((timedelta(days=1), timedelta(minutes=1)), (timedelta(days=7), timedelta(hours=1)))


def ago_changes_at(moment, now: datetime) -> datetime | None:
    """When `ago(moment)` says something else (at the latest): a cached page that shows it holds until then."""
    if moment is None:
        return None
    age = now - moment
    step = next((step for below, step in _AGO_STEPS if age < below), timedelta(days=1))
    return moment + step * (age // step + 1)


@register.filter
def diff_html(segments):
    """revisions.word_diff segments as HTML: inserted text in <ins>, deleted text in <del>, all escaped."""
    tags = {"insert": "ins", "delete": "del"}
    html = []
    for kind, text in segments:
        tag = tags.get(kind)
        html.append(format_html("<{}>{}</{}>", tag, text, tag) if tag else conditional_escape(text))
    return mark_safe("".join(html))  # noqa: S308 - every piece is escaped above
