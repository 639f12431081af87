"""Stories saved before line ends were normalised: "\r\n" and "\r" in the summary and parts become "\n"."""

from django.db import migrations

FIELDS = ("summary", "challenge", "decision", "execution", "communication", "impact")


def normalise(apps, schema_editor):
    Story = apps.get_model("stories", "Story")
    for story in Story.objects.all().only("id", *FIELDS).iterator():
        changed = [f for f in FIELDS if "\r" in getattr(story, f)]
        for field in changed:
            setattr(story, field, getattr(story, field).replace("\r\n", "\n").replace("\r", "\n"))
        if changed:
            story.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [("stories", "0006_plan")]

    operations = [migrations.RunPython(normalise, migrations.RunPython.noop)]
