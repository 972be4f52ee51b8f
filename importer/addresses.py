"""The old site's addresses, as keys that a request for them can be matched against.

The old portal (ASP.NET on IIS) read its paths and query parameter names without regard to
case and in any order: `/Default.aspx?tabid=57&ID=120` and `/default.aspx?ID=120&TabId=57` are
one page. A key is the path in lower case, percent-decoded, then the query's parameters with
their names in lower case, sorted, blank values and tracking parameters (`utm_*`, `fbclid`)
left out. Values keep their case: an id may be case-sensitive.
"""

import hashlib
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

TRACKING_PARAMETERS = ("utm_", "fbclid", "gclid", "zarsrc")


def address_key(path: str, query: str = "") -> str:
    """The key of the old address `path?query` (see the module's docstring)."""
    path = unquote(path or "/").lower() or "/"
    pairs = [
        (name.lower(), value)
        for name, value in parse_qsl(query or "", keep_blank_values=True)
        if value != "" and not name.lower().startswith(TRACKING_PARAMETERS)
    ]
    pairs.sort()
    return f"{path}?{urlencode(pairs)}" if pairs else path


def key_of_url(url: str) -> str:
    """The key of an absolute or root-relative address (its host is not part of it)."""
    parts = urlsplit(url)
    return address_key(parts.path, parts.query)


def key_hash(key: str) -> str:
    """A fixed-length digest of a key, for the unique index (keys may be long)."""
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()


def old_address(url: str) -> str:
    """`/Default.aspx?tabid=57&ID=120`: the path and query of `url` as the old site wrote them."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")
