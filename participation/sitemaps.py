from django.contrib.sitemaps import Sitemap

from .models import Draft, Submission


class AnswerSitemap(Sitemap):
    """Published questions and feedback answers (comments live on their draft's page)."""

    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Submission.objects.answers().only("pk", "published_at").order_by("-published_at")

    def lastmod(self, item):
        return item.published_at


class DraftSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Draft.objects.published().only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at
