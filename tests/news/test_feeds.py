"""RSS 2.0 and Atom feeds: all news and each category; parsed as XML, never anything unpublished."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from news.models import Article
from tests.factories import ArticleFactory, CategoryFactory
from tests.html_tools import parse

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 5, 1, 9, 0, tzinfo=HANOI)


def rss_titles(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return [item.findtext("title") for item in root.iter("item")]


def atom_titles(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}author/{ATOM}name").text  # RFC 4287: a feed has an author
    return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]


@pytest.fixture
def news():
    """Public articles in a parent category, its sub-category and another category, plus one
    draft, one unpublished and one scheduled article that no feed may show."""
    with time_machine.travel(NOW - timedelta(days=3), tick=False):
        parent = CategoryFactory(name="Cải cách thể chế", slug="cai-cach-the-che")
        child = CategoryFactory(name="Văn bản mới", slug="van-ban-moi", parent=parent)
        other = CategoryFactory(name="Chỉ số", slug="chi-so-cchc")
        at = NOW - timedelta(days=2)
        ArticleFactory(title="Tin thể chế", category=parent, published_at=at)
        ArticleFactory(title="Tin văn bản mới", category=child, published_at=at)
        ArticleFactory(title="Tin chỉ số", category=other, published_at=at)
        ArticleFactory(title="Bản nháp thể chế", category=parent, draft=True)
        ArticleFactory(
            title="Tin đã gỡ", category=parent, status=Article.Status.UNPUBLISHED, published_at=at
        )
        ArticleFactory(title="Tin hẹn giờ", category=child, published_at=NOW + timedelta(hours=1))
    return parent


FEEDS = {
    "rss": (lambda **kw: reverse("news:feed", **kw), rss_titles),
    "atom": (lambda **kw: reverse("news:feed-atom", **kw), atom_titles),
}


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_site_feed_lists_public_news_only(client, news, kind):
    url, titles_of = FEEDS[kind]
    with time_machine.travel(NOW, tick=False):
        titles = titles_of(client.get(url()))
    assert sorted(titles) == ["Tin chỉ số", "Tin thể chế", "Tin văn bản mới"]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_scheduled_article_joins_the_feed_when_its_time_comes(client, news, kind):
    url, titles_of = FEEDS[kind]
    with time_machine.travel(NOW + timedelta(hours=2), tick=False):
        titles = titles_of(client.get(url()))
    assert "Tin hẹn giờ" in titles
    assert "Bản nháp thể chế" not in titles


@pytest.mark.parametrize(
    ("name", "titles_of"),
    [("news:category-feed", rss_titles), ("news:category-feed-atom", atom_titles)],
)
def test_category_feed_includes_sub_categories_and_nothing_else(client, news, name, titles_of):
    with time_machine.travel(NOW, tick=False):
        parent_titles = titles_of(client.get(reverse(name, kwargs={"slug": "cai-cach-the-che"})))
        child_titles = titles_of(client.get(reverse(name, kwargs={"slug": "van-ban-moi"})))
    assert sorted(parent_titles) == ["Tin thể chế", "Tin văn bản mới"]
    assert child_titles == ["Tin văn bản mới"]


def test_feed_items_link_to_the_articles(client, news):
    with time_machine.travel(NOW, tick=False):
        root = ET.fromstring(client.get(reverse("news:feed")).content)
    links = {item.findtext("title"): item.findtext("link") for item in root.iter("item")}
    article = Article.objects.get(title="Tin thể chế")
    assert links["Tin thể chế"] == f"http://testserver{article.get_absolute_url()}"


def test_unknown_category_feed_is_404(client, db):
    assert client.get(reverse("news:category-feed", kwargs={"slug": "khong-co"})).status_code == 404
    assert client.get("/chuyen-muc/khong-co/atom/").status_code == 404


def test_the_old_rss_address_keeps_working(client, news):
    assert client.get("/tin-tuc/rss/").status_code == 200


def alternates(response) -> dict[str, str]:
    head = parse(response.content).find("head")
    return {
        link.attrs["href"]: link.attrs["type"]
        for link in head.find_all("link")
        if link.attrs.get("rel") == "alternate" and link.attrs.get("type", "").endswith("+xml")
    }


def test_pages_announce_the_site_feeds_and_a_category_its_own(client, news):
    site_feeds = {
        "/tin-tuc/rss/": "application/rss+xml",
        "/tin-tuc/atom/": "application/atom+xml",
    }
    assert alternates(client.get(reverse("news:home"))) == site_feeds
    on_category = alternates(client.get(news.get_absolute_url()))
    assert on_category == {
        **site_feeds,
        "/chuyen-muc/cai-cach-the-che/rss/": "application/rss+xml",
        "/chuyen-muc/cai-cach-the-che/atom/": "application/atom+xml",
    }
    for href in on_category:
        assert client.get(href).status_code == 200


def test_an_article_titled_like_a_feed_gets_another_address(client):
    article = ArticleFactory(title="RSS")
    assert article.slug == "rss-2"
    assert client.get(article.get_absolute_url()).status_code == 200
    assert client.get("/tin-tuc/rss/")["Content-Type"].startswith("application/rss+xml")


def test_an_editor_cannot_give_an_article_a_feed_address(db):
    from django.core.exceptions import ValidationError

    article = ArticleFactory.build(slug="atom", category=CategoryFactory())
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "slug" in error.value.message_dict
