from django.urls import path

from . import views

app_name = "about"

urlpatterns = [
    path("", views.index, name="index"),
    path("don-vi/<slug:slug>/", views.unit_detail, name="unit"),
]
