"""GET /healthz: the database and cache state for a load balancer, cheap and always reachable.
The database being cut off for real (503) is in test_database_outage.py."""

import socket

import pytest

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_healthy_answers_200_with_json_and_no_session(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies
    assert client.head("/healthz").status_code == 200


def test_an_unreachable_cache_is_reported_degraded_but_stays_in_rotation(client, settings):
    # A real Redis client, aimed at a port where nothing listens.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "error"}


def test_probed_over_http_by_address_even_with_https_on(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["cchc.laichau.gov.vn"]
    response = client.get("/healthz", HTTP_HOST="10.20.30.40:8000")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    # Any other page is redirected to https:// and refuses an unknown host.
    page = client.get("/", HTTP_HOST="cchc.laichau.gov.vn")
    assert page.status_code == 301 and page["Location"].startswith("https://")
    assert client.get("/", HTTP_HOST="10.20.30.40:8000").status_code == 400


def test_only_get_and_head(client):
    assert client.post("/healthz").status_code == 405
    assert client.get("/healthz/").status_code == 404
