"""Content types that joined the page cache after it was built: the footer's agency links, the
English page, the legal documents, and the "most read" counts written in batches."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from core.models import AgencyLink, EnglishPage, SiteSettings
from core.pagecache import HEADER
from documents.models import Document
from news.viewcounts import flush_view_counts
from tests.core.test_pagecache_invalidation import cached, fresh
from tests.documents.factories import DocumentFactory
from tests.factories import ArticleFactory
from tests.news.test_view_counts import BROWSER

pytestmark = pytest.mark.django_db

HOME = "/"
REGISTER = "/van-ban/"


@pytest.fixture(autouse=True)
def _site_settings_exist():
    SiteSettings.load()
    EnglishPage.load()


def test_agency_link_added_and_renamed(client):
    assert "Cổng Dịch vụ công quốc gia" not in cached(client, HOME)
    link = AgencyLink.objects.create(
        name="Cổng Dịch vụ công quốc gia", url="https://dichvucong.gov.vn/", order=1
    )
    assert "Cổng Dịch vụ công quốc gia" in fresh(client, HOME)
    cached(client, HOME)
    link.name = "Cổng DVC quốc gia"
    link.save()
    assert "Cổng DVC quốc gia" in fresh(client, HOME)


def test_english_page_edited(client):
    assert "Department of Home Affairs of Lai Chau" not in cached(client, "/en/")
    page = EnglishPage.load()
    page.introduction = "<p>Department of Home Affairs of Lai Chau</p>"
    page.save()
    assert "Department of Home Affairs of Lai Chau" in fresh(client, "/en/")


def test_document_published_and_edited(client):
    DocumentFactory(summary="Kế hoạch đã có")
    assert "Kế hoạch kiểm tra công vụ" not in cached(client, REGISTER)
    document = DocumentFactory(summary="Kế hoạch kiểm tra công vụ")
    assert "Kế hoạch kiểm tra công vụ" in fresh(client, REGISTER)
    cached(client, REGISTER)
    document.status = Document.Status.DRAFT
    document.save()
    assert "Kế hoạch kiểm tra công vụ" not in fresh(client, REGISTER)


def test_document_validity_changes_at_midnight_with_no_write(client, settings, time_machine):
    settings.PAGE_CACHE_SECONDS = 7 * 24 * 3600  # only the coming effective date may end it
    now = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)
    time_machine.move_to(now, tick=False)
    tomorrow = timezone.localdate() + timedelta(days=1)
    document = DocumentFactory(issued_on=date(2019, 1, 1), effective_on=tomorrow)
    url = document.get_absolute_url()
    assert "Chưa có hiệu lực" in cached(client, url)

    time_machine.shift(timedelta(hours=11, minutes=59))
    assert client.get(url)[HEADER] == "hit"  # still cached just before midnight

    time_machine.shift(timedelta(minutes=2))
    page = fresh(client, url)
    assert "Chưa có hiệu lực" not in page
    assert "Còn hiệu lực" in page


def test_next_validity_change_is_the_nearest_future_date_of_a_published_document():
    today = date(2030, 5, 10)
    DocumentFactory(issued_on=date(2030, 1, 1), expires_on=date(2030, 6, 1))
    DocumentFactory(issued_on=date(2030, 1, 1), effective_on=date(2030, 5, 20))
    DocumentFactory(issued_on=date(2030, 5, 12), status=Document.Status.DRAFT)
    moment = Document.objects.next_validity_change(today=today)
    assert timezone.localtime(moment).date() == date(2030, 5, 20)
    assert timezone.localtime(moment).hour == 0
    assert Document.objects.next_validity_change(today=date(2030, 7, 1)) is None


def test_view_counts_flushed_change_the_most_read_lists(client, settings):
    settings.VIEW_COUNT_FLUSH_VIEWS = 1000
    settings.VIEW_COUNT_FLUSH_SECONDS = 3600
    article = ArticleFactory(title="Tin được đọc nhiều nhất")
    assert 'id="most-read-title"' not in cached(client, HOME)  # nothing read yet
    client.get(article.get_absolute_url(), headers={"user-agent": BROWSER})
    assert client.get(HOME)[HEADER] == "hit"  # a read alone writes nothing
    assert flush_view_counts() == 1
    assert 'id="most-read-title"' in fresh(client, HOME)
