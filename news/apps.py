from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")

    def ready(self):
        from core import pagecache

        from . import signals  # noqa: F401  (registers the thumbnail maker)
        from .models import Article, ArticleImage, Category, RelatedArticle
        from .search import register_search

        pagecache.watch(Article, ArticleImage, RelatedArticle, Category)
        # Content that changes by the clock: a scheduled article appears, an article expires.
        pagecache.changes_at(Article.objects.next_change_time)
        register_search()
