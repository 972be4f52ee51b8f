from django.urls import path

from . import views

app_name = "participation"

urlpatterns = [
    path("hoi-dap/", views.qa_list, name="qa-list"),
    path("hoi-dap/<int:pk>/", views.qa_detail, name="qa-detail"),
    path("hoi-dap/gui-cau-hoi/", views.ask, name="ask"),
    path("hoi-dap/phan-anh-kien-nghi/", views.feedback, name="feedback"),
    path("hoi-dap/da-nhan/", views.received, name="received"),
    path("tra-cuu/", views.lookup, name="lookup"),
    path("gop-y-du-thao/", views.draft_list, name="draft-list"),
    path("gop-y-du-thao/<slug:slug>/", views.draft_detail, name="draft-detail"),
    path("gop-y-du-thao/<slug:slug>/gop-y/", views.draft_comment, name="draft-comment"),
]
