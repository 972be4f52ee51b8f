from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Legal documents")

    def ready(self):
        from . import signals  # noqa: F401  (processes uploaded files after commit)
        from .search import register_search

        register_search()
