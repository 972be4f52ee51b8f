from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from core.models import SiteSettings
from core.text import xml_text

from .models import Article


class LatestArticlesFeed(Feed):
    link = reverse_lazy("news:article-list")
    description = _("Latest news on administrative reform")

    def title(self):
        return xml_text(SiteSettings.load().site_name)

    def items(self):
        return Article.objects.published().select_related("category")[:30]

    # Staff text may hold control characters that XML cannot: dropped, never a server error.

    def item_title(self, item):
        return xml_text(item.title)

    def item_description(self, item):
        # An RSS description is HTML to the reader showing it; the summary is plain text.
        return escape(xml_text(item.summary))

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [xml_text(item.category.name)]
