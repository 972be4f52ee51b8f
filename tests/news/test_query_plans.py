"""With thousands of articles on PostgreSQL, the public lists read `news_article` through an
index: never a sequential scan, not even for a deep page. (EXPLAIN of the very queries the
pages send; SQLite plans say nothing about PostgreSQL, so these run on PostgreSQL only.)"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.pagination import DEFERRED_JOIN_FROM_OFFSET
from news.models import Article, Category
from tests.conftest import skip_or_fail

ARTICLES = 5000
PER_PAGE = 20


@pytest.fixture(scope="module")
def many_articles(django_db_setup, django_db_blocker):
    if connection.vendor != "postgresql":
        skip_or_fail("query plans are checked on PostgreSQL (set DATABASE_URL)")
    with django_db_blocker.unblock():
        # Committed (VACUUM cannot run in a transaction), so removed again afterwards. With no
        # category yet, the command makes its own four: a parent with a sub-category and two.
        assert not Category.objects.exists()
        call_command("generate_articles", ARTICLES, seed=9, verbosity=0)  # + VACUUM ANALYZE
        yield
        Article.objects.all().delete()
        Category.objects.filter(parent__isnull=False).delete()
        Category.objects.all().delete()


def article_plans(client, url) -> dict[str, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    plans = {}
    with connection.cursor() as cursor:
        for query in queries.captured_queries:
            if '"news_article"' in query["sql"]:
                cursor.execute("EXPLAIN " + query["sql"])
                plans[query["sql"]] = "\n".join(row[0] for row in cursor.fetchall())
    assert plans, f"{url} read no article"
    return plans


def biggest_category() -> Category:
    return Category.objects.get(slug="tin-tuc-su-kien")  # the first: 90 % of the articles


def urls():
    public = Article.objects.published()
    category = biggest_category()
    small = Category.objects.get(slug="chuyen-doi-so")
    sub = Category.objects.filter(parent__isnull=False).first()
    in_category = public.in_category(category).count()
    article = public.filter(related_links__isnull=False, images__isnull=False).first()
    return {
        "home": "/",
        "news list": "/tin-tuc/",
        "news list, deep page": f"/tin-tuc/?page={public.count() // PER_PAGE - 10}",
        "category": category.get_absolute_url(),
        "category, deep page": f"{category.get_absolute_url()}?page={in_category // PER_PAGE - 10}",
        "small category": small.get_absolute_url(),
        "sub-category": sub.get_absolute_url(),
        "article": article.get_absolute_url(),
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "page",
    [
        "home",
        "news list",
        "news list, deep page",
        "category",
        "category, deep page",
        "small category",
        "sub-category",
        "article",
    ],
)
def test_no_sequential_scan_of_articles(many_articles, client, page):
    assert Article.objects.count() == ARTICLES
    url = urls()[page]
    for sql, plan in article_plans(client, url).items():
        assert "Seq Scan on news_article " not in plan + " ", f"{url}\n{sql}\n{plan}"


@pytest.mark.django_db
def test_a_deep_page_walks_only_the_index(many_articles, client):
    public = Article.objects.published()
    page = public.count() // PER_PAGE - 10
    assert page * PER_PAGE > DEFERRED_JOIN_FROM_OFFSET
    plans = article_plans(client, f"/tin-tuc/?page={page}")
    keys_only = [plan for sql, plan in plans.items() if "OFFSET" in sql]
    assert keys_only and all("Index Only Scan" in plan for plan in keys_only), plans
