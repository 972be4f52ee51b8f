"""The site's addresses, plus pages with a slow query: for the statement-timeout tests."""

from django.db import connection
from django.http import HttpResponse
from django.urls import include, path

from core.pagecache import query_params


@query_params("giay")
def slow(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(%s)", [float(request.GET.get("giay", "1"))])
    return HttpResponse("xong")


@query_params()
def statement_timeout(request):
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        return HttpResponse(cursor.fetchone()[0])


urlpatterns = [
    path("quan-tri/cham/", slow),
    path("cham/", slow),
    path("gioi-han/", statement_timeout),
    path("", include("cchc_portal.urls")),
]
