from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("", views.DocumentListView.as_view(), name="list"),
    path("rss/", views.LatestDocumentsFeed(), name="feed"),
    path("danh-sach.csv", views.register_csv, name="csv"),
    path("danh-sach.json", views.register_json, name="json"),
    path("tep/<int:pk>/", views.download, name="download"),
    path("tep-dinh-kem/<int:pk>/", views.attachment_download, name="attachment"),
    path("<slug:slug>/", views.DocumentDetailView.as_view(), name="detail"),
]
