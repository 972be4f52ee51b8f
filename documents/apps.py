from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Legal documents")

    def ready(self):
        from core import pagecache

        from . import signals  # noqa: F401  (processes uploaded files after commit)
        from .models import (
            ArticleAttachment,
            ArticleDocument,
            Document,
            DocumentFile,
            DocumentType,
            Field,
            Issuer,
        )
        from .search import register_search

        pagecache.watch(
            Document, DocumentFile, DocumentType, Issuer, Field, ArticleDocument, ArticleAttachment
        )
        pagecache.changes_at(Document.objects.next_validity_change)
        register_search()
