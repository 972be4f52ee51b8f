from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from core.models import SiteSettings

from .models import Article


class LatestArticlesFeed(Feed):
    link = reverse_lazy("news:article-list")
    description = _("Latest news on administrative reform")

    def title(self):
        return SiteSettings.load().site_name

    def items(self):
        return Article.objects.published().select_related("category")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.category.name]
