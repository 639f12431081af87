from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from stories import exchange
from stories import export_formats as formats
from stories.models import Story

WRITERS = {
    "json": lambda stories, user: exchange.dumps(exchange.export_document(stories)),
    "md": lambda stories, user: formats.markdown_text(stories, user),
    "csv": lambda stories, user: exchange.csv_text(stories),
}


class Command(BaseCommand):
    help = "Write a user's story bank (trash left out) as JSON, Markdown or CSV: to a file, or to standard output."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="The user name whose bank to export.")
        parser.add_argument(
            "--format", dest="fmt", required=True, choices=sorted(WRITERS), help="json is the full backup."
        )
        parser.add_argument("--output", help="The file to write (default: standard output).")

    def handle(self, *args, user, fmt, output, **options):
        owner = get_user_model().objects.filter(username=user).first()
        if owner is None:
            raise CommandError(f"No user is named {user!r}.")
        stories = Story.objects.for_user(owner).active()
        text = WRITERS[fmt](stories, owner)
        if not output:
            self.stdout.write(text, ending="")
            return
        try:
            Path(output).write_text(text, encoding="utf-8", newline="")
        except OSError as exc:
            raise CommandError(f"Cannot write {output}: {exc.strerror}.") from exc
        count = stories.count()
        self.stdout.write(f"Wrote {count} {'story' if count == 1 else 'stories'} of {user} to {output}.")
