"""Pages under load: gunicorn (sync workers) on 127.0.0.1, wrk for a few seconds per URL, each page
paired in the same run with /healthz/ (one `SELECT 1`, the least a request through the app can cost).

Loopback only; the server always stops (SIGTERM, then SIGKILL after a few seconds), even on an error.
wrk logs in with a session made in the database for the user (`-H "Cookie: sessionid=..."`).
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

HOST = "127.0.0.1"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@dataclass(frozen=True)
class Load:
    requests_per_second: float
    p99_ms: float
    errors: int  # non-2xx/3xx answers and socket errors


def session_cookie(user) -> str:
    """A logged-in session for `user`, made as django.contrib.auth.login makes one: the Cookie header's value."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = MODEL_BACKEND
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def get_status(url: str, cookie: str = "") -> int:
    """The status of a GET of `url` (no redirect followed)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    if not url.startswith(f"http://{HOST}:"):
        raise ValueError(f"the benchmark only asks the loopback server, not {url}")
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310 - checked above
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@contextmanager
def gunicorn(workers: int = 2, start_timeout: float = 30.0):
    """A gunicorn of this project on a free loopback port, with `workers` sync workers: yields its base URL.

    It runs with this process's environment (the same database and cache), DEBUG off.
    """
    port = free_port()
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-" + os.urandom(16).hex(),
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "prepsite.wsgi",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, env=env, cwd=settings.BASE_DIR, start_new_session=True)  # noqa: S603
    base = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + start_timeout
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start (exit {server.returncode})")
            try:
                if get_status(f"{base}/healthz/") == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer within {start_timeout:.0f} s")
            time.sleep(0.2)
        yield base
    finally:
        stop(server)


def stop(server: subprocess.Popen, grace: float = 5.0) -> None:
    """Stop the server and its workers (its process group): SIGTERM, then SIGKILL after `grace` seconds."""
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=grace)


def wrk_path() -> str | None:
    return shutil.which("wrk")


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def parse_wrk(output: str) -> Load:
    """Requests/s, the 99th percentile latency and the errors from `wrk --latency` output."""
    rate = re.search(r"Requests/sec:\s*([\d.]+)", output)
    p99 = re.search(r"^\s*99%\s+([\d.]+)(us|ms|s|m)\b", output, re.M)
    if not rate or not p99:
        raise RuntimeError(f"wrk's output was not understood:\n{output}")
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses:\s*(\d+)", output))
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return Load(float(rate.group(1)), float(p99.group(1)) * _UNITS[p99.group(2)], errors)


def run_wrk(url: str, cookie: str = "", seconds: int = 5, connections: int = 4, threads: int = 2) -> Load:
    """wrk on `url` for `seconds`, with `connections` open connections; the result parsed."""
    command = [wrk_path() or "wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 30, check=True).stdout  # noqa: S603
    return parse_wrk(output)


def warm(base: str, paths: list[str], cookie: str, rounds: int = 20) -> None:
    """Ask every page a few times, so each worker has read the guide and filled its caches; each must be 200."""
    for path in paths:
        for _ in range(rounds):
            status = get_status(base + path, cookie)
            if status != 200:
                raise RuntimeError(f"{path} answered {status} (not logged in?)")


def combined(loads: list[Load]) -> Load:
    """Slices of one measure as one: the mean rate (slices are equally long), the worst p99, all errors."""
    return Load(
        sum(x.requests_per_second for x in loads) / len(loads),
        max(x.p99_ms for x in loads),
        sum(x.errors for x in loads),
    )


def load_pages(
    base: str, pages: list[tuple[str, str]], cookie: str, seconds: int, slices: int = 3
) -> dict[str, tuple[Load, Load]]:
    """label -> (the page's Load, /healthz/'s Load in the same run), for (label, path) pages.

    The run alternates the two in `slices` slices each (seconds / slices long, at least one second): a
    shared machine's load then weighs on both alike, and their ratio holds while their rates drift.
    """
    warm(base, [path for _, path in pages], cookie)
    warm(base, ["/healthz/"], "")
    slice_seconds = max(1, round(seconds / slices))
    results = {}
    for label, path in pages:
        page, floor = [], []
        for _ in range(slices):
            floor.append(run_wrk(base + "/healthz/", "", slice_seconds))
            page.append(run_wrk(base + path, cookie, slice_seconds))
        results[label] = (combined(page), combined(floor))
    return results
