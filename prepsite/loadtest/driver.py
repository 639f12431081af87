"""The load test's clients: one thread each, with its own HTTP session (httpx) logged in by cookie.

Roles: a reader walks the dashboard, the story list and a story page; a writer opens its own story's
editor (for the CSRF token and the version) and saves a change; two racers are two tabs of one user
that open the same story, wait for each other, and save at the same moment. Every request is timed.
"""

import re
import threading
import time
import uuid
from dataclasses import dataclass

import httpx

from stories.models import PART_FIELDS

from .bank import PARTS
from .report import Race, Sample, Save

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION_RE = re.compile(r'name="version" value="(\d+)"')
BARRIER_TIMEOUT = 60  # seconds a racer waits for its twin before giving up the round


@dataclass
class Plan:
    """Who each client is: its role ("reader", "writer", "racer"), session cookie and story; racers
    of one pair share a `pair` (a Pair)."""

    role: str
    session_key: str
    story_id: int
    stories: list
    pair: object = None


class Pair:
    """Two racing tabs: a barrier they meet at, and the round's answers, collected by both."""

    def __init__(self):
        self.deadline = 0.0  # set by run_clients
        self.go = True
        self.posts = {}
        self.barrier = threading.Barrier(2, action=self._decide, timeout=BARRIER_TIMEOUT)

    def _decide(self):
        # Run by one of the two at each meeting: both stop together once the time is up.
        self.go = time.monotonic() < self.deadline


class Recorder:
    """Samples, saves and races from every thread, behind one lock."""

    def __init__(self):
        self.lock = threading.Lock()
        self.samples, self.saves, self.races = [], [], []

    def add(self, kind, status, seconds):
        with self.lock:
            self.samples.append(Sample(kind, status, seconds))

    def saved(self, save):
        with self.lock:
            self.saves.append(save)

    def raced(self, race):
        with self.lock:
            self.races.append(race)


def request(client, recorder, kind, method, url, **kwargs):
    """One timed request; a failed connection is recorded as status 0 and returns None."""
    started = time.perf_counter()
    try:
        response = client.request(method, url, **kwargs)
    except httpx.HTTPError:
        recorder.add(kind, 0, time.perf_counter() - started)
        return None
    recorder.add(kind, response.status_code, time.perf_counter() - started)
    return response


def open_editor(client, recorder, story_id):
    """GET the editor: (csrf token, version), or None if the page did not come."""
    response = request(client, recorder, "editor", "GET", f"/stories/{story_id}/edit/")
    if response is None or response.status_code != 200:
        return None
    token, version = CSRF_RE.search(response.text), VERSION_RE.search(response.text)
    return (token.group(1), version.group(1)) if token and version else None


def edit_data(story_id, token, version, marker):
    """The editor's form as a browser posts it: the story's text with `marker` in its last part."""
    data = {
        "csrfmiddlewaretoken": token,
        "version": version,
        "status": "draft",
        "new_tags": "",
        "summary": "",
        "title": f"Load test story {story_id}",
        **PARTS,
    }
    data[PART_FIELDS[-1]] = f"{PARTS[PART_FIELDS[-1]]} Saved as {marker}."
    return data


def post_edit(client, recorder, kind, story_id, opened, marker):
    token, version = opened
    response = request(
        client,
        recorder,
        kind,
        "POST",
        f"/stories/{story_id}/edit/",
        data=edit_data(story_id, token, version, marker),
    )
    return response


def reader(client, plan, recorder, deadline):
    pages = [
        ("dashboard", "/coverage/"),
        ("list", "/stories/"),
        *[("story", f"/stories/{pk}/") for pk in plan.stories],
    ]
    n = 0
    while time.monotonic() < deadline:
        kind, url = pages[n % len(pages)]
        request(client, recorder, kind, "GET", url)
        n += 1


def writer(client, plan, recorder, deadline):
    while time.monotonic() < deadline:
        opened = open_editor(client, recorder, plan.story_id)
        if opened is None:
            continue
        marker = uuid.uuid4().hex
        response = post_edit(client, recorder, "save", plan.story_id, opened, marker)
        recorder.saved(Save(plan.story_id, marker, response.status_code if response is not None else 0))


def racer(client, plan, recorder, deadline, first):
    """One tab of a pair; `first` says which of the two records the round's Race."""
    pair = plan.pair
    while True:
        try:
            pair.barrier.wait()  # the meeting's action decides whether there is time for a round
            if not pair.go:
                return
            opened = open_editor(client, recorder, plan.story_id)
            pair.barrier.wait()  # both tabs have the story open at one version
            marker = uuid.uuid4().hex
            response = (
                post_edit(client, recorder, "race-save", plan.story_id, opened, marker) if opened else None
            )
            status = response.status_code if response is not None else 0
            pair.posts[first] = (marker, status, response.text if response is not None else "")
            recorder.saved(Save(plan.story_id, marker, status))
            pair.barrier.wait()  # both answers are in
        except threading.BrokenBarrierError:
            return
        if first:
            (m1, s1, _), (m2, s2, _) = pair.posts[True], pair.posts[False]
            loser_page = next((text for _, status, text in pair.posts.values() if status == 409), "")
            loser = m1 if s1 == 409 else m2
            recorder.raced(Race(plan.story_id, (m1, m2), (s1, s2), bool(loser_page) and loser in loser_page))


def shares(clients):
    """How `clients` split into (readers, writers, racing pairs): about a tenth race in pairs, a
    quarter save their own story, the rest read. Needs at least 4 clients."""
    if clients < 4:
        raise ValueError("the load test needs at least 4 clients (a reader, a writer and a racing pair)")
    pairs = max(1, clients // 10)
    writers = max(1, clients // 4)
    return clients - writers - 2 * pairs, writers, pairs


def make_plans(accounts, clients):
    """The clients' plans over seeded accounts (bank.seed(users_needed(clients))): one account per
    reader and writer, one per racing pair (two tabs of one user)."""
    readers, writers, pairs = shares(clients)
    accounts = iter(accounts)
    plans = []
    for role, count in (("reader", readers), ("writer", writers)):
        for _ in range(count):
            account = next(accounts)
            plans.append(Plan(role, account.session_key, account.story_ids[0], account.story_ids))
    for _ in range(pairs):
        account, pair = next(accounts), Pair()
        plans += [
            Plan("racer", account.session_key, account.story_ids[0], account.story_ids, pair) for _ in "ab"
        ]
    return plans


def users_needed(clients):
    readers, writers, pairs = shares(clients)
    return readers + writers + pairs


def run_clients(base_url, plans, seconds, cookie_name="sessionid"):
    """Run every plan's client for `seconds`; returns the Recorder. Threads end by themselves."""
    recorder = Recorder()
    deadline = time.monotonic() + seconds
    for plan in plans:
        if plan.pair is not None:
            plan.pair.deadline = deadline
    threads = []
    firsts = set()
    for plan in plans:
        client = httpx.Client(
            base_url=base_url, cookies={cookie_name: plan.session_key}, timeout=60, follow_redirects=False
        )
        if plan.role == "racer":
            first = id(plan.pair) not in firsts
            firsts.add(id(plan.pair))
            args = (client, plan, recorder, deadline, first)
            target = racer
        else:
            args = (client, plan, recorder, deadline)
            target = reader if plan.role == "reader" else writer
        threads.append(threading.Thread(target=_closing(target, client), args=args, daemon=True))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 2 * BARRIER_TIMEOUT)
    return recorder


def _closing(target, client):
    def run(*args):
        try:
            target(*args)
        finally:
            client.close()

    return run
