"""JSON-LD on article pages, a description on every public page, Open Graph on lists and the
indices pages, and the article's print button (Decree 42)."""

import json
from datetime import datetime, timedelta

import pytest
from django.urls import reverse

from core.models import SiteSettings
from news.models import Article
from tests.factories import (
    ArticleFactory,
    ArticleImageFactory,
    CategoryFactory,
    IndexFactory,
    ProvinceResultFactory,
    UnitFactory,
    UnitResultFactory,
)
from tests.html_tools import parse

pytestmark = pytest.mark.django_db


def json_ld(response) -> list[dict]:
    scripts = parse(response.content).find_all("script")
    return [
        json.loads(script.text())
        for script in scripts
        if script.attrs.get("type") == "application/ld+json"
    ]


def head_meta(response) -> dict[str, str]:
    head = parse(response.content).find("head")
    found = {}
    for meta in head.find_all("meta"):
        key = meta.attrs.get("name") or meta.attrs.get("property")
        if key:
            found[key] = meta.attrs.get("content")
    return found


@pytest.fixture
def article():
    SiteSettings.objects.create(site_name="CCHC Lai Châu", owner="Sở Nội vụ tỉnh Lai Châu")
    parent = CategoryFactory(name="Cải cách thể chế", slug="cai-cach-the-che")
    child = CategoryFactory(name="Văn bản mới", slug="van-ban-moi", parent=parent)
    article = ArticleFactory(title="Quyết định về cải cách thủ tục", category=child)
    ArticleImageFactory(article=article)
    return article


def test_article_has_news_article_and_breadcrumb_json_ld(client, article):
    response = client.get(article.get_absolute_url())
    news_article, breadcrumbs = json_ld(response)
    url = f"http://testserver{article.get_absolute_url()}"

    assert news_article["@context"] == "https://schema.org"
    assert news_article["@type"] == "NewsArticle"
    assert news_article["headline"] == article.title
    assert news_article["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    published = datetime.fromisoformat(news_article["datePublished"])
    modified = datetime.fromisoformat(news_article["dateModified"])
    assert abs(published - article.published_at) < timedelta(milliseconds=1)
    assert published.utcoffset() == timedelta(hours=7)  # written in Vietnam's time
    assert modified >= published
    assert news_article["image"][0].startswith("http://testserver/media/news/")
    for role in ("author", "publisher"):
        organization = news_article[role]
        assert organization["@type"] == "Organization"
        assert organization["name"] == "Sở Nội vụ tỉnh Lai Châu"
        assert organization["logo"]["url"].startswith("http://testserver/static/")

    assert breadcrumbs["@type"] == "BreadcrumbList"
    trail = [
        (item["position"], item["name"], item["item"]) for item in breadcrumbs["itemListElement"]
    ]
    assert trail == [
        (1, "Trang chủ", "http://testserver/"),
        (2, "Cải cách thể chế", "http://testserver/chuyen-muc/cai-cach-the-che/"),
        (3, "Văn bản mới", "http://testserver/chuyen-muc/van-ban-moi/"),
        (4, article.title, url),
    ]


def test_a_title_cannot_break_out_of_the_json_ld_block(client, db):
    title = 'Tin </script><script>alert("x")</script> & <!-- bình luận'
    article = ArticleFactory(title=title, summary="Tóm tắt </SCRIPT> ở đây")
    response = client.get(article.get_absolute_url())
    html = response.content.decode()

    head = html[: html.index("</head>")]
    assert head.count("<script") == head.count("</script>") == 2
    assert "<script>alert" not in html
    assert "\\u003C/script\\u003E" in head
    news_article, _ = json_ld(response)
    assert news_article["headline"] == title
    assert news_article["description"] == "Tóm tắt </SCRIPT> ở đây"


def test_a_staff_preview_carries_no_json_ld(client, publisher):
    draft = ArticleFactory(draft=True)
    client.force_login(publisher)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert json_ld(response) == []


def test_article_offers_a_print_button_and_prints_its_address(client, article):
    page = parse(client.get(article.get_absolute_url()).content)
    button = page.find("button", class_="print-button")
    assert button.attrs["type"] == "button"
    assert "data-print" in button.attrs
    assert "onclick" not in button.attrs  # no inline script: the CSP would refuse it
    scripts = [s.attrs.get("src") for s in page.find_all("script") if s.attrs.get("src")]
    assert scripts == ["/static/js/print.js"]
    source = page.find("p", class_="article__print-source").text()
    assert source.endswith(f"http://testserver{article.get_absolute_url()}")


@pytest.fixture
def public_pages(article):
    index = IndexFactory(code="PAR_INDEX", name="Chỉ số cải cách hành chính")
    ProvinceResultFactory(index=index, year=2018)
    unit = UnitFactory(name="Sở Nội vụ")
    UnitResultFactory(unit=unit, year=2018)
    return {
        "home": reverse("news:home"),
        "news list": reverse("news:article-list"),
        "category": article.category.get_absolute_url(),
        "article": article.get_absolute_url(),
        "indices": reverse("indices:overview"),
        "index": index.get_absolute_url(),
        "ranking": reverse("indices:ranking", args=[2018]),
        "unit": unit.get_absolute_url(),
        "english": reverse("english-page"),
    }


WITH_OPEN_GRAPH = {"news list", "category", "article", "indices", "index", "ranking", "unit"}


def test_every_public_page_has_a_description_and_open_graph(client, public_pages):
    descriptions = {}
    for name, url in public_pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        meta = head_meta(response)
        assert meta.get("description", "").strip(), name
        descriptions[name] = meta["description"]
        if name in WITH_OPEN_GRAPH:
            assert meta.get("og:title", "").strip(), name
            assert meta.get("og:description", "").strip(), name
            assert meta.get("og:url", "").startswith("http://testserver/"), name
    # Pages of different kinds describe themselves, not all with the site's default text.
    assert len({descriptions[n] for n in ("news list", "indices", "ranking", "unit")}) == 4
    assert "Sở Nội vụ" in descriptions["unit"]
    assert "2018" in descriptions["ranking"]


def test_not_found_pages_have_a_description_too(client, db):
    for url in ("/khong-co-trang-nay/", "/chi-so/xep-hang/1900/"):
        response = client.get(url)
        assert response.status_code == 404
        meta = head_meta(response)
        assert meta["description"].strip()
        assert meta["robots"] == "noindex"


def test_article_open_graph_is_of_type_article(client, article):
    meta = head_meta(client.get(article.get_absolute_url()))
    assert meta["og:type"] == "article"
    assert meta["og:title"] == article.title
    assert Article.objects.published().count() == 1
