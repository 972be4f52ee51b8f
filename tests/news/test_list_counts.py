"""A list's COUNT(*) is remembered under the content version (DeepPaginator.count_name): read
once per change of content, never stale — not after a save, not when a scheduled article's
time comes (with no write at all)."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import SiteSettings
from news.models import Article
from tests.factories import ArticleFactory, CategoryFactory
from tests.html_tools import texts

pytestmark = pytest.mark.django_db


def pages(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return texts(response, "span", "pagination__current")[0]


def counts(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]


@pytest.mark.parametrize("url", ["/tin-tuc/", "/chuyen-muc/tin-tuc/"])
def test_the_count_is_read_once_and_follows_every_change(client, settings, url):
    settings.PAGE_CACHE_ENABLED = False  # the view itself, not a cached copy of its page
    SiteSettings.load()  # made on first use: a change of content of its own
    now = timezone.now()
    category = CategoryFactory(slug="tin-tuc")
    for number in range(40):
        ArticleFactory(category=category, published_at=now - timedelta(days=number + 1))
    ArticleFactory(category=category, published_at=now + timedelta(hours=1))  # scheduled
    assert pages(client, url) == "Trang 1/2"
    assert counts(client, url) == []  # remembered
    assert counts(client, f"{url}?page=2") == []  # the same list: the same count

    ArticleFactory(category=category, published_at=now - timedelta(days=50))  # a save
    assert pages(client, url) == "Trang 1/3"
    Article.objects.filter(published_at__lt=now - timedelta(days=45)).delete()
    assert pages(client, url) == "Trang 1/2"

    with time_machine.travel(now + timedelta(hours=2)):  # the scheduled one is public now
        assert pages(client, url) == "Trang 1/3"


def test_a_page_past_the_end_is_a_404_that_reads_no_list(client, settings):
    """Only a search's ranked list has pages "past the last one listed"; a plain list's page
    past its end is a 404 decided from the count, with no read of every article."""
    settings.PAGE_CACHE_ENABLED = False
    ArticleFactory.create_batch(3)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/tin-tuc/", {"page": 99999}).status_code == 404
    unbounded = [
        q["sql"]
        for q in queries.captured_queries
        if 'FROM "news_article"' in q["sql"]
        and "LIMIT" not in q["sql"]
        and "COUNT(" not in q["sql"]
    ]
    assert unbounded == []
