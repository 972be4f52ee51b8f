"""Cache hits never wait behind slow pages: a cap on the uncached pages one server process
renders at once.

gunicorn runs threaded workers (`gthread`, gunicorn.conf.py): each process answers several
requests at a time, so a page-cache hit — a millisecond of work — is answered by a free thread
while other threads render slow pages. Threads alone are not enough: a flood of uncached
requests (searches with new words, a crawler walking filters) takes every thread, and the
threads rendering at once share one interpreter lock, so a hit waits its turn behind each of
them. So an uncached render takes a **slot**: at most `RENDER_SLOTS` (1) per process render at
once; up to `RENDER_SLOT_QUEUE` (8) more wait for one, up to `RENDER_SLOT_WAIT` seconds (10),
holding a thread but using no CPU; beyond that — or after the wait — the 503 page with
`Retry-After` (`core.middleware.outage_response`). gunicorn's threads per process (12) exceed
slots + queue, so some are always free for hits.

Why waiting rather than refusing at once (measured, bench/run.py's flood rows): a client that
floods does so with a fixed number of connections, and each answer brings its next request. A
quick 503 brings the next one at once — hundreds a second, each costing a trip through the
middleware — while a request that waits for a slot keeps that connection quiet. With a short
queue the reader's cached page lost more to the stream of 503s than it gained from the cap.
One slot rather than two: each rendering thread delays every hit in its process (the
interpreter lock), and the processes (one per CPU + 1) already use every CPU. nginx in front
answers a stale copy of the page instead of the 503 when it has one.

This middleware sits right after `core.pagecache.PageCacheMiddleware`, so a hit never reaches
it. It lets through without a slot what must never be refused for load: logged-in staff (a
session holding a login; `pagecache.is_anonymous`) and the admin (`PAGE_CACHE_EXCLUDED_PATHS`,
its login page included). `/healthz` and static files are answered before any of this.

The slots are per process: what the threads share is the process's CPU time (one interpreter
lock) and its database connections (one per thread with `CONN_MAX_AGE`). With
`RENDER_SLOTS=0` there is no cap; with sync workers (one request per process) it never bites.
A streaming response gives its slot back when the view returns, before its body is sent.
"""

import threading

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from core import pagecache
from core.middleware import outage_response


class RenderSlots:
    """`slots` renders at once, at most `queue` more waiting up to `wait` seconds each."""

    def __init__(self, slots: int, queue: int, wait: float):
        self.slots, self.queue, self.wait = slots, queue, wait
        self._free = threading.BoundedSemaphore(slots) if slots > 0 else None
        self._lock = threading.Lock()
        self.waiting = 0

    def acquire(self) -> bool:
        """Take a slot, waiting in the queue when there is room in it; False: none."""
        if self._free is None or self._free.acquire(blocking=False):
            return True
        with self._lock:
            if self.waiting >= self.queue:
                return False
            self.waiting += 1
        try:
            return self._free.acquire(timeout=self.wait)
        finally:
            with self._lock:
                self.waiting -= 1

    def release(self) -> None:
        if self._free is not None:
            self._free.release()


_slots: RenderSlots | None = None
_slots_lock = threading.Lock()


def process_slots() -> RenderSlots:
    """This process's slots, made from the settings on first use."""
    global _slots
    if _slots is None:
        with _slots_lock:
            if _slots is None:
                _slots = RenderSlots(
                    settings.RENDER_SLOTS, settings.RENDER_SLOT_QUEUE, settings.RENDER_SLOT_WAIT
                )
    return _slots


@receiver(setting_changed)
def _settings_changed(setting, **kwargs):
    global _slots
    if setting.startswith("RENDER_SLOT"):
        _slots = None


def needs_slot(request) -> bool:
    """Anonymous requests outside the admin: the ones a flood is made of."""
    if request.path.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PATHS)):
        return False
    return pagecache.is_anonymous(request)


class RenderSlotsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not needs_slot(request):
            return self.get_response(request)
        slots = process_slots()
        if not slots.acquire():
            response = outage_response(retry_after=settings.RENDER_SLOT_RETRY_AFTER)
            # The access log records the 503; a flood must not also flood the error log with
            # "Service Unavailable" lines (Django logs each 5xx it has not been told is logged).
            response._has_been_logged = True
            return response
        try:
            return self.get_response(request)
        finally:
            slots.release()
