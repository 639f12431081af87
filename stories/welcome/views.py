"""The welcome page, the example story (read without an account, added or deleted with one click)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from stories.markup import render_markdown
from stories.models import Story
from stories.structure import default_guide, story_parts, timing_parts
from stories.timing import story_timing

from .example import EXAMPLE, add_example, current_example, example_links, remove_example


@login_required
def welcome(request):
    """Three first steps (write a story, check coverage, practise) and the example story's button."""
    has_stories = Story.objects.for_user(request.user).active().filter(is_example=False).exists()
    return render(
        request,
        "stories/welcome/welcome.html",
        {"example": current_example(request.user), "has_stories": has_stories},
    )


def example(request):
    """The example story, read-only, for anyone: its five parts against the guide's template sentences
    and time budgets (at 150 words a minute), and what it answers."""
    guide = default_guide()
    parts = story_parts(guide)
    texts = [EXAMPLE[part.field] for part in parts]
    timing = story_timing(texts, timing_parts(parts))
    sections = [
        (part, render_markdown(text), part_timing)
        for part, text, part_timing in zip(parts, texts, timing.parts, strict=True)
    ]
    own = current_example(request.user) if request.user.is_authenticated else None
    return render(
        request,
        "stories/welcome/example.html",
        {
            "example": EXAMPLE,
            "sections": sections,
            "timing": timing,
            "links": example_links(guide),
            "own": own,
        },
    )


@login_required
@require_POST
def example_add(request):
    story, created = add_example(request.user, default_guide())
    if created:
        messages.success(
            request,
            "The example story is in your bank, marked “Example”: try the dashboard, "
            "practice and the exports with it. Delete it with one click when you are done.",
        )
    else:
        messages.info(request, "The example story is already in your bank.")
    return redirect(story)


@login_required
@require_POST
def example_delete(request):
    story = remove_example(request.user)
    if story is None:
        messages.info(request, "There is no example story in your bank.")
    else:
        messages.success(
            request, "The example story is deleted (it is in the Trash, should you want it back)."
        )
    return redirect("welcome:home")
