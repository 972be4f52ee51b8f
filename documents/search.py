"""How legal documents join the site search (`core.search`)."""

from django.utils.translation import gettext_lazy as _

from core import search

from .models import Document


def register_search():
    search.register(
        Document.objects.published,
        key="documents",
        label=_("Legal document"),
        # The number and abstract rank as the title; the type, issuer, signer and the text
        # of the files (`Document.searchable_text`) as the body.
        fields={"number": "A", "summary": "A", "searchable_text": "C"},
        date="issued_on",
        snippet_from=("summary",),
        listing=lambda documents: documents.select_related("doc_type", "issuer"),
        vector_column="search_vector",  # PostgreSQL only: documents/migrations/0002
    )
