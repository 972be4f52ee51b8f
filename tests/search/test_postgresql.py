"""On PostgreSQL: the GIN index serves the search, and PostgreSQL reads the folded text into
exactly the words Python wrote (so both databases find the same rows)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.pagination import EstimatedCountPaginator, planner_estimate
from core.search import Search
from core.text import search_text, search_words
from news.models import Article
from tests.conftest import skip_or_fail
from tests.factories import ArticleFactory, CategoryFactory
from tests.html_tools import texts

pytestmark = pytest.mark.django_db

# What PostgreSQL's text-search parser could read differently from Python's word pattern:
# numbers with separators, hyphenated words, e-mail addresses, URLs, versions, hexadecimal,
# scientific notation, compatibility characters, other scripts.
TRICKY_TEXTS = [
    "Nghị định 42/2022/NĐ-CP ngày 24/6/2022 của Chính phủ",
    "72,23 điểm; 74.95%; xếp thứ 58/63 (năm 2017: 57)",
    "cchc.snv@laichau.gov.vn https://cchc.laichau.gov.vn/tin-tuc/?q=a&b=c",
    "phiên bản v1.2.3, mã 0x1F, 1e5, 2e-3, 007, -42, +7",
    "ĐỒNG BỘ Đường điện – “trích dẫn” … ‘a’ «b» [c] {d} <e> #f $g ^h ~i `j",
    "ﬁle ² ½ ß İstanbul ΣΊΣΥΦΟΣ Ωμέγα Привет 中文 日本語 한국어 عربي",
    "snake_case kebab-case CamelCase dot.separated a1b2c3 x" + "y" * 70,
]


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        skip_or_fail("these tests read PostgreSQL's own plans and parser")


def ranking_plan(search: Search, analyze: bool = False) -> str:
    """EXPLAIN of the query that ranks the search's best matches (`Search.rows()`)."""
    with CaptureQueriesContext(connection) as queries:
        search.rows()
    (sql,) = [query["sql"] for query in queries.captured_queries if "ranked_0_0" in query["sql"]]
    with connection.cursor() as cursor:
        cursor.execute(("EXPLAIN ANALYZE " if analyze else "EXPLAIN ") + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize("text", TRICKY_TEXTS)
def test_postgresql_reads_the_folded_text_into_the_same_words(text):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(array_agg(lexeme ORDER BY lexeme), '{}') "
            "FROM unnest(to_tsvector('simple', %s))",
            [search_text(text)],
        )
        lexemes = cursor.fetchone()[0]
    assert lexemes == sorted(search_words(text))


def test_the_search_is_served_by_the_gin_index_and_parses_no_text():
    """10,000 public articles, one holding the words. With sequential scans off, the planner
    must answer the news list's search and the search page's own query (a UNION over the
    registered types) through article_search_idx — impossible if the query's vector were not
    the indexed one — and no plan parses text (`to_tsvector`) per row: the vector is stored.
    (The other way left, the public-articles B-tree index, costs more than the GIN index at
    this size; at 100,000 articles the planner picks the GIN index with sequential scans on
    too: see the README.)"""
    category = CategoryFactory()
    body = "<p>Nội dung cải cách hành chính của tỉnh Lai Châu năm 2024.</p>"
    Article.objects.bulk_create(
        [
            Article(
                title=f"Tin số {number} về cải cách hành chính",
                slug=f"tin-so-{number}",
                category=category,
                summary="Tóm tắt về một cửa liên thông.",
                body=body,
                status=Article.Status.PUBLISHED,
                published_at=ArticleFactory.published_at.function(),
            )
            for number in range(10_000)
        ],
        batch_size=2000,
    )
    ArticleFactory(title="Tin về xuồng máy", category=category)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE news_article")
        cursor.execute("SET LOCAL enable_seqscan = off")

    news_list = Article.objects.published().search("xuong may").explain()
    page = ranking_plan(Search("xuong may"))
    for plan in [news_list, page]:
        assert "Bitmap Index Scan on article_search_idx" in plan, plan
        assert "(search_vector @@ '''xuong'' & ''may'''::tsquery)" in plan, plan
    assert "to_tsvector" not in news_list
    common = Article.objects.published().search("cai cach").explain()
    assert "to_tsvector" not in common, common
    found = Article.objects.published().search("xuong may").values_list("title", flat=True)
    assert list(found) == ["Tin về xuồng máy"]


def test_a_word_in_every_article_ranks_only_the_best_and_counts_nothing(client, settings):
    """3,000 public articles, the words in every title. The ranking reads the newest
    SEARCH_RANKED_RESULTS (+1) title matches and never runs the summary and body tiers; no
    query counts the matches (the page shows PostgreSQL's estimate): the cost does not grow
    with the number of matches."""
    settings.SEARCH_RANKED_RESULTS = 100
    settings.SEARCH_EXACT_COUNT_UP_TO = 100  # as the defaults: the bound is the limit
    settings.PAGE_CACHE_ENABLED = False
    category = CategoryFactory()
    Article.objects.bulk_create(
        [
            Article(
                title=f"Cải cách hành chính, tin số {number}",
                slug=f"cai-cach-{number}",
                category=category,
                summary="Cải cách hành chính.",
                body="<p>Cải cách hành chính của tỉnh.</p>",
                status=Article.Status.PUBLISHED,
                published_at=ArticleFactory.published_at.function(),
            )
            for number in range(3000)
        ],
        batch_size=1000,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE news_article")

    plan = ranking_plan(Search("cai cach"), analyze=True)
    lines = plan.splitlines()
    # The ranking's own scans of the articles (not the tags' "carried by a published article"
    # subquery, whose alias is u0).
    article_scans = [
        line for line in lines if re.search(r"on news_article( news_article_\d+)?\s+\(", line)
    ]
    assert len(article_scans) == 3, plan  # one per tier: title, title and summary, anywhere
    assert not any("Seq Scan" in line for line in article_scans), plan
    # Only the title tier runs, and it reads no more articles than the ranking keeps.
    executed = [line for line in article_scans if "never executed" not in line]
    assert len(executed) == 1, plan
    assert int(executed[0].split("rows=")[2].split()[0]) <= 101, plan

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/tim-kiem/", {"q": "cai cach"})
    sql = [query["sql"] for query in queries.captured_queries]
    assert not [q for q in sql if "count(*)" in q.lower() and "ranked_0_0" not in q], sql
    assert any(q.startswith("EXPLAIN") for q in sql)
    count = texts(response, "p", "muted")[-1]
    assert count.startswith("Tìm thấy khoảng ") and count.endswith(" kết quả."), count
    estimate = int(
        count.removeprefix("Tìm thấy khoảng ").removesuffix(" kết quả.").replace(".", "")
    )
    assert 1000 <= estimate <= 9000, count  # about 3.000: an estimate, not a count
    assert len(texts(response, "h2", "search-hit__title")) == 20


def test_the_admin_search_uses_the_title_and_summary_index(admin_user, client):
    """The admin's search box reads the folded title and summary through their GIN index
    (article_search_head_idx), not `UPPER(title) LIKE '%…%'` over every row."""
    category = CategoryFactory()
    Article.objects.bulk_create(
        [
            Article(
                title=f"Tin số {number}",
                slug=f"tin-so-{number}",
                category=category,
                summary="Tóm tắt.",
                body="<p>Nội dung.</p>",
            )
            for number in range(3000)
        ],
        batch_size=1000,
    )
    ArticleFactory(title="Tin về xuồng máy", category=category, draft=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE news_article")
        cursor.execute("SET LOCAL enable_seqscan = off")
    client.force_login(admin_user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/quan-tri/news/article/", {"q": "xuong"})
    assert [a.title for a in response.context["cl"].result_list] == ["Tin về xuồng máy"]
    searching = [q["sql"] for q in queries.captured_queries if "search_vector_head" in q["sql"]]
    assert searching
    plans = []
    with connection.cursor() as cursor:
        for sql in searching:
            assert "UPPER" not in sql and "LIKE" not in sql, sql
            cursor.execute("EXPLAIN " + sql.removeprefix("EXPLAIN (FORMAT json) "))
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
    # The list of results (and its bounds) found through the GIN index of title and summary.
    assert any("article_search_head_idx" in plan for plan in plans), plans
    assert not any("Seq Scan on news_article" in plan for plan in plans), plans


def test_the_admin_count_is_exact_when_the_statistics_are_stale():
    """PostgreSQL's estimate still says 3,000 articles after all but five were deleted: the
    admin's paginator checks it with a small count before believing it."""
    category = CategoryFactory()
    Article.objects.bulk_create(
        [
            Article(title=f"Tin {n}", slug=f"tin-{n}", category=category, summary="S.", body="B")
            for n in range(3000)
        ],
        batch_size=1000,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE news_article")
    Article.objects.exclude(pk__in=Article.objects.order_by("pk").values("pk")[:5]).delete()
    assert planner_estimate(Article.objects.all()) > 1000  # stale, as after a mass deletion
    paginator = EstimatedCountPaginator(Article.objects.order_by("-pk"), 50)
    assert paginator.count == 5 and paginator.count_is_exact
