"""The one way a view finds a story: the request user's own, or a 404 for anyone else (and for a
story that does not exist), so that no view can forget the check."""

from django.shortcuts import get_object_or_404

from .models import Story


def get_story_or_404(request, pk, *, trashed=False):
    """The request user's story `pk`, from the bank or (trashed=True) from the trash."""
    stories = Story.objects.for_user(request.user)
    stories = stories.trashed() if trashed else stories.active()
    return get_object_or_404(stories, pk=pk)
