import logging

from django.urls import Resolver404, resolve

from .viewcounts import is_bot, record_view

ARTICLE_VIEW_NAME = "news:article"
logger = logging.getLogger(__name__)


class ArticleViewCountMiddleware:
    """Counts a read of an article: a GET answered 200 at an article's address, not by a bot.

    It resolves the path itself and looks only at the response, so a page served from a page
    cache (answered before any view runs) is counted too; it must therefore sit above the page
    cache in MIDDLEWARE. A staff preview of an unpublished article (the view marks its response
    `is_preview`) is not counted.
    The count goes to the cache (news.viewcounts): no database write, no cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "GET" and response.status_code == 200:
            slug = self.article_slug(request)
            if (
                slug
                and not getattr(response, "is_preview", False)
                and not is_bot(request.headers.get("User-Agent", ""))
            ):
                self.count(slug)
        return response

    @staticmethod
    def count(slug: str) -> None:
        # A reader must get the page even when the cache (or a flush) fails: log, do not raise.
        try:
            record_view(slug)
        except Exception:
            logger.exception("Could not count a read of the article %s", slug)

    @staticmethod
    def article_slug(request) -> str | None:
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return None
        return match.kwargs.get("slug") if match.view_name == ARTICLE_VIEW_NAME else None
