from django.urls import path

from . import feeds, views

app_name = "topics"

urlpatterns = [
    path("dong-su-kien/", views.TopicListView.as_view(), name="index"),
    path("dong-su-kien/<slug:slug>/", views.TopicDetailView.as_view(), name="topic"),
    path("dong-su-kien/<slug:slug>/rss/", feeds.TopicFeed(), name="topic-feed"),
    path("dong-su-kien/<slug:slug>/atom/", feeds.TopicAtomFeed(), name="topic-feed-atom"),
    path("the/<slug:slug>/", views.TagDetailView.as_view(), name="tag"),
]
