"""CACHE_URL: Django's cache, local memory by default, a shared one named by a URL (django-cache-url)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from prepsite.settings import cache_config


def test_the_default_is_local_memory_that_holds_a_large_bank():
    config = cache_config("locmem://storybank")
    assert config["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert config["OPTIONS"]["MAX_ENTRIES"] == 20_000  # Django's 300 would drop a large bank's facts


@pytest.mark.parametrize(
    ("url", "backend", "location"),
    [
        (
            "redis://cache.internal:6379/2",
            "django.core.cache.backends.redis.RedisCache",
            "redis://cache.internal:6379/2",
        ),
        ("db://storybank_cache", "django.core.cache.backends.db.DatabaseCache", "storybank_cache"),
        ("dummy://", "django.core.cache.backends.dummy.DummyCache", ""),
        (
            "file:///var/tmp/storybank-cache",
            "django.core.cache.backends.filebased.FileBasedCache",
            "/var/tmp/storybank-cache",
        ),
    ],
)
def test_a_shared_cache_is_named_by_its_url(url, backend, location):
    config = cache_config(url)
    assert (config["BACKEND"], config["LOCATION"]) == (backend, location)


def test_redis_has_no_entry_limit_and_a_url_may_set_the_local_one():
    assert "MAX_ENTRIES" not in cache_config("redis://localhost:6379/0").get("OPTIONS", {})
    assert cache_config("db://storybank_cache?max_entries=500")["OPTIONS"]["MAX_ENTRIES"] == 500


@pytest.mark.parametrize("url", ["memcache-ish://x", "nonsense"])
def test_an_unknown_cache_url_is_refused_with_a_clear_message(url):
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL .* is not a cache URL"):
        cache_config(url)
