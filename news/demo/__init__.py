"""Demo content for the news app: site settings, categories, articles, photos, related links.

`load()` writes it all and can be run any number of times: rows are found by their slug (or
their natural key), a row is saved only when a value differs from the demo value (so
`updated_at` does not move on a re-run), and every photo is drawn once, at a fixed path under
`demo/`, and reused afterwards.
"""

from django.db import transaction

from core.demo import Tally, sync_row
from core.htmlblocks import split_top_level_blocks
from core.models import SiteSettings
from core.sanitizer import sanitize_html
from news.models import Article, ArticleImage, Category, RelatedArticle

from .content import ARTICLES, CATEGORIES, CONFERENCE_SLUG, SITE_SETTINGS
from .pictures import ensure_image_file

IMAGE_FOLDER = "demo"

__all__ = ["CONFERENCE_SLUG", "load"]


@transaction.atomic
def load() -> dict[str, Tally]:
    """Write the news app's demo content; return a tally per kind of row (label → Tally)."""
    site_settings = load_site_settings(values=SITE_SETTINGS)
    categories, articles, images, files, links = Tally(), Tally(), Tally(), Tally(), Tally()
    by_slug = load_categories(categories=CATEGORIES, tally=categories)
    stored = load_articles(articles=ARTICLES, categories=by_slug, tally=articles)
    load_images(articles=ARTICLES, stored=stored, tally=images, files=files)
    load_related(articles=ARTICLES, stored=stored, tally=links)
    return {
        "Cấu hình trang": site_settings,
        "Chuyên mục": categories,
        "Bài viết": articles,
        "Ảnh của bài": images,
        "Tệp ảnh": files,
        "Tin liên quan": links,
    }


def load_site_settings(*, values: dict) -> Tally:
    tally = Tally()
    sync_row(SiteSettings, lookup={}, values=values, tally=tally)
    return tally


def load_categories(*, categories, tally: Tally) -> dict[str, Category]:
    """Parents first, so a sub-category can point at a parent written in the same run."""
    by_slug: dict[str, Category] = {}
    for demo in sorted(categories, key=lambda demo: demo.parent is not None):
        by_slug[demo.slug] = sync_row(
            Category,
            lookup={"slug": demo.slug},
            values={
                "name": demo.name,
                "description": demo.description,
                "order": demo.order,
                "parent": by_slug[demo.parent] if demo.parent else None,
                "show_in_menu": True,
            },
            tally=tally,
        )
    return by_slug


def load_articles(*, articles, categories: dict[str, Category], tally: Tally):
    stored: dict[str, Article] = {}
    for demo in articles:
        stored[demo.slug] = sync_row(
            Article,
            lookup={"slug": demo.slug},
            values={
                "title": demo.title,
                "category": categories[demo.category],
                "summary": demo.summary,
                "body": demo.body,
                "status": Article.Status.PUBLISHED,
                "published_at": demo.published_at,
                "expires_at": demo.expires_at,
                "is_featured": demo.is_featured,
            },
            tally=tally,
        )
    return stored


def load_images(*, articles, stored: dict[str, Article], tally: Tally, files: Tally) -> None:
    """Each photo is drawn once at `demo/<slug>-<n>.jpg` and its row is keyed by (article,
    order), so re-runs neither write files nor add rows."""
    for demo in articles:
        blocks = len(split_top_level_blocks(sanitize_html(demo.body)))
        for number, image in enumerate(demo.images, start=1):
            if image.after_paragraph is not None and not 1 <= image.after_paragraph <= blocks:
                raise ValueError(
                    f"{demo.slug}: photo {number} is placed after block {image.after_paragraph}"
                    f" but the body has {blocks} blocks"
                )
            path = f"{IMAGE_FOLDER}/{demo.slug}-{number}.jpg"
            width, height = ensure_image_file(path=path, scene=image.scene, seed=path, tally=files)
            sync_row(
                ArticleImage,
                lookup={"article": stored[demo.slug], "order": number},
                values={
                    "image": path,
                    "width": width,
                    "height": height,
                    "caption": image.caption,
                    "alt_text": image.alt_text,
                    "after_paragraph": image.after_paragraph,
                },
                tally=tally,
            )


def load_related(*, articles, stored: dict[str, Article], tally: Tally) -> None:
    for demo in articles:
        for order, slug in enumerate(demo.related, start=1):
            if slug == demo.slug:
                raise ValueError(f"{demo.slug} cannot be related to itself")
            sync_row(
                RelatedArticle,
                lookup={"from_article": stored[demo.slug], "to_article": stored[slug]},
                values={"order": order},
                tally=tally,
            )
