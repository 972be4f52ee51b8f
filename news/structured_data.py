"""schema.org data for article pages (JSON-LD): the `NewsArticle` and its `BreadcrumbList`.

Built here as plain dicts; the template writes them with the `json_ld` filter.
"""

from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import SiteSettings


def organization(request) -> dict:
    site_settings = SiteSettings.load()
    return {
        "@type": "Organization",
        "name": site_settings.owner or site_settings.site_name,
        "url": request.build_absolute_uri(reverse("news:home")),
        "logo": {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(static("favicon.svg")),
        },
    }


def news_article(article, request) -> dict:
    url = request.build_absolute_uri(article.get_absolute_url())
    cover = article.cover_image
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "description": article.summary,
        "datePublished": timezone.localtime(article.published_at),
        "dateModified": timezone.localtime(max(article.updated_at, article.published_at)),
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "inLanguage": "vi",
        "articleSection": article.category.name,
        "author": organization(request),
        "publisher": organization(request),
    }
    keywords = [tag.name for tag in article.tags.all()]
    if keywords:
        data["keywords"] = keywords
    if cover:
        data["image"] = [request.build_absolute_uri(cover.image.url)]
    return data


def breadcrumb_list(article, request) -> dict:
    trail = [(_("Home"), reverse("news:home"))]
    if article.category.parent_id:
        parent = article.category.parent
        trail.append((parent.name, parent.get_absolute_url()))
    trail.append((article.category.name, article.category.get_absolute_url()))
    trail.append((article.title, article.get_absolute_url()))
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": request.build_absolute_uri(path),
            }
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }
