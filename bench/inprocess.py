"""In-process timings: what one uncached page costs the server, with no HTTP or load around it.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cchc_bench .venv/bin/python bench/inprocess.py
    … bench/inprocess.py / /chi-so/ '/tim-kiem/?q=cai+cach'    # these addresses only
    BENCH_INPROCESS_RUNS=50 BENCH_INPROCESS_MODE=cold …          # see below

It uses the database that DATABASE_URL names as it is (load the demo and generate articles
first: `manage.py load_demo`, `manage.py generate_articles N`), with production-like settings
(`DEBUG=0`, the cached template loader, persistent connection) and the page cache off, and
requests each address through Django's test client as an anonymous visitor: one request to warm
up, then BENCH_INPROCESS_RUNS (default 20) timed ones. It prints per address the median, p90
and best time in milliseconds, the SQL queries of the last request and the status.

BENCH_INPROCESS_MODE:
- `warm` (default): the content version stays, so fragments that are cached under it (menus,
  cards, charts) are reused between requests: a page as it costs on a busy site between two
  changes of content.
- `cold`: the content version is replaced before every request, so every fragment is computed
  again: the first visit after a publish.

BENCH_INPROCESS_USER=<username>: requests as that user, logged in (the admin's pages, e.g.
`/quan-tri/news/article/` and `/quan-tri/news/article/?q=cai+cach`); a superuser is made
with that name when there is none (the only write this script may make); two-factor
authentication is not asked.

The cache is the process's own memory, not Redis, unless BENCH_INPROCESS_REDIS_URL is set.
Nothing else is written to the database. Throughput belongs to `make bench` (bench/run.py), which
reports it as a ratio to a bare view; these figures are for comparing one version of a page
with the next on the same machine, in the same run.
"""

import os
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URLS = [
    "/",
    "@article",
    "/tin-tuc/",
    "/chi-so/",
    "/chi-so/par-index/",
    "/chi-so/xep-hang/2018/",
    "/tim-kiem/?q=cai+cach",
]
RUNS = int(os.environ.get("BENCH_INPROCESS_RUNS", "20"))
MODE = os.environ.get("BENCH_INPROCESS_MODE", "warm")


def configure() -> None:
    if not os.environ.get("DATABASE_URL"):
        sys.exit("Set DATABASE_URL to the database to measure (see the docstring).")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc_portal.settings")
    os.environ.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-inprocess-only",
            "ALLOWED_HOSTS": "testserver,127.0.0.1",
            "HTTPS": "0",
            "PAGE_CACHE": "0",
            "CONN_MAX_AGE": "60",
            # One client asking for hundreds of uncached pages: the per-client budget and the
            # render slots would answer 429/503 instead of rendering.
            "RATE_LIMIT": "0",
        }
    )
    if os.environ.get("BENCH_INPROCESS_USER"):
        os.environ["REQUIRE_2FA_FOR_ADMINS"] = "0"  # the admin measured, not the login steps
    redis_url = os.environ.get("BENCH_INPROCESS_REDIS_URL", "")
    os.environ["REDIS_URL"] = redis_url
    import django
    from django.conf import settings

    # WhiteNoise warns that STATIC_ROOT was never collected: static files are not measured.
    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    if not redis_url:
        settings.CACHES["default"] = {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "bench-inprocess",
        }
    # Static files are not collected here: resolve their names without the manifest.
    settings.STORAGES["staticfiles"] = {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    }


def resolve(url: str) -> str:
    if url == "@article":  # the newest public article with a photo: a typical article page
        from news.models import Article

        article = (
            Article.objects.published().filter(images__isnull=False).order_by("-published_at")
        ).first() or Article.objects.published().order_by("-published_at").first()
        return article.get_absolute_url() if article else "/"
    return url


def measure(client, url: str) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core import pagecache

    response = client.get(url)  # warm up: connection, templates, fragments
    timings = []
    for _ in range(RUNS):
        if MODE == "cold":
            pagecache.invalidate_all()
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        if MODE == "cold":
            pagecache.invalidate_all()
        client.get(url)
    timings.sort()
    return {
        "url": url,
        "status": response.status_code,
        "median_ms": statistics.median(timings),
        "p90_ms": timings[min(len(timings) - 1, int(len(timings) * 0.9))],
        "best_ms": timings[0],
        "queries": len(queries),
    }


def main(argv: list[str]) -> None:
    configure()
    from django.test import Client

    client = Client()
    username = os.environ.get("BENCH_INPROCESS_USER")
    if username:
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            user = get_user_model().objects.create_superuser(username, f"{username}@example.org")
        client.force_login(user)
    urls = [resolve(url) for url in (argv or DEFAULT_URLS)]
    print(f"{RUNS} runs per address, mode {MODE}, database {os.environ['DATABASE_URL']}")
    print(f"{'address':<60} {'status':>6} {'median':>8} {'p90':>8} {'best':>8} {'SQL':>4}")
    for url in urls:
        row = measure(client, url)
        print(
            f"{row['url'][:60]:<60} {row['status']:>6} {row['median_ms']:>8.1f} "
            f"{row['p90_ms']:>8.1f} {row['best_ms']:>8.1f} {row['queries']:>4}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
