"""A visitor opens a document and reads its first page in the browser: the preview loads."""

import pytest

from documents.processing import process_stored_file
from tests.documents.factories import DocumentFactory, document_file, pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_document_page_shows_its_first_page_as_an_image(page, live_server):
    document = DocumentFactory(number="15/KH-UBND", summary="Kế hoạch cải cách hành chính năm 2019")
    stored = document_file(document, pdf_bytes("Ke hoach cai cach hanh chinh nam 2019", pages=2))
    process_stored_file(type(stored), stored.pk)
    requested, errors = [], []
    page.on("request", lambda request: requested.append(request.url))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))

    page.goto(live_server.url + "/van-ban/?q=ke+hoach+cai+cach+2019")
    page.get_by_role("link", name="15/KH-UBND").click()
    page.wait_for_load_state("networkidle")

    first = page.locator(".document-preview img").first
    first.scroll_into_view_if_needed()
    assert first.evaluate("img => img.complete && img.naturalWidth") > 0
    assert page.locator("h1").inner_text() == "Quyết định 15/KH-UBND"
    assert page.get_by_role("link", name="Tải về: van-ban.pdf").get_attribute("href") == (
        stored.get_download_url()
    )
    # Nothing is sent off-site: every resource comes from the portal.
    assert all(url.startswith(live_server.url) for url in requested), requested
    assert errors == []
