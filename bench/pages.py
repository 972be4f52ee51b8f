"""Page benchmark: render time and query count of the public pages over the demo content.

    make bench                      # a throwaway SQLite database
    DATABASE_URL=postgres://… make bench

It builds a fresh database (migrate + load_demo, plus extra articles so lists are full),
warms each page once, then requests it REQUESTS times through Django's test client (the whole
stack but the network) and prints the median and 95th percentile in milliseconds and the
number of SQL queries. It sends no traffic anywhere.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

workdir = tempfile.mkdtemp(prefix="cchc-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
os.environ.setdefault("MEDIA_ROOT", f"{workdir}/media")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("STATIC_ROOT", f"{workdir}/static")
os.makedirs(os.environ["STATIC_ROOT"], exist_ok=True)
os.environ["DJANGO_SETTINGS_MODULE"] = "cchc_portal.settings"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402


def main():
    setup_test_environment()
    from django.conf import settings

    settings.STORAGES["staticfiles"]["BACKEND"] = (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    old_name = connection.settings_dict["NAME"]
    test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("load_demo", verbosity=0)
        _add_filler_articles(100)
        run(Client())
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(f"database: {connection.vendor} ({test_db})")


def _add_filler_articles(count):
    from news.models import Article, Category

    category = Category.objects.order_by("order").first()
    for number in range(count):
        Article.objects.create(
            title=f"Tin bổ sung để đo hiệu năng số {number}",
            category=category,
            summary="Tóm tắt.",
            body="<p>Nội dung.</p>" * 10,
            status=Article.Status.PUBLISHED,
            published_at=django.utils.timezone.now() - django.utils.timezone.timedelta(days=400),
        )


def run(client):
    from indices.models import Unit
    from news.models import Article

    article = Article.objects.published().filter(images__isnull=False).distinct().first()
    pages = {
        "home /": "/",
        "news list /tin-tuc/": "/tin-tuc/",
        "news list page 3": "/tin-tuc/?page=3",
        "search ?q=PAPI": "/tin-tuc/?q=PAPI",
        "article": article.get_absolute_url(),
        "category": article.category.get_absolute_url(),
        "rss": "/tin-tuc/rss/",
        "indices /chi-so/": "/chi-so/",
        "index PAR INDEX": "/chi-so/par-index/",
        "unit ranking 2018": "/chi-so/xep-hang/2018/",
        "unit profile": Unit.objects.order_by("pk").first().get_absolute_url(),
        "ranking 2018 CSV": "/chi-so/xep-hang/2018/so-ban-nganh.csv",
        "index JSON": "/chi-so/papi/du-lieu.json",
    }
    print(f"{'page':<22} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for name, url in pages.items():
        assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        query_count = len(queries)  # now: every request empties the connection's query log
        timings = []
        for _ in range(REQUESTS):
            start = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(f"{name:<22} {statistics.median(timings):>10.2f} {p95:>8.2f} {query_count:>8}")


if __name__ == "__main__":
    main()
