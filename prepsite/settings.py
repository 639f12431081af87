"""Settings for Story Bank.

Runs with no environment variables at all (SQLite under var/, DEBUG on for a
local run). Environment variables only override, and are parsed strictly.
"""

import os
from pathlib import Path

import django_cache_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from prepsite.database import database_settings

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    value = os.environ.get(name, default)
    if value not in ("true", "false"):
        raise ImproperlyConfigured(f"{name} must be 'true' or 'false', not {value!r}")
    return value == "true"


def envlist(name, default):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "true")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is false")
    SECRET_KEY = "local-development-only-not-secret"
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "prepsite.apps.StaticFilesConfig",  # django.contrib.staticfiles, with the unused Bootstrap files left out
    "django.forms",
    "crispy_forms",
    "crispy_bootstrap5",
    "js_lib_bootstrap5",
    "simple_history",
    "axes",
    "csp",
    "guide",
    "stories",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HTML compressed here, not left to a proxy (there may be none). Compression and secrets: BREACH reads
    # a secret from the compressed length of pages that also reflect the attacker's input, and these pages
    # do (search terms and filters next to private stories, the calendar link's token). It is held off by:
    # Django masking the CSRF token afresh in every response (no stable token to guess); GZipMiddleware's
    # "Heal the Breach" padding (up to 100 random bytes a response, so lengths are noisy); the session
    # cookie's SameSite=Lax (another site's page cannot make the browser send the many logged-in requests
    # the attack needs, except top-level navigations). Static files come precompressed from WhiteNoise,
    # above, which answers before this runs.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "prepsite.middleware.DropNulFromQueryMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # After the CSP and the user are set, so that its 400 page is the site's; before any view reads a form.
    "prepsite.middleware.RefuseNonUtf8FormMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it watches the result of the login view.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "prepsite.urls"
WSGI_APPLICATION = "prepsite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "stories.practice.context_processors.practice",
                "stories.appearance.appearance",
            ],
        },
    },
]

# Widget templates are looked up like any other template (templates/ first).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

VAR_DIR = BASE_DIR / "var"
# The SQLite file and collected static files live here; make sure it exists.
(VAR_DIR / "static").mkdir(parents=True, exist_ok=True)
# SQLite under var/ unless DATABASE_URL says otherwise; PostgreSQL keeps its connections (prepsite/database.py).
DATABASES = {"default": database_settings(os.environ, f"sqlite:///{VAR_DIR / 'storybank.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def cache_config(url):
    """CACHES["default"] from a cache URL (django-cache-url): locmem://, redis://host:6379/0, db://table,
    file:///path, dummy://. Local caches keep up to 20,000 entries unless the URL says ?max_entries=N:
    Django's default of 300 would drop the derived facts of a large bank on every page."""
    try:
        config = django_cache_url.parse(url)
    except Exception as exc:  # the library raises a bare Exception for an unknown scheme
        raise ImproperlyConfigured(f"CACHE_URL {url!r} is not a cache URL Story Bank can use: {exc}") from exc
    if not config["BACKEND"].endswith(("RedisCache", "MemcacheCache", "PyLibMCCache", "PyMemcacheCache")):
        config.setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 20_000)
    return config


# Per-user pages and each story's derived facts live here (stories/pagecache.py, stories/derived.py). Memory
# of each process by default; with several app servers, a shared cache (`CACHE_URL=redis://...`, or
# `db://storybank_cache` after `manage.py createcachetable`) lets a write on one server reach the others'
# pages at once. (A per-process cache is still right: every page is keyed on the bank's revision, read from
# the database, so no server ever shows a page older than the last write; it only computes it once more.)
CACHES = {"default": cache_config(os.environ.get("CACHE_URL", "locmem://storybank"))}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "coverage:dashboard"
LOGOUT_REDIRECT_URL = "home"

# Lock out after repeated failed logins, per user name and address.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# In production (DEBUG false) static files are collected (`make serve` runs collectstatic) under names
# that carry a hash of their content, each with a gzip and a Brotli copy beside it; WhiteNoise serves
# those with a far-future, immutable Cache-Control (a changed file gets a new name), and the rest (the
# unhashed names) for 60 s. A local run and the tests serve the files as they are, from the finders.
STATICFILES_BACKEND = os.environ.get(
    "STATICFILES_BACKEND",
    "django.contrib.staticfiles.storage.StaticFilesStorage" if DEBUG
    else "whitenoise.storage.CompressedManifestStaticFilesStorage",
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": STATICFILES_BACKEND},
}
WHITENOISE_USE_FINDERS = envbool("WHITENOISE_USE_FINDERS", "true" if DEBUG else "false")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Password-reset mail goes to the console locally, to SMTP when EMAIL_HOST is set.
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "true")
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Story Bank <storybank@localhost>")

SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", "false")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Content-Security-Policy: scripts and styles from this site's own files only, never inline (the
# pages' scripts live in static/js/, their data in json_script blocks, which are not run). Recordings
# play from blob: URLs; Bootstrap's CSS draws small icons from data: URLs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "media-src": [SELF, "blob:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# HTTPS behind a proxy: each off by default (a local run is plain HTTP), on from the environment.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "false")
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]  # a load balancer's check may come over plain HTTP
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "false")
if envbool("SECURE_PROXY_SSL_HEADER", "false"):
    # Trust the proxy's X-Forwarded-Proto: only behind a proxy that sets it and strips the client's.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Nothing an app server keeps is needed by another (README, "Deployment"): sessions, pending imports and
# login lockouts are in the database, messages in the cookie or session. Uploads stay in memory: any file
# the import accepts (5 MB, stories/exchange/plan.py) is read without touching the disk; a larger one
# goes to a temporary file that is deleted as its request ends (and is refused).
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024 + 64 * 1024  # the import's limit, and the form around it

# The folder of guide files; each Markdown file with front matter is one guide.
GUIDE_DIR = Path(os.environ.get("GUIDE_DIR", BASE_DIR / "guide" / "content"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
# The guide whose values, questions and story parts the story bank uses.
DEFAULT_GUIDE = os.environ.get("DEFAULT_GUIDE", "netflix")
# Revision notes quote titles and questions, longer than the default 100 characters.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
