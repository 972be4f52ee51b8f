from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView

from core.models import SiteSettings
from core.opendata import Column, Table
from core.pagecache import query_params
from core.pagination import DeepPaginator
from news.models import Article

from .forms import DocumentFilterForm
from .models import ArticleAttachment, Document, DocumentFile

EXPORT_MAX_ROWS = 10_000


def filtered_documents(request):
    """The published documents the register's filters (in the query string) select."""
    form = DocumentFilterForm(request.GET)
    documents = form.apply(Document.objects.published().with_validity().for_listing())
    return form, documents


class DocumentListView(ListView):
    """The register: filters, search, 20 per page.

    Its count is remembered under the content version for each set of valid filters
    (`DeepPaginator.count_name`): paging through a filtered register counts it once."""

    page_cache_query = (*DocumentFilterForm.base_fields, "page")

    template_name = "documents/document_list.html"
    context_object_name = "documents"
    paginate_by = 20
    paginator_class = DeepPaginator

    def get_queryset(self):
        self.form, documents = filtered_documents(self.request)
        return documents.prefetch_related("fields")

    def get_paginator(self, queryset, per_page, **kwargs):
        filters = sorted(
            (name, str(getattr(value, "pk", value))) for name, value in self.form.filters().items()
        )
        kwargs["count_name"] = "documents:" + urlencode(filters)
        return super().get_paginator(queryset, per_page, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            form=self.form, is_filtered=bool(self.form.filters()), **kwargs
        )


class DocumentDetailView(DetailView):
    """One document. A draft answers 404, except to staff who may edit it (a preview)."""

    page_cache_query = ()

    template_name = "documents/document_detail.html"
    context_object_name = "document"

    def get_object(self, queryset=None):
        document = get_object_or_404(
            Document.objects.with_validity().for_listing().prefetch_related("fields", "files"),
            slug=self.kwargs["slug"],
        )
        self.is_preview = not document.is_public
        if self.is_preview and not document.can_be_previewed_by(self.request.user):
            raise Http404(_("Document not found."))
        return document

    def get_context_data(self, **kwargs):
        document = self.object
        public = Document.objects.published().with_validity().for_listing()
        return super().get_context_data(
            is_preview=self.is_preview,
            replaces=list(public.filter(replaced_by=document)),
            replaced_by=list(public.filter(replaces=document)),
            articles=list(document.public_articles().select_related("category")[:10]),
            **kwargs,
        )

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.is_preview:
            response["Cache-Control"] = "private, no-store"
        return response


def _send_file(stored, filename: str, private: bool) -> FileResponse:
    try:
        handle = stored.file.open("rb")
    except OSError:
        raise Http404(_("File not found.")) from None
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=stored.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    if private:
        response["Cache-Control"] = "private, no-store"
    return response


@query_params()
def download(request, pk: int):
    """A document's file, named after the document's number (1234-QD-UBND.pdf)."""
    stored = get_object_or_404(DocumentFile.objects.select_related("document"), pk=pk)
    document = stored.document
    if not document.is_public and not document.can_be_previewed_by(request.user):
        raise Http404(_("File not found."))
    return _send_file(stored, stored.download_name(), private=not document.is_public)


@query_params()
def attachment_download(request, pk: int):
    """A news article's attachment, when the article is public (or previewable)."""
    stored = get_object_or_404(ArticleAttachment.objects.select_related("article"), pk=pk)
    is_public = Article.objects.reachable().filter(pk=stored.article_id).exists()
    if not is_public and not stored.article.can_be_previewed_by(request.user):
        raise Http404(_("File not found."))
    return _send_file(stored, stored.download_name(), private=not is_public)


def register_table(documents) -> Table:
    table = Table(
        title=_("Register of legal documents"),
        filename="van-ban",
        columns=[
            Column("number", _("Number and symbol")),
            Column("summary", _("Summary")),
            Column("type", _("Type")),
            Column("issuer", _("Issuing body")),
            Column("signer", _("Signed by")),
            Column("issued_on", _("Date issued")),
            Column("effective_on", _("In effect from")),
            Column("expires_on", _("No longer in effect from")),
            Column("validity", _("Validity")),
            Column("url", _("Address")),
            Column("is_sample", _("Sample data")),
        ],
    )
    for document in documents[:EXPORT_MAX_ROWS]:
        table.rows.append(
            {
                "number": document.number,
                "summary": document.summary,
                "type": document.doc_type.name,
                "issuer": document.issuer.name,
                "signer": document.signer,
                "issued_on": document.issued_on.isoformat(),
                "effective_on": document.start_date.isoformat(),
                "expires_on": document.expires_on.isoformat() if document.expires_on else None,
                "validity": document.validity_label,
                "url": document.get_absolute_url(),
                "is_sample": document.is_sample,
            }
        )
    return table


@query_params(*DocumentFilterForm.base_fields)
def register_csv(request):
    return register_table(filtered_documents(request)[1]).as_csv()


@query_params(*DocumentFilterForm.base_fields)
def register_json(request):
    return register_table(filtered_documents(request)[1]).as_json()


class LatestDocumentsFeed(Feed):
    page_cache_query = ()

    link = reverse_lazy("documents:list")
    description = gettext_lazy("New legal documents")

    def title(self):
        return _("Documents – %(site)s") % {"site": SiteSettings.load().site_name}

    def items(self):
        return Document.objects.published().for_listing().order_by("-published_at", "-pk")[:30]

    def item_title(self, item):
        return f"{item.number}: {item.summary[:200]}"

    def item_description(self, item):
        return f"{item.doc_type.name} — {item.issuer.name}. {item.summary}"

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.doc_type.name]
