from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DocumentType, Field, Issuer, Validity

MIN_YEAR, MAX_YEAR = 1945, 2100


class DocumentFilterForm(forms.Form):
    """The register's filters. Each value that does not validate is ignored (and reported),
    never an error page: the address bar is the visitor's to type in."""

    q = forms.CharField(label=_("Number, summary or text"), required=False, max_length=200)
    loai = forms.ModelChoiceField(
        DocumentType.objects.all(),
        label=_("Type"),
        to_field_name="slug",
        required=False,
        empty_label=_("All types"),
    )
    co_quan = forms.ModelChoiceField(
        Issuer.objects.all(),
        label=_("Issuing body"),
        to_field_name="slug",
        required=False,
        empty_label=_("All issuing bodies"),
    )
    linh_vuc = forms.ModelChoiceField(
        Field.objects.all(),
        label=_("Field"),
        to_field_name="slug",
        required=False,
        empty_label=_("All fields"),
    )
    nam = forms.IntegerField(
        label=_("Year issued"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR
    )
    hieu_luc = forms.ChoiceField(
        label=_("Validity"),
        required=False,
        choices=[("", _("Any validity")), *Validity.choices],
    )

    def __init__(self, data=None, **kwargs):
        if data is not None:
            # PostgreSQL refuses NUL in text: drop it rather than answer with an error page.
            data = {key: data.get(key, "").replace("\x00", "") for key in self.base_fields}
        super().__init__(data, **kwargs)

    def filters(self) -> dict:
        """The valid filters, by name (invalid ones left out)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value not in (None, "") and name not in self.errors
        }

    def apply(self, documents):
        filters = self.filters()
        if "q" in filters:
            documents = documents.search(filters["q"])
        if "loai" in filters:
            documents = documents.filter(doc_type=filters["loai"])
        if "co_quan" in filters:
            documents = documents.filter(issuer=filters["co_quan"])
        if "linh_vuc" in filters:
            documents = documents.filter(fields=filters["linh_vuc"])
        if "nam" in filters:
            documents = documents.filter(issued_on__year=filters["nam"])
        if "hieu_luc" in filters:
            documents = documents.filter(validity=filters["hieu_luc"])
        return documents
