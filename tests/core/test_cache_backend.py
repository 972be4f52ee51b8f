"""core.cache.RedisCache: Django's Redis backend, with one redis-py client per pool."""

import os
import uuid

import pytest

from core.cache import RedisCache
from tests.conftest import skip_or_fail

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")

pytestmark = pytest.mark.redis


@pytest.fixture
def backend():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.exceptions.RedisError as error:
        skip_or_fail(f"Redis is not reachable at {REDIS_URL}: {error}")
    cache = RedisCache(REDIS_URL, {"KEY_PREFIX": f"cchc-test-{uuid.uuid4().hex}"})
    yield cache
    cache.delete_many(["version", "page", "counter"])


def test_one_client_serves_every_operation(backend):
    first = backend._cache.get_client(write=False)
    assert backend._cache.get_client(write=True) is first
    assert backend._cache.get_client() is first


def test_behaves_as_djangos_redis_cache(backend):
    backend.set("version", "abc", timeout=None)
    backend.set("page", (b"<html></html>", [("Content-Type", "text/html")]), timeout=60)
    assert backend.get_many(["version", "page", "missing"]) == {
        "version": "abc",
        "page": (b"<html></html>", [("Content-Type", "text/html")]),
    }
    assert backend.add("version", "other") is False
    backend.set("counter", 1)
    assert backend.incr("counter") == 2
    backend.delete("page")
    assert backend.get("page") is None
