"""RSS 2.0 and Atom feeds of the public news: all of it, and each category (with its
sub-categories). Items come from `Article.objects.published()`, like every public list."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from core.models import SiteSettings
from core.text import xml_text

from .models import Article, Category

FEED_ITEMS = 30


class LatestArticlesFeed(Feed):
    """All public news, newest first (RSS 2.0)."""

    page_cache_query = ()  # core.pagecache: reads no query parameter

    def title(self):
        return xml_text(SiteSettings.load().site_name)

    def link(self):
        return reverse("news:article-list")

    def description(self):
        return _("Latest news on administrative reform")

    def feed_url(self):
        return reverse("news:feed")

    def author_name(self):
        # Atom asks for an author; the agency that runs the portal.
        site_settings = SiteSettings.load()
        return site_settings.owner or site_settings.site_name

    def items(self):
        return Article.objects.published().select_related("category")[:FEED_ITEMS]

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


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()

    def feed_url(self):
        return reverse("news:feed-atom")


class CategoryFeed(LatestArticlesFeed):
    """The public news of one category and its sub-categories (RSS 2.0)."""

    url_name = "news:category-feed"

    def get_object(self, request, slug):
        return get_object_or_404(Category.objects.all(), slug=slug)

    def title(self, obj):
        return xml_text(f"{obj.name} – {SiteSettings.load().site_name}")

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        # Plain text, read as HTML by feed readers (as item descriptions are).
        return escape(
            xml_text(obj.description or _("Latest news in “%(category)s”") % {"category": obj.name})
        )

    def feed_url(self, obj):
        return reverse(self.url_name, kwargs={"slug": obj.slug})

    def items(self, obj):
        return Article.objects.published().in_category(obj).select_related("category")[:FEED_ITEMS]


class CategoryAtomFeed(CategoryFeed):
    feed_type = Atom1Feed
    url_name = "news:category-feed-atom"

    def subtitle(self, obj):
        return self.description(obj)
