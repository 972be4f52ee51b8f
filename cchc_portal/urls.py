from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from news.sitemaps import ArticleSitemap, CategorySitemap

admin.site.site_header = _("CCHC portal administration")
admin.site.site_title = _("CCHC administration")
admin.site.index_title = _("Content management")

urlpatterns = [
    # Before the admin, whose catch-all would otherwise answer these addresses.
    path("quan-tri/soan-thao/", include("core.urls")),
    path("quan-tri/", admin.site.urls),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"articles": ArticleSitemap, "categories": CategorySitemap}},
        name="sitemap",
    ),
    path("chi-so/", include("indices.urls")),
    path("", include("news.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
