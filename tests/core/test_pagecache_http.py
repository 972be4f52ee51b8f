"""HTTP caching of public pages (Cache-Control, ETag, 304, HEAD without body) and no stampede
after a publish (one render per page; the previous copy, briefly, for the others)."""

import threading
import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_started
from django.db import close_old_connections
from django.http import HttpResponse
from django.test import RequestFactory

from core import pagecache
from core.models import SiteSettings
from core.pagecache import HEADER
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

HOME = "/"


@pytest.fixture(autouse=True)
def _site_settings_exist():
    SiteSettings.load()


def warm(client, url=HOME):
    client.get(url)
    response = client.get(url)
    assert response[HEADER] == "hit"
    return response


class TestHeaders:
    def test_public_pages_say_how_long_they_may_be_kept_and_carry_an_etag(self, client, settings):
        settings.PUBLIC_MAX_AGE = 45
        ArticleFactory()
        miss = client.get(HOME)
        hit = client.get(HOME)
        for response in (miss, hit):
            assert response["Cache-Control"] == "public, max-age=45"
            assert response["ETag"].startswith('"') and len(response["ETag"]) > 10
        assert miss["ETag"] == hit["ETag"]
        ArticleFactory(title="Tin mới")
        assert client.get(HOME)["ETag"] != hit["ETag"]

    def test_the_max_age_never_passes_the_next_scheduled_publication(
        self, client, settings, time_machine
    ):
        from django.utils import timezone

        time_machine.move_to(timezone.now(), tick=False)
        settings.PUBLIC_MAX_AGE = 600
        ArticleFactory()
        ArticleFactory(published_at=timezone.now() + timedelta(seconds=30))
        assert client.get(HOME)["Cache-Control"] == "public, max-age=30"

    def test_pages_for_a_logged_in_user_are_private(self, client, publisher):
        ArticleFactory()
        client.force_login(publisher)
        response = client.get(HOME)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        assert "ETag" not in response

    def test_previews_are_private(self, client, publisher):
        draft = ArticleFactory(draft=True)
        client.force_login(publisher)
        assert client.get(draft.get_absolute_url())["Cache-Control"] == "private, no-store"


class TestConditionalRequests:
    def test_a_matching_etag_gets_304_without_rendering(self, client, django_assert_num_queries):
        ArticleFactory()
        etag = warm(client)["ETag"]
        with django_assert_num_queries(0):
            response = client.get(HOME, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 304
        assert response.content == b""
        assert response["ETag"] == etag
        assert response["Cache-Control"].startswith("public")
        assert "Cookie" in response["Vary"]
        # Weak forms (a proxy that compressed the page) and lists match too.
        weak = client.get(HOME, HTTP_IF_NONE_MATCH=f'"other", W/{etag}')
        assert weak.status_code == 304

    def test_an_old_etag_gets_the_new_page(self, client):
        ArticleFactory()
        etag = warm(client)["ETag"]
        ArticleFactory(title="Tin mới đăng")
        response = client.get(HOME, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200
        assert "Tin mới đăng" in response.content.decode()

    def test_the_render_that_fills_the_cache_answers_304_too(self, client):
        ArticleFactory()
        etag = client.get(HOME)["ETag"]
        pagecache.invalidate_all()  # the same page, rendered again under a new version
        response = client.get(HOME, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 304
        assert response[HEADER] == "miss"


def wsgi_body(method: str, path: str) -> tuple[str, dict, bytes]:
    """What a WSGI server (gunicorn) is handed: status, headers and the body's bytes. (The test
    client drops a HEAD answer's body by itself, so it cannot tell.)"""
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(headers)

    environ = RequestFactory()._base_environ(REQUEST_METHOD=method, PATH_INFO=path)
    request_started.disconnect(close_old_connections)
    try:
        chunks = WSGIHandler()(environ, start_response)
        body = b"".join(chunks)
        chunks.close()
    finally:
        request_started.connect(close_old_connections)
    return answer["status"], answer["headers"], body


class TestHead:
    @pytest.mark.parametrize("cached_first", [False, True])
    def test_head_sends_no_body_but_the_length_of_the_page(self, cached_first):
        ArticleFactory()
        if cached_first:
            wsgi_body("GET", HOME)
        status, headers, body = wsgi_body("HEAD", HOME)
        assert status.startswith("200")
        assert headers[HEADER] == ("hit" if cached_first else "miss")
        assert body == b""
        _, _, page = wsgi_body("GET", HOME)
        assert int(headers["Content-Length"]) == len(page) > 1000

    def test_head_of_a_page_for_a_logged_in_user_sends_no_body(self, client, publisher):
        # Through the test client, which keeps what the app sent in `response.content`...
        # except for HEAD. The app's own answer is checked by calling the middleware.
        def view(request):
            return HttpResponse("x" * 100)

        request = RequestFactory().head("/")
        request.session = {"_auth_user_id": "1"}
        request.COOKIES["sessionid"] = "abc"
        response = pagecache.PageCacheMiddleware(view)(request)
        assert response.content == b""
        assert response["Content-Length"] == "100"
        assert response["Cache-Control"] == "private, no-store"


class TestAfterAPublish:
    def lock_page(self, url=HOME):
        """Hold the lock on the current version's copy of `url`, as a request rendering it."""
        request = RequestFactory().get(url)
        key = pagecache.page_key(request, pagecache.current_version())
        assert cache.add(key.replace(":page:", ":lock:", 1), 1)

    def test_while_one_request_renders_the_others_get_the_previous_copy(self, client):
        ArticleFactory(title="Tin cũ")
        warm(client)
        ArticleFactory(title="Tin mới đăng")
        self.lock_page()

        stale = client.get(HOME)

        assert stale.status_code == 200
        assert stale[HEADER] == "stale"
        assert "Tin cũ" in stale.content.decode()
        assert "Tin mới đăng" not in stale.content.decode()
        assert stale["Cache-Control"] == "no-cache"  # no browser or proxy keeps it
        assert "ETag" not in stale

    def test_the_previous_copy_is_served_only_seconds_after_the_change(
        self, client, settings, time_machine, monkeypatch
    ):
        """A withdrawn article (here: deleted) disappears once the window closes, even while a
        render of it seems to hang."""
        monkeypatch.setattr(pagecache, "LOCK_WAIT_SECONDS", 0.05)
        settings.PAGE_CACHE_STALE_SECONDS = 5
        time_machine.move_to("2026-01-05 08:00:00+07:00", tick=False)
        article = ArticleFactory(published_at="2026-01-01 08:00:00+07:00")
        url = article.get_absolute_url()
        warm(client, url)
        article.delete()
        self.lock_page(url)

        assert client.get(url)[HEADER] == "stale"
        time_machine.shift(timedelta(seconds=4))
        assert client.get(url)[HEADER] == "stale"
        time_machine.shift(timedelta(seconds=2))
        assert client.get(url).status_code == 404

    def test_several_changes_keep_the_window_of_the_first(self, client, settings, time_machine):
        settings.PAGE_CACHE_STALE_SECONDS = 5
        time_machine.move_to("2026-01-05 08:00:00+07:00", tick=False)
        ArticleFactory(title="Tin cũ")
        warm(client)
        ArticleFactory(title="Tin thứ hai")
        time_machine.shift(timedelta(seconds=3))
        ArticleFactory(title="Tin thứ ba")  # within the first change's window
        self.lock_page()
        assert client.get(HOME)[HEADER] == "stale"
        time_machine.shift(timedelta(seconds=3))  # 6 s after the first change
        cache.clear()  # (the lock, the version: nothing stale may be served now anyway)
        assert client.get(HOME)[HEADER] == "miss"

    def test_no_previous_copy_means_waiting_for_the_one_being_rendered(self, monkeypatch):
        """A page not cached before the change: a second request waits for the first one's
        render instead of rendering it again."""
        renders = []

        def slow_view(request):
            renders.append(1)
            time.sleep(0.3)
            return HttpResponse(f"page {len(renders)}")

        monkeypatch.setattr(pagecache, "_next_change_sources", [])
        middleware = pagecache.PageCacheMiddleware(slow_view)
        answers = run_together(middleware, 6)
        assert len(renders) == 1
        assert sorted(response[HEADER] for response in answers) == ["hit"] * 5 + ["miss"]
        assert {response.content for response in answers} == {b"page 1"}

    def test_many_readers_after_a_publish_cause_one_render(self, monkeypatch):
        renders = []

        def slow_view(request):
            renders.append(1)
            time.sleep(0.3)
            return HttpResponse(f"version {pagecache.current_version()}")

        monkeypatch.setattr(pagecache, "_next_change_sources", [])
        middleware = pagecache.PageCacheMiddleware(slow_view)
        run_together(middleware, 1)
        pagecache.invalidate_all()  # a publish

        answers = run_together(middleware, 8)

        assert len(renders) == 2  # the first one, and one after the publish
        states = sorted(response[HEADER] for response in answers)
        assert states.count("miss") == 1
        assert set(states) <= {"miss", "stale", "hit"}


def run_together(middleware, count: int):
    """`count` anonymous GETs of the same page at once, each in its own thread."""
    answers = []
    barrier = threading.Barrier(count)

    def one():
        barrier.wait()
        answers.append(middleware(RequestFactory().get("/trang/")))

    threads = [threading.Thread(target=one) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert len(answers) == count
    return answers
