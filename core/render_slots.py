"""Cache hits never wait behind slow pages: a cap on the uncached pages one server process
renders at once.

gunicorn runs threaded workers (`gthread`, gunicorn.conf.py): each process answers several
requests at a time, so a page-cache hit — a millisecond of work — is answered by a free thread
while other threads render slow pages. Threads alone would not be enough: a flood of uncached
requests (searches with new words, a crawler walking filters) would take every thread, and the
hits would queue behind them as they did behind the sync workers. So uncached renders take a
**slot**: at most `RENDER_SLOTS` per process render at once, at most `RENDER_SLOT_QUEUE` more
wait (up to `RENDER_SLOT_WAIT` seconds) for one, and any request beyond that is answered at
once with the 503 page and `Retry-After` (`core.middleware.outage_response`). With
`threads > RENDER_SLOTS + RENDER_SLOT_QUEUE` some threads are always left for hits. A
person's request that meets a busy moment waits a little rather than failing; a flood is
shed; nginx in front answers a stale copy of the page instead of the 503 when it has one
(`proxy_cache_use_stale http_503`).

This middleware sits right after `core.pagecache.PageCacheMiddleware`, so a hit never reaches
it. It lets through without a slot what must never be refused for load: logged-in staff (a
session holding a login; `pagecache.is_anonymous`) and the admin (`PAGE_CACHE_EXCLUDED_PATHS`,
its login page included). `/healthz` and static files are answered before any of this.

The slots are per process — a process is what the threads share: its CPU time (the GIL) and
its database connections (one per thread with `CONN_MAX_AGE`). With `RENDER_SLOTS=0` there is
no cap (and with sync workers, one request per process, the cap never bites). A streaming
response gives its slot back when the view returns, before its body is sent.
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
            # The access log records the 503; a flood must not also flood the error log.
            return outage_response(retry_after=settings.RENDER_SLOT_RETRY_AFTER)
        try:
            return self.get_response(request)
        finally:
            slots.release()
