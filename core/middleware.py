"""Surviving a database (or Redis) outage: a friendly 503 page instead of a traceback, and
recovery by itself when the service is back (Django opens a connection per request, and with
CONN_MAX_AGE > 0 the CONN_HEALTH_CHECKS setting throws away a broken one first; redis-py
reconnects on its own)."""

import functools
import logging

from django.core.signals import setting_changed
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from .querytimeout import is_query_cancelled

log = logging.getLogger(__name__)

# The database, or the Redis cache, cannot be reached.
OUTAGE_ERRORS = (OperationalError, InterfaceError, RedisConnectionError, RedisTimeoutError)
# Seconds a browser or crawler is asked to wait before trying again.
RETRY_AFTER_SECONDS = 30


def is_outage(error: BaseException | None) -> bool:
    """Whether the error, or one it was raised from (a template rendering a query, a lazy
    object), is the database or the cache being unreachable. A query cancelled by the
    statement timeout is an OperationalError too, but not an outage (core.querytimeout)."""
    if is_query_cancelled(error):
        return False
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, OUTAGE_ERRORS):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


@functools.lru_cache(maxsize=4)
def _outage_page(language: str | None) -> str:
    return render_to_string("503.html")


@receiver(setting_changed)
def _forget_outage_page(**kwargs):
    _outage_page.cache_clear()


def outage_response(retry_after: int = RETRY_AFTER_SECONDS) -> HttpResponse:
    """The 503 page. Drawn without the request, so no context processor asks the database;
    drawn once per process and language, as it is the same for everyone: it is also the
    answer of a server too busy to render a page now (core.render_slots), which a flood may
    ask for hundreds of times a second."""
    response = HttpResponse(_outage_page(get_language()), status=503)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseOutageMiddleware:
    """Turns a view (or its template) failing on an unreachable database or cache into the
    503 page.
    Errors raised in other middleware reach `core.views.server_error` (handler500), which
    answers the same page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_outage(exception):
            return None
        log.error("Service unreachable, answering 503 for %s: %r", request.path, exception)
        return outage_response()
