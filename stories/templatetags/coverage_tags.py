from django import template

from stories.coverage.suggestions import suggestions_for_question

register = template.Library()


@register.inclusion_tag("stories/coverage/_suggestions.html", takes_context=True)
def might_fit(context, question):
    """The signed-in user's best three stories for a guide question, each with "Tag it"."""
    request = context["request"]
    if not request.user.is_authenticated:
        return {"show": False}
    return {
        "show": True,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "question": question,
        "suggestions": suggestions_for_question(request.user, question),
        "compact": False,
    }
