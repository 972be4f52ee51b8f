"""An article's expiry time ("hết hạn hiển thị"): from that moment it leaves the home page, the
lists, the feeds, the sitemap, the search and "related" by the clock alone (no job runs, no
write bumps the page cache), while its address still answers with a notice and `noindex`."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import SiteSettings
from core.pagecache import HEADER
from news.models import Article
from tests.admin_forms import article_change_form
from tests.core.test_pagecache_invalidation import cached, fresh
from tests.factories import ArticleFactory, CategoryFactory, RelatedArticleFactory
from tests.html_tools import parse

pytestmark = pytest.mark.django_db
TITLE = "Thông báo hạn chót nộp báo cáo zyxhethan"


@pytest.fixture
def expiring(time_machine):
    """At a fixed moment (the clock stands still): an article expiring in one minute, and
    another one that lists it as related."""
    SiteSettings.load()
    time_machine.move_to(timezone.now(), tick=False)
    category = CategoryFactory(name="Thông báo")
    article = ArticleFactory(
        title=TITLE,
        category=category,
        is_featured=True,
        published_at=timezone.now() - timedelta(days=2),
        expires_at=timezone.now() + timedelta(minutes=1),
    )
    other = ArticleFactory(title="Tin khác cùng chuyên mục", category=category)
    RelatedArticleFactory(from_article=other, to_article=article)
    return article, other


def lists(article, other) -> list[str]:
    month = timezone.localtime(article.published_at)
    return [
        "/",
        reverse("news:article-list"),
        article.category.get_absolute_url(),
        reverse("news:feed"),
        reverse("news:feed-atom"),
        reverse("news:category-feed", args=[article.category.slug]),
        reverse("sitemap"),
        "/tim-kiem/?q=zyxhethan",
        reverse("news:article-list") + "?q=zyxhethan",
        other.get_absolute_url(),  # "Tin liên quan" and "Tin mới nhất"
        f"/tin-tuc/{month:%Y}/{month:%m}/",
    ]


def test_it_leaves_every_list_at_its_time_and_no_cached_page_outlives_it(
    client, settings, time_machine, expiring
):
    settings.PAGE_CACHE_SECONDS = 3600  # far longer than the wait: only the expiry ends it
    article, other = expiring
    link = article.get_absolute_url()  # in every list, feed and the sitemap
    for url in lists(article, other):
        assert link in cached(client, url), url

    time_machine.shift(timedelta(seconds=58))
    for url in lists(article, other):
        assert link in cached(client, url), f"{url} left its cache before the expiry"

    time_machine.shift(timedelta(seconds=3))
    for url in lists(article, other):
        assert link not in fresh(client, url), f"{url} still lists the expired article"

    # Its address still answers, says so, and asks search engines not to index it.
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    page = parse(response.content)
    notice = page.find_all(class_="notice--expired")
    assert notice and "Tin đã hết hạn hiển thị." in notice[0].text()
    robots = [m.attrs for m in page.find_all("meta") if m.attrs.get("name") == "robots"]
    assert robots == [{"name": "robots", "content": "noindex"}]


def test_the_cache_lifetime_is_bounded_by_the_next_expiry(client, settings, expiring):
    settings.PAGE_CACHE_SECONDS = 3600
    settings.PUBLIC_MAX_AGE = 600
    response = client.get("/")
    assert response[HEADER] == "miss"
    assert response["Cache-Control"] == "public, max-age=60"


def test_before_its_time_the_page_has_no_notice(client, expiring):
    article, _other = expiring
    response = client.get(article.get_absolute_url())
    assert "Tin đã hết hạn hiển thị" not in response.content.decode()
    assert 'name="robots"' not in response.content.decode()


def test_the_queryset_decides_by_the_time_given(expiring):
    article, other = expiring
    now = timezone.now()
    assert article in Article.objects.published(now)
    assert article not in Article.objects.published(now + timedelta(minutes=1))
    assert other in Article.objects.published(now + timedelta(minutes=1))
    assert list(Article.objects.expired(now + timedelta(minutes=1))) == [article]
    assert Article.objects.next_expiry_time(now) == article.expires_at
    assert Article.objects.next_expiry_time(article.expires_at) is None
    # The page cache's horizon: the sooner of the next publication and the next expiry.
    assert Article.objects.next_change_time(now) == article.expires_at
    later = ArticleFactory(published_at=now + timedelta(seconds=30))
    assert Article.objects.next_change_time(now) == later.published_at
    assert Article.objects.next_change_time(article.expires_at) is None


class TestAdmin:
    def test_the_expiry_must_follow_the_publication(self, client, publisher):
        article = ArticleFactory()
        client.force_login(publisher)
        url = reverse("admin:news_article_change", args=[article.pk])
        when = timezone.localtime(article.published_at)
        before = when - timedelta(days=1)
        response = client.post(
            url,
            article_change_form(
                article,
                status="published",
                published_at_0=f"{when:%d/%m/%Y}",
                published_at_1=f"{when:%H:%M:%S}",
                expires_at_0=f"{before:%d/%m/%Y}",
                expires_at_1="08:00:00",
            ),
        )
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors
        assert errors["expires_at"] == ["Thời điểm hết hạn hiển thị phải sau thời điểm đăng."]

        later = when + timedelta(days=3)
        response = client.post(
            url,
            article_change_form(
                article,
                published_at_0=f"{when:%d/%m/%Y}",
                published_at_1=f"{when:%H:%M:%S}",
                expires_at_0=f"{later:%d/%m/%Y}",
                expires_at_1="17:00:00",
            ),
        )
        assert response.status_code == 302
        article.refresh_from_db()
        assert timezone.localtime(article.expires_at).date() == later.date()

    def test_the_form_explains_the_field_in_vietnamese(self, client, publisher):
        article = ArticleFactory()
        client.force_login(publisher)
        page = client.get(reverse("admin:news_article_change", args=[article.pk]))
        content = page.content.decode()
        assert "Thời điểm hết hạn hiển thị" in content
        assert "tin tự động rời khỏi trang chủ" in content

    def test_the_list_filters_the_expired(self, client, publisher):
        expired = ArticleFactory(
            title="Đã hết hạn",
            published_at=timezone.now() - timedelta(days=3),
            expires_at=timezone.now() - timedelta(days=1),
        )
        ArticleFactory(title="Còn hạn", expires_at=timezone.now() + timedelta(days=1))
        ArticleFactory(title="Không hạn")
        client.force_login(publisher)
        changelist = client.get(reverse("admin:news_article_changelist"), {"workflow": "expired"})
        assert list(changelist.context["cl"].result_list) == [expired]
        assert "Hết hạn hiển thị lúc" in changelist.content.decode()
