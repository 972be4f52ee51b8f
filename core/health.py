"""The health check a load balancer or monitor asks every few seconds: `GET /healthz`.

It answers before every other middleware — no session, no page, no host check and no HTTPS
redirect (load balancers probe a worker over plain http by its address) — with the state of the
database and of the cache as JSON:

- 200 `{"status": "ok", "database": "ok", "cache": "ok"}` when both answer;
- 200 `{"status": "degraded", "database": "ok", "cache": "error"}` when only the cache fails:
  the portal still serves every page, only slower, so the worker must stay in rotation;
- 503 `{"status": "error", "database": "error", ...}` when the database does not answer.
"""

import logging
import secrets

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponseNotAllowed, JsonResponse

log = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"
OK = "ok"
ERROR = "error"


def database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        log.warning("Health check: the database does not answer: %s", error)
        return ERROR
    return OK


def cache_state() -> str:
    key = f"healthz:{secrets.token_hex(8)}"
    value = secrets.token_hex(8)
    try:
        cache.set(key, value, timeout=10)
        answered = cache.get(key)
        cache.delete(key)
    except Exception as error:  # each cache backend raises its own errors
        log.warning("Health check: the cache does not answer: %s", error)
        return ERROR
    return OK if answered == value else ERROR


def health() -> tuple[int, dict[str, str]]:
    """The HTTP status and the body of the health check."""
    checks = {"database": database_state(), "cache": cache_state()}
    if checks["database"] == ERROR:
        return 503, {"status": ERROR, **checks}
    if ERROR in checks.values():
        return 200, {"status": "degraded", **checks}
    return 200, {"status": OK, **checks}


class HealthCheckMiddleware:
    """Answers `/healthz` itself; first in MIDDLEWARE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != HEALTH_PATH:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        status, body = health()
        response = JsonResponse(body, status=status)
        response["Cache-Control"] = "no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response
