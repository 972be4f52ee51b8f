from django.contrib.sitemaps import Sitemap

from .models import Tag, Topic


class TopicSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Topic.objects.only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class TagSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return Tag.objects.public().only("slug").order_by("slug")
