"""The portal's URLs plus three views for tests/core/test_render_slots.py: one that renders
until the test lets it finish, one that fails, one that answers at once."""

import threading

from django.http import HttpResponse
from django.urls import path

from cchc_portal.urls import urlpatterns as portal_urlpatterns

# Set by the test to let the slow views finish; `entered` tells that one holds its slot.
finish = threading.Event()
entered = threading.Semaphore(0)


def slow(request):
    entered.release()
    finish.wait(timeout=30)
    return HttpResponse("slow")


def fails(request):
    raise RuntimeError("a page that fails to render")


def quick(request, number):
    return HttpResponse(f"quick {number}")


urlpatterns = [
    path("__test__/slow/", slow),
    path("__test__/fails/", fails),
    path("__test__/quick/<int:number>/", quick),
    *portal_urlpatterns,
]
