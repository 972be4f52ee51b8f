"""Topic and tag pages, feeds, search, sitemap, structured data, page cache and budgets."""

import json
from datetime import date, timedelta

import pytest
from django.utils import timezone

from core.models import SiteSettings
from core.pagecache import HEADER
from news.models import Article
from tests.documents.factories import DocumentFactory
from tests.factories import ArticleFactory, ArticleImageFactory, CategoryFactory
from tests.html_tools import parse
from topics.models import Tag, Topic

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site_settings_exist():
    SiteSettings.load()


def make_topic(**kwargs):
    return Topic.objects.create(
        title=kwargs.pop("title", "Sắp xếp các sở năm 2025"),
        summary=kwargs.pop("summary", "Hợp nhất các sở theo kế hoạch của Trung ương."),
        **kwargs,
    )


def tag(word):
    found = Tag.for_word(word)
    if found.pk is None:
        found.save()
    return found


class TestTopicPage:
    def test_lists_public_articles_and_documents_newest_first(self, client):
        topic = make_topic()
        old = ArticleFactory(title="Tin cũ", published_at=timezone.now() - timedelta(days=400))
        new = ArticleFactory(title="Tin mới")
        draft = ArticleFactory(title="Bản nháp chưa đăng", draft=True)
        scheduled = ArticleFactory(
            title="Tin hẹn giờ", published_at=timezone.now() + timedelta(days=1)
        )
        document = DocumentFactory(issued_on=timezone.localdate() - timedelta(days=30))
        hidden = DocumentFactory(status="draft")
        for item in (old, new, draft, scheduled, document, hidden):
            item.topics.add(topic)
        response = client.get(topic.get_absolute_url())
        assert response.status_code == 200
        assert [item.obj for item in response.context["items"]] == [new, document, old]
        content = response.content.decode()
        assert "Bản nháp chưa đăng" not in content and "Tin hẹn giờ" not in content
        assert hidden.number not in content

    def test_twenty_a_page_and_bad_pages_are_404(self, client):
        topic = make_topic()
        for number in range(25):
            ArticleFactory(published_at=timezone.now() - timedelta(hours=number + 1)).topics.add(
                topic
            )
        first = client.get(topic.get_absolute_url())
        assert len(first.context["items"]) == 20
        second = client.get(topic.get_absolute_url(), {"page": 2})
        assert len(second.context["items"]) == 5
        for page in ("3", "0", "-1", "abc", "1e9", "9" * 40, "\x00"):
            assert client.get(topic.get_absolute_url(), {"page": page}).status_code == 404
        assert client.get("/dong-su-kien/khong-co/").status_code == 404
        assert client.get("/dong-su-kien/khong-co/rss/").status_code == 404
        assert client.get("/the/khong-co/").status_code == 404

    def test_index_lists_topics_in_order(self, client):
        make_topic(title="Thứ hai", order=2)
        make_topic(title="Thứ nhất", order=1)
        response = client.get("/dong-su-kien/")
        assert [t.title for t in response.context["topics"]] == ["Thứ nhất", "Thứ hai"]

    def test_query_budget(self, client, django_assert_max_num_queries):
        topic = make_topic()
        categories = [CategoryFactory() for _ in range(3)]
        for number in range(15):
            article = ArticleFactory(category=categories[number % 3])
            ArticleImageFactory(article=article)
            article.topics.add(topic)
            DocumentFactory().topics.add(topic)
        # topic, article keys, document keys, page articles, their photos, page documents,
        # the menu, and the page cache's next self-made change (once per version)
        with django_assert_max_num_queries(12):
            response = client.get(topic.get_absolute_url())
        assert response.status_code == 200 and len(response.context["items"]) == 20


class TestTagPage:
    def test_lists_articles_and_documents(self, client):
        cai_cach = tag("cải cách")
        article = ArticleFactory(title="Tin có thẻ")
        document = DocumentFactory(number="780/QĐ-UBND")
        article.tags.add(cai_cach)
        document.tags.add(cai_cach)
        ArticleFactory(title="Nháp có thẻ", draft=True).tags.add(cai_cach)
        response = client.get("/the/cai-cach/")
        assert response.status_code == 200
        assert [item.obj for item in response.context["items"]] == [article, document]
        assert "Nháp có thẻ" not in response.content.decode()
        assert parse(response.content).find("h1").text().strip() == "Thẻ: cải cách"

    def test_a_tag_on_drafts_only_has_no_page(self, client):
        ArticleFactory(draft=True).tags.add(tag("bí mật"))
        assert client.get("/the/bi-mat/").status_code == 404
        assert "/the/bi-mat/" not in client.get("/sitemap.xml").content.decode()

    def test_query_budget(self, client, django_assert_max_num_queries):
        word = tag("PAR INDEX")
        for _number in range(15):
            article = ArticleFactory()
            ArticleImageFactory(article=article)
            article.tags.add(word)
            DocumentFactory().tags.add(word)
        # tag (public), article keys, document keys, page articles, photos, page documents,
        # the menu, and the page cache's next self-made change (once per version)
        with django_assert_max_num_queries(12):
            response = client.get(word.get_absolute_url())
        assert response.status_code == 200 and len(response.context["items"]) == 20


def test_tags_go_into_the_json_ld_keywords(client):
    article = ArticleFactory()
    article.tags.add(tag("cải cách"), tag("PAR INDEX"))
    tree = parse(client.get(article.get_absolute_url()).content)
    data = [
        json.loads(node.text())
        for node in tree.find_all("script")
        if node.attrs.get("type") == "application/ld+json" and "NewsArticle" in node.text()
    ]
    assert sorted(data[0]["keywords"]) == ["PAR INDEX", "cải cách"]
    # No tags: no keywords at all.
    plain = ArticleFactory()
    assert '"keywords"' not in client.get(plain.get_absolute_url()).content.decode()


def test_the_article_page_shows_its_tags_and_the_same_topic(client):
    topic = make_topic(title="Chỉ số PAR INDEX qua các năm")
    first = ArticleFactory(title="Công bố năm 2018")
    second = ArticleFactory(title="Công bố năm 2022")
    decision = DocumentFactory(number="780/QĐ-UBND")
    for item in (first, second, decision):
        item.topics.add(topic)
    second.tags.add(tag("PAR INDEX"))
    content = client.get(second.get_absolute_url()).content.decode()
    assert "Cùng dòng sự kiện" in content
    assert first.get_absolute_url() in content and decision.get_absolute_url() in content
    assert 'href="/the/par-index/"' in content


def test_site_search_finds_the_topic_by_its_name(client):
    topic = make_topic(title="Sắp xếp tổ chức bộ máy năm 2025")
    response = client.get("/tim-kiem/", {"q": "sap xep to chuc bo may"})
    assert topic.get_absolute_url() in response.content.decode()


def test_sitemap_lists_topics_tags_and_the_index(client):
    topic = make_topic()
    ArticleFactory().tags.add(tag("Một cửa"))
    content = client.get("/sitemap.xml").content.decode()
    assert topic.get_absolute_url() in content
    assert "/dong-su-kien/</loc>" in content
    assert "/the/mot-cua/" in content


def test_page_cache_is_dropped_when_an_article_of_the_topic_changes(client):
    topic = make_topic()
    article = ArticleFactory(title="Tiêu đề cũ")
    article.topics.add(topic)
    url = topic.get_absolute_url()
    client.get(url)
    assert client.get(url)[HEADER] == "hit"
    article.title = "Tiêu đề mới"
    article.save()
    response = client.get(url)
    assert response[HEADER] == "miss" and "Tiêu đề mới" in response.content.decode()
    # Joining a topic (a many-to-many change) and editing the topic drop it too.
    client.get(url)
    ArticleFactory(title="Tin vừa thêm").topics.add(topic)
    response = client.get(url)
    assert response[HEADER] == "miss" and "Tin vừa thêm" in response.content.decode()
    client.get(url)
    topic.summary = "Tóm tắt mới của dòng sự kiện."
    topic.save()
    response = client.get(url)
    assert response[HEADER] == "miss" and "Tóm tắt mới" in response.content.decode()


def test_a_document_issued_the_same_day_sorts_after_the_article(client):
    topic = make_topic()
    today = timezone.localdate()
    article = ArticleFactory(published_at=timezone.now())
    document = DocumentFactory(issued_on=today)
    DocumentFactory(issued_on=date(2001, 1, 1)).topics.add(topic)
    article.topics.add(topic)
    document.topics.add(topic)
    items = client.get(topic.get_absolute_url()).context["items"]
    assert [item.obj for item in items][:2] == [article, document]
    assert Article.objects.filter(topics=topic).count() == 1
