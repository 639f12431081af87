"""Closing an account: everything the user wrote goes with it."""

from django.db import transaction

from .models import Story


@transaction.atomic
def delete_account(user) -> int:
    """Delete `user` with their stories, every revision of them, tags, profile, loop plan, rehearsals and
    practice cards; returns how many stories went. The revisions go last: the history table keeps the
    owner as a plain column (deleting the user leaves them), and deleting a story writes one more."""
    stories = Story.objects.filter(owner=user).count()
    owner_id = user.pk
    user.delete()  # stories, tags, profile, loop slots, rehearsals, practice cards: ON DELETE CASCADE
    Story.history.model.objects.filter(owner_id=owner_id).delete()  # and, by cascade, their tag rows
    return stories
