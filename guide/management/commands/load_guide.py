from django.core.management.base import BaseCommand, CommandError

from guide.loading import guide_files, load_guide
from guide.sections import GuideFormatError


class Command(BaseCommand):
    help = "Load the guide files (GUIDE_DIR/*.md) into the database. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="*", help="Guide files to load (default: every file in GUIDE_DIR)."
        )

    def handle(self, *args, paths, **options):
        paths = paths or guide_files()
        if not paths:
            raise CommandError("No guide files found; put one in GUIDE_DIR.")
        for path in paths:
            try:
                guide, stats = load_guide(path)
            except GuideFormatError as exc:
                raise CommandError(f"Guide not loaded, nothing changed. {exc}") from exc
            except OSError as exc:
                raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc
            summary = ", ".join(f"{count} {what}" for what, count in sorted(stats.items()))
            self.stdout.write(f"{guide.title}: {summary or 'already up to date'}")
