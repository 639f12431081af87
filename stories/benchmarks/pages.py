"""The pages, downloads and the import, timed in this process with Django's test client.

Each measure is the median wall-clock time of a request (or of the import's apply) over a few runs,
and the number of SQL statements one run executes. A page the per-user cache serves is timed both ways:
"warm" (served from the cache) and "after an edit" (one story changed before each run, as the editor
does: the page is made again, and that story's derived facts with it).
"""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.test import Client

from stories.exchange.apply import apply_plan
from stories.exchange.document import dumps, export_document
from stories.exchange.plan import plan_import
from stories.models import Profile, Story

SLOW_SECONDS = 1.0  # a measure slower than this runs 3 times, not `runs`
VERY_SLOW_SECONDS = 5.0  # ... and slower than this, once


@dataclass(frozen=True)
class Measure:
    ms: float  # median wall-clock milliseconds
    queries: int  # SQL statements in one run
    runs: int


class _Counter:
    """Counts the SQL statements run inside `with counter:`."""

    def __init__(self):
        self.statements = 0

    def __call__(self, execute, sql, params, many, context):
        self.statements += 1
        return execute(sql, params, many, context)

    def __enter__(self):
        self.statements = 0
        self._wrapper = connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        return self._wrapper.__exit__(*exc)


def measure(
    run: Callable[[_Counter], float | None], runs: int, before: Callable[[], object] | None = None
) -> Measure:
    """Time `run(counter)` (after an untimed `before()`, if given), `runs` times or fewer for slow ones.

    `run` times itself when it returns seconds (and counts its statements with `with counter:`); else
    the whole call is timed and counted. The first run is a warm-up whose time only decides how many
    more there are: 3 past SLOW_SECONDS, none past VERY_SLOW_SECONDS (then it is the measure).
    """
    times, counter, planned, n = [], _Counter(), runs, 0
    while n < planned:
        if before:
            before()
        start = time.perf_counter()
        seconds = run(counter)
        times.append(seconds if seconds is not None else time.perf_counter() - start)
        n += 1
        if n == 1:
            first = times[0]
            if first > VERY_SLOW_SECONDS:
                return Measure(first * 1000, counter.statements, 1)
            planned = 1 + (3 if first > SLOW_SECONDS else runs)
            times.clear()
    return Measure(statistics.median(times) * 1000, counter.statements, len(times))


def client_for(user) -> Client:
    client = Client(HTTP_HOST=(settings.ALLOWED_HOSTS or ["localhost"])[0])
    client.force_login(user)
    return client


def get(client: Client, url: str):
    """A run that requests `url` (counting its statements) and checks it answers 200."""

    def run(counter=None):
        with counter or _Counter():
            response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")

    return run


def edit(user) -> Callable[[], None]:
    """A stand-in for saving a story in the editor: its text and version change, the bank revision moves."""

    def run():
        story = Story.objects.for_user(user).active().order_by("pk").first()
        Story.objects.filter(pk=story.pk).update(
            version=F("version") + 1, summary=f"Edited at {time.time_ns()}"
        )
        Profile.bump_bank_revision(user)

    return run


def import_apply(user) -> Callable[[], None]:
    """Applying the user's own JSON backup to a new account: every story created, in a transaction that is
    rolled back (the planning, done at the preview, is not timed)."""
    from django.contrib.auth import get_user_model

    raw = dumps(export_document(Story.objects.for_user(user).active(), owner=user)).encode()

    def run(counter):
        with transaction.atomic():
            owner = get_user_model().objects.create(username=f"bench-import-{time.time_ns()}")
            plan = plan_import(owner, raw, "bench.json")
            if not plan.is_valid:
                raise RuntimeError(f"the backup does not import: {plan.errors[:3]}")
            start = time.perf_counter()
            with counter:
                apply_plan(plan)
            seconds = time.perf_counter() - start
            transaction.set_rollback(True)
        return seconds

    return run


# What the table shows, in its order: (label, kind, what). kind "page": a URL, warm; "edited": a URL after
# an edit; "export": a download URL; "import": the import's apply.
ROWS = (
    ("Dashboard /coverage/, after an edit", "edited", "/coverage/"),
    ("Dashboard /coverage/, warm", "page", "/coverage/"),
    ("Loop page /coverage/loop/, after an edit", "edited", "/coverage/loop/"),
    ("Loop page /coverage/loop/, warm", "page", "/coverage/loop/"),
    ("Story list /stories/, warm", "page", "/stories/"),
    ("A story's page, warm", "page", "story"),
    ("Guide /guide/netflix/", "page", "/guide/netflix/"),
    *(
        (f"Export: {label}", "export", url)
        for label, url in (
            ("JSON", "/export/json/?scope=all"),
            ("CSV", "/export/csv/?scope=all"),
            ("Markdown", "/export/md/?scope=all"),
            ("Excel", "/export/xlsx/?scope=all"),
            ("coverage matrix", "/export/coverage/?scope=all"),
            ("Anki deck", "/export/apkg/?scope=all"),
            ("print view", "/export/print/?scope=all"),
        )
    ),
    ("Import: applying the JSON backup", "import", ""),
)


def story_url(user) -> str:
    story = Story.objects.for_user(user).active().order_by("pk").first()
    return story.get_absolute_url()


def measure_user(user, runs: int, progress: Callable[[str], None] = lambda label: None) -> dict[str, Measure]:
    """Every row of ROWS for `user`'s bank: label -> Measure."""
    client = client_for(user)
    results = {}
    for label, kind, what in ROWS:
        progress(label)
        url = story_url(user) if what == "story" else what
        if kind == "import":
            results[label] = measure(import_apply(user), min(runs, 3))
            continue
        fetch = get(client, url)
        fetch()  # fills the caches a warm page is served from
        results[label] = measure(fetch, runs, before=edit(user) if kind == "edited" else None)
    return results
