from django.urls import path, re_path

from . import feeds, views

app_name = "news"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("tin-tuc/", views.ArticleListView.as_view(), name="article-list"),
    path("tin-tuc/rss/", feeds.LatestArticlesFeed(), name="feed"),
    path("tin-tuc/atom/", feeds.LatestArticlesAtomFeed(), name="feed-atom"),
    # Before the articles: no slug is four digits (news.models.is_reserved_slug).
    re_path(
        r"^tin-tuc/(?P<year>[0-9]{4})/$",
        views.ArticleYearArchiveView.as_view(),
        name="archive-year",
    ),
    re_path(
        r"^tin-tuc/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$",
        views.ArticleMonthArchiveView.as_view(),
        name="archive-month",
    ),
    path("tin-tuc/<slug:slug>/", views.ArticleDetailView.as_view(), name="article"),
    path("chuyen-muc/<slug:slug>/", views.CategoryArticleListView.as_view(), name="category"),
    path("chuyen-muc/<slug:slug>/rss/", feeds.CategoryFeed(), name="category-feed"),
    path("chuyen-muc/<slug:slug>/atom/", feeds.CategoryAtomFeed(), name="category-feed-atom"),
]
