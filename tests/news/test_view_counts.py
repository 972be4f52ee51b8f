""" "Tin đọc nhiều": reads counted in the cache, no database write per page view, written to the
database in batches; the list shows the most-read public articles only."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from news.middleware import ArticleViewCountMiddleware
from news.models import Article, ArticleViewCount
from news.viewcounts import buffered_counts, flush_view_counts, is_bot
from tests.factories import ArticleFactory, ArticleImageFactory
from tests.html_tools import parse

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"
WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture(autouse=True)
def _batches(settings):
    settings.VIEW_COUNT_FLUSH_VIEWS = 1000
    settings.VIEW_COUNT_FLUSH_SECONDS = 3600


@pytest.fixture
def reader(client):
    client.defaults["HTTP_USER_AGENT"] = BROWSER
    return client


def stored_views(article) -> int:
    row = ArticleViewCount.objects.filter(article=article).first()
    return row.views if row else 0


def test_reading_an_article_writes_nothing_to_the_database(reader):
    article = ArticleFactory()
    ArticleImageFactory.create_batch(2, article=article)
    ArticleFactory.create_batch(3, category=article.category)
    url = article.get_absolute_url()
    reader.get(url)  # the first read of a process may create the site settings row

    with CaptureQueriesContext(connection) as first:
        assert reader.get(url).status_code == 200
    with CaptureQueriesContext(connection) as five:
        for _ in range(5):
            assert reader.get(url).status_code == 200

    statements = [query["sql"].lstrip().upper() for query in five.captured_queries]
    assert not [sql for sql in statements if sql.startswith(WRITES)]
    assert len(five) == 5 * len(first)  # the same reads each time, nothing added by counting
    assert buffered_counts()[article.slug] == 7
    assert stored_views(article) == 0


def test_flush_writes_the_totals_and_empties_the_buffer(reader):
    first, second = ArticleFactory(), ArticleFactory()
    for _ in range(3):
        reader.get(first.get_absolute_url())
    for _ in range(2):
        reader.get(second.get_absolute_url())

    call_command("flush_view_counts", verbosity=0)

    assert (stored_views(first), stored_views(second)) == (3, 2)
    assert buffered_counts() == {}
    call_command("flush_view_counts", verbosity=0)  # nothing buffered: nothing added
    assert (stored_views(first), stored_views(second)) == (3, 2)

    reader.get(first.get_absolute_url())
    assert flush_view_counts() == 1
    assert stored_views(first) == 4


def test_flush_adds_to_the_stored_counts_with_f_expressions(reader):
    articles = ArticleFactory.create_batch(3)
    for article in articles:
        reader.get(article.get_absolute_url())
    with CaptureQueriesContext(connection) as flush:
        flush_view_counts()
    updates = [q["sql"] for q in flush.captured_queries if q["sql"].startswith("UPDATE")]
    assert len(updates) == 3
    assert all('"views" = (' in sql for sql in updates)  # views = views + n, not a stale value


def test_what_is_not_a_read_is_not_counted(reader, client, publisher):
    article = ArticleFactory()
    draft = ArticleFactory(draft=True)
    url = article.get_absolute_url()
    reader.get(url, HTTP_USER_AGENT="Googlebot/2.1 (+http://www.google.com/bot.html)")
    reader.get(url, HTTP_USER_AGENT="")
    reader.get(url, HTTP_USER_AGENT="curl/8.5.0")
    reader.head(url)
    reader.post(url)
    reader.get(reverse("news:article", kwargs={"slug": "khong-co"}))  # 404
    reader.get(draft.get_absolute_url())  # 404 for a visitor
    reader.get(reverse("news:article-list"))
    client.force_login(publisher)
    client.get(draft.get_absolute_url(), HTTP_USER_AGENT=BROWSER)  # a staff preview

    assert buffered_counts() == {}


def test_staff_reading_a_public_article_is_counted(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    assert buffered_counts() == {article.slug: 1}


def test_a_response_served_without_running_the_view_is_counted(db):
    """A page-cache hit answers before any view runs: the counter looks at the path only."""
    article = ArticleFactory()
    served_from_cache = ArticleViewCountMiddleware(lambda request: HttpResponse("cached"))
    request = RequestFactory().get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    served_from_cache(request)
    assert buffered_counts() == {article.slug: 1}


def test_the_buffer_flushes_itself_after_n_reads(reader, settings):
    settings.VIEW_COUNT_FLUSH_VIEWS = 4
    article = ArticleFactory()
    for _ in range(3):
        reader.get(article.get_absolute_url())
    assert stored_views(article) == 0
    reader.get(article.get_absolute_url())
    assert stored_views(article) == 4
    assert buffered_counts() == {}


def test_the_buffer_flushes_itself_when_its_oldest_read_is_old(reader, settings):
    settings.VIEW_COUNT_FLUSH_SECONDS = 300
    article = ArticleFactory()
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        reader.get(article.get_absolute_url())
        traveller.shift(timedelta(seconds=299))
        reader.get(article.get_absolute_url())
        assert stored_views(article) == 0
        traveller.shift(timedelta(seconds=2))
        reader.get(article.get_absolute_url())
    assert stored_views(article) == 3


@pytest.mark.parametrize(
    ("user_agent", "bot"),
    [
        (BROWSER, False),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Mobile/15E148 Safari/604.1", False),
        ("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", True),
        ("facebookexternalhit/1.1", True),
        ("python-requests/2.32", True),
        ("   ", True),
    ],
)
def test_is_bot(user_agent, bot):
    assert is_bot(user_agent) is bot


def most_read_titles(response) -> list[str]:
    section = parse(response.content).find("section", class_="most-read")
    return [link.text() for link in section.find_all("a")]


def test_most_read_lists_public_articles_by_reads(client):
    popular = ArticleFactory(title="Tin đọc nhiều nhất")
    second = ArticleFactory(title="Tin đọc nhiều thứ hai")
    unread = ArticleFactory(title="Tin chưa ai đọc")
    withdrawn = ArticleFactory(title="Tin đã gỡ", status=Article.Status.UNPUBLISHED)
    scheduled = ArticleFactory(title="Tin hẹn giờ", published_at=timezone.now() + timedelta(days=1))
    for article, views in ((popular, 50), (second, 20), (withdrawn, 900), (scheduled, 800)):
        ArticleViewCount.objects.create(article=article, views=views)

    home = client.get(reverse("news:home"))
    assert most_read_titles(home) == [popular.title, second.title]
    on_article = client.get(unread.get_absolute_url())
    assert most_read_titles(on_article) == [popular.title, second.title]


def test_no_most_read_box_before_anything_is_read(client):
    ArticleFactory()
    page = parse(client.get(reverse("news:home")).content)
    assert page.find_all("section", class_="most-read") == []


def test_a_failing_cache_never_breaks_the_page(db, settings, caplog):
    article = ArticleFactory()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            # Nothing listens on port 1: every cache call fails at once.
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    middleware = ArticleViewCountMiddleware(lambda request: HttpResponse("la trang"))
    request = RequestFactory().get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)

    response = middleware(request)

    assert response.status_code == 200
    assert response.content == b"la trang"
    assert "Could not count a read" in caplog.text
