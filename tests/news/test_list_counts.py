"""A list's COUNT(*) is remembered under the content version (DeepPaginator.count_name): read
once per change of content, never stale — not after a save, not when a scheduled article's
time comes (with no write at all)."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core import pagination
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


@pytest.mark.parametrize("page", [1, 2])
def test_a_list_pages_cards_are_kept_until_the_content_changes(client, settings, monkeypatch, page):
    """A list page's cards are one fragment per list and page (core.fragments): drawn again,
    the page reads no article rows; a publish shows at once. Page 2 is made a deep page
    (DeepPaginator's deferred join, from offset 1,000 in production), whose rows are read only
    when its cards are drawn."""
    monkeypatch.setattr(pagination, "DEFERRED_JOIN_FROM_OFFSET", 20)
    settings.PAGE_CACHE_ENABLED = False
    SiteSettings.load()
    now = timezone.now()
    category = CategoryFactory(slug="tin-tuc")
    for number in range(45):
        ArticleFactory(
            category=category,
            title=f"Tin số {number}",
            published_at=now - timedelta(days=number + 1),
        )
    url = f"/chuyen-muc/tin-tuc/?page={page}"
    first = client.get(url)
    assert first.status_code == 200
    assert (
        "Tin số 0<" in first.content.decode()
        if page == 1
        else "Tin số 20<" in first.content.decode()
    )
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
    assert again.content == first.content
    assert [q["sql"] for q in queries.captured_queries if 'FROM "news_article"' in q["sql"]] == []

    # A change of content: the cards are drawn anew (the new article first, the rest a place on).
    ArticleFactory(category=category, title="Tin mới nhất", published_at=now)
    changed = client.get(url).content.decode()
    assert ("Tin mới nhất<" in changed) == (page == 1)
    assert "Tin số 19<" in changed if page == 2 else "Tin số 19<" not in changed
