"""What the environment chooses for several app servers: media storage, cache, sessions.

Each case imports the real settings in a fresh interpreter with the environment set, as a
server starts. There is no S3 server here: the tests check the storage chosen and the addresses
it makes (which need no network), not uploads.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]

PROBE = """
import json
import django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
default_storage = storages["default"]
print(json.dumps({
    "storage": type(default_storage).__module__ + "." + type(default_storage).__name__,
    "url": default_storage.url("news/anh.jpg"),
    "bucket": getattr(default_storage, "bucket_name", None),
    "endpoint": getattr(default_storage, "endpoint_url", None),
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_location": str(settings.CACHES["default"].get("LOCATION", "")),
    "cache_prefix": settings.CACHES["default"].get("KEY_PREFIX", ""),
    "sessions": settings.SESSION_ENGINE,
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "page_cache": [settings.PAGE_CACHE_ENABLED, settings.PAGE_CACHE_SECONDS],
}))
"""

# Variables of this machine that would change the answer.
CLEARED = ("REDIS_URL", "CACHE_KEY_PREFIX", "CACHE_DIR", "PAGE_CACHE", "PAGE_CACHE_SECONDS")


def settings_with(**variables) -> dict:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in CLEARED and not key.startswith("AWS_")
    }
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "cchc_portal.settings",
            "DEBUG": "0",
            "SECRET_KEY": "deployment-settings-test",
            "ALLOWED_HOSTS": "cchc.example",
            **variables,
        }
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_media_in_a_local_folder_by_default():
    chosen = settings_with(MEDIA_ROOT="/srv/cchc/media")
    assert chosen["storage"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert chosen["url"] == "/media/news/anh.jpg"
    assert chosen["img_src"] == ["'self'", "data:"]


def test_media_in_s3_compatible_storage_when_a_bucket_is_named():
    chosen = settings_with(
        AWS_STORAGE_BUCKET_NAME="cchc-media",
        AWS_S3_ENDPOINT_URL="https://s3.laichau.example",
        AWS_S3_REGION_NAME="vn-north-1",
        AWS_ACCESS_KEY_ID="test-key",
        AWS_SECRET_ACCESS_KEY="test-secret",
        AWS_S3_CUSTOM_DOMAIN="media.cchc.example",
    )
    assert chosen["storage"] == "storages.backends.s3.S3Storage"
    assert chosen["bucket"] == "cchc-media"
    assert chosen["endpoint"] == "https://s3.laichau.example"
    # Plain public addresses under the media prefix: no signature that would expire, or make
    # each cached page differ.
    assert chosen["url"] == "https://media.cchc.example/media/news/anh.jpg"
    # The pages' Content-Security-Policy lets the photos load from there.
    assert chosen["img_src"] == ["'self'", "data:", "https://media.cchc.example"]


def test_s3_without_a_custom_domain_allows_the_endpoint_in_the_policy():
    chosen = settings_with(
        AWS_STORAGE_BUCKET_NAME="cchc-media",
        AWS_S3_ENDPOINT_URL="https://s3.laichau.example",
        AWS_ACCESS_KEY_ID="test-key",
        AWS_SECRET_ACCESS_KEY="test-secret",
    )
    assert chosen["url"].startswith("https://s3.laichau.example/cchc-media/media/news/anh.jpg")
    assert "?" not in chosen["url"]
    assert chosen["img_src"] == ["'self'", "data:", "https://s3.laichau.example"]


def test_redis_is_the_shared_cache_when_configured():
    chosen = settings_with(REDIS_URL="redis://10.0.0.5:6379/0", CACHE_KEY_PREFIX="cchc-lc")
    assert chosen["cache"] == "core.cache.RedisCache"
    assert chosen["cache_location"] == "redis://10.0.0.5:6379/0"
    assert chosen["cache_prefix"] == "cchc-lc"


def test_without_redis_production_workers_share_a_file_cache(tmp_path):
    """Several gunicorn workers with a per-process memory cache: a change seen by one could
    not clear the pages and settings cached by the others."""
    chosen = settings_with(CACHE_DIR=str(tmp_path))
    assert chosen["cache"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert chosen["cache_location"] == str(tmp_path)


def test_development_keeps_the_memory_cache():
    chosen = settings_with(DEBUG="1")
    assert chosen["cache"] == "django.core.cache.backends.locmem.LocMemCache"


def test_sessions_live_in_the_database_not_in_local_files():
    assert settings_with()["sessions"] == "django.contrib.sessions.backends.db"


def test_page_cache_settings_from_the_environment():
    assert settings_with()["page_cache"] == [True, 600]
    assert settings_with(PAGE_CACHE="0", PAGE_CACHE_SECONDS="60")["page_cache"] == [False, 60]
