from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from stories.exchange import FORMATS
from stories.models import Story

WRITERS = ("csv", "json", "md")  # the text formats; the Export page also offers the rest


class Command(BaseCommand):
    help = "Write a user's story bank (trash left out) as JSON, Markdown or CSV: to a file, or to standard output."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="The user name whose bank to export.")
        parser.add_argument(
            "--format", dest="fmt", required=True, choices=WRITERS, help="json is the full backup."
        )
        parser.add_argument("--output", help="The file to write (default: standard output).")

    def handle(self, *args, user, fmt, output, **options):
        owner = get_user_model().objects.filter(username=user).first()
        if owner is None:
            raise CommandError(f"No user is named {user!r}.")
        stories = Story.objects.for_user(owner).active()
        text = FORMATS[fmt].build(stories, owner)
        if not output:
            self.stdout.write(text, ending="")
            return
        try:
            Path(output).write_text(text, encoding="utf-8", newline="")
        except OSError as exc:
            raise CommandError(f"Cannot write {output}: {exc.strerror}.") from exc
        count = stories.count()
        self.stdout.write(f"Wrote {count} {'story' if count == 1 else 'stories'} of {user} to {output}.")
