"""Old addresses answer 301 to the articles imported from them.

Why not `django.contrib.redirects`: its RedirectFallbackMiddleware matches `get_full_path()`
literally (the old site wrote `?tabid=57&ID=120`, links and search engines carry
`?ID=120&tabid=57` or `/default.aspx` just as well, which IIS served alike), needs the sites
framework (one more table, a SITE_ID), stores the new address as text (so a redirect outlives
its article and points at a 404) and sits at the bottom of the middleware, below the rate
limit. Here the old address is a normalised key (`importer.addresses`) on a row that points
at the article itself, and the redirect is answered only for a public article.

Cost. An ordinary page costs nothing: the lookup (one query on a unique index) runs only on a
404. A found redirect is remembered in the cache under the page cache's content version
(`core.pagecache`), so later requests for the same old address are answered from the cache
before the rate limit and before any view: crawlers following thousands of old links spend
no budget once each link has been seen, and an unpublished article stops redirecting at the
next content change. The first request for an old address is a 404 to the inner middleware
and so spends one token of the client's budget, like any 404.
"""

from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponsePermanentRedirect

from core import pagecache

from .addresses import address_key, key_hash
from .models import ImportedPage

MEMO_SECONDS = 24 * 60 * 60


def _memo_key(key: str) -> str:
    return f"importer:redirect:{pagecache.current_version()}:{key_hash(key)}"


class OldAddressRedirectMiddleware:
    """Above the page cache and the rate limit (settings.MIDDLEWARE)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        key = None
        if _may_be_old(request.path_info):
            key = address_key(request.path, request.META.get("QUERY_STRING", ""))
            target = cache.get(_memo_key(key))
            if target:
                return HttpResponsePermanentRedirect(target)
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        key = key or address_key(request.path, request.META.get("QUERY_STRING", ""))
        try:
            target = ImportedPage.objects.redirect_target(key)
        except DatabaseError:  # the database is away: the 404 stands
            return response
        if target is None:
            return response
        cache.set(_memo_key(key), target, MEMO_SECONDS)
        return HttpResponsePermanentRedirect(target)


def _may_be_old(path: str) -> bool:
    """Whether a remembered redirect is worth a cache read: not one of the portal's own
    addresses (which resolve), where pages are served as they are."""
    from django.urls import Resolver404, resolve

    try:
        resolve(path)
    except Resolver404:
        return True
    return False
