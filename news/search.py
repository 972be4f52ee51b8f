"""How news articles join the site search (`core.search`)."""

from django.utils.translation import gettext_lazy as _

from core import search

from .models import Article, Category


def register_search():
    search.register(
        Article.objects.published,
        key="news",
        label=_("News"),
        fields={"title": "A", "summary": "B", "body": "C"},
        date="published_at",
        snippet_from=("summary", "body"),
        listing=lambda articles: articles.select_related("category"),
        categories=lambda: [(category.slug, str(category)) for category in Category.objects.all()],
        in_category=_in_category,
        vector_column="search_vector",  # PostgreSQL only: news/migrations/0005
        # The title's words; the title's and summary's (news/migrations/0007).
        tier_vector_columns=("search_vector_title", "search_vector_head"),
    )


def _in_category(articles, slug: str):
    """The articles of the category `slug` and of its sub-categories (none if it is unknown)."""
    category = Category.objects.filter(slug=slug).first()
    return articles.in_category(category) if category else articles.none()
