from django.core.management.base import BaseCommand, CommandError

from guide.loading import guide_files, load_guide
from guide.sections import GuideFormatError


class Command(BaseCommand):
    help = (
        "Load the guide files (GUIDE_DIR/*.md) into the database. Safe to run again. Lists the items "
        "reworded, and the items retired (no longer in the file, kept for the stories that use them)."
    )

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
                guide, report = load_guide(path)
            except GuideFormatError as exc:
                raise CommandError(f"Guide not loaded, nothing changed. {exc}") from exc
            except OSError as exc:
                raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc
            summary = ", ".join(f"{count} {what}" for what, count in sorted(report.items()))
            self.stdout.write(f"{guide.title}: {summary or 'already up to date'}")
            for kind, slug, old, new in report.reworded:
                self.stdout.write(f"  Reworded {kind} {slug}: “{old}” -> “{new}”")
            for item in report.retired:
                titles = ", ".join(f"“{title}”" for title in item.story_titles)
                more = item.story_count - len(item.story_titles)
                stories = f"{item.story_count} {'story' if item.story_count == 1 else 'stories'}"
                self.stdout.write(
                    f"  Retired {item.kind} {item.slug} (“{item.label}”), no longer in the file; kept for "
                    f"{stories}{': ' + titles if titles else ' (and their revisions or rehearsals)'}"
                    f"{f' and {more} more' if more > 0 else ''}"
                )
