"""The admin's article list at scale: its search box matches folded words of the title and
summary (the site search's columns and, on PostgreSQL, their GIN index), its count is
estimated past a bound, its date hierarchy lists years without a DISTINCT over every row."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from core.pagination import EstimatedCountPaginator
from news.models import Article
from tests.factories import ArticleFactory
from tests.html_tools import parse

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
URL = reverse("admin:news_article_changelist")


def found(client, query) -> list[str]:
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    return sorted(article.title for article in response.context["cl"].result_list)


@pytest.fixture
def articles():
    ArticleFactory(title="Cải cách hành chính năm 2024", summary="Tóm tắt.")
    ArticleFactory(title="Hội nghị", summary="Bàn về CẢI CÁCH thủ tục.", draft=True)
    ArticleFactory(title="Chỉ số SIPAS năm 2018", summary="Tóm tắt.")
    ArticleFactory(title="Tin khác", summary="Tóm tắt.", body="<p>Cải cách hành chính.</p>")


@pytest.mark.usefixtures("articles")
def test_words_of_the_title_or_summary_are_found_without_diacritics_or_case(client, publisher):
    client.force_login(publisher)
    # The draft is found too; the body is not searched (as before: title and summary).
    assert found(client, "cai cach") == ["Cải cách hành chính năm 2024", "Hội nghị"]
    assert found(client, "CẢI CÁCH hành") == ["Cải cách hành chính năm 2024"]
    assert found(client, "hoi nghi cai cach") == ["Hội nghị"]
    assert found(client, "noi dung khong co") == []


@pytest.mark.usefixtures("articles")
def test_the_last_word_may_be_the_beginning_of_one_as_typed(client, publisher):
    client.force_login(publisher)
    assert found(client, "chi so sip") == ["Chỉ số SIPAS năm 2018"]
    assert found(client, "sip chi") == []  # only the last word is a beginning
    response = client.get(
        reverse("admin:autocomplete"),
        {"term": "SIPA", "app_label": "news", "model_name": "relatedarticle",
         "field_name": "to_article"},
    )  # fmt: skip
    assert [r["text"] for r in response.json()["results"]] == ["Chỉ số SIPAS năm 2018"]


@pytest.mark.usefixtures("articles")
@pytest.mark.parametrize("query", ["", "   ", "!!!", "%", "_", "ab"])
def test_odd_searches_give_a_normal_page(client, publisher, query):
    client.force_login(publisher)
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    listed = len(response.context["cl"].result_list)
    assert listed == (4 if not query.strip() else 0)


def test_the_permissions_are_unchanged(client, staff_without_permissions, editor):
    ArticleFactory(title="Cải cách")
    client.force_login(staff_without_permissions)
    assert client.get(URL, {"q": "cai cach"}).status_code == 403
    client.force_login(editor)
    assert found(client, "cai cach") == ["Cải cách"]


def test_the_date_hierarchy_lists_the_years_from_the_first_to_the_last(client, publisher):
    for year in (2019, 2021):
        ArticleFactory(published_at=datetime(year, 7, 11, tzinfo=HANOI))
    ArticleFactory(draft=True)  # no date
    client.force_login(publisher)
    response = client.get(URL)
    links = parse(response.content).find("nav", class_="toplinks").find_all("a")
    assert [link.text() for link in links] == ["2019", "2020", "2021"]
    # A year lists its months as before.
    assert client.get(URL, {"published_at__year": "2019"}).status_code == 200


def test_the_list_shows_no_total_count_and_fifty_a_page(client, publisher):
    ArticleFactory.create_batch(51)
    client.force_login(publisher)
    response = client.get(URL)
    changelist = response.context["cl"]
    assert changelist.show_full_result_count is False
    assert len(changelist.result_list) == 50
    assert changelist.result_count == 51


def test_the_estimated_count_paginator_counts_small_lists_exactly():
    ArticleFactory.create_batch(5)
    paginator = EstimatedCountPaginator(Article.objects.order_by("-pk"), 2, exact_up_to=10)
    assert paginator.count == 5 and paginator.count_is_exact
    assert paginator.num_pages == 3
    assert len(paginator.page(3).object_list) == 1


@pytest.mark.parametrize("rows", [2, 30])
def test_the_list_makes_the_same_queries_for_2_or_30_rows(
    client, publisher, django_assert_max_num_queries, rows
):
    """No query per row (authors, categories and their parents come with the rows). 13 on
    PostgreSQL: the estimated count's EXPLAIN."""
    for number in range(rows):
        ArticleFactory(title=f"Cải cách số {number}", draft=bool(number % 3))
    client.force_login(publisher)
    client.get(URL)  # the session's and the menu's first reads
    with django_assert_max_num_queries(13):
        assert client.get(URL).status_code == 200
    with django_assert_max_num_queries(13):
        assert client.get(URL, {"q": "cai cach"}).status_code == 200


def test_the_row_checkbox_is_djangos_own_html(client, publisher):
    """The checkbox is written directly (core.admin.QuickActionCheckboxMixin) for speed, with
    the HTML Django's widget renders, so the admin's actions script finds it."""
    from django.contrib import admin as django_admin
    from django.contrib.admin import ModelAdmin

    article = ArticleFactory(title='Tin "có" <dấu>')
    model_admin = django_admin.site._registry[Article]
    plain = ModelAdmin(Article, django_admin.site)
    assert model_admin.action_checkbox(article) == plain.action_checkbox(article)
    client.force_login(publisher)
    boxes = parse(client.get(URL).content).find_all("input", class_="action-select")
    assert [box.attrs["value"] for box in boxes] == [str(article.pk)]
    assert boxes[0].attrs["name"] == "_selected_action"


def test_the_yes_no_columns_draw_djangos_own_icons(client, publisher):
    """The list's two yes/no columns use icons made once (core.admin.boolean_icon), the same
    HTML as Django's boolean columns."""
    from django.contrib.admin.templatetags.admin_list import _boolean_icon

    from core.admin import boolean_icon

    for value in (True, False, None):
        assert boolean_icon(value) == _boolean_icon(value)
    public = ArticleFactory(title="Trên trang", is_featured=True)
    draft = ArticleFactory(title="Bản nháp", draft=True)
    client.force_login(publisher)
    icons = {}
    for row in parse(client.get(URL).content).find_all("tr"):
        boxes = row.find_all("input", class_="action-select")
        if boxes:
            icons[int(boxes[0].attrs["value"])] = [img.attrs["alt"] for img in row.find_all("img")]
    # Publicly visible, then featured.
    assert icons == {public.pk: ["True", "True"], draft.pk: ["False", "False"]}
