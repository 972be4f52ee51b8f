"""Article view counts for "Tin đọc nhiều", kept without a database write per page view.

A read is counted in the cache (`cache.incr`, atomic on Redis and on the per-process memory
cache); `flush_view_counts` adds the buffered counts to `ArticleViewCount` in one transaction,
when `VIEW_COUNT_FLUSH_VIEWS` reads are buffered, when the oldest buffered read is
`VIEW_COUNT_FLUSH_SECONDS` old, or from `manage.py flush_view_counts` (e.g. run by cron).

The buffer is a *generation*: its reads go to keys named after it, and a flush first moves
every new read to the next generation, then reads, writes and deletes the old one. The slugs
read in a generation are listed in numbered keys (one list entry per article, not per read), so
a flush asks the cache for exactly what was read. No cookie, no tracker: only the address read.
"""

import re
import time
from collections import Counter

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F

from .models import Article, ArticleViewCount

PREFIX = "news:views"
GENERATION_KEY = f"{PREFIX}:generation"
FLUSH_LOCK_KEY = f"{PREFIX}:flushing"
# A buffered generation lives this long at most (a flush normally takes it much sooner).
BUFFER_SECONDS = 7 * 24 * 3600

# User agents that are not readers: crawlers, link previews, command-line and library clients.
BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|monitor|"
    r"curl|wget|python|httpclient|okhttp|java/|go-http|libwww|headless|lighthouse",
    re.IGNORECASE,
)


def is_bot(user_agent: str) -> bool:
    """An empty user agent or one naming a crawler or a library is not a reader."""
    return not user_agent.strip() or bool(BOT_USER_AGENT.search(user_agent))


def _key(generation: int, *parts) -> str:
    return ":".join([PREFIX, str(generation), *map(str, parts)])


def _generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return generation


def _incr(key: str) -> int:
    """Add one to `key`, creating it at 0 first: atomic on every cache backend."""
    cache.add(key, 0, timeout=BUFFER_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.add(key, 1, timeout=BUFFER_SECONDS)
        return 1


def record_view(slug: str) -> None:
    """Count one read of the article at `slug`; flush when the buffer is full or old enough."""
    generation = _generation()
    count_key = _key(generation, "count", slug)
    if cache.add(count_key, 1, timeout=BUFFER_SECONDS):
        # First read of this article in the generation: list its slug for the flush.
        number = _incr(_key(generation, "listed"))
        cache.set(_key(generation, "slug", number), slug, timeout=BUFFER_SECONDS)
        cache.add(_key(generation, "since"), time.time(), timeout=BUFFER_SECONDS)
    else:
        try:
            cache.incr(count_key)
        except ValueError:
            cache.add(count_key, 1, timeout=BUFFER_SECONDS)
    total = _incr(_key(generation, "total"))
    if total >= settings.VIEW_COUNT_FLUSH_VIEWS or _buffer_is_old(generation):
        flush_view_counts()


def _buffer_is_old(generation: int) -> bool:
    since = cache.get(_key(generation, "since"))
    return since is not None and time.time() - since >= settings.VIEW_COUNT_FLUSH_SECONDS


def buffered_counts(generation: int | None = None) -> Counter:
    """The reads buffered in `generation` (the current one by default), by slug."""
    generation = _generation() if generation is None else generation
    listed = cache.get(_key(generation, "listed"), 0)
    slug_keys = [_key(generation, "slug", number) for number in range(1, listed + 1)]
    slugs = set(cache.get_many(slug_keys).values())
    count_keys = {_key(generation, "count", slug): slug for slug in slugs}
    counts = Counter()
    for key, value in cache.get_many(list(count_keys)).items():
        counts[count_keys[key]] += value
    return counts


def flush_view_counts() -> int:
    """Add every buffered read to the database in one transaction; return how many.

    Other processes keep counting meanwhile (into the next generation). The counts are written
    with `QuerySet.update(F(...) + n)`, which no model signal sees: a page cache must be
    invalidated after a flush that wrote something, for the "most read" lists to change.
    """
    if not cache.add(FLUSH_LOCK_KEY, 1, timeout=60):
        return 0  # another process is flushing
    try:
        generation = _generation()
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:
            cache.set(GENERATION_KEY, generation + 1, timeout=None)
        counts = buffered_counts(generation)
        written = write_view_counts(counts=counts)
        listed = cache.get(_key(generation, "listed"), 0)
        cache.delete_many(
            [
                _key(generation, "listed"),
                _key(generation, "total"),
                _key(generation, "since"),
                *(_key(generation, "slug", number) for number in range(1, listed + 1)),
                *(_key(generation, "count", slug) for slug in counts),
            ]
        )
        return written
    finally:
        cache.delete(FLUSH_LOCK_KEY)


@transaction.atomic
def write_view_counts(*, counts: Counter) -> int:
    """Add `counts` (slug → reads) to the stored view counts; return the reads written."""
    if not counts:
        return 0
    ids = dict(Article.objects.filter(slug__in=list(counts)).values_list("slug", "pk"))
    ArticleViewCount.objects.bulk_create(
        [ArticleViewCount(article_id=pk) for pk in ids.values()], ignore_conflicts=True
    )
    written = 0
    for slug, pk in ids.items():
        ArticleViewCount.objects.filter(article_id=pk).update(views=F("views") + counts[slug])
        written += counts[slug]
    return written
