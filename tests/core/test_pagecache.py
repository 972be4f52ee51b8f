"""The anonymous page cache (core.pagecache): what is cached, what never is, what a hit costs."""

from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from core import pagecache
from core.models import SiteSettings
from core.pagecache import HEADER
from news.models import Article
from tests.factories import ArticleFactory, ArticleImageFactory, CategoryFactory

pytestmark = pytest.mark.django_db

HOME = "/"


@pytest.fixture(autouse=True)
def _site_settings_exist():
    # On a running site the record exists; its creation on first use is itself a change.
    SiteSettings.load()


def get(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, url
    return response


def warm(client, url):
    """Visit `url` until it is served from the cache; return the cached response."""
    get(client, url)
    response = get(client, url)
    assert response[HEADER] == "hit", url
    return response


class TestHits:
    def test_second_anonymous_visit_is_a_hit_with_the_same_page_and_no_query(
        self, client, django_assert_num_queries
    ):
        ArticleFactory.create_batch(3)
        ArticleFactory(published_at=None, status=Article.Status.DRAFT)
        # A scheduled article: its time is looked up once per content version, not per hit.
        ArticleFactory(published_at=timezone.now() + timedelta(days=2))
        first = get(client, HOME)
        assert first[HEADER] == "miss"

        with django_assert_num_queries(0):
            second = get(client, HOME)

        assert second[HEADER] == "hit"
        assert second.content == first.content
        # The cached page keeps the headers the inner middleware added.
        for header in ("Content-Security-Policy", "X-Frame-Options", "Content-Type"):
            assert second[header] == first[header]
        assert "Cookie" in second["Vary"]

    @pytest.mark.parametrize(
        "url",
        ["/tin-tuc/", "/tin-tuc/rss/", "/chi-so/", "/sitemap.xml", "/robots.txt"],
    )
    def test_public_pages_are_cached(self, client, url):
        ArticleFactory()
        warm(client, url)

    def test_head_is_answered_from_the_page_a_get_cached(self, client):
        ArticleFactory()
        get(client, HOME)
        assert client.head(HOME)[HEADER] == "hit"

    def test_each_query_string_is_its_own_page(self, client):
        articles = ArticleFactory.create_batch(21)
        first_page = get(client, "/tin-tuc/")
        second_page = get(client, "/tin-tuc/?page=2")
        assert second_page[HEADER] == "miss"
        assert articles[0].title in second_page.content.decode()
        assert articles[0].title not in first_page.content.decode()
        assert warm(client, "/tin-tuc/?page=2").content == second_page.content

    def test_a_long_query_string_makes_a_short_key(self, client, rf):
        request = rf.get("/tin-tuc/", {"q": "chỉ số " * 2000})
        key = pagecache.page_key(request, "v1")
        assert len(key) < 120
        assert key != pagecache.page_key(rf.get("/tin-tuc/", {"q": "chỉ số"}), "v1")
        warm(client, "/tin-tuc/?q=" + "x" * 3000)

    def test_the_host_is_part_of_the_key(self, rf):
        assert pagecache.page_key(rf.get("/", HTTP_HOST="localhost"), "v") != (
            pagecache.page_key(rf.get("/", HTTP_HOST="127.0.0.1"), "v")
        )

    def test_a_session_cookie_without_a_login_still_gets_cached_pages(self, client):
        ArticleFactory()
        warm(client, HOME)
        client.cookies[django_settings.SESSION_COOKIE_NAME] = "no-such-session"
        assert get(client, HOME)[HEADER] == "hit"

    def test_switched_off_by_the_setting(self, client, settings):
        settings.PAGE_CACHE_ENABLED = False
        get(client, HOME)
        assert HEADER not in get(client, HOME)


class TestNeverCached:
    def test_logged_in_users_neither_read_nor_fill_the_cache(self, client, publisher):
        published = ArticleFactory(title="Tin đã đăng")
        warm(client, HOME)
        client.force_login(publisher)

        response = get(client, HOME)

        assert HEADER not in response
        assert published.title in response.content.decode()
        client.logout()
        client.cookies.clear()
        assert get(client, HOME)[HEADER] == "hit"  # still the anonymous page

    def test_previews_are_never_cached(self, client, publisher):
        draft = ArticleFactory(title="Bản nháp", draft=True)
        client.force_login(publisher)
        preview = get(client, draft.get_absolute_url())
        assert HEADER not in preview
        client.logout()
        client.cookies.clear()
        assert client.get(draft.get_absolute_url()).status_code == 404

    def test_post_is_never_cached(self, client):
        first = client.post("/tin-tuc/")
        assert HEADER not in first
        assert HEADER not in client.post("/tin-tuc/")

    def test_errors_are_never_cached(self, client):
        assert client.get("/tin-tuc/khong-co-tin-nay/").status_code == 404
        response = client.get("/tin-tuc/khong-co-tin-nay/")
        assert response.status_code == 404
        assert response[HEADER] == "miss"

    def test_the_admin_is_never_cached(self, client):
        client.get(reverse("admin:login"))
        assert HEADER not in client.get(reverse("admin:login"))

    @pytest.mark.parametrize(
        ("header", "value"),
        [
            ("Cache-Control", "private, no-store"),
            ("Cache-Control", "no-cache"),
            ("Cache-Control", "no-store"),
        ],
    )
    def test_private_responses_are_never_cached(self, header, value):
        request = RequestFactory().get("/")
        response = HttpResponse("x")
        assert pagecache.response_may_be_cached(request, response)
        response[header] = value
        assert not pagecache.response_may_be_cached(request, response)

    def test_responses_that_set_a_cookie_are_never_cached(self):
        request = RequestFactory().get("/")
        response = HttpResponse("x")
        response.set_cookie("csrftoken", "abc")
        assert not pagecache.response_may_be_cached(request, response)

    def test_a_page_with_a_csrf_token_is_never_cached(self, client):
        """A form's token belongs to one visitor: the middleware sees the CSRF cookie that
        using it sets, even when the visitor already had one."""
        from django.middleware.csrf import get_token

        def view(request):
            return HttpResponse(f"<form>{get_token(request)}</form>")

        middleware = pagecache.PageCacheMiddleware(csrf_wrapped(view))
        for _ in range(2):
            request = RequestFactory().get("/form/")
            request.COOKIES["csrftoken"] = "a" * 32
            assert middleware(request)[HEADER] == "miss"

    def test_errors_in_other_statuses_and_streams_are_never_cached(self):
        from django.http import StreamingHttpResponse

        request = RequestFactory().get("/")
        assert not pagecache.response_may_be_cached(request, HttpResponse(status=301))
        assert not pagecache.response_may_be_cached(request, StreamingHttpResponse(["x"]))


def csrf_wrapped(view):
    from django.middleware.csrf import CsrfViewMiddleware

    middleware = CsrfViewMiddleware(view)

    def handler(request):
        middleware.process_request(request)
        return middleware.process_response(request, view(request))

    return handler


class TestTimeout:
    def test_a_page_outlives_neither_its_timeout_nor_the_next_publication(
        self, client, settings, time_machine
    ):
        settings.PAGE_CACHE_SECONDS = 600
        time_machine.move_to(timezone.now(), tick=False)
        ArticleFactory()
        get(client, HOME)
        time_machine.shift(timedelta(seconds=590))
        assert get(client, HOME)[HEADER] == "hit"
        time_machine.shift(timedelta(seconds=20))
        assert get(client, HOME)[HEADER] == "miss"

    def test_nothing_scheduled_means_no_limit(self):
        ArticleFactory()
        assert pagecache.seconds_until_next_change() is None


def test_the_menu_is_read_once_per_content_version(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    CategoryFactory(name="Tin hoạt động")
    ArticleFactory()
    get(client, HOME)
    # Another page, not cached yet, draws the menu from the cache.
    with CaptureQueriesContext(connection) as queries:
        page = get(client, "/tin-tuc/").content.decode()
    assert "Tin hoạt động" in page
    menu_queries = [
        query["sql"]
        for query in queries
        if query["sql"].startswith('SELECT "news_category"') and "show_in_menu" in query["sql"]
    ]
    assert not menu_queries
    # A new category is a new content version: the menu is read again.
    CategoryFactory(name="Chuyên mục mới")
    assert "Chuyên mục mới" in get(client, "/tin-tuc/").content.decode()


def test_the_list_thumbnail_made_after_commit_drops_the_cached_lists(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        image = ArticleImageFactory()
    image.refresh_from_db()
    assert image.thumbnail
    page = warm(client, "/tin-tuc/").content.decode()
    assert image.thumbnail.url in page
    # Made again (say, the thumbnail file was removed): written with update(), no signal.
    image.thumbnail.storage.delete(image.thumbnail.name)
    from news.services import refresh_thumbnail

    refresh_thumbnail(image_id=image.pk)
    assert get(client, "/tin-tuc/")[HEADER] == "miss"
