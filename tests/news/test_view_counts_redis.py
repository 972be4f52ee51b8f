"""View counts buffered in Redis, as in production: concurrent reads from several threads
(standing in for workers) all land in the buffer, and one flush writes the exact total."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from news.models import ArticleViewCount
from news.viewcounts import buffered_counts, flush_view_counts, record_view
from tests.core.test_redis_cache import redis_cache, redis_keys  # noqa: F401  (fixture)
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.redis, pytest.mark.django_db]


def test_concurrent_reads_are_all_counted_and_flushed_once(redis_cache, settings):  # noqa: F811
    client, prefix = redis_cache
    settings.VIEW_COUNT_FLUSH_VIEWS = 10_000
    settings.VIEW_COUNT_FLUSH_SECONDS = 3600
    first, second = ArticleFactory(), ArticleFactory()
    slugs = [first.slug] * 150 + [second.slug] * 50

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(record_view, slugs))

    assert buffered_counts() == {first.slug: 150, second.slug: 50}
    assert redis_keys(client, prefix)  # the buffer lives in Redis

    assert flush_view_counts() == 200
    views = dict(ArticleViewCount.objects.values_list("article__slug", "views"))
    assert views == {first.slug: 150, second.slug: 50}
    assert buffered_counts() == {}
    assert flush_view_counts() == 0
