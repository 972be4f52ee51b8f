"""Search at scale (core.search, "At scale"): only the best SEARCH_RANKED_RESULTS matches
are ranked and listed — exactly the first ones of the full ranking —, the count is estimated
past a bound, and a page past the last one listed says to narrow the search. On both
databases; the PostgreSQL plans are in test_postgresql.py."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from core.search import MatchCount, Search, matching
from core.templatetags.portal import vn_number
from news.models import Article
from tests.factories import ArticleFactory, CategoryFactory
from tests.html_tools import parse, texts

pytestmark = pytest.mark.django_db
URL = "/tim-kiem/"


def hit_titles(response) -> list[str]:
    return texts(response, "h2", "search-hit__title")


def notices(response) -> list[str]:
    return [node.text() for node in parse(response.content).find_all("div", class_="ranked-notice")]


@pytest.fixture
def announcements():
    """30 public articles holding "thông báo": in the title (tier 0), only in the summary
    (tier 1) or only in the body (tier 2), at dates that interleave the tiers."""
    category = CategoryFactory(slug="tin-tuc")
    start = timezone.now() - timedelta(days=100)
    for number in range(30):
        where = number % 3
        ArticleFactory(
            title=f"Thông báo số {number}" if where == 0 else f"Tin số {number}",
            summary="Có thông báo mới." if where == 1 else "Tóm tắt.",
            body="<p>Nội dung thông báo.</p>" if where == 2 else "<p>Nội dung.</p>",
            category=category,
            published_at=start + timedelta(days=number),
        )


@pytest.mark.usefixtures("announcements")
@pytest.mark.parametrize("limit", [1, 4, 10, 11, 17, 25, 30, 31])
def test_the_best_n_are_the_first_n_of_the_full_ranking(settings, limit):
    settings.SEARCH_RANKED_RESULTS = limit
    full = [
        ("news", pk)
        for pk in matching(Article.objects.published(), ["thong", "bao"]).values_list(
            "pk", flat=True
        )
    ]
    assert len(full) == 30
    rows = Search("thong bao").rows()
    assert [(kind, pk) for kind, pk, _tier, _date in rows] == full[:limit]
    assert [tier for *_, tier, _date in rows] == sorted(tier for *_, tier, _date in rows)


@pytest.mark.usefixtures("announcements")
def test_few_matches_are_counted_exactly_and_listed_whole(client, settings):
    settings.SEARCH_RANKED_RESULTS = 30
    response = client.get(URL, {"q": "thong bao"})
    assert texts(response, "p", "muted")[-1] == "Tìm thấy 30 kết quả."
    assert len(hit_titles(response)) == 20
    last = client.get(URL, {"q": "thong bao", "page": 2})
    assert len(hit_titles(last)) == 10
    assert notices(last) == []  # nothing was cut
    assert client.get(URL, {"q": "thong bao", "page": 3}).status_code == 404


@pytest.mark.usefixtures("announcements")
def test_a_cut_list_says_so_on_its_last_page_and_a_page_past_it_says_to_narrow(client, settings):
    settings.SEARCH_RANKED_RESULTS = 25
    settings.SEARCH_EXACT_COUNT_UP_TO = 25
    first = client.get(URL, {"q": "thong bao"})
    count = texts(first, "p", "muted")[-1]
    if connection.vendor == "postgresql":  # past the bound: the planner's estimate
        assert count.startswith("Tìm thấy khoảng ") and count.endswith(" kết quả.")
    else:  # SQLite counts
        assert count == "Tìm thấy 30 kết quả."
    assert notices(first) == []
    second = client.get(URL, {"q": "thong bao", "page": 2})
    assert len(hit_titles(second)) == 5
    assert texts(second, "span", "pagination__current") == ["Trang 2/2"]
    assert notices(second) == [
        "Chỉ 25 kết quả phù hợp nhất được liệt kê. Hãy thêm từ khoá, hoặc chọn chuyên mục hay "
        "năm, để thu hẹp tìm kiếm."
    ]
    for page in ["3", "40", "100000000000000000000"]:
        past = client.get(URL, {"q": "thong bao", "page": page})
        assert past.status_code == 200, page
        assert hit_titles(past) == []
        assert len(notices(past)) == 1
        links = [
            a.attrs["href"]
            for a in parse(past.content).find("div", class_="ranked-notice").find_all("a")
        ]
        assert links == ["?q=thong+bao&page=2"]
        assert "Không tìm thấy" not in past.content.decode()
    # Not a page number: 404 as before.
    assert client.get(URL, {"q": "thong bao", "page": "abc"}).status_code == 404


@pytest.mark.usefixtures("announcements")
def test_the_news_search_ranks_and_cuts_the_same_way(client, settings):
    settings.SEARCH_RANKED_RESULTS = 25
    settings.SEARCH_EXACT_COUNT_UP_TO = 25
    first = client.get("/tin-tuc/", {"q": "thong bao"})
    titles = [a.text() for a in parse(first.content).find_all("h2")][:3]
    assert titles == ["Thông báo số 27", "Thông báo số 24", "Thông báo số 21"]
    count = texts(first, "p", "muted")[0]
    if connection.vendor == "postgresql":
        assert count.startswith("Tìm thấy khoảng ") and count.endswith(" tin.")
    else:
        assert count == "Tìm thấy 30 tin."
    past = client.get("/tin-tuc/", {"q": "thong bao", "page": 3})
    assert past.status_code == 200
    assert len(notices(past)) == 1
    # In a category too.
    in_category = client.get("/chuyen-muc/tin-tuc/", {"q": "thong bao", "page": 3})
    assert in_category.status_code == 200 and len(notices(in_category)) == 1


@pytest.mark.parametrize(
    ("count", "shown"),
    [
        (MatchCount(98_123, exact=False), 98_000),
        (MatchCount(1_049, exact=False), 1_000),
        (MatchCount(1_051, exact=False), 1_100),
        (MatchCount(87, exact=False), 87),
        (MatchCount(98_123), 98_123),
    ],
)
def test_an_estimate_is_shown_to_two_significant_figures(count, shown):
    assert count.shown == shown


def test_numbers_are_grouped_with_dots():
    assert [vn_number(n) for n in (7, 1000, 98000, 1234567)] == [
        "7",
        "1.000",
        "98.000",
        "1.234.567",
    ]
    assert vn_number("abc") == "abc"
