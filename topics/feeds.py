"""RSS 2.0 and Atom feeds of a topic: its public articles and documents, newest first."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from core.models import SiteSettings
from core.text import xml_text

from .models import Topic

FEED_ITEMS = 30


class TopicFeed(Feed):
    page_cache_query = ()  # core.pagecache: reads no query parameter
    url_name = "topics:topic-feed"

    def get_object(self, request, slug):
        return get_object_or_404(Topic.objects.all(), slug=slug)

    def title(self, obj):
        return xml_text(f"{obj.title} – {SiteSettings.load().site_name}")

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        # Plain text, read as HTML by feed readers (as item descriptions are).
        return escape(xml_text(obj.summary))

    def feed_url(self, obj):
        return reverse(self.url_name, kwargs={"slug": obj.slug})

    def author_name(self):
        site_settings = SiteSettings.load()
        return site_settings.owner or site_settings.site_name

    def items(self, obj):
        listing = obj.listing()
        return listing.items(listing.keys(limit=FEED_ITEMS), with_images=False)

    # Staff text may hold control characters that XML cannot: dropped, never a server error.

    def item_title(self, item):
        if item.is_article:
            return xml_text(item.obj.title)
        return xml_text(f"{item.obj.number}: {item.obj.summary}")

    def item_description(self, item):
        return escape(xml_text(item.obj.summary))

    def item_link(self, item):
        return item.obj.get_absolute_url()

    def item_pubdate(self, item):
        return item.moment

    def item_updateddate(self, item):
        return item.obj.updated_at

    def item_categories(self, item):
        return [_("News") if item.is_article else _("Legal documents")]


class TopicAtomFeed(TopicFeed):
    feed_type = Atom1Feed
    url_name = "topics:topic-feed-atom"

    def subtitle(self, obj):
        return self.description(obj)
