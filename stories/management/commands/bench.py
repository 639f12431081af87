"""`python manage.py bench`: one table of the app's speed at 10, 200 and 1,000 stories (`make bench`).

1. Seeds a user per size, `bench-<N>`, with N demo stories (seed_demo: idempotent, so a second run
   reuses them). `make bench` points DATABASE_URL at var/bench.sqlite3, a database of its own.
2. In process, with Django's test client: the dashboard, the loop page, the story list, a story's page,
   the guide, every export format and the import's apply: median server time and SQL statements.
3. Under load, unless --no-load or wrk is missing: gunicorn (--workers sync workers) on 127.0.0.1 and
   wrk for --seconds per URL on the dashboard, the list, a story's page and the guide of the largest
   bank, each paired with /healthz/ in the same run; the server is always stopped.
4. Prints the table and the targets (stories/benchmarks/report.py); --output also writes it to a file.
"""

import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from stories.benchmarks import load, pages, report

SIZES = (10, 200, 1000)
LOAD_PAGES = (
    ("Dashboard /coverage/", "/coverage/"),
    ("Story list /stories/", "/stories/"),
    ("A story's page", "story"),
    ("Guide /guide/netflix/", "/guide/netflix/"),
)


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError as exc:
        raise CommandError(f"--sizes takes whole numbers separated by commas, not {text!r}.") from exc
    if not sizes or sizes[0] < 1 or sizes[-1] > 5000:
        raise CommandError("--sizes must be between 1 and 5,000 stories.")
    return sizes


class Command(BaseCommand):
    help = "Time the pages, exports and the import at several bank sizes, then under gunicorn and wrk."

    def add_arguments(self, parser):
        parser.add_argument(
            "--sizes", default=",".join(map(str, SIZES)), help="Bank sizes (default 10,200,1000)."
        )
        parser.add_argument("--runs", type=int, default=15, help="Requests timed per measure (default 15).")
        parser.add_argument("--seconds", type=int, default=5, help="wrk's seconds per URL (default 5).")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn's sync workers (default 2).")
        parser.add_argument("--no-load", action="store_true", help="Skip gunicorn and wrk.")
        parser.add_argument("--output", help="Also write the table to this file.")

    def handle(self, *args, sizes, runs, seconds, workers, no_load, output, **options):
        sizes = parse_sizes(sizes)
        if not 1 <= runs <= 1000 or not 1 <= seconds <= 60 or not 1 <= workers <= 16:
            raise CommandError("--runs 1-1000, --seconds 1-60 and --workers 1-16.")
        started = time.monotonic()
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            self.stdout.write("Applying pending migrations first.")
            call_command("migrate", verbosity=0, interactive=False)
        users = {}
        for size in sizes:
            call_command("seed_demo", user=f"bench-{size}", stories=size, stdout=self.stderr)
            users[size] = get_user_model().objects.get(username=f"bench-{size}")
        results = {}
        for size in sizes:
            self.stderr.write(f"Timing the pages at {size:,} stories...")
            results[size] = pages.measure_user(users[size], runs)
        measured = None
        if no_load:
            pass
        elif load.wrk_path() is None:
            self.stderr.write("wrk is not installed: the load part is skipped (make bench installs it).")
        else:
            self.stderr.write(
                f"Loading {len(LOAD_PAGES)} pages and /healthz/ under gunicorn, {seconds} s each..."
            )
            measured = self.load(users[sizes[-1]], seconds, workers)
        table = report.report(sizes, results, sizes[-1], measured, seconds, workers, runs)
        self.stdout.write(table, ending="")
        if output:
            Path(output).write_text(table, encoding="utf-8")
        self.stderr.write(f"Done in {time.monotonic() - started:.0f} s.")

    def load(self, user, seconds, workers):
        cookie = load.session_cookie(user)
        story = pages.story_url(user)
        with load.gunicorn(workers) as base:
            return load.load_pages(
                base,
                [(label, story if path == "story" else path) for label, path in LOAD_PAGES],
                cookie,
                seconds,
            )
