from django.views.generic import ListView

from .forms import SearchForm


class SearchView(ListView):
    """`/tim-kiem/?q=…`: published news, indices and units holding every word of the query,
    whatever the case and diacritics; best matches first, 20 a page."""

    page_cache_query = (*SearchForm.base_fields, "page")  # core.pagecache

    template_name = "search/results.html"
    context_object_name = "rows"
    paginate_by = 20

    def get_queryset(self):
        self.form = SearchForm(self.request.GET)
        self.search = self.form.search()
        return self.search.rows()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        params = self.request.GET.copy()
        params.pop("page", None)
        return {
            **context,
            "form": self.form,
            "search": self.search,
            "query": self.search.query,
            "hits": self.search.hits(page.object_list) if page else [],
            "page_query": params.urlencode(),
            "query_was_cut": getattr(self.form, "query_was_cut", False),
        }
