"""Bench-only URLs: the portal's, plus the ceiling — a bare Django view returning 30 KB of
fixed HTML through the same middleware and server, the most the framework can serve here."""

from django.http import HttpResponse
from django.urls import path

from cchc_portal.urls import urlpatterns as portal_urlpatterns

_HEAD = "<!DOCTYPE html><html lang=vi><head><meta charset=utf-8><title>ceiling</title></head><body>"
_TAIL = "</body></html>"
_FILLER = "<p>Cong thong tin cai cach hanh chinh tinh Lai Chau.</p>" * 600
CEILING_HTML = (_HEAD + _FILLER[: 30 * 1024 - len(_HEAD) - len(_TAIL)] + _TAIL).encode()


def ceiling(request):
    return HttpResponse(CEILING_HTML)


urlpatterns = [path("__bench__/ceiling/", ceiling), *portal_urlpatterns]
