from django.urls import path

from . import feeds, views

app_name = "news"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("tin-tuc/", views.ArticleListView.as_view(), name="article-list"),
    path("tin-tuc/rss/", feeds.LatestArticlesFeed(), name="feed"),
    path("tin-tuc/atom/", feeds.LatestArticlesAtomFeed(), name="feed-atom"),
    path("tin-tuc/<slug:slug>/", views.ArticleDetailView.as_view(), name="article"),
    path("chuyen-muc/<slug:slug>/", views.CategoryArticleListView.as_view(), name="category"),
    path("chuyen-muc/<slug:slug>/rss/", feeds.CategoryFeed(), name="category-feed"),
    path("chuyen-muc/<slug:slug>/atom/", feeds.CategoryAtomFeed(), name="category-feed-atom"),
]
