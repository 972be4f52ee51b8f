from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TopicsConfig(AppConfig):
    name = "topics"
    verbose_name = _("Topics and tags")

    def ready(self):
        from core import pagecache

        from .models import Tag, Topic
        from .search import register_search

        # Articles' and documents' own topics and tags are their many-to-many fields, which
        # news and documents already watch (core.pagecache.watch follows them).
        pagecache.watch(Topic, Tag)
        register_search()
