"""Pagination that stays cheap deep into long lists, and past the end of a ranked search."""

import hashlib
import json
import math
from collections.abc import Sequence

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connections
from django.http import Http404
from django.utils.functional import cached_property

from . import pagecache

# Up to this offset a page is one plain query; beyond, the deferred join below pays off.
DEFERRED_JOIN_FROM_OFFSET = 1000
# A remembered count lives at most this long (and never past the content version).
COUNT_SECONDS = pagecache.MEMO_SECONDS


def remembered_count(name: str, compute) -> int:
    """`compute()` (a row count), kept until the content changes: under the content version
    (core.pagecache), and never past the next moment content changes with no write (a
    scheduled article whose time comes), so the count is always the exact one.

    Not `pagecache.remember()`, which keeps a value for the whole life of a version: a list's
    count also changes when a scheduled article becomes public, with no write to bump it.
    """
    version = pagecache.current_version()
    digest = hashlib.sha256(name.encode()).hexdigest()[:32]  # any text, a safe key
    key = f"pagecache:count:{version}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        until = pagecache.seconds_until_next_change(version)
        if until is None or until > 1:
            timeout = COUNT_SECONDS if until is None else min(COUNT_SECONDS, int(until))
            cache.set(key, value, timeout=timeout)
    return value


class DeepPaginator(Paginator):
    """A `Paginator` whose deep pages are found through their primary keys first, and whose
    count may be remembered under the content version.

    `OFFSET 80000` over whole rows makes the database read (and throw away) 80,000 wide rows;
    over the primary keys alone it walks a covering index (an index-only scan on PostgreSQL),
    then reads just the rows of the page by key. The rows come back in the list's order, with
    the same `select_related`/`prefetch_related`/`only` as the list's queryset. Shallow pages
    are one query, as with Django's paginator.

    `count_name`: a name for what the list holds ("news", "category:7"), under which its
    `COUNT(*)` is remembered (`remembered_count`). The count of 100,000 public articles reads
    the whole index (about 10 ms) on every page otherwise; remembered, it is read once per
    change of content. The name must say everything that decides the rows: the list's own
    SQL cannot name it, as it holds the current time (`published_at <= now`).
    """

    def __init__(self, *args, count_name: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_name = count_name

    @cached_property
    def count(self):
        counter = getattr(self.object_list, "count", None)
        if not callable(counter) or isinstance(self.object_list, list | tuple):
            return len(self.object_list)
        if self.count_name is None:
            return counter()
        return remembered_count(self.count_name, counter)

    def page(self, number):
        page = super().page(number)
        bottom = (page.number - 1) * self.per_page
        if bottom < DEFERRED_JOIN_FROM_OFFSET or not hasattr(self.object_list, "values_list"):
            return page
        page.object_list = LazyRows(self._deep_rows, page.object_list)
        return page

    def _deep_rows(self, page_rows) -> list:
        keys = list(page_rows.values_list("pk", flat=True))
        rows = {row.pk: row for row in self.object_list.order_by().filter(pk__in=keys)}
        return [rows[key] for key in keys if key in rows]


class LazyRows(Sequence):
    """A deep page's rows, read when first used (iterated, counted, indexed), as a shallow
    page's sliced QuerySet is: a page whose list comes whole from a fragment never reads them."""

    def __init__(self, compute, *args):
        self._compute, self._args = compute, args

    @cached_property
    def _rows(self) -> list:
        return self._compute(*self._args)

    def __getitem__(self, index):
        return self._rows[index]

    def __len__(self):
        return len(self._rows)

    def __iter__(self):
        return iter(self._rows)


def planner_estimate(queryset) -> int | None:
    """PostgreSQL's estimate of how many rows `queryset` gives (an EXPLAIN: nothing is read);
    None on another database."""
    if connections[queryset.db].vendor != "postgresql":
        return None
    explained = queryset.order_by().values("pk").explain(format="json")
    if not explained:  # `.none()`: no query at all
        return 0
    return int(json.loads(explained)[0]["Plan"]["Plan Rows"])


class EstimatedCountPaginator(DeepPaginator):
    """A `Paginator` that counts exactly up to `exact_up_to` rows (a `LIMIT` subquery), and
    beyond that takes PostgreSQL's estimate: `count_is_exact` says which. When the estimate
    alone is over ten times the bound, only up to 100 rows are counted. For staff lists
    (the admin), where
    counting the 88,000 matches of a search took 1.3 s and a close figure does as well; a page
    past the real end is empty, not an error. Deep pages are found as `DeepPaginator` finds
    them.
    """

    def __init__(self, *args, exact_up_to: int = 1000, **kwargs):
        super().__init__(*args, **kwargs)
        self.exact_up_to = exact_up_to
        self.count_is_exact = True

    @cached_property
    def count(self):
        if not hasattr(self.object_list, "values"):
            return len(self.object_list)
        estimate = planner_estimate(self.object_list)
        if estimate is None:  # not PostgreSQL: a small database, counted
            return self.object_list.count()
        # Counting up to the bound reads that many rows; when the estimate is far above it,
        # up to 100 rows check that it is not wildly off (statistics from before most rows
        # were deleted), for a tenth of the cost.
        bound = (
            self.exact_up_to if estimate <= 10 * self.exact_up_to else min(self.exact_up_to, 100)
        )
        counted = self.object_list.order_by().values("pk")[: bound + 1].count()
        if counted <= bound:
            return counted
        self.count_is_exact = False
        return max(counted, estimate)


class RankedResultsMixin:
    """For a `ListView` whose `object_list` is a search's best matches, cut at
    `core.search.ranked_results()`: a page past the last one listed — when the matches were
    cut there — is a normal page saying to narrow the search (`past_the_ranked_results`),
    not a 404. Other page numbers behave as ListView's (404 past the end, or not a number).

    The view gives `match_count()` (a `core.search.MatchCount`, computed once).
    """

    ranked_limit: int = 0  # set by the view: how many best matches it ranked

    def match_count(self):
        raise NotImplementedError

    def results_were_cut(self) -> bool:
        return (
            self.ranked_limit > 0
            and len(self.object_list) >= self.ranked_limit
            and self.match_count().value > len(self.object_list)
        )

    def paginate_queryset(self, queryset, page_size):
        self.past_the_ranked_results = False
        try:
            return super().paginate_queryset(queryset, page_size)
        except Http404:
            number = self.requested_page_number()
            # Whether the list was cut first: a plain list (a QuerySet) is never measured here.
            if number is None or not self.results_were_cut():
                raise
            if number <= max(1, math.ceil(len(queryset) / page_size)):
                raise
            self.past_the_ranked_results = True
            return None, None, [], False

    def requested_page_number(self) -> int | None:
        value = self.request.GET.get(self.page_kwarg) or self.kwargs.get(self.page_kwarg)
        try:
            number = int(value)
        except (TypeError, ValueError):
            return None
        return number if number > 0 else None

    def ranked_context(self) -> dict:
        """What the templates need to tell the count, the cut and the last page listed."""
        count = self.match_count()
        params = self.request.GET.copy()
        params.pop(self.page_kwarg, None)
        return {
            "match_count": count,
            "ranked_limit": self.ranked_limit,
            "results_were_cut": self.results_were_cut(),
            "past_the_ranked_results": self.past_the_ranked_results,
            "last_ranked_page": max(1, math.ceil(len(self.object_list) / self.paginate_by)),
            "page_query": params.urlencode(),
        }
