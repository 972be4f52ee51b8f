from django import forms
from django.utils.translation import gettext_lazy as _

from core import search


class SearchForm(forms.Form):
    """The site-search form (`/tim-kiem/?q=…&chuyen_muc=…&nam=…`).

    Anything a browser can send is a valid search or an error shown beside it, never a 500:
    a query longer than `MAX_QUERY_LENGTH` is cut (the page says so), a NUL byte is refused
    (PostgreSQL cannot compare it), an unknown category or year is refused and ignored.
    """

    # A CharField refuses NUL bytes by itself; no max_length: a long query is cut, not refused.
    q = forms.CharField(
        label=_("Search for"),
        required=False,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search", "maxlength": search.MAX_QUERY_LENGTH}),
    )
    chuyen_muc = forms.ChoiceField(label=_("Category"), required=False)
    nam = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chuyen_muc"].choices = [("", _("All categories")), *search.category_choices()]
        self.fields["nam"].choices = [
            ("", _("All years")),
            *((str(year), str(year)) for year in search.year_choices()),
        ]

    def clean_q(self):
        query = self.cleaned_data["q"]
        self.query_was_cut = len(query) > search.MAX_QUERY_LENGTH
        return query[: search.MAX_QUERY_LENGTH].strip()

    def search(self) -> search.Search:
        """The search asked for; the fields in error are left out."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return search.Search(
            query=data.get("q", ""), category=data.get("chuyen_muc", ""), year=data.get("nam")
        )
