"""Writing an import plan (plan.py): all of it in one transaction, or nothing.

Bulk statements, a fixed number whatever the file's size (tests/exchange/test_apply.py counts them): the
new tags, the new stories, the updated stories, each relation's rows, one revision per story written
(django-simple-history's rows, with the story's final values, questions, themes and tags, as
stories/services.py's record_revision writes them one at a time). With a 1,000-story file that is about
20 statements instead of some 20 per story.
"""

import uuid

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from simple_history.utils import get_history_manager_for_model

from stories.models import PART_FIELDS, Profile, Story, Tag, tag_key
from stories.services import clean_tag_name

from .prep import apply_plan_data
from .records import LINK_FIELDS

REASON = "Imported from a file"
RELATIONS = (*LINK_FIELDS, "tags")  # the story's many-to-many fields, all kept in its history
# The columns an update may change, by the plan's names for them (PlanItem.changes).
COLUMNS = {"title": "title", "summary": "summary", **{name: name for name in PART_FIELDS}, "level": "level",
           "team size": "team_size", "status": "status"}


def _tags_by_key(owner, plan):
    """Every tag the plan's stories name, by tag_key: the owner's, and the missing ones created in one
    statement (named by their first spelling in the file, cleaned as the editor cleans them)."""
    tags = {}
    for tag in Tag.objects.for_user(owner).order_by("pk"):
        tags.setdefault(tag.key, tag)
    new = {}
    for item in plan.items:
        if item.action != "skip":
            for name in item.data.tags:
                if tag_key(name) not in tags:
                    new.setdefault(tag_key(name), clean_tag_name(name))
    # bulk_create skips Tag.save(), which sets the key: set it here.
    created = Tag.objects.bulk_create([Tag(owner=owner, name=name, key=tag_key(name)) for name in new.values()])
    tags.update(zip(new, created, strict=True))  # by the key of the name as written (a long one is cut)
    return tags


def _fill(story, data, lookups):
    story.title, story.summary = data.title, data.summary
    for name, text in zip(PART_FIELDS, data.parts, strict=True):
        setattr(story, name, text)
    story.level = lookups["level"][data.level.upper()] if data.level else None
    story.team_size, story.status = data.team_size, data.status


def _links(data, lookups, tags):
    """{relation: [related objects]} of one story, each object once."""
    links = {name: [lookups[name][slug] for slug in getattr(data, name)] for name in LINK_FIELDS}
    links["tags"] = [tags[tag_key(name)] for name in data.tags]
    return {name: list({obj.pk: obj for obj in objs}.values()) for name, objs in links.items()}


def _write_links(written, replaced):
    """The relation rows of every written story: the updated stories' old rows deleted, all rows inserted,
    one statement each per relation. Returns {relation: the inserted through rows}."""
    rows = {}
    for name in RELATIONS:
        through = getattr(Story, name).through
        target = getattr(Story, name).field.m2m_reverse_field_name()
        if replaced:
            through.objects.filter(story_id__in=replaced).delete()
        rows[name] = through.objects.bulk_create(
            [through(story_id=story.pk, **{f"{target}_id": obj.pk}) for story, links in written
             for obj in links[name]]
        )
    return rows


def _history_links(revisions, rows):
    """The revisions' copies of the relation rows (what simple-history's m2m_fields keep), one statement each."""
    revision_of = {revision.id: revision for revision in revisions}  # HistoricalStory.id is the story's
    history = get_history_manager_for_model(Story).model
    for name in RELATIONS:
        model = getattr(history, name).model  # HistoricalStory_<relation>
        fields = [field.attname for field in getattr(Story, name).through._meta.fields]  # ids, no fetches
        model.objects.bulk_create(
            [model(history=revision_of[row.story_id], **{field: getattr(row, field) for field in fields})
             for row in rows[name]]
        )


@transaction.atomic
def apply_plan(plan):
    """Write a valid plan in one transaction: creates, updates (and restores from the trash) the plan's
    stories with their relations and one revision each ("Imported from a file"), then the prep plan of a
    version 2 or 3 file (with the loop plan, which names stories by the file's uuids). Returns {"created", "updated", "skipped"} counts. Raises ValueError for a plan with
    errors, IntegrityError when a story's uuid was taken since the plan was made (nothing is written)."""
    if not plan.is_valid:
        raise ValueError("An import plan with errors cannot be applied.")
    owner, lookups, now = plan.owner, plan.lookups, timezone.now()
    tags = _tags_by_key(owner, plan)
    created, updated = [], []
    for item in plan.creates:
        data = item.data
        story = Story(owner=owner, uuid=data.uuid if data.uuid and not item.new_uuid else uuid.uuid4(),
                      created_at=data.created_at or now, updated_at=data.updated_at or now)
        _fill(story, data, lookups)
        created.append((story, _links(data, lookups, tags)))
    changes = {item.story.pk: item.data for item in plan.updates}
    for story in Story.objects.select_for_update().filter(owner=owner, pk__in=changes).order_by("pk"):
        data = changes[story.pk]
        _fill(story, data, lookups)
        story.version += 1
        story.updated_at, story.deleted_at = now, None
        updated.append((story, _links(data, lookups, tags)))
    # The file's uuid -> the story it became (or is identical to), for the loop plan of a version 3 file.
    by_file_uuid = {item.data.uuid: item.story for item in plan.skips}  # (None, a story without uuid: nothing)
    by_file_uuid |= {item.data.uuid: story for item, (story, _) in zip(plan.creates, created, strict=True)}
    by_file_uuid |= {changes[story.pk].uuid: story for story, _ in updated}
    history = get_history_manager_for_model(Story)
    # Story rows first, their revisions once the relations are in place (the revision copies them).
    Story.objects.bulk_create([story for story, _ in created])
    if updated:
        # Every update bumps the version and the time and takes the story out of the trash: one plain UPDATE.
        Story.objects.filter(pk__in=changes).update(version=F("version") + 1, updated_at=now, deleted_at=None)
        # Then only the columns some story changes, each a CASE over the updated stories.
        changed = sorted({COLUMNS[label] for item in plan.updates for label in item.changes if label in COLUMNS})
        if changed:
            Story.objects.bulk_update([story for story, _ in updated], changed)
    rows = _write_links(created + updated, [story.pk for story, _ in updated])
    revisions = history.bulk_history_create([story for story, _ in created], default_change_reason=REASON,
                                            default_date=now)
    revisions += history.bulk_history_create([story for story, _ in updated], update=True,
                                             default_change_reason=REASON, default_date=now)
    _history_links(revisions, rows)
    if plan.prep is not None:
        apply_plan_data(owner, plan.prep, by_file_uuid)
    Profile.bump_bank_revision(owner)
    return {"created": len(plan.creates), "updated": len(plan.updates), "skipped": len(plan.skips)}

