"""The demo's topic of the yearly index announcements, its feeds, and the demo's tags."""

import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command

from news.demo import CONFERENCE_SLUG
from news.models import Article
from topics.demo import INDEX_TOPIC_SLUG
from topics.models import Tag, Topic

pytestmark = pytest.mark.django_db

ANNOUNCEMENT_2022 = "chi-so-cai-cach-hanh-chinh-nam-2022-cua-tinh-xep-thu-24"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def test_the_index_topic_groups_the_2018_and_2022_announcements_with_decision_780(client, demo):
    topic = Topic.objects.get(slug=INDEX_TOPIC_SLUG)
    response = client.get(f"/dong-su-kien/{INDEX_TOPIC_SLUG}/")
    assert response.status_code == 200
    items = response.context["items"]
    links = [item.obj.get_absolute_url() for item in items]
    assert f"/tin-tuc/{CONFERENCE_SLUG}/" in links
    assert f"/tin-tuc/{ANNOUNCEMENT_2022}/" in links
    assert "780/QĐ-UBND" in [item.obj.number for item in items if not item.is_article]
    # Newest first, articles and documents mixed by their dates.
    moments = [item.moment for item in items]
    assert moments == sorted(moments, reverse=True)
    assert {item.kind for item in items} == {"article", "document"}
    assert topic.title in response.content.decode()


def test_the_topic_feeds_parse_and_list_articles_and_documents(client, demo):
    rss = client.get(f"/dong-su-kien/{INDEX_TOPIC_SLUG}/rss/")
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(rss.content).find("channel")
    links = [item.findtext("link") for item in channel.findall("item")]
    assert any(link.endswith(f"/tin-tuc/{CONFERENCE_SLUG}/") for link in links)
    assert any(link.endswith(f"/tin-tuc/{ANNOUNCEMENT_2022}/") for link in links)
    assert any(link.endswith("/van-ban/780-qd-ubnd/") for link in links)

    atom = client.get(f"/dong-su-kien/{INDEX_TOPIC_SLUG}/atom/")
    feed = ET.fromstring(atom.content)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(links)
    assert all(entry.findtext(f"{ATOM}updated") for entry in entries)


def test_an_article_of_the_topic_shows_the_others(client, demo):
    content = client.get(f"/tin-tuc/{ANNOUNCEMENT_2022}/").content.decode()
    assert "Cùng dòng sự kiện" in content
    assert f"/tin-tuc/{CONFERENCE_SLUG}/" in content
    assert "/van-ban/780-qd-ubnd/" in content


def test_the_demo_loads_again_without_changes(demo):
    topics = list(Topic.objects.values("pk", "title", "updated_at"))
    tags = list(Tag.objects.values("pk", "name", "slug"))
    links = sorted(Article.tags.through.objects.values_list("article_id", "tag_id"))
    call_command("load_demo", verbosity=0)
    assert list(Topic.objects.values("pk", "title", "updated_at")) == topics
    assert list(Tag.objects.values("pk", "name", "slug")) == tags
    assert sorted(Article.tags.through.objects.values_list("article_id", "tag_id")) == links
    assert Topic.objects.count() >= 3
