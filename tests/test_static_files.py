"""Static files in production: collected under hashed names with gzip and Brotli copies, linked by those
names, served by WhiteNoise with far-future caching; HTML pages compressed by the app."""

import gzip
import re

import brotli
import pytest
from django.core.management import call_command
from django.test import Client

MANIFEST = "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """collectstatic into a throwaway STATIC_ROOT with the production storage; quicker than a deployment's
    (the admin's files left out, source maps not compressed)."""
    root = tmp_path_factory.mktemp("static")
    from django.test import override_settings

    skip = ["map", "jpg", "jpeg", "png", "gif", "webp", "zip", "gz", "tgz", "bz2", "tbz", "xz", "br", "swf", "flv",
            "woff", "woff2", "3gp", "3gpp", "asf", "avi", "m4v", "mov", "mp4", "mpeg", "mpg", "webm", "wmv"]
    with override_settings(STATIC_ROOT=root, WHITENOISE_SKIP_COMPRESS_EXTENSIONS=skip, STORAGES={
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": MANIFEST},
    }):
        call_command("collectstatic", "--noinput", "--ignore", "admin", verbosity=0)
    return root


@pytest.fixture
def production(collected, settings):
    settings.STATIC_ROOT = collected
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST}}
    settings.WHITENOISE_USE_FINDERS = False
    settings.DEBUG = False
    return collected


def test_production_settings_choose_the_compressed_manifest_storage():
    import subprocess
    import sys

    code = "from django.conf import settings; print(settings.STORAGES['staticfiles']['BACKEND'], " \
           "settings.WHITENOISE_USE_FINDERS)"
    env = {"DEBUG": "false", "SECRET_KEY": "x" * 50, "DJANGO_SETTINGS_MODULE": "prepsite.settings", "PATH": "/usr/bin"}
    result = subprocess.run([sys.executable, "-c", f"import django; django.setup(); {code}"], env=env,
                            capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.split() == [MANIFEST, "False"]


def test_collectstatic_writes_hashed_files_with_gzip_and_brotli_copies(collected):
    [hashed] = [p for p in (collected / "css").glob("site.*.css") if re.fullmatch(r"site\.[0-9a-f]{12}\.css", p.name)]
    original = (collected / "css" / "site.css").read_bytes()
    assert hashed.read_bytes() == original
    assert gzip.decompress((collected / "css" / f"{hashed.name}.gz").read_bytes()) == original
    assert brotli.decompress((collected / "css" / f"{hashed.name}.br").read_bytes()) == original
    assert (collected / "staticfiles.json").exists()


def test_only_the_bootstrap_files_the_pages_link_are_collected(collected):
    names = {p.name for p in (collected / "js-lib-bootstrap5").rglob("*") if p.is_file()}
    originals = {n for n in names if not re.search(r"\.[0-9a-f]{12}\.|\.(gz|br)$", n)}
    assert originals == {"bootstrap.min.css", "bootstrap.min.css.map", "bootstrap.bundle.min.js",
                         "bootstrap.bundle.min.js.map"}


def test_a_page_links_the_hashed_files_and_they_are_cached_for_ever(production, guide):
    client = Client()  # a new handler: WhiteNoise reads the collected files as it starts
    html = client.get("/").content.decode()
    [url] = re.findall(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html)
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    plain = client.get("/static/css/site.css")
    assert plain.status_code == 200 and plain["Cache-Control"] == "max-age=60, public"


def test_pages_are_sent_compressed_to_browsers_that_accept_it(guide, client):
    response = client.get("/guide/netflix/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response["Content-Encoding"] == "gzip" and "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    assert "</html>" in html and len(response.content) < len(html) / 3
    assert "Content-Encoding" not in client.get("/guide/netflix/")  # no Accept-Encoding: plain
