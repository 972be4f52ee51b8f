from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView

from core.fragments import Deferred, deferred
from core.pagination import DeepPaginator

from . import structured_data
from .forms import ArticleSearchForm
from .models import Article, Category, prefetch_images

HOME_LATEST_SHOWN = 8
HOME_FEATURED_SHOWN = 4
HOME_PER_CATEGORY_SHOWN = 4


class HomeView(TemplateView):
    """The home page. Its two parts (the news, the sidebar) are template fragments kept until
    the content changes: the lists are computed only when a fragment is drawn anew."""

    page_cache_query = ()  # core.pagecache: the query parameters the page reads

    template_name = "news/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **deferred(self.lists, ["featured", "latest", "category_sections"]),
            **deferred(lambda: {"most_read": list(Article.objects.most_read())}, ["most_read"]),
            **kwargs,
        )

    @staticmethod
    def lists() -> dict:
        public = Article.objects.published().cards()
        featured = list(public.featured()[:HOME_FEATURED_SHOWN])
        latest = list(public.exclude(pk__in=[a.pk for a in featured])[:HOME_LATEST_SHOWN])
        sections = Article.objects.latest_by_menu_category(
            HOME_PER_CATEGORY_SHOWN, with_images=False
        )
        # One query for the photos of all three lists.
        prefetch_images([*featured, *latest, *(a for s in sections for a in s.articles)])
        return {"featured": featured, "latest": latest, "category_sections": sections}


class ArticleListView(ListView):
    """All public news, newest first, with an optional search."""

    page_cache_query = (*ArticleSearchForm.base_fields, "page")  # core.pagecache

    template_name = "news/article_list.html"
    context_object_name = "articles"
    paginate_by = 20
    paginator_class = DeepPaginator

    def get_queryset(self):
        articles = Article.objects.published().for_listing()
        self.search_form = ArticleSearchForm(self.request.GET)
        self.query = self.search_form.query()
        return articles.search(self.query) if self.query else articles

    def get_context_data(self, **kwargs):
        return super().get_context_data(query=self.query, search_form=self.search_form, **kwargs)


class CategoryArticleListView(ArticleListView):
    template_name = "news/category.html"

    def get_queryset(self):
        self.category = get_object_or_404(Category.objects.all(), slug=self.kwargs["slug"])
        self.subcategories = list(self.category.children.all())
        return super().get_queryset().in_category(self.category, self.subcategories)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            category=self.category,
            subcategories=self.subcategories,
            **kwargs,
        )


class ArticleDetailView(DetailView):
    """One article. Not yet public: 404, except for staff who may edit it (a preview)."""

    page_cache_query = ()

    template_name = "news/article_detail.html"
    context_object_name = "article"

    def get_object(self, queryset=None):
        article = get_object_or_404(
            Article.objects.with_is_public().with_images().select_related("category__parent"),
            slug=self.kwargs["slug"],
        )
        self.is_preview = not article.is_public
        if self.is_preview and not self.can_preview(article):
            raise Http404(_("Article not found."))
        return article

    def can_preview(self, article) -> bool:
        return article.can_be_previewed_by(self.request.user)

    def get_context_data(self, **kwargs):
        article = self.object
        return super().get_context_data(
            is_preview=self.is_preview,
            # Drawn in fragments kept until the content changes: computed only when drawn.
            related_articles=Deferred(article.related_for_display),
            latest_articles=Deferred(article.latest_for_display),
            most_read=Deferred(lambda: list(Article.objects.most_read())),
            structured_data=[]
            if self.is_preview
            else [
                structured_data.news_article(article, self.request),
                structured_data.breadcrumb_list(article, self.request),
            ],
            **kwargs,
        )

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response.is_preview = self.is_preview  # not a read (news.middleware)
        if self.is_preview:
            response["Cache-Control"] = "private, no-store"
        return response
