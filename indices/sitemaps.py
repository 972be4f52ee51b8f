"""The indices pages in sitemap.xml (the overview is a named page): each index, each ranking
year with data, each unit and each index component. All are public pages; a year is listed
only when it has results."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Component, Index, Unit, UnitResult


class IndexSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Index.objects.only("slug").order_by("order", "code")


class RankingYearSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        return UnitResult.objects.years()

    def location(self, item):
        return reverse("indices:ranking", args=[item])


class UnitSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        return Unit.objects.only("slug").order_by("kind", "order", "name")


class ComponentSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        return Component.objects.select_related("index").order_by(
            "index__order", "index__code", "order", "pk"
        )
