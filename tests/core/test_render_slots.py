"""core.render_slots: a cap on the uncached pages one process renders at once. Pages that hold
a slot are real requests blocked inside their view (in other threads), so the cap is seen
through the client: the excess waits or answers 503, and hits, staff and the admin pass."""

import runpy
import threading
import time
from pathlib import Path

import pytest
from django.test import Client

from core import render_slots
from tests.core import render_slots_urls
from tests.factories import StaffFactory

pytestmark = pytest.mark.urls("tests.core.render_slots_urls")


@pytest.fixture
def slots(settings):
    """One slot per process, no queue; the test changes the rest. The page cache is off (it
    asks the database, which the pages' threads see only in a transactional test)."""
    settings.RENDER_SLOTS = 1
    settings.RENDER_SLOT_QUEUE = 0
    settings.RENDER_SLOT_WAIT = 30
    settings.RENDER_SLOT_RETRY_AFTER = 7
    settings.PAGE_CACHE_ENABLED = False
    render_slots_urls.finish.clear()
    yield settings
    render_slots_urls.finish.set()


class Blocked:
    """A slow page rendering in another thread, holding its slot until `finish()`."""

    def __init__(self, path="/__test__/slow/"):
        self.response = None
        self.thread = threading.Thread(target=self._get, args=(path,), daemon=True)
        self.thread.start()

    def _get(self, path):
        self.response = Client().get(path)

    def wait_until_rendering(self):
        assert render_slots_urls.entered.acquire(timeout=10), "the slow page never started"

    def finish(self):
        render_slots_urls.finish.set()
        self.thread.join(timeout=10)
        assert not self.thread.is_alive()
        return self.response


def test_a_miss_beyond_the_slots_and_queue_answers_503_at_once(slots, caplog):
    blocked = Blocked()
    blocked.wait_until_rendering()
    started = time.monotonic()
    with caplog.at_level("WARNING", logger="django.request"):
        response = Client().get("/__test__/quick/1/")
    waited = time.monotonic() - started
    # A flood of refusals must not write one error line each (the access log has them).
    assert not caplog.records

    assert response.status_code == 503
    assert response["Retry-After"] == "7"
    assert response["Cache-Control"] == "no-store"
    assert "503" in response.content.decode()
    # No queue: answered without waiting the 30 seconds a queued request may wait.
    assert waited < 10
    assert blocked.finish().status_code == 200
    # The slot is free again.
    assert Client().get("/__test__/quick/1/").status_code == 200


def test_a_miss_in_the_queue_waits_for_the_slot_and_is_rendered(slots):
    slots.RENDER_SLOT_QUEUE = 1
    blocked = Blocked()
    blocked.wait_until_rendering()
    waiting = {}
    thread = threading.Thread(
        target=lambda: waiting.update(response=Client().get("/__test__/quick/2/")), daemon=True
    )
    thread.start()
    deadline = time.monotonic() + 10
    while render_slots.process_slots().waiting == 0:
        assert time.monotonic() < deadline, "the second request never queued"
        time.sleep(0.01)
    # The queue is full: a third one is refused.
    assert Client().get("/__test__/quick/3/").status_code == 503
    assert "response" not in waiting

    blocked.finish()
    thread.join(timeout=10)
    assert waiting["response"].status_code == 200
    assert waiting["response"].content == b"quick 2"


def test_a_queued_miss_gives_up_after_the_wait(slots):
    slots.RENDER_SLOT_QUEUE = 1
    slots.RENDER_SLOT_WAIT = 0.2
    blocked = Blocked()
    blocked.wait_until_rendering()
    response = Client().get("/__test__/quick/4/")
    assert response.status_code == 503
    assert response["Retry-After"] == "7"
    blocked.finish()


@pytest.mark.django_db(transaction=True)
def test_cache_hits_never_take_a_slot(slots):
    slots.PAGE_CACHE_ENABLED = True
    assert Client().get("/__test__/quick/5/")["X-Page-Cache"] == "miss"
    blocked = Blocked()
    blocked.wait_until_rendering()

    response = Client().get("/__test__/quick/5/")
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"
    assert Client().get("/__test__/quick/6/").status_code == 503
    blocked.finish()


@pytest.mark.django_db
def test_staff_and_the_admin_never_wait_for_a_slot(slots):
    blocked = Blocked()
    blocked.wait_until_rendering()

    staff = Client()
    staff.force_login(StaffFactory())
    assert staff.get("/__test__/quick/7/").status_code == 200
    # The admin's login page, for a visitor not logged in yet.
    assert Client().get("/quan-tri/login/").status_code == 200
    assert Client().get("/__test__/quick/7/").status_code == 503
    blocked.finish()


def test_a_page_that_fails_gives_its_slot_back(slots):
    client = Client(raise_request_exception=False)
    assert client.get("/__test__/fails/").status_code == 500
    # One slot: had the failure kept it, this would be refused.
    assert Client().get("/__test__/quick/8/").status_code == 200


def test_no_cap_when_render_slots_is_zero(slots):
    slots.RENDER_SLOTS = 0
    blocked = Blocked()
    blocked.wait_until_rendering()
    assert Client().get("/__test__/quick/9/").status_code == 200
    blocked.finish()


def test_the_slot_is_given_back_when_the_inner_handler_raises(slots, rf):
    """Django turns a view's exception into a response inside, but an exception that escapes
    the inner middleware (a bug, a client disconnect) must not keep the slot either."""

    def raises(request):
        raise ConnectionResetError

    middleware = render_slots.RenderSlotsMiddleware(raises)
    for _attempt in range(3):
        with pytest.raises(ConnectionResetError):
            middleware(rf.get("/"))
    assert render_slots.process_slots().acquire()


def test_render_slots_count_holders_and_waiters():
    slots = render_slots.RenderSlots(2, queue=1, wait=0.05)
    assert slots.acquire() and slots.acquire()
    assert not slots.acquire()  # waited 0.05 s in the queue, then gave up
    assert slots.waiting == 0
    slots.release()
    assert slots.acquire()


def test_gunicorn_leaves_threads_free_for_hits_beyond_the_slots_and_their_queue(
    settings, monkeypatch
):
    for name in ("GUNICORN_THREADS", "WEB_CONCURRENCY", "PYTHON_SWITCH_INTERVAL"):
        monkeypatch.delenv(name, raising=False)
    config = runpy.run_path(str(Path(settings.BASE_DIR) / "gunicorn.conf.py"))
    assert config["worker_class"] == "gthread"
    assert config["threads"] >= settings.RENDER_SLOTS + settings.RENDER_SLOT_QUEUE + 2
