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
"""

import hashlib
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

VERSION_KEY = "pagecache:version"
HEADER = "X-Page-Cache"
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
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


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
    """The page's key: scheme, host, path and the whole query string, hashed (so any length
    of address makes a short key), under the content version."""
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()
    return f"pagecache:page:{version}:{digest}"


# --- The middleware -----------------------------------------------------------------------


class PageCacheMiddleware:
    """Answers anonymous GET/HEAD requests for public pages from the cache, and caches the
    pages it lets through when they are cacheable (see `response_may_be_cached`).

    It sits after SessionMiddleware (it may read the session to tell a login) and before the
    rest: a hit returns at once, and the cached response carries the headers the inner
    middleware added (security headers, Content-Security-Policy, Content-Language).
    Middleware that must see every request, hits included (the view counter), goes above it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (is_enabled() and request_may_use_cache(request)):
            return self.get_response(request)
        version, cached = self._lookup(request)
        if cached is not None:
            content, headers = cached
            response = HttpResponse(content, headers=headers)
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if response_may_be_cached(request, response):
            self._store(request, response, version)
        response[HEADER] = "miss"
        return response

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

    def _store(self, request, response, version: str) -> None:
        timeout = settings.PAGE_CACHE_SECONDS
        until_change = seconds_until_next_change(version)
        if until_change is not None:
            timeout = min(timeout, until_change)
        if timeout < 1:
            return
        patch_vary_headers(response, ("Cookie",))
        headers = [(name, value) for name, value in response.items() if name != HEADER]
        cache.set(page_key(request, version), (response.content, headers), timeout=timeout)
