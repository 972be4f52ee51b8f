"""Parts of pages that change only with content, rendered once per content version.

A page the page cache cannot serve (it is off, the visitor is logged in, the page was just
dropped by a publish) still shows mostly the same boxes as the page before it: the cards of
the home page, the sidebar's "most read", an article's body, an index's tables and charts.
Each such part is rendered once and kept as HTML with `pagecache.remember`, so it is exact in
the same way as the page cache: every content change replaces the content version, and a part
kept under the old version is never read again.

Content also changes with no write (a scheduled article's time comes, a document comes into
force): the name of each kept part carries the moment of the next such change known to the page
cache, so after that moment the part is rendered again, as a page would be.

Two pieces, used together:

- `{% fragment "name" value… %}…{% endfragment %}` (template tag library `fragments`): the block's
  HTML, kept under its name and the values it varies on (a year, an article's id). Whatever the
  block draws must be decided by those values and the content alone — nothing of the request
  (the address, the host, the user, a CSRF token) belongs inside one.
- `deferred(compute, names)`: the view's context as values computed on first use. Django calls
  a callable context variable when a template draws it, so a page whose fragments are found in
  the cache never runs the queries that only the fragments need.
"""

import time
from collections.abc import Callable, Iterable

from django.utils.translation import get_language

from core import pagecache

# The request attribute holding the scope (version and horizon) read for this request.
_SCOPE_ATTRIBUTE = "_fragment_scope"


def _scope(request=None) -> tuple[str, str]:
    """The content version and the moment of the next change with no write, read once per
    request (two cache reads) when the request is given."""
    scope = getattr(request, _SCOPE_ATTRIBUTE, None)
    if scope is None:
        version = pagecache.current_version()
        until = pagecache.seconds_until_next_change(version)
        # Hundredths of a second: the moment as the page cache keeps it, up to the rounding of
        # the two clock readings (which at worst costs one extra rendering).
        horizon = "-" if until is None else f"{time.time() + until:.2f}"
        scope = (version, horizon)
        if request is not None:
            setattr(request, _SCOPE_ATTRIBUTE, scope)
    return scope


def remember(name: str, compute: Callable, *, request=None):
    """`compute()` (a fragment's HTML, or any value decided by the content alone, such as the
    years an index has results for), kept until the content changes (a write, or the next
    scheduled change)."""
    version, horizon = _scope(request)
    return pagecache.remember(
        f"fragment:{get_language()}:{horizon}:{name}", compute, version=version
    )


class Deferred:
    """A value computed once, on first use; a template calls it when it draws it."""

    def __init__(self, compute: Callable):
        self._compute = compute
        self._computed = False
        self._value = None

    def __call__(self):
        if not self._computed:
            self._value = self._compute()
            self._computed = True
        return self._value


def deferred(compute: Callable[[], dict], names: Iterable[str]) -> dict[str, Deferred]:
    """Context entries `names`, each taken from the dict `compute()` returns, which runs once,
    when the template first draws one of them (never, when fragments come from the cache)."""
    whole = Deferred(compute)
    return {name: Deferred(lambda name=name: whole()[name]) for name in names}
