"""One tag per name as people read it: a key (tag_key) per tag, look-alike tags merged, then unique."""

import unicodedata

from django.db import migrations, models

INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


def tag_key(name):
    # A copy of stories.models.tag_key as it is when this migration is written.
    return " ".join(unicodedata.normalize("NFKC", name).translate(INVISIBLE).casefold().split())


def merge_look_alikes(apps, schema_editor):
    """Give each tag its key; where one owner has several tags of one key, the oldest keeps every story."""
    Tag = apps.get_model("stories", "Tag")
    Story = apps.get_model("stories", "Story")
    through = Story.tags.through
    kept = {}
    for tag in Tag.objects.order_by("owner_id", "pk"):
        key = (tag.owner_id, tag_key(tag.name))
        if key not in kept:
            tag.key = key[1]
            tag.save(update_fields=["key"])
            kept[key] = tag
            continue
        keeper = kept[key]
        tagged = set(through.objects.filter(tag_id=keeper.pk).values_list("story_id", flat=True))
        for row in through.objects.filter(tag_id=tag.pk):
            if row.story_id not in tagged:
                through.objects.create(story_id=row.story_id, tag_id=keeper.pk)
        tag.delete()


class Migration(migrations.Migration):
    dependencies = [("stories", "0004_practice")]

    operations = [
        migrations.AddField(
            model_name="tag", name="key", field=models.CharField(default="", editable=False, max_length=200),
            preserve_default=False,
        ),
        migrations.RunPython(merge_look_alikes, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="tag",
            constraint=models.UniqueConstraint(fields=("owner", "key"), name="tag_unique_key_per_owner"),
        ),
    ]
