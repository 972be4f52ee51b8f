from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from indices.models import Unit


class UnitOfficeSitemap(Sitemap):
    """Every unit's "Giới thiệu" page (units merged or dissolved too: their history stays)."""

    changefreq = "monthly"

    def items(self):
        return Unit.objects.only("slug").order_by("kind", "order", "name")

    def location(self, unit):
        return reverse("about:unit", kwargs={"slug": unit.slug})
