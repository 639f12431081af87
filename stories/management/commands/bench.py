"""`python manage.py bench`: the coverage dashboard's server time with 200 stories.

Everything it creates (a throwaway user, its stories, its session, the guide if
it was not loaded) lives in one transaction that is rolled back at the end, so
the database is left as it was. Pending migrations are applied first, as
`make run` does.
"""

import random
import statistics
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from guide.loading import guide_files, load_guide
from guide.models import Guide, Level, Question, Theme, Value
from stories.models import PART_FIELDS, Profile, Story, Tag

TARGET_MS = 100
_WORDS = (
    "team platform latency launch members streaming playback customers migration outage on-call "
    "feedback decision risk experiment metrics engineers roadmap architecture scale service data "
    "hiring culture performance partner product quality reliability cost incident review design"
)
WORDS = _WORDS.split()


def paragraph(rng, words):
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


class Command(BaseCommand):
    help = "Seed a throwaway user with 200 stories, render /coverage/ N times, print the median time."

    def add_arguments(self, parser):
        parser.add_argument("--stories", type=int, default=200, help="Stories to seed (default 200).")
        parser.add_argument("--runs", type=int, default=30, help="Timed requests (default 30).")

    def handle(self, *args, stories, runs, **options):
        if stories < 1 or runs < 1:
            raise CommandError("--stories and --runs must be at least 1.")
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            self.stdout.write("Applying pending migrations first.")
            call_command("migrate", verbosity=0, interactive=False)
        with transaction.atomic():
            try:
                self.run(stories, runs)
            finally:
                transaction.set_rollback(True)  # leave the database as it was

    def run(self, count, runs):
        if not Guide.objects.filter(slug=settings.DEFAULT_GUIDE).exists():
            for path in guide_files():
                load_guide(path)
        user = self.seed(count)
        client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "localhost")
        client.force_login(user)
        for _ in range(3):  # warm up: template and URL caches
            self.get(client)
        queries = []

        def record(execute, sql, *rest):
            queries.append(sql)
            return execute(sql, *rest)

        with connection.execute_wrapper(record):
            self.get(client)
        times, cpu = [], []
        for _ in range(runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            self.get(client)
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        median = statistics.median(times)
        self.stdout.write(
            f"/coverage/ with {count} stories: median {median:.1f} ms over {runs} requests "
            f"(min {min(times):.1f}, max {max(times):.1f}; median CPU time {statistics.median(cpu):.1f} ms); "
            f"{len(queries)} SQL queries per request."
        )
        verdict = "met" if median < TARGET_MS else "NOT met"
        self.stdout.write(f"Target: under {TARGET_MS} ms: {verdict}.")

    def get(self, client):
        response = client.get("/coverage/")
        if response.status_code != 200:
            raise CommandError(f"/coverage/ answered {response.status_code}")
        return response

    def seed(self, count):
        rng = random.Random(4)  # the same stories on every run
        user = get_user_model().objects.create(username=f"bench-{time.time_ns()}")
        Profile.for_user(user)
        values = list(Value.objects.filter(guide__slug=settings.DEFAULT_GUIDE))
        questions = list(Question.objects.filter(guide__slug=settings.DEFAULT_GUIDE))
        themes = list(Theme.objects.filter(guide__slug=settings.DEFAULT_GUIDE))
        levels = list(Level.objects.filter(guide__slug=settings.DEFAULT_GUIDE))
        tags = [Tag.objects.create(owner=user, name=f"tag {n}") for n in range(8)]
        for n in range(count):
            story = Story.objects.create(
                owner=user,
                title=f"Story {n}: {paragraph(rng, 6)}"[:200],
                summary=paragraph(rng, 25),
                level=rng.choice(levels),
                status=rng.choice(Story.Status.values),
                **{name: paragraph(rng, rng.randint(60, 140)) for name in PART_FIELDS},
            )
            story.values.set(rng.sample(values, rng.randint(1, 4)))
            story.questions.set(rng.sample(questions, rng.randint(0, 3)))
            story.themes.set(rng.sample(themes, rng.randint(0, 2)))
            story.tags.set(rng.sample(tags, rng.randint(0, 3)))
        return user
