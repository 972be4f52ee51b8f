"""Budgets per client: a token bucket in the shared cache, and the middleware that spends it on
the pages that cost the portal work.

The rule. Each client has a bucket of `burst` tokens that refills at `per_minute` tokens a
minute; a request takes one token, and a request finding the bucket empty is refused with 429
and `Retry-After` (the seconds until the next token). A person reading and searching quickly
never empties it; a script sending a new query string every few milliseconds empties it in a
moment and then gets one answer per refill, whatever it sends.

Why a token bucket and not a fixed window (`django-ratelimit`, the maintained library, counts
requests per fixed window with `cache.incr`): a fixed window lets twice the budget through
around each window's edge, and it cannot say "40 at once, then 2 a second". django-ratelimit
is also a per-view decorator, and what must be limited here is not a set of views but the
requests that miss the page cache — any view, a 404 included — which only a middleware placed
right below the page cache sees. What it would bring beyond that (key functions, groups) is
a dozen lines here.

Where the buckets live. In Django's default cache, so that every worker and every app server
shares them (Redis in production). On Redis one bucket is one hash, updated by a small Lua
script that Redis runs atomically (read, refill, take, write, expire — no lost update between
two workers, and Redis's clock, so app servers' clocks need not agree). On any other cache (the
tests' memory cache, a file cache without Redis) it is read and written back: two requests at
the same instant may both take the last token, which a limit of this kind can afford.

Who is a client. The address the request came from (`REMOTE_ADDR`), or, when that address is a
proxy of ours (`TRUSTED_PROXIES`, addresses or networks), the address that proxy says it
forwarded for: the right-most address in `X-Forwarded-For` that is not itself a trusted proxy
(the left part of that header is whatever the client wrote). An IPv6 client is its /64, which
one subscriber holds whole.

Other limits join with `take(bucket_name, client, burst=…, per_minute=…)` — a citizen's form
posts, for instance, with a budget of their own.
"""

import ipaddress
import math
import time
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language

from . import pagecache

# A bucket is kept this long after its last use at least (then it is full again anyway).
MIN_BUCKET_SECONDS = 60

TOKEN_BUCKET_LUA = """
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local now = redis.call('TIME')
now = tonumber(now[1]) + tonumber(now[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = burst
else
  tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
end
local allowed = 0
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  wait = (1 - tokens) / rate
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
return {allowed, tostring(wait)}
"""


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: float  # seconds until a token is back (0 when allowed)


def take(bucket: str, client: str, *, burst: int, per_minute: float) -> Decision:
    """Take one token from `client`'s bucket named `bucket`."""
    rate = max(per_minute, 0.01) / 60  # per second; never 0 (a bucket that never refills)
    name = f"ratelimit:{bucket}:{client}"
    keep = max(MIN_BUCKET_SECONDS, math.ceil(burst / rate))
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        redis = backend._cache.get_client(write=True)
        script = _redis_script(redis)
        key = backend.make_and_validate_key(name)
        allowed, wait = script(keys=[key], args=[rate, burst, keep], client=redis)
        return Decision(bool(allowed), float(wait))
    return _take_read_write(name, rate, burst, keep)


_script = None


def _redis_script(client):
    # redis-py sends EVALSHA, and the script itself when Redis does not know it yet.
    global _script
    if _script is None:
        _script = client.register_script(TOKEN_BUCKET_LUA)
    return _script


def _take_read_write(name: str, rate: float, burst: int, keep: int) -> Decision:
    now = time.time()
    state = cache.get(name)
    if state is None:
        tokens = float(burst)
    else:
        tokens, at = state
        tokens = min(burst, tokens + max(0.0, now - at) * rate)
    allowed = tokens >= 1
    cache.set(name, (tokens - 1 if allowed else tokens, now), timeout=keep)
    return Decision(allowed, 0.0 if allowed else (1 - tokens) / rate)


# --- Who the client is ----------------------------------------------------------------------


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]):
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _is_trusted(address, networks) -> bool:
    return any(address in network for network in networks)


def _parse(value: str):
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    # An IPv4 client seen through an IPv6 socket (::ffff:203.0.113.5) is that IPv4 address.
    return getattr(address, "ipv4_mapped", None) or address


def client_address(request) -> str:
    """The client's address (see the module's docstring), as the bucket's name."""
    remote = _parse(request.META.get("REMOTE_ADDR", ""))
    if remote is None:
        return "unknown"
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    address = remote
    if networks and _is_trusted(remote, networks):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        for hop in reversed([part for part in forwarded.split(",") if part.strip()]):
            hop_address = _parse(hop)
            if hop_address is None:
                break  # not written by a proxy of ours: trust nothing to its left
            address = hop_address
            if not _is_trusted(hop_address, networks):
                break
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


# --- The middleware -------------------------------------------------------------------------


def is_enabled() -> bool:
    return getattr(settings, "RATE_LIMIT_ENABLED", True)


@lru_cache(maxsize=4)
def _page(language: str) -> str:
    # The same for every request in one language: drawn once per process, as a flood of
    # refusals must cost as little as possible.
    return render_to_string("429.html")


def too_many_requests(retry_after: float) -> HttpResponse:
    """The 429 page. Drawn without the request, so no context processor asks the database."""
    response = HttpResponse(_page(get_language()), status=429)
    response["Retry-After"] = str(max(1, math.ceil(retry_after)))
    response["Cache-Control"] = "no-store"
    # Not one warning per refusal in the error log (Django logs every 4xx answer): a flood
    # would fill it; the access log has every request already.
    response._has_been_logged = True
    return response


class RateLimitMiddleware:
    """Spends one token of the client's budget on each anonymous request that reaches it, and
    refuses one over budget before any view (or query) runs.

    It sits right below `core.pagecache.PageCacheMiddleware`, so a page answered from the cache
    never reaches it: only the work the portal must do counts (searches, filters, deep pages,
    404s, pages not cached yet). Budgets: `RATE_LIMIT_BURST`, `RATE_LIMIT_PER_MINUTE`;
    `RATE_LIMIT=0` turns it off.
    """

    bucket = "pages"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Anonymous, outside the admin. Static files, cache hits and /healthz never come here.
        if is_enabled() and pagecache.is_public_anonymous(request):
            decision = take(
                self.bucket,
                client_address(request),
                burst=settings.RATE_LIMIT_BURST,
                per_minute=settings.RATE_LIMIT_PER_MINUTE,
            )
            if not decision.allowed:
                return too_many_requests(decision.retry_after)
        return self.get_response(request)
