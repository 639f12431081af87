from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from stories import exchange

LABELS = {"create": "create", "update": "update", "skip": "unchanged"}


class Command(BaseCommand):
    help = (
        "Import a file into a user's story bank, all or nothing: the export's JSON or CSV, or a spreadsheet, "
        "Markdown notes, a Notion export or another tool's JSON, its columns mapped as guessed. "
        "The same file twice changes nothing the second time."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="The user name whose bank receives the stories.")
        parser.add_argument("file", help="A .json or .csv file written by export_bank or the Export page.")
        parser.add_argument("--dry-run", action="store_true", help="Say what would change, write nothing.")

    def handle(self, *args, user, file, dry_run, **options):
        owner = get_user_model().objects.filter(username=user).first()
        if owner is None:
            raise CommandError(f"No user is named {user!r}.")
        path = Path(file)
        try:
            with path.open("rb") as handle:
                raw = handle.read(exchange.MAX_IMPORT_BYTES + 1)
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}.") from exc
        plan = exchange.plan_import(owner, raw, path.name)
        if plan.needs_mapping:  # someone else's table: the guessed mapping, printed so it can be checked
            for header, target in plan.mapping.described(plan.table.headers):
                self.stdout.write(f"   column: {header or '(no header)'} -> {target}")
            plan = exchange.plan_import(owner, raw, path.name, mapping=plan.mapping.as_data())
        if not plan.is_valid:
            problems = "\n".join(f"  {error}" for error in plan.errors)
            raise CommandError(f"{file} was not imported; nothing changed.\n{problems}")
        for item in plan.items:
            note = f" ({item.note})" if item.note else ""
            changes = f" [{', '.join(item.changes)}]" if item.changes else ""
            self.stdout.write(f"{LABELS[item.action]:>9}: {item.data.title}{changes}{note}")
        summary = f"{len(plan.creates)} to create, {len(plan.updates)} to update, {len(plan.skips)} unchanged"
        if dry_run:
            self.stdout.write(f"Dry run, nothing written: {summary}.")
            return
        counts = exchange.apply_plan(plan)
        self.stdout.write(
            f"Imported {file} into {user}'s bank: {counts['created']} created, {counts['updated']} updated, "
            f"{counts['skipped']} unchanged."
        )
