"""`python manage.py loadtest` (`make loadtest`): logged-in clients against gunicorn on a loopback port.

Migrates and loads the guide first (as `make run` does), seeds its users, runs the clients for
--duration seconds, checks the database, prints the report, removes its users, and exits non-zero
when a target is missed. See prepsite/loadtest/.
"""

import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from guide.loading import guide_files, load_guide
from prepsite.loadtest import bank, driver
from prepsite.loadtest.report import Outcome
from prepsite.loadtest.server import gunicorn


class Command(BaseCommand):
    help = (
        "Load test: N logged-in clients read, save and race on one story against gunicorn; exits 1 on a miss."
    )

    def add_arguments(self, parser):
        parser.add_argument("--duration", type=float, default=30, help="Seconds of load (default 30).")
        parser.add_argument(
            "--clients", type=int, default=50, help="Concurrent clients (default 50, at least 4)."
        )
        parser.add_argument("--workers", type=int, default=4, help="Gunicorn sync workers (default 4).")

    def handle(self, *args, duration, clients, workers, **options):
        if not 1 <= duration <= 600 or not 4 <= clients <= 500 or not 1 <= workers <= 32:
            raise CommandError("--duration 1-600 s, --clients 4-500, --workers 1-32.")
        call_command("migrate", verbosity=0, interactive=False)
        for path in guide_files():
            load_guide(path)
        accounts = bank.seed(driver.users_needed(clients))
        try:
            with gunicorn(workers) as base:
                self.stdout.write(
                    f"Load test: {clients} clients for {duration:g} s against {base} "
                    f"({workers} workers, {connection.vendor})"
                )
                started = time.monotonic()
                recorder = driver.run_clients(
                    base, driver.make_plans(accounts, clients), duration, settings.SESSION_COOKIE_NAME
                )
                seconds = time.monotonic() - started
            outcome = bank.verify(Outcome(seconds, recorder.samples, recorder.saves, recorder.races))
        finally:
            bank.remove()
        for line in outcome.lines(clients=clients, database=connection.vendor):
            self.stdout.write(line)
        missed = outcome.failures()
        for race, why in outcome.bad_races[:5]:
            self.stdout.write(f"  race on story {race.story_id}: {why}")
        if missed:
            raise CommandError("Targets missed: " + "; ".join(missed))
        self.stdout.write("Targets met: 0 server errors, 0 lost writes, every race one save and one 409.")
