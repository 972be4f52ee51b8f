"""A ceiling on every query of a public page (core.querytimeout), on PostgreSQL: a query past
`STATEMENT_TIMEOUT_MS` answers the friendly 503 page, never a 500; staff and the admin are not
limited, and the ceiling never stays on the connection after the request."""

import pytest
from django.db import OperationalError, connection

from core.middleware import is_outage
from core.pagecache import HEADER
from core.querytimeout import is_query_cancelled
from tests.conftest import skip_or_fail
from tests.html_tools import parse

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.urls("tests.core.slow_urls"),
    # A cancelled query inside the test's own transaction would abort it: run in autocommit,
    # as the site does.
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def ceiling(settings):
    if connection.vendor != "postgresql":
        skip_or_fail("statement_timeout is PostgreSQL's")
    settings.STATEMENT_TIMEOUT_MS = 100


def connection_timeout() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        return cursor.fetchone()[0]


def test_a_query_past_the_ceiling_answers_the_friendly_503(client):
    response = client.get("/cham/", {"giay": "2"})
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert response["Cache-Control"] == "no-store"
    assert response[HEADER] == "miss"  # and never cached
    page = parse(response.content)
    assert "Tìm kiếm mất quá nhiều thời gian, hãy thu hẹp từ khoá" in page.text()
    assert page.find_all("header", class_="site-header")
    assert "OperationalError" not in response.content.decode()
    # The worker goes on: the next request is served, and the connection is not left limited.
    assert client.get("/cham/", {"giay": "0.01"}).status_code == 200
    assert connection_timeout() == "0"


def test_anonymous_requests_run_under_the_ceiling_and_it_is_reset_after(client):
    assert client.get("/gioi-han/").content == b"100ms"
    assert connection_timeout() == "0"


def test_a_quick_page_is_unaffected(client):
    assert client.get("/cham/", {"giay": "0.01"}).content == b"xong"
    assert client.get("/tin-tuc/", {"q": "cai cach"}).status_code == 200


def test_staff_and_the_admin_are_not_limited(client, publisher):
    assert client.get("/quan-tri/cham/", {"giay": "0.3"}).status_code == 200
    client.force_login(publisher)
    assert client.get("/gioi-han/").content == b"0"
    assert client.get("/cham/", {"giay": "0.3"}).status_code == 200


def test_switched_off(client, settings):
    settings.STATEMENT_TIMEOUT_MS = 0
    assert client.get("/gioi-han/").content == b"0"


def test_a_cancelled_query_is_not_an_outage():
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 10")
        try:
            with pytest.raises(OperationalError) as raised:
                cursor.execute("SELECT pg_sleep(1)")
        finally:
            cursor.execute("RESET statement_timeout")
    assert is_query_cancelled(raised.value)
    assert not is_outage(raised.value)
    assert not is_query_cancelled(OperationalError("connection refused"))
