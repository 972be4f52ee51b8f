"""Pagination that stays cheap deep into long lists."""

from django.core.paginator import Paginator

# Up to this offset a page is one plain query; beyond, the deferred join below pays off.
DEFERRED_JOIN_FROM_OFFSET = 1000


class DeepPaginator(Paginator):
    """A `Paginator` whose deep pages are found through their primary keys first.

    `OFFSET 80000` over whole rows makes the database read (and throw away) 80,000 wide rows;
    over the primary keys alone it walks a covering index (an index-only scan on PostgreSQL),
    then reads just the rows of the page by key. The rows come back in the list's order, with
    the same `select_related`/`prefetch_related`/`only` as the list's queryset. Shallow pages
    are one query, as with Django's paginator.
    """

    def page(self, number):
        page = super().page(number)
        bottom = (page.number - 1) * self.per_page
        if bottom < DEFERRED_JOIN_FROM_OFFSET or not hasattr(self.object_list, "values_list"):
            return page
        keys = list(page.object_list.values_list("pk", flat=True))
        rows = {row.pk: row for row in self.object_list.order_by().filter(pk__in=keys)}
        page.object_list = [rows[key] for key in keys if key in rows]
        return page
