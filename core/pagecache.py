"""Whole public pages for anonymous visitors, served from the cache and invalidated exactly.

How it stays exact: one **content version** — a random token in the cache — is part of every
page's key. Any change to content a page may show replaces the token (`invalidate_all`), so
every page cached before the change is never read again (it expires by its timeout). Each app
says which models are content with one call in its `apps.py` `ready()`:

    pagecache.watch(Article, ArticleImage, RelatedArticle, Category)

which bumps the version on their `post_save`, `post_delete` and `m2m_changed`. A write that
signals do not see (`QuerySet.update()`, raw SQL) calls `invalidate_all()` itself.

Content that changes with no write — a scheduled article whose time comes — is handled by
the timeout: an app registers what tells the next such moment (`pagecache.changes_at(...)`),
and no page is cached beyond it. That moment is itself cached under the version, so a cache
hit costs two cache reads (one when the version is the one this process saw last) and no SQL.

One version for everything is coarse (a new photo drops the ranking pages too), but it is
simple and cannot miss a page that shows the change in some box or sidebar; content changes a
few times a day, readers come thousands of times a minute.

The cache is Django's default cache: Redis when `REDIS_URL` is set, so that every worker and
every app server sees the same version; without Redis, a per-process memory cache in
development and a file-based cache in production (see the settings), never a per-process
memory cache behind several workers, which a bump in one process could not reach.

**Canonical keys.** Each public view declares the query parameters it reads — a class
attribute `page_cache_query = ("q", "page")` on a class-based view or feed, the decorator
`@pagecache.query_params("nam")` on a function — and the key holds only those, sorted, with
blank values and `page=1` dropped: `/?utm_source=…` is the page `/`. The view is then given
that same canonical query string (`request.GET` is replaced), so what it renders can never
depend on a parameter the key left out (a `utm_source` echoed in a pagination link would
otherwise be served to everyone). A view that declares nothing keeps its whole query string
in the key: a forgotten declaration costs cache hits, never a wrong page; a test walks
every public URL and asks each view for its declaration.

**HTTP caching.** A cached page goes out with `Cache-Control: public, max-age=PUBLIC_MAX_AGE`
and an `ETag` (a hash of the body, computed once when it is stored); `If-None-Match` is answered
304 with no body, and HEAD with no body, from the cache, with no rendering. Pages for a logged-in
visitor say `private, no-store`.

**No stampede after a publish.** A miss takes a short lock per page (`cache.add`). While one
request renders the new version of a page, the others are given the previous version's copy
(`X-Page-Cache: stale`) — only within `PAGE_CACHE_STALE_SECONDS` of the change, so content just
withdrawn is shown at most that long — or, with no such copy, wait a little for the one being
rendered.
"""

import functools
import hashlib
import math
import time
import uuid
from collections.abc import Callable, Iterable

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, HttpResponseNotModified, QueryDict
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags, urlencode

VERSION_KEY = "pagecache:version"
# (when the stale window opened, [the versions replaced since, newest first]): whose pages may
# be served stale for a few seconds after a change.
PREVIOUS_KEY = "pagecache:previous"
PREVIOUS_KEPT = 4
HEADER = "X-Page-Cache"
# The view attribute that lists the query parameters a view reads (see `query_params`).
QUERY_ATTRIBUTE = "page_cache_query"
# A render holds its page's lock at most this long (a worker killed mid-render frees it).
LOCK_SECONDS = 15
# With no stale copy, a request waits at most this long for the page another one renders.
LOCK_WAIT_SECONDS = 2.0
LOCK_POLL_SECONDS = 0.025
# Headers a 304 repeats (RFC 9110, 15.4.5).
NOT_MODIFIED_HEADERS = ("Cache-Control", "Content-Location", "ETag", "Expires", "Vary")
# Memoised values (menus, the next scheduled change) outlive no content version, and are
# dropped after this long even when the version stays.
MEMO_SECONDS = 24 * 60 * 60

_next_change_sources: list[Callable] = []
# The version this process read last: lets a hit fetch the version and the page in one read.
_last_version: str | None = None


# --- Registration (from the apps' ready()) ------------------------------------------------


def watch(*watched_models: type[models.Model]) -> None:
    """Bump the content version whenever a row of one of `watched_models` is saved or deleted,
    or one of their many-to-many relations changes."""
    for model in watched_models:
        uid = f"pagecache:{model._meta.label}"
        post_save.connect(_content_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(_content_changed, sender=model, dispatch_uid=uid)
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                _content_changed, sender=through, dispatch_uid=f"{uid}:{field.name}"
            )


def changes_at(source: Callable) -> None:
    """Register `source()`: the next datetime at which content changes with no write (such as
    a scheduled publication), or None. No page is cached past it."""
    if source not in _next_change_sources:
        _next_change_sources.append(source)


def query_params(*names: str):
    """Declare the query parameters a view reads (and so the page cache keys it by):

        @pagecache.query_params("nam")
        def index_detail(request, slug): ...

    On a class (a class-based view, a feed) it sets the class attribute `page_cache_query`,
    which a class may as well write itself. On a function it returns a wrapper, so that a view
    from a library (Django's sitemap) can be declared where it is routed without changing it.
    """
    declared = frozenset(names)

    def declare(view):
        if isinstance(view, type):
            setattr(view, QUERY_ATTRIBUTE, declared)
            return view

        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            return view(*args, **kwargs)

        setattr(wrapper, QUERY_ATTRIBUTE, declared)
        return wrapper

    return declare


def _content_changed(**kwargs) -> None:
    invalidate_all()


# --- The content version --------------------------------------------------------------------


def invalidate_all() -> None:
    """Drop every cached page (and memoised value): call after any write signals do not see.

    The version changes at once and again when the transaction commits: a page rendered while
    the transaction was open (from the old rows) may have been cached under the first new
    version, and must not be read after the commit.
    """
    _bump()
    connection = transaction.get_connection()
    # Once per transaction is enough (an import saves hundreds of rows); a callback dropped
    # with a rolled-back savepoint leaves the list, so a later write registers it again.
    if connection.in_atomic_block and not any(
        entry[1] is _bump for entry in connection.run_on_commit
    ):
        transaction.on_commit(_bump)


def _bump() -> None:
    """A new version. The versions it replaces are remembered for the stale window, which
    opens at the first change and is not moved by the changes that follow within it (a
    transaction bumps twice; an editor saves three times in a minute): nothing is served stale
    longer than `PAGE_CACHE_STALE_SECONDS` after any change."""
    window = stale_seconds()
    if window > 0:
        now = time.time()
        found = cache.get_many([VERSION_KEY, PREVIOUS_KEY])
        old, previous = found.get(VERSION_KEY), found.get(PREVIOUS_KEY)
        if old is not None:
            if previous and 0 <= now - previous[0] < window:
                opened, versions = previous[0], [old, *previous[1]][:PREVIOUS_KEPT]
            else:
                opened, versions = now, [old]
            remaining = max(1, math.ceil(window - (now - opened)))
            cache.set(PREVIOUS_KEY, (opened, versions), timeout=remaining)
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def stale_seconds() -> float:
    return getattr(settings, "PAGE_CACHE_STALE_SECONDS", 10)


def current_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        # Lost (first use, a restart of the cache, eviction): a fresh random token can never
        # name pages cached under an earlier one.
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def remember(name: str, compute: Callable, *, version: str | None = None):
    """`compute()`, cached until the content version changes: for data that every page shows
    and that changes only with content (the menu, for instance)."""
    key = f"pagecache:memo:{version or current_version()}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=MEMO_SECONDS)
    return value


def seconds_until_next_change(version: str | None = None) -> float | None:
    """Seconds until the next registered moment at which content changes by itself (None:
    none is known). Cached under the content version: one query per version, not per page."""
    version = version or current_version()
    key = f"pagecache:memo:{version}:next-change"
    moment = cache.get(key)  # a POSIX timestamp; 0.0 when nothing is scheduled
    if moment is None or 0 < moment <= time.time():
        moments = [source() for source in _next_change_sources]
        moments = [moment.timestamp() for moment in moments if moment is not None]
        moment = min(moments, default=0.0)
        cache.set(key, moment, timeout=MEMO_SECONDS)
    return moment - time.time() if moment else None


# --- Which requests and responses ---------------------------------------------------------


def is_enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_ENABLED", True)


def request_may_use_cache(request) -> bool:
    """GET or HEAD, outside the excluded paths (the admin), from a visitor not logged in."""
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PATHS)):
        return False
    return is_anonymous(request)


def is_public_anonymous(request) -> bool:
    """A visitor not logged in, outside the excluded paths (the admin): whom the rate limit and
    the query ceiling apply to, whatever the method."""
    if request.path.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PATHS)):
        return False
    return is_anonymous(request)


def is_anonymous(request) -> bool:
    """Without a session cookie a visitor cannot be logged in: decided with no query. With one
    (it may be left from a session that holds no login), the session is read — once: the
    authentication middleware reuses it."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return True
    session = getattr(request, "session", None)
    return session is not None and SESSION_KEY not in session


def response_may_be_cached(request, response) -> bool:
    """A complete, successful, public answer that is the same for every anonymous visitor."""
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies:  # a CSRF token, a message, a session: this visitor's own
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    session = getattr(request, "session", None)
    return not (session is not None and session.modified)


def page_key(request, version: str) -> str:
    """The page's key: scheme, host, path and the query string in name order, hashed (so any
    length of address makes a short key), under the content version. The middleware has made
    the query string canonical first (`make_query_canonical`)."""
    address = f"{request.scheme}://{request.get_host()}{request.path}"
    if request.META.get("QUERY_STRING"):
        # The values of one name keep their order (the comparison's first unit is its first
        # column); the names are sorted.
        address += "?" + urlencode(sorted(request.GET.lists()), doseq=True)
    digest = hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()
    return f"pagecache:page:{version}:{digest}"


def declared_query(request) -> frozenset | None:
    """The query parameters the view at this address declared it reads; None when it
    declared nothing, or when no view answers the address."""
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return None
    view = match.func
    declared = getattr(view, QUERY_ATTRIBUTE, None)
    if declared is None:  # a class-based view: as_view() made a function
        declared = getattr(getattr(view, "view_class", None), QUERY_ATTRIBUTE, None)
    return None if declared is None else frozenset(declared)


def canonical_query(query: QueryDict, declared: Iterable[str] | None) -> QueryDict:
    """The query string a page is rendered from (and, its names sorted, keyed by).

    Declared parameters only, blank values dropped (every form here reads a blank field as
    absent) and the page number written plainly, page 1 as none. With no declaration (None):
    the query string as it came. The order is the visitor's: the page's own links keep it.
    """
    if declared is None:
        return query
    canonical = QueryDict(mutable=True)
    for name, values in query.lists():
        if name not in declared:
            continue
        for value in values:
            if name == "page" and value.isdecimal():
                value = str(int(value))
                if value == "1":
                    continue
            if value != "":
                canonical.appendlist(name, value)
    canonical._mutable = False
    return canonical


def make_query_canonical(request) -> None:
    """Replace the request's query string by its canonical form (`canonical_query`): the key
    and the view then see the same parameters."""
    if not request.META.get("QUERY_STRING"):
        return
    declared = declared_query(request)
    if declared is None:
        return
    canonical = canonical_query(request.GET, declared)
    request.GET = canonical
    request.META["QUERY_STRING"] = canonical.urlencode()


def _etag(content: bytes) -> str:
    return f'"{hashlib.blake2b(content, digest_size=16).hexdigest()}"'


def _etag_matches(request, etag: str | None) -> bool:
    header = request.headers.get("If-None-Match")
    if not header or not etag:
        return False
    etags = parse_etags(header)
    return "*" in etags or etag in (tag.removeprefix("W/") for tag in etags)


def _not_modified(headers, state: str) -> HttpResponse:
    response = HttpResponseNotModified()
    for name, value in headers:
        if name in NOT_MODIFIED_HEADERS:
            response[name] = value
    response[HEADER] = state
    return response


def _without_body(request, response):
    """A HEAD answer keeps the GET's headers (Content-Length included) but sends no body: a
    WSGI server must not send one (gunicorn logged "WSGI app sent body bytes on a no-body
    response")."""
    if request.method == "HEAD" and not response.streaming and response.content:
        if "Content-Length" not in response:
            response["Content-Length"] = str(len(response.content))
        response.content = b""
    return response


# --- The middleware -----------------------------------------------------------------------


class PageCacheMiddleware:
    """Answers anonymous GET/HEAD requests for public pages from the cache, and caches the
    pages it lets through when they are cacheable (see `response_may_be_cached`).

    It sits after SessionMiddleware (it may read the session to tell a login) and before the
    rest: a hit returns at once, and the cached response carries the headers the inner
    middleware added (security headers, Content-Security-Policy, Content-Language).
    Middleware that must see every request, hits included (the view counter), goes above it;
    middleware that must see only the misses (the rate limit), right below it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (is_enabled() and request_may_use_cache(request)):
            response = self.get_response(request)
            if request.method in ("GET", "HEAD") and not is_anonymous(request):
                # A logged-in visitor's page (their name, a preview) is theirs alone.
                response.headers.setdefault("Cache-Control", "private, no-store")
            return _without_body(request, response)
        make_query_canonical(request)
        version, cached = self._lookup(request)
        if cached is not None:
            return self._from_cache(request, cached, "hit")
        lock = page_key(request, version).replace(":page:", ":lock:", 1)
        if not cache.add(lock, 1, timeout=LOCK_SECONDS):
            # Another request renders this page now: its previous copy, or wait for it.
            stale = self._stale_copy(request, version)
            if stale is not None:
                return self._from_cache(request, stale, "stale")
            cached = self._wait_for(request, version, lock)
            if cached is not None:
                return self._from_cache(request, cached, "hit")
            lock = None
        try:
            response = self.get_response(request)
            stored = response_may_be_cached(request, response) and self._store(
                request, response, version
            )
        finally:
            if lock:
                cache.delete(lock)
        response[HEADER] = "miss"
        if stored and _etag_matches(request, response.get("ETag")):
            return _not_modified(response.items(), "miss")
        return _without_body(request, response)

    def _lookup(self, request):
        """The current version and the cached page (or None): one cache read when the version
        is the one this process saw last, two otherwise."""
        global _last_version
        if _last_version is not None:
            guessed = page_key(request, _last_version)
            found = cache.get_many([VERSION_KEY, guessed])
            if found.get(VERSION_KEY) == _last_version:
                return _last_version, found.get(guessed)
        version = current_version()
        _last_version = version
        return version, cache.get(page_key(request, version))

    @staticmethod
    def _stale_copy(request, version: str):
        """The page as cached under a version replaced since the stale window opened (the
        newest such copy), while the window lasts."""
        previous = cache.get(PREVIOUS_KEY)
        if not previous:
            return None
        opened, versions = previous
        if not 0 <= time.time() - opened < stale_seconds():
            return None
        keys = [page_key(request, old) for old in versions if old != version]
        found = cache.get_many(keys)
        return next((found[key] for key in keys if key in found), None)

    @staticmethod
    def _wait_for(request, version: str, lock: str):
        """The page another request is rendering, once it is stored; None when that request
        ends without storing it (an error page, say) or takes too long."""
        key = page_key(request, version)
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(LOCK_POLL_SECONDS)
            found = cache.get_many([key, lock])
            if key in found:
                return found[key]
            if lock not in found:
                return None
        return None

    @staticmethod
    def _from_cache(request, cached, state: str):
        content, headers = cached
        if state == "stale":
            # Not to be kept by a browser or a proxy: the fresh page is a moment away.
            headers = [(n, v) for n, v in headers if n not in ("Cache-Control", "ETag")]
            headers.append(("Cache-Control", "no-cache"))
        elif _etag_matches(request, dict(headers).get("ETag")):
            return _not_modified(headers, state)
        response = HttpResponse(b"" if request.method == "HEAD" else content, headers=headers)
        response[HEADER] = state
        return response

    def _store(self, request, response, version: str) -> bool:
        timeout = settings.PAGE_CACHE_SECONDS
        until_change = seconds_until_next_change(version)
        if until_change is not None:
            timeout = min(timeout, until_change)
        if timeout < 1:
            return False
        patch_vary_headers(response, ("Cookie",))
        max_age = min(getattr(settings, "PUBLIC_MAX_AGE", 60), int(timeout))
        response.headers.setdefault("Cache-Control", f"public, max-age={max_age}")
        response.headers.setdefault("ETag", _etag(response.content))
        headers = [(name, value) for name, value in response.items() if name != HEADER]
        cache.set(page_key(request, version), (response.content, headers), timeout=timeout)
        return True
