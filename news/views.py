import datetime
from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import (
    DetailView,
    ListView,
    MonthArchiveView,
    TemplateView,
    YearArchiveView,
)

from core import fragments
from core import search as site_search
from core.fragments import Deferred, deferred
from core.pagination import DeepPaginator, RankedResultsMixin

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


class ArticleListView(RankedResultsMixin, ListView):
    """All public news, newest first, with an optional search.

    The list's count is remembered under the content version (`DeepPaginator.count_name`),
    so a page, however deep, costs no `COUNT(*)` of every public article. A search ranks only
    its best matches and estimates its count past a bound (core.search, "At scale")."""

    page_cache_query = (*ArticleSearchForm.base_fields, "page")  # core.pagecache

    template_name = "news/article_list.html"
    context_object_name = "articles"
    paginate_by = 20
    paginator_class = DeepPaginator

    def articles(self):
        """The public articles this list holds."""
        return Article.objects.published()

    def count_name(self) -> str:
        """Names the list's rows for its remembered count (DeepPaginator)."""
        return "news"

    def get_queryset(self):
        self.search_form = ArticleSearchForm(self.request.GET)
        self.query = self.search_form.query()
        if not self.query:
            return self.articles().for_listing()
        words = site_search.Search(self.query).words
        self.ranked_limit = site_search.ranked_results()
        self.ranked = site_search.best_matches(self.articles(), words)
        return self.ranked.rows  # (pk, tier, date), best first

    def match_count(self):
        if not hasattr(self, "_match_count"):
            self._match_count = self.ranked.count()
        return self._match_count

    def get_paginator(self, queryset, per_page, **kwargs):
        if not self.query:
            kwargs["count_name"] = self.count_name()
        return super().get_paginator(queryset, per_page, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        paginator, page, articles, is_paginated = super().paginate_queryset(queryset, page_size)
        if self.query and page is not None:  # the page's ranked rows → its articles
            keys = [pk for pk, _tier, _date in page.object_list]
            found = self.articles().for_listing().in_bulk(keys)
            page.object_list = articles = [found[key] for key in keys if key in found]
        return paginator, page, articles, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            query=self.query,
            search_form=self.search_form,
            archive_years=Deferred(lambda: archive_years(self.request)),
            **kwargs,
        )
        if self.query:
            context.update(self.ranked_context())
        else:
            # A list page's cards are decided by the content alone: kept as one fragment per
            # list and page (core.fragments), so a page drawn anew reads no rows and renders
            # no cards while the content stays the same. A search's are not kept.
            context["cards_fragment"] = self.count_name()
        return context


class CategoryArticleListView(ArticleListView):
    template_name = "news/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category.objects.all(), slug=self.kwargs["slug"])
        self.subcategories = list(self.category.children.all())
        return super().get(request, *args, **kwargs)

    def articles(self):
        return super().articles().in_category(self.category, self.subcategories)

    def count_name(self) -> str:
        # The sub-categories are part of what the list holds: a new one changes the version.
        return f"category:{self.category.pk}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            category=self.category,
            subcategories=self.subcategories,
            **kwargs,
        )


# --- The dated archive: /tin-tuc/2019/ and /tin-tuc/2019/07/ ------------------------------

# Years the archive answers for (four digits in news/urls.py; 9999 has no "next year").
ARCHIVE_YEARS = range(1900, 9999)


def archive_years(request=None) -> list[int]:
    """The years with public news, newest first: the archive's navigation. One DISTINCT over
    the public articles, kept until the content changes (a write, or the next scheduled
    publication or expiry)."""
    return fragments.remember(
        "news:archive-years",
        lambda: sorted(
            (
                moment.year
                for moment in Article.objects.published().datetimes("published_at", "year")
            ),
            reverse=True,
        ),
        request=request,
    )


@dataclass(frozen=True)
class Crumb:
    """A breadcrumb step for includes/breadcrumb.html (a name and an address)."""

    name: str
    url: str

    def get_absolute_url(self) -> str:
        return self.url


class ArchiveMixin:
    """What the year and month pages share: Django's dated views over the public articles
    (`published()`: not scheduled for later, not expired), newest first, 20 a page like the
    news list, in the site's time zone (a story of 23:30 on 30 June, Hanoi time, is June's).
    A year or month with no news, or no such date, answers 404."""

    page_cache_query = ("page",)  # core.pagecache

    model = Article
    date_field = "published_at"
    # `published()` already leaves out what is not yet public; Django's own test of the
    # time would be a second clock reading in the same query.
    allow_future = True
    allow_empty = False
    ordering = ("-published_at", "-pk")
    paginate_by = ArticleListView.paginate_by
    paginator_class = DeepPaginator
    context_object_name = "articles"
    month_format = "%m"

    def get_queryset(self):
        return Article.objects.published()

    def get_year(self):
        year = super().get_year()
        if int(year) not in ARCHIVE_YEARS:
            raise Http404(_("No news archive for this date."))
        return year

    def paginate_queryset(self, queryset, page_size):
        # The cards' category and photos for the page's rows only.
        return super().paginate_queryset(queryset.for_listing(), page_size)

    def get_paginator(self, queryset, per_page, **kwargs):
        # The count is remembered until the content changes, like the news list's.
        return super().get_paginator(queryset, per_page, count_name=self.count_name(), **kwargs)

    def count_name(self) -> str:
        raise NotImplementedError

    def news_crumb(self) -> Crumb:
        return Crumb(_("News"), reverse("news:article-list"))

    def year_crumb(self, year: int) -> Crumb:
        return Crumb(str(year), reverse("news:archive-year", kwargs={"year": f"{year:04d}"}))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            archive_years=Deferred(lambda: archive_years(self.request)), **kwargs
        )


class ArticleYearArchiveView(ArchiveMixin, YearArchiveView):
    """A year's news, with how many were published in each month (links to the months)."""

    template_name = "news/archive_year.html"
    make_object_list = True

    def count_name(self) -> str:
        return f"archive:{self.get_year()}"

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        """The year's months with their number of articles, in one grouped query (not
        Django's list of months alone)."""
        months = queryset.month_counts()
        if not months:
            raise Http404(_("No news archive for this date."))
        return months

    # The neighbouring years with news, from the archive's years (kept), not two queries.

    def get_next_year(self, date):
        later = [year for year in archive_years(self.request) if year > date.year]
        return datetime.date(min(later), 1, 1) if later else None

    def get_previous_year(self, date):
        earlier = [year for year in archive_years(self.request) if year < date.year]
        return datetime.date(max(earlier), 1, 1) if earlier else None

    def get_context_data(self, **kwargs):
        year = kwargs["year"].year
        return super().get_context_data(parent=self.news_crumb(), current_name=str(year), **kwargs)


class ArticleMonthArchiveView(ArchiveMixin, MonthArchiveView):
    """A month's news, with links to the months before and after that have news."""

    template_name = "news/archive_month.html"

    def count_name(self) -> str:
        return f"archive:{self.get_year()}-{self.get_month()}"

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        return None  # the days are not shown: no query for them

    def get_context_data(self, **kwargs):
        month = kwargs["month"]
        return super().get_context_data(
            parent=self.news_crumb(),
            link=self.year_crumb(month.year),
            current_name=_("Month %(month)s") % {"month": month.month},
            **kwargs,
        )


class ArticleDetailView(DetailView):
    """One article. Not yet public: 404, except for staff who may edit it (a preview)."""

    page_cache_query = ()

    template_name = "news/article_detail.html"
    context_object_name = "article"

    def get_object(self, queryset=None):
        article = get_object_or_404(
            Article.objects.with_is_public()
            .with_images()
            .select_related("category__parent")
            # Its tags (the topics app): its JSON-LD keywords and its page both show them.
            .prefetch_related("tags"),
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
