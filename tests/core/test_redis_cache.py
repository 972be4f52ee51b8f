"""Site settings cached in Redis, as in production, and invalidated there on save."""

import os
import uuid

import pytest
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache

from core import pagecache
from core.models import SiteSettings
from tests.conftest import skip_or_fail

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")

pytestmark = pytest.mark.redis


@pytest.fixture
def redis_cache(settings):
    """The default cache pointed at Redis under a prefix of this test's own, removed after."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
    try:
        client.ping()
    except redis.exceptions.RedisError as error:
        skip_or_fail(f"Redis is not reachable at {REDIS_URL}: {error}")

    prefix = f"cchc-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    # Changing CACHES rebuilt the cache handler; the `cache` proxy that core.models uses
    # must now reach Redis.
    assert type(caches["default"]).__name__ == "RedisCache"
    assert type(cache._connections["default"]).__name__ == "RedisCache"
    try:
        yield client, prefix
    finally:
        for key in client.scan_iter(match=f"{prefix}:*"):
            client.delete(key)
        client.close()


def redis_keys(client, prefix) -> list[bytes]:
    return list(client.scan_iter(match=f"{prefix}:*"))


def test_site_settings_are_cached_in_redis_and_invalidated_on_save(db, redis_cache):
    client, prefix = redis_cache
    key = cache.make_key(SiteSettings.CACHE_KEY)
    assert key.startswith(prefix)
    assert not client.exists(key)

    loaded = SiteSettings.load()

    assert client.exists(key), "load() did not store the settings in Redis"
    # Creating the record on first use also changed the page cache's content version.
    version_key = cache.make_key(pagecache.VERSION_KEY)
    assert sorted(redis_keys(client, prefix)) == sorted([key.encode(), version_key.encode()])
    assert cache.get(SiteSettings.CACHE_KEY).site_name == loaded.site_name

    # A change made behind the model's back (another process) is not seen: the value is cached.
    SiteSettings.objects.filter(pk=loaded.pk).update(site_name="Đổi trực tiếp trong CSDL")
    assert SiteSettings.load().site_name == loaded.site_name

    site_settings = SiteSettings.objects.get(pk=loaded.pk)
    site_settings.site_name = "Cổng CCHC tỉnh Lai Châu"
    site_settings.save()

    assert not client.exists(key), "saving the settings did not clear them from Redis"
    assert SiteSettings.load().site_name == "Cổng CCHC tỉnh Lai Châu"
    assert client.exists(key)


def test_settings_cached_by_one_process_are_seen_by_another(db, redis_cache):
    _client, prefix = redis_cache
    SiteSettings.objects.create(site_name="Đã lưu trong Redis")
    SiteSettings.load()

    # A second backend object stands for another worker process sharing the same Redis.
    other_worker = RedisCache(REDIS_URL, {"KEY_PREFIX": prefix})
    cached = other_worker.get(SiteSettings.CACHE_KEY)

    assert cached is not None
    assert cached.site_name == "Đã lưu trong Redis"
