"""A gunicorn for the load test: on a free loopback port, against the configured database, stopped
(with its workers) however the test ends."""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import httpx
from django.conf import settings

READY_TIMEOUT = 60  # seconds for gunicorn to answer its first request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(workers):
    """Yield the base URL of gunicorn (`workers` sync workers) serving this project on 127.0.0.1.

    It runs as in production (DEBUG off, but static files named without collectstatic's manifest)
    with this process's SECRET_KEY, so the sessions seeded here are valid there, and with the same
    DATABASE_URL. Raises RuntimeError if it does not come up.
    """
    port = free_port()
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        # Pages name their static files without collectstatic's manifest; the clients fetch pages only.
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    }
    command = [
        *(sys.executable, "-m", "gunicorn", "prepsite.wsgi", "--bind", f"127.0.0.1:{port}"),
        *("--workers", str(workers), "--timeout", "60"),
    ]
    with (
        tempfile.TemporaryDirectory(prefix="loadtest-") as folder,
        open(Path(folder) / "gunicorn.log", "w+") as log,
    ):
        # Its own process group, so that stopping it stops its workers too. A fixed command: no user input.
        process = subprocess.Popen(  # noqa: S603
            command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=log, start_new_session=True
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(base, process, log)
            yield base
        finally:
            try:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=30)
            except ProcessLookupError:
                pass
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _wait_until_up(base, process, log):
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            if httpx.get(f"{base}/accounts/login/", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)  # polling a starting server, not a test
    log.seek(0)
    raise RuntimeError(f"gunicorn did not come up on {base}:\n{log.read()[-3000:]}")
