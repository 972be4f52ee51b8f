"""Settings for the test suite: the real settings, with a throwaway media folder and fast hashing.

`DATABASE_URL` still decides the database, so `make test` runs on SQLite by default and on
PostgreSQL when `DATABASE_URL` points at one (as CI does).
"""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

from .settings import *  # noqa: F403
from .settings import env

# A folder of each test process's own (under pytest-xdist every worker is a process), removed at
# the end of the run (tests/conftest.py).
MEDIA_ROOT = tempfile.mkdtemp(prefix="cchc-test-media-")
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="cchc-test-private-"))
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
# Each test empties the cache; that must never be a Redis database something else uses (nor
# one another pytest-xdist worker uses): each process has its own memory cache. The Redis tests
# (tests/core/test_redis_cache.py) build their own cache, with a prefix of each test's own.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tests that need it turn it on with the `settings` fixture.
REQUIRE_2FA_FOR_ADMINS = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Serve static files from the apps' folders, as in development: no collectstatic before tests.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Tests send hundreds of requests from one address: the rate limit would refuse some. Its own
# tests turn it on with the `settings` fixture; a live server of a test (tests/live.py) has it
# when its environment sets a budget (RATE_LIMIT=1, or RATE_LIMIT_BURST/_PER_MINUTE).
RATE_LIMIT_ENABLED = env.bool(
    "RATE_LIMIT",
    default=any(name in os.environ for name in ("RATE_LIMIT_BURST", "RATE_LIMIT_PER_MINUTE")),
)
