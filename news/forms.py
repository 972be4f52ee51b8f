from django import forms
from django.utils.translation import gettext_lazy as _


class ArticleSearchForm(forms.Form):
    """The public search box. Anything a browser can send is either a valid query or an error
    shown to the reader (a NUL byte, say, which PostgreSQL cannot compare) — never a 500."""

    q = forms.CharField(label=_("Search news"), max_length=200, required=False, strip=True)

    def query(self) -> str:
        return self.cleaned_data["q"] if self.is_valid() else ""
