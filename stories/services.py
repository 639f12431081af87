"""Writing stories: every write keeps exactly one revision, and a stale edit never overwrites."""

import unicodedata
import uuid

from django.db import transaction
from django.utils import timezone

from .models import INVISIBLE, PART_FIELDS, Profile, Story, Tag, tag_key

# Plain fields a revision restores (the many-to-many tags are restored separately).
REVISION_FIELDS = ("title", "summary", *PART_FIELDS, "level_id", "team_size", "status")
M2M_FIELDS = ("values", "questions", "themes", "tags")


class StaleEdit(Exception):
    """The story changed since the form was opened; `current` is the newer saved story."""

    def __init__(self, current):
        super().__init__("The story was changed elsewhere")
        self.current = current


def normalise_line_ends(text):
    """Text with every line end as "\n": browsers send "\r\n" from a textarea and files may hold "\r";
    stored that way, an export would carry them and a re-import would see a change. The editor's form,
    the import and migration 0007 (for older stories) all store text through this rule."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean_tag_name(raw):
    """A tag name as stored: NFC, invisible characters removed, runs of spaces as one, at most 50 characters."""
    return " ".join(unicodedata.normalize("NFC", raw).translate(INVISIBLE).split())[:50]


def parse_tag_names(text):
    """'Scale, on-call ,, scale' -> ['Scale', 'on-call']: first spelling wins among names with one tag_key."""
    seen, names = set(), []
    for raw in (text or "").split(","):
        name = clean_tag_name(raw)
        if name and tag_key(name) not in seen:
            seen.add(tag_key(name))
            names.append(name)
    return names


def tags_for(owner, names):
    """The owner's tags with these names, created as needed (matched by tag_key: case, width, accents'
    composition and invisible characters do not make another tag)."""
    tags = []
    for name in names:
        name = clean_tag_name(name)
        tag = Tag.objects.filter(owner=owner, key=tag_key(name)).first()
        tags.append(tag or Tag.objects.create(owner=owner, name=name))
    return tags


def record_revision(story, reason, update_fields=("version",)):
    """End a write begun with `story.skip_history_when_saving = True`: save once more with history on,
    so the one revision of the write holds its final tags too."""
    del story.skip_history_when_saving
    story._change_reason = reason
    story.save(update_fields=list(update_fields))


@transaction.atomic
def save_story(form, *, owner, expected_version=None, new_tag_names=()):
    """Save a valid StoryForm. Raises StaleEdit when the story moved on since `expected_version`."""
    story = form.save(commit=False)
    creating = story.pk is None
    if not creating:
        current = Story.objects.select_for_update().get(pk=story.pk)
        if current.version != expected_version:
            raise StaleEdit(current)
        story.version = current.version + 1
    story.owner = owner
    story.updated_at = timezone.now()
    story.skip_history_when_saving = True
    story.save()
    form.save_m2m()
    if new_tag_names:
        story.tags.add(*tags_for(owner, new_tag_names))
    record_revision(story, "Created" if creating else "Edited")
    Profile.bump_bank_revision(owner)
    return story


@transaction.atomic
def duplicate_story(story):
    copy = Story.objects.get(pk=story.pk)
    copy.pk = copy.id = None
    copy._state.adding = True
    copy.uuid = uuid.uuid4()
    copy.title = f"Copy of {story.title}"[: Story._meta.get_field("title").max_length]
    copy.status = Story.Status.DRAFT
    copy.is_example = False  # a copy of the example is the user's own story
    copy.version = 1
    copy.created_at = copy.updated_at = timezone.now()
    copy.skip_history_when_saving = True
    copy.save()
    for name in M2M_FIELDS:
        getattr(copy, name).set(getattr(story, name).all())
    record_revision(copy, f"Duplicated from “{story.title}”")
    Profile.bump_bank_revision(copy.owner_id)
    return copy


@transaction.atomic
def move_to_trash(story):
    story.deleted_at = timezone.now()
    story.version += 1
    story._change_reason = "Moved to trash"
    story.save(update_fields=["deleted_at", "version"])
    Profile.bump_bank_revision(story.owner_id)


@transaction.atomic
def restore_from_trash(story):
    story.deleted_at = None
    story.version += 1
    story.updated_at = timezone.now()
    story._change_reason = "Restored from the trash"
    story.save(update_fields=["deleted_at", "version", "updated_at"])
    Profile.bump_bank_revision(story.owner_id)


@transaction.atomic
def restore_revision(story, record):
    """Bring back the text and tags of `record` (a historical story); this is itself a new revision."""
    story = Story.objects.select_for_update().get(pk=story.pk)
    for name in REVISION_FIELDS:
        setattr(story, name, getattr(record, name))
    story.version += 1
    story.updated_at = timezone.now()
    story.skip_history_when_saving = True
    story.save()
    for name in M2M_FIELDS:
        model = Story._meta.get_field(name).related_model
        ids = [getattr(row, f"{model._meta.model_name}_id") for row in getattr(record, name).all()]
        # A guide entry or tag may have gone since; keep the ones that still exist.
        getattr(story, name).set(model.objects.filter(pk__in=ids))
    record_revision(story, f"Restored the revision of {timezone.localtime(record.history_date):%d %b %Y, %H:%M}")
    Profile.bump_bank_revision(story.owner_id)
    return story


@transaction.atomic
def purge(story):
    """Delete for good, revisions included."""
    pk = story.pk
    story.delete()
    Story.history.filter(id=pk).delete()
    Profile.bump_bank_revision(story.owner_id)
