"""The stories as the readable formats (Markdown, the coverage matrix, print, Anki) read them."""

from django.db.models import Prefetch

from guide.models import Question, Theme, Value


def for_reading(stories):
    """Stories in title order with everything the readable formats show (links to the guide included),
    in a fixed number of queries."""
    with_guide = {name: model.objects.select_related("guide") for name, model in
                  [("values", Value), ("questions", Question), ("themes", Theme)]}
    return list(
        stories.select_related("level__guide")
        .prefetch_related(*(Prefetch(name, queryset=qs) for name, qs in with_guide.items()), "tags")
        .order_by("title", "pk")
    )
