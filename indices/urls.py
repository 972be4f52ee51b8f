from django.urls import path, register_converter

from . import views


class DataFormatConverter:
    """The open-data formats: `.csv` and `.json`."""

    regex = "csv|json"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(DataFormatConverter, "fmt")
register_converter(YearConverter, "year")

app_name = "indices"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("tong-hop.<fmt:fmt>", views.overview_data, name="overview-data"),
    path("muc-tieu.<fmt:fmt>", views.targets_data, name="targets-data"),
    path("xep-hang/", views.ranking_latest, name="ranking-latest"),
    path("xep-hang/<year:year>/", views.ranking, name="ranking"),
    path(
        "xep-hang/<year:year>/<slug:kind_slug>.<fmt:fmt>",
        views.ranking_data,
        name="ranking-data",
    ),
    path("so-sanh/", views.compare, name="compare"),
    path("don-vi/<slug:slug>/", views.unit_detail, name="unit-detail"),
    path("don-vi/<slug:slug>/du-lieu.<fmt:fmt>", views.unit_data, name="unit-data"),
    path("<slug:slug>/", views.index_detail, name="index-detail"),
    path(
        "<slug:slug>/thanh-phan/<slug:component_slug>/",
        views.component_detail,
        name="component-detail",
    ),
    path(
        "<slug:slug>/thanh-phan/<slug:component_slug>/du-lieu.<fmt:fmt>",
        views.component_data,
        name="component-data",
    ),
    path("<slug:slug>/du-lieu.<fmt:fmt>", views.index_data, name="index-data"),
    path(
        "<slug:slug>/<year:year>/thanh-phan.<fmt:fmt>",
        views.components_data,
        name="components-data",
    ),
]
