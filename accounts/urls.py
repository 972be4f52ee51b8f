from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("xac-thuc-hai-buoc/", views.two_factor_setup, name="two-factor"),
]
