from django.views.generic import ListView

from core import search
from core.pagination import RankedResultsMixin

from .forms import SearchForm


class SearchView(RankedResultsMixin, ListView):
    """`/tim-kiem/?q=…`: published news, indices and units holding every word of the query,
    whatever the case and diacritics; best matches first, 20 a page.

    Only the best `SEARCH_RANKED_RESULTS` are ranked and listed, and the count is estimated
    past `SEARCH_EXACT_COUNT_UP_TO` (core.search, "At scale"): a word in nearly every article
    costs what a rare one does. A page past the last one listed says to narrow the search.
    """

    page_cache_query = (*SearchForm.base_fields, "page")  # core.pagecache

    template_name = "search/results.html"
    context_object_name = "rows"
    paginate_by = 20

    def get_queryset(self):
        self.form = SearchForm(self.request.GET)
        self.search = self.form.search()
        self.ranked_limit = search.ranked_results()
        return self.search.rows()

    def match_count(self):
        if not hasattr(self, "_match_count"):
            self._match_count = self.search.count()
        return self._match_count

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        return {
            **context,
            **self.ranked_context(),
            "form": self.form,
            "search": self.search,
            "query": self.search.query,
            "hits": self.search.hits(page.object_list) if page else [],
            "query_was_cut": getattr(self.form, "query_was_cut", False),
        }
