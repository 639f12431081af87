"""The production settings documented in the README pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-production-secret-of-enough-length-and-variety-0123456789-XYZ",
    "ALLOWED_HOSTS": "storybank.example",
    "SECURE_COOKIES": "true",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_PRELOAD": "true",
    "SECURE_PROXY_SSL_HEADER": "true",
}


def check_deploy(env):
    # The browser tests allow Django's ORM in Playwright's event loop (DJANGO_ALLOW_ASYNC_UNSAFE); a
    # server never runs with that, and check --deploy warns of it, so the check runs without it.
    clean = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=120,
    )


def test_check_deploy_is_clean_with_the_production_settings():
    result = check_deploy(PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_warns_without_them():
    result = check_deploy({"DEBUG": "false", "SECRET_KEY": PRODUCTION["SECRET_KEY"], "ALLOWED_HOSTS": "x"})
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT" in result.stdout + result.stderr
