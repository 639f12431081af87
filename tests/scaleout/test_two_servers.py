"""Two gunicorn app servers on two loopback ports against one PostgreSQL database, as behind a proxy:
log in on one, preview an import there, confirm it on the other, see the stories on both.

The servers run this project as deployed (DEBUG off, one SECRET_KEY for both, the database's own sessions)
against pytest-django's test database; `transactional_db` commits what the test writes, so they see it.
Bounded: every wait has a deadline, and the servers are always stopped.
"""

import http.cookiejar
import json
import os
import re
import select
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
START_SECONDS = 60
REQUEST_SECONDS = 30
PASSWORD = "a-long-and-unusual-passphrase-42"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url():
    db = connection.settings_dict  # the test database: pytest-django's "test_<name>"
    auth = urllib.parse.quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        auth += ":" + urllib.parse.quote(db["PASSWORD"], safe="")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _start(port, env):
    command = [sys.executable, "-m", "gunicorn", "prepsite.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1",
               "--timeout", "60", "--graceful-timeout", "5"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)


def _wait_listening(server, deadline):
    """Read the server's log until it listens (requests then queue until its worker takes them)."""
    seen = b""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([server.stderr], [], [], max(0.0, deadline - time.monotonic()))
        line = server.stderr.readline() if ready else b""
        if not line and server.poll() is not None:
            break
        seen += line
        if b"Listening at:" in line:
            return
    raise AssertionError(f"gunicorn did not start:\n{seen.decode(errors='replace')}")


def _stop(server):
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)
    server.stderr.close()


@pytest.fixture
def two_servers(transactional_db):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "prepsite.settings",
        "DATABASE_URL": _database_url(),
        "DEBUG": "false",
        "SECRET_KEY": f"shared-by-every-app-server-{uuid.uuid4()}",  # sessions are signed with it
        "ALLOWED_HOSTS": "127.0.0.1",
        # The files as they are (no collectstatic for a test); a deployment collects them (make serve).
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "WHITENOISE_USE_FINDERS": "true",
    }
    ports = [_free_port(), _free_port()]
    servers = []
    try:
        for port in ports:
            servers.append(_start(port, env))
        deadline = time.monotonic() + START_SECONDS
        for server in servers:
            _wait_listening(server, deadline)
        yield [f"http://127.0.0.1:{port}" for port in ports]
    finally:
        for server in servers:
            _stop(server)


class Browser:
    """One person's browser: a cookie jar shared by both servers, as behind one proxy (cookies are per
    host, not per port)."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, url):
        with self.opener.open(url, timeout=REQUEST_SECONDS) as response:
            return response.geturl(), response.read().decode()

    def post(self, url, fields, file=None):
        if file is None:
            body, content_type = urllib.parse.urlencode(fields).encode(), "application/x-www-form-urlencoded"
        else:
            boundary = uuid.uuid4().hex
            parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
                     for k, v in fields.items()]
            name, content = file
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
                         f"Content-Type: application/json\r\n\r\n".encode() + content + b"\r\n")
            body, content_type = b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"
        request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type})
        with self.opener.open(request, timeout=REQUEST_SECONDS) as response:
            return response.geturl(), response.read().decode()


def _field(html, name):
    return re.search(rf'name="{name}" value="([^"]+)"', html).group(1)


def _bank(titles):
    stories = [{"uuid": str(uuid.uuid4()), "title": title, "summary": "", "challenge": "A launch at risk.",
                "decision": "I chose the smaller change.", "execution": "", "communication": "", "impact": "",
                "values": ["candor-feedback"], "questions": [], "themes": [], "tags": ["scale-out"],
                "level": "L6", "team_size": 8, "status": "draft"} for title in titles]
    return json.dumps({"format": "storybank", "version": 1, "guide": "netflix", "stories": stories}).encode()


def test_an_import_previewed_on_one_server_is_confirmed_on_the_other(two_servers, guide, django_user_model, settings):
    one, two = two_servers
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]  # as the servers hash
    django_user_model.objects.create_user("ada", "ada@example.com", PASSWORD)
    browser = Browser()

    _, html = browser.get(f"{one}/accounts/login/")
    where, _ = browser.post(f"{one}/accounts/login/", {
        "username": "ada", "password": PASSWORD, "csrfmiddlewaretoken": _field(html, "csrfmiddlewaretoken")})
    assert not where.endswith("/accounts/login/"), "the login failed"

    _, html = browser.get(f"{one}/import/")
    titles = ["Shipped on one server", "Seen on the other"]
    where, preview = browser.post(f"{one}/import/", {"csrfmiddlewaretoken": _field(html, "csrfmiddlewaretoken")},
                                  file=("bank.json", _bank(titles)))
    assert where == f"{one}/import/preview/" and "Will be created (2)" in preview

    where, listing = browser.post(f"{two}/import/confirm/", {
        "csrfmiddlewaretoken": _field(preview, "csrfmiddlewaretoken"), "digest": _field(preview, "digest")})
    assert where == f"{two}/stories/"
    assert "Imported “bank.json”: 2 created, 0 updated, 0 unchanged." in listing

    for server in (one, two):
        _, html = browser.get(f"{server}/stories/")
        assert all(title in html for title in titles), server
