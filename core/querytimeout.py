"""A ceiling on every query of a public page: PostgreSQL's `statement_timeout`.

A visitor's request must never hold a worker and a database connection for long: a search for
a common word over 100,000 articles, a deep page of a filter nobody foresaw. Anonymous requests
outside the admin run with `statement_timeout = STATEMENT_TIMEOUT_MS` (0: no ceiling); a query
past it is cancelled by PostgreSQL and the visitor gets a short 503 page with `Retry-After`
("the search took too long, narrow your keywords") — not a 500, not a worker hung for the
gunicorn timeout.

Staff, the admin and management commands are not limited: an export, an import or a migration
may take as long as it needs. That is why the ceiling is not a connection option (every
connection would have it, staff's and commands' too) but set on the request's connection,
lazily before its first query (`connection.execute_wrapper`: a request answered without a
query costs nothing), and reset when the request ends — a kept connection (`CONN_MAX_AGE`)
serves a staff request next. Cost: two round trips to the database on a request that queries.

A cancelled query reaches Django as `OperationalError`, as an unreachable database does; it is
told apart by its SQLSTATE (57014, `query_canceled`), here and in `core.middleware.is_outage`,
so that it never gives the outage page.
"""

import contextlib
import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.template.loader import render_to_string

from . import pagecache

log = logging.getLogger(__name__)

QUERY_CANCELED = "57014"
RETRY_AFTER_SECONDS = 10


def is_query_cancelled(error: BaseException | None) -> bool:
    """Whether the error, or one it was raised from, is a query cancelled by PostgreSQL (the
    statement timeout, or `pg_cancel_backend`)."""
    seen = set()
    while error is not None and id(error) not in seen:
        # psycopg 3 names the SQLSTATE `sqlstate`, psycopg2 `pgcode`.
        code = getattr(error, "sqlstate", None) or getattr(error, "pgcode", None)
        if code == QUERY_CANCELED:
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def timeout_response() -> HttpResponse:
    """The 503 page for a query past the ceiling, drawn without the request (no query)."""
    response = HttpResponse(render_to_string("query_timeout.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def timeout_ms() -> int:
    return getattr(settings, "STATEMENT_TIMEOUT_MS", 0)


class Ceiling:
    """An execute wrapper: sets `statement_timeout` once on the connection the request uses,
    before its first query; `reset()` puts the server's default back."""

    def __init__(self, milliseconds: int):
        self.milliseconds = int(milliseconds)
        self.applied_to = None  # the DB-API connection the ceiling was set on

    def __call__(self, execute, sql, params, many, context):
        database = context["connection"]
        if self.applied_to is not database.connection:
            # On the DB-API connection itself: not a query of the page's (query budgets and
            # the debug toolbar do not count it), and not through this wrapper again.
            with database.wrap_database_errors:
                database.connection.execute(f"SET statement_timeout = {self.milliseconds}")
            self.applied_to = database.connection
        return execute(sql, params, many, context)

    def reset(self, database) -> None:
        raw = database.connection
        if self.applied_to is None or raw is not self.applied_to or raw.closed:
            return  # never set, or the connection was closed (a new one has the default)
        try:
            raw.execute("RESET statement_timeout")
        except Exception:
            log.warning("Could not reset statement_timeout; closing the connection")
            with contextlib.suppress(DatabaseError):
                database.close()


class StatementTimeoutMiddleware:
    """Runs anonymous public requests under the ceiling and turns a cancelled query into the
    friendly 503 page (its `process_exception`, which runs before the outage middleware's)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        milliseconds = timeout_ms()
        if (
            milliseconds <= 0
            or connection.vendor != "postgresql"
            or not pagecache.is_public_anonymous(request)
        ):
            return self.get_response(request)
        ceiling = Ceiling(milliseconds)
        with connection.execute_wrapper(ceiling):
            try:
                return self.get_response(request)
            finally:
                ceiling.reset(connection)

    def process_exception(self, request, exception):
        if not is_query_cancelled(exception):
            return None
        log.warning("A query of %s went past statement_timeout: %s", request.path, exception)
        return timeout_response()
