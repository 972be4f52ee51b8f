"""The database goes away and comes back, for real: the portal runs in a server process whose
database connection passes through a TCP proxy on loopback, and the test cuts that proxy.
An unreachable Redis cache answers the same 503 page."""

import time

import pytest
from django.db import InterfaceError, OperationalError
from django.template import TemplateSyntaxError
from django.test import Client
from redis.exceptions import ConnectionError as RedisConnectionError

from core.middleware import is_outage, outage_response
from tests.html_tools import parse
from tests.live import (
    TcpProxy,
    fetch,
    free_port,
    manage,
    portal_env,
    portal_server,
    postgres_server,
    scratch_database,
)

PAGES = ["/", "/tin-tuc/", "/chi-so/", "/chi-so/par-index/", "/khong-co-trang-nay/"]
# Pages never cached before the cut: a search, a filter, a comparison.
UNCACHED = [
    "/tin-tuc/?q=trong-su-co",
    "/tim-kiem/?q=trong-su-co",
    "/van-ban/?q=trong-su-co",
    "/chi-so/so-sanh/?don-vi=trong-su-co",
]
RECOVERY_BOUND_SECONDS = 10


class TestIsDatabaseOutage:
    def test_database_errors_and_errors_raised_from_them(self):
        assert is_outage(OperationalError("connection refused"))
        assert is_outage(InterfaceError("connection already closed"))
        assert is_outage(RedisConnectionError("Connection refused"))
        try:
            try:
                raise OperationalError("server closed the connection unexpectedly")
            except OperationalError as error:
                raise TemplateSyntaxError("while rendering") from error
        except TemplateSyntaxError as wrapped:
            assert is_outage(wrapped)

    def test_other_errors_are_not_an_outage(self):
        assert not is_outage(None)
        assert not is_outage(ValueError("bad"))
        assert not is_outage(TemplateSyntaxError("bad tag"))


@pytest.mark.django_db
def test_the_503_page_asks_nothing_of_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = outage_response()
    page = parse(response.content)
    assert [node.attrs["href"] for node in page.find_all("link")][-1] == "/static/css/site.css"
    assert page.find_all("header", class_="site-header")


@pytest.mark.django_db
def test_an_unreachable_cache_answers_the_503_page_not_a_traceback(settings):
    # A real Redis client, aimed at a loopback port where nothing listens.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        }
    }
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    (heading,) = [node.text() for node in parse(response.content).find_all("h1")]
    assert heading == "Cổng thông tin tạm thời gián đoạn"


@pytest.fixture(scope="module")
def outage_site(tmp_path_factory):
    """A migrated demo database of its own, and a proxy in front of PostgreSQL."""
    host, port, user = postgres_server()
    tmp_dir = tmp_path_factory.mktemp("outage")
    with scratch_database("cchc_outage") as name:
        direct = portal_env(f"postgres://{user}@{host}:{port}/{name}", tmp_dir)
        manage("migrate", "--no-input", env=direct)
        manage("load_demo", env=direct)
        proxy = TcpProxy((host, port))
        try:
            env = portal_env(
                f"postgres://{user}@127.0.0.1:{proxy.port}/{name}", tmp_dir, CONN_MAX_AGE="60"
            )
            yield proxy, env, tmp_dir
        finally:
            proxy.close()


def test_pages_answer_503_while_the_database_is_cut_and_recover_by_themselves(outage_site):
    proxy, env, tmp_dir = outage_site
    with portal_server(env, tmp_dir / "server.log") as base_url:
        for path in PAGES:
            expected = 404 if path == "/khong-co-trang-nay/" else 200
            assert fetch(base_url + path).status == expected, path
        health = fetch(f"{base_url}/healthz")
        assert health.status == 200 and '"database": "ok"' in health.body

        proxy.cut()
        for path in PAGES:
            if path != "/khong-co-trang-nay/":
                # Cached before the cut (the page cache is on, as in production): its copy is
                # still served to anonymous visitors, with no database.
                copy = fetch(base_url + path)
                assert copy.status == 200 and copy.headers.get("X-Page-Cache") == "hit", path
        # An address no URL matches needs no database: its 404 page is drawn from what is
        # cached.
        assert fetch(base_url + "/khong-co-trang-nay/?trong-su-co=1").status == 404
        # A page that is not cached needs the database: the friendly 503. (A parameter no view
        # reads would not do: the page cache leaves it out of the key, and has the page.)
        for address in UNCACHED:
            answer = fetch(base_url + address)
            assert answer.status == 503, (address, answer.body[:500])
            assert answer.headers["Retry-After"] == "30"
            assert "Traceback" not in answer.body and "OperationalError" not in answer.body
            assert "/static/css/site.css" in answer.body
            (heading,) = [node.text() for node in parse(answer.body).find_all("h1")]
            assert heading == "Cổng thông tin tạm thời gián đoạn"
        health = fetch(f"{base_url}/healthz")
        assert health.status == 503 and '"database": "error"' in health.body

        proxy.restore()
        started = time.monotonic()
        # A page never cached (a 503 is not stored): a 200 means the database answered again.
        while fetch(f"{base_url}/tin-tuc/?q=sau-su-co").status != 200:
            assert time.monotonic() - started < RECOVERY_BOUND_SECONDS, "no recovery"
            time.sleep(0.05)
        recovery = time.monotonic() - started
        print(f"\nrecovered {recovery:.3f} s after the database came back")
        for path in PAGES:
            expected = 404 if path == "/khong-co-trang-nay/" else 200
            assert fetch(base_url + path).status == expected, path
        assert fetch(f"{base_url}/healthz").status == 200
