"""Participation joins the shared mechanisms: the page cache, the sitemap, the demo."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from core.models import SiteSettings
from core.pagecache import HEADER
from participation.models import Draft, Submission
from tests.core.test_pagecache_invalidation import cached, fresh

from .factories import AnsweredFactory, DraftFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site_settings_exist():
    SiteSettings.load()


def test_lists_and_answers_are_cached_and_refreshed_on_publication(client, handler):
    AnsweredFactory(text="Câu hỏi đã có")
    assert "Câu hỏi về hộ tịch" not in cached(client, "/hoi-dap/")
    submission = AnsweredFactory(text="Câu hỏi về hộ tịch", status="answered", published_at=None)
    assert "Câu hỏi về hộ tịch" not in fresh(client, "/hoi-dap/")
    cached(client, "/hoi-dap/")
    Submission.workflow.move(submission, "publish", actor=handler)
    assert "Câu hỏi về hộ tịch" in fresh(client, "/hoi-dap/")
    assert "Câu hỏi về hộ tịch" in cached(client, submission.get_absolute_url())


@pytest.mark.parametrize(
    "url", ["/hoi-dap/gui-cau-hoi/", "/hoi-dap/phan-anh-kien-nghi/", "/tra-cuu/"]
)
def test_form_pages_are_never_cached(client, url):
    for _ in range(3):
        response = client.get(url)
        assert response.status_code == 200
        assert response.get(HEADER) != "hit"
        assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
        assert 'name="csrfmiddlewaretoken"' in response.content.decode()


def test_no_cached_draft_page_outlives_its_closing(client, settings, time_machine):
    settings.PAGE_CACHE_SECONDS = 7 * 24 * 3600
    now = timezone.now().replace(microsecond=0)
    time_machine.move_to(now, tick=False)
    draft = DraftFactory(opens_at=now - timedelta(days=1), closes_at=now + timedelta(hours=2))
    assert "Gửi góp ý" in cached(client, draft.get_absolute_url())
    time_machine.shift(timedelta(hours=1, minutes=59))
    assert client.get(draft.get_absolute_url())[HEADER] == "hit"
    time_machine.shift(timedelta(minutes=2))
    page = fresh(client, draft.get_absolute_url())
    assert "Gửi góp ý" not in page and "Đã hết thời gian lấy ý kiến" in page
    assert Draft.objects.next_change() is None


def test_the_sitemap_lists_published_answers_and_drafts(client):
    shown = AnsweredFactory()
    hidden = AnsweredFactory(status="answered", published_at=None)
    draft = DraftFactory()
    xml = client.get("/sitemap.xml").content.decode()
    assert shown.get_absolute_url() in xml and draft.get_absolute_url() in xml
    assert hidden.get_absolute_url() not in xml


def test_the_demo_loads_idempotently_without_personal_data(client):
    call_command("load_demo", verbosity=0)
    first = list(Submission.objects.order_by("pk").values())
    call_command("load_demo", verbosity=0)
    assert list(Submission.objects.order_by("pk").values()) == first
    assert Submission.objects.answers().count() == 3
    assert not Submission.objects.exclude(name="", email="", phone="").exists()
    assert Draft.objects.count() == 1
    html = client.get("/hoi-dap/", {"q": "SIPAS"}).content.decode()
    assert (
        "74,95"
        in client.get(Submission.objects.get(code="DEM2QA0002").get_absolute_url()).content.decode()
    )
    assert "SIPAS" in html
    assert client.get("/gop-y-du-thao/").status_code == 200
