"""The dated archive: /tin-tuc/2019/ (the year's months with their counts, and its news) and
/tin-tuc/2019/07/ (the month's news), public articles only, newest first, in Hanoi time."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core.models import SiteSettings
from news.models import Article
from tests.factories import ArticleFactory, ArticleImageFactory, CategoryFactory
from tests.html_tools import texts

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def at(*args):
    return datetime(*args, tzinfo=HANOI)


@pytest.fixture
def year_2019():
    category = CategoryFactory()
    made = {
        "march": ArticleFactory(
            title="Tin tháng ba", published_at=at(2019, 3, 15, 9), category=category
        ),
        "july_early": ArticleFactory(
            title="Tin đầu tháng bảy", published_at=at(2019, 7, 1, 0, 5), category=category
        ),
        "july_late": ArticleFactory(
            title="Hội nghị tháng bảy", published_at=at(2019, 7, 11, 17, 1, 36), category=category
        ),
        # 23:30 on 31 July in Hanoi is 16:30 UTC: July's, on every database.
        "july_night": ArticleFactory(
            title="Tin đêm cuối tháng bảy", published_at=at(2019, 7, 31, 23, 30), category=category
        ),
        # 00:30 on 1 July in Hanoi is still 30 June in UTC: July's too.
        "july_dawn": ArticleFactory(
            title="Tin rạng sáng một tháng bảy",
            published_at=at(2019, 7, 1, 0, 30),
            category=category,
        ),
        "draft": ArticleFactory(title="Bản nháp tháng bảy", draft=True, category=category),
        "other_year": ArticleFactory(
            title="Tin năm 2020", published_at=at(2020, 1, 2, 8), category=category
        ),
        "previous_year": ArticleFactory(
            title="Tin năm 2017", published_at=at(2017, 12, 31, 23, 59), category=category
        ),
    }
    Article.objects.filter(pk=made["draft"].pk).update(published_at=at(2019, 7, 5, 8))
    made["expired"] = ArticleFactory(
        title="Thông báo tháng bảy đã hết hạn",
        published_at=at(2019, 7, 20, 8),
        expires_at=at(2019, 7, 25, 17),
        category=category,
    )
    return made


def test_year_page_counts_each_month_and_lists_the_year_newest_first(client, year_2019):
    response = client.get("/tin-tuc/2019/")
    assert response.status_code == 200
    months = texts(response, "a")
    assert "Tháng 3 (1 tin)" in months
    assert "Tháng 7 (4 tin)" in months  # the draft and the expired notice are not counted
    assert response.context["date_list"] == [(at(2019, 3, 1), 1), (at(2019, 7, 1), 4)]
    assert [a.title for a in response.context["articles"]] == [
        "Tin đêm cuối tháng bảy",
        "Hội nghị tháng bảy",
        "Tin rạng sáng một tháng bảy",
        "Tin đầu tháng bảy",
        "Tin tháng ba",
    ]
    page = response.content.decode()
    assert 'href="/tin-tuc/2019/07/"' in page
    # Links to the years around it that have news (none in 2018), and the years' list.
    assert 'href="/tin-tuc/2017/"' in page and 'href="/tin-tuc/2020/"' in page
    assert 'href="/tin-tuc/2018/"' not in page
    assert "Tin tức năm 2019" in texts(response, "h1")


def test_month_page_lists_the_month_in_hanoi_time(client, year_2019):
    response = client.get("/tin-tuc/2019/07/")
    assert response.status_code == 200
    assert [a.title for a in response.context["articles"]] == [
        "Tin đêm cuối tháng bảy",
        "Hội nghị tháng bảy",
        "Tin rạng sáng một tháng bảy",
        "Tin đầu tháng bảy",
    ]
    page = response.content.decode()
    assert "Bản nháp tháng bảy" not in page
    assert "Thông báo tháng bảy đã hết hạn" not in page
    # The neighbouring months with news, and the way back to the year.
    assert 'href="/tin-tuc/2019/03/"' in page
    assert 'href="/tin-tuc/2020/01/"' in page
    assert 'href="/tin-tuc/2019/"' in page
    assert "Tin tức tháng 7/2019" in texts(response, "h1")


def test_a_time_zone_edge_is_counted_in_hanoi_time(client, year_2019):
    # 1 July 00:30 in Hanoi is 30 June 17:30 UTC: nothing for June.
    assert client.get("/tin-tuc/2019/06/").status_code == 404


def test_the_archive_is_paginated_like_the_news_list(client):
    category = CategoryFactory()
    for day in range(1, 26):
        ArticleFactory(published_at=at(2021, 5, day, 9), category=category)
    first = client.get("/tin-tuc/2021/05/")
    assert len(first.context["articles"]) == 20
    assert 'href="?page=2"' in first.content.decode()
    second = client.get("/tin-tuc/2021/05/", {"page": 2})
    assert len(second.context["articles"]) == 5
    assert client.get("/tin-tuc/2021/", {"page": 2}).status_code == 200
    for page in ("3", "0", "abc", "-1", "9" * 30):
        assert client.get("/tin-tuc/2021/05/", {"page": page}).status_code == 404, page


@pytest.mark.parametrize(
    "url",
    [
        "/tin-tuc/2019/13/",
        "/tin-tuc/2019/00/",
        "/tin-tuc/2019/7/",
        "/tin-tuc/0000/",
        "/tin-tuc/0000/07/",
        "/tin-tuc/9999/",
        "/tin-tuc/9999/12/",
        "/tin-tuc/99999/",
        "/tin-tuc/99999/07/",
        "/tin-tuc/2019/ab/",
        "/tin-tuc/abcd/07/",
        "/tin-tuc/1899/",
        "/tin-tuc/2018/",  # a year with no news
        "/tin-tuc/2019/08/",  # a month with no news
        "/tin-tuc/2019/07/31/",
        "/tin-tuc/2019/%E2%80%AE/",
    ],
)
def test_invalid_or_empty_dates_answer_404(client, year_2019, url):
    assert client.get(url).status_code == 404


def test_a_four_digit_slug_is_refused_and_never_made(client, year_2019):
    """/tin-tuc/2019/ is the year: an article may not take that address."""
    article = ArticleFactory.build(slug="2019", category=year_2019["march"].category)
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "slug" in error.value.message_dict
    titled = ArticleFactory(title="2024", slug="")
    assert titled.slug != "2024"
    assert client.get(titled.get_absolute_url()).status_code == 200
    # Other all-digit slugs are not a year's address and still work.
    long_number = ArticleFactory(slug="20192020")
    assert client.get(long_number.get_absolute_url()).status_code == 200


def test_the_news_list_links_the_years(client, year_2019):
    response = client.get(reverse("news:article-list"))
    page = response.content.decode()
    assert "Lưu trữ tin theo năm" in texts(response, "h2")
    for year in (2017, 2019, 2020):
        assert f'href="/tin-tuc/{year}/"' in page


def test_a_scheduled_article_is_not_in_the_archive(client, year_2019):
    ArticleFactory(title="Tin hẹn giờ", published_at=timezone.now() + timedelta(days=1))
    this_year = timezone.localtime().year
    response = client.get(f"/tin-tuc/{this_year}/")
    assert response.status_code == 404 or "Tin hẹn giờ" not in response.content.decode()


@pytest.mark.parametrize("url", ["/tin-tuc/2019/", "/tin-tuc/2019/07/"])
def test_query_budget(client, django_assert_max_num_queries, url):
    SiteSettings.load()
    category = CategoryFactory()
    for day in range(1, 26):
        article = ArticleFactory(published_at=at(2019, 7, day, 9), category=category)
        ArticleImageFactory(article=article)
    ArticleFactory(published_at=at(2019, 3, 1, 9), category=category)
    client.get(url)  # the site's menus and settings, kept across pages
    # Not from the page cache: a logged-out visitor with a new query string each time.
    with django_assert_max_num_queries(8):
        response = client.get(url, {"page": 2})
    assert response.status_code == 200
    assert len(response.context["articles"]) in (5, 6)
