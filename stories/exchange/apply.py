"""Writing an import plan (plan.py): all of it in one transaction, or nothing."""

import uuid

from django.db import transaction
from django.utils import timezone

from stories.models import PART_FIELDS, Story, Tag, tag_key
from stories.services import clean_tag_name, record_revision

from .prep import apply_plan_data
from .records import LINK_FIELDS


def _tags(owner, names, cache):
    """The owner's tags of these names (matched by tag_key, as the editor does), created as needed."""
    for name in names:
        if tag_key(name) not in cache:
            cache[tag_key(name)] = Tag.objects.create(owner=owner, name=clean_tag_name(name))
    return [cache[tag_key(name)] for name in names]


@transaction.atomic
def apply_plan(plan):
    """Write a valid plan in one transaction; returns the counts of created, updated and skipped stories."""
    if not plan.is_valid:
        raise ValueError("An import plan with errors cannot be applied.")
    owner, lookups, now = plan.owner, plan.lookups, timezone.now()
    tag_cache, by_file_uuid = {}, {}  # the file's uuid -> the story it became, for the loop plan
    for tag in Tag.objects.for_user(owner).order_by("pk"):
        tag_cache.setdefault(tag.key, tag)
    for item in plan.items:
        data = item.data
        if item.action == "skip":
            by_file_uuid[data.uuid] = item.story  # (None, for a story without a uuid, names nothing)
            continue
        if item.action == "create":
            story = Story(
                owner=owner,
                uuid=data.uuid if data.uuid and not item.new_uuid else uuid.uuid4(),
                created_at=data.created_at or now,
                updated_at=data.updated_at or now,
            )
        else:
            story = Story.objects.select_for_update().get(pk=item.story.pk, owner=owner)
            story.version += 1
            story.updated_at = now
            story.deleted_at = None
        story.title, story.summary = data.title, data.summary
        for name, text in zip(PART_FIELDS, data.parts, strict=True):
            setattr(story, name, text)
        story.level = lookups["level"][data.level.upper()] if data.level else None
        story.team_size, story.status = data.team_size, data.status
        # One revision per story with its final tags, as stories/services.py writes them.
        story.skip_history_when_saving = True
        story.save()
        for name in LINK_FIELDS:
            getattr(story, name).set([lookups[name][slug] for slug in getattr(data, name)])
        story.tags.set(_tags(owner, data.tags, tag_cache))
        record_revision(story, "Imported from a file")
        by_file_uuid[data.uuid] = story
    if plan.prep is not None:
        apply_plan_data(owner, plan.prep, by_file_uuid)
    return {"created": len(plan.creates), "updated": len(plan.updates), "skipped": len(plan.skips)}
