"""Legal documents join the site search (documents/search.py): by number, abstract and the
text of their files, published ones only, with their kind and date of issue."""

from datetime import date

import pytest
from django.urls import reverse

from documents.models import Document
from documents.processing import process_stored_file
from tests.documents.factories import DocumentFactory, document_file, pdf_bytes
from tests.factories import CategoryFactory
from tests.html_tools import parse

pytestmark = pytest.mark.django_db
URL = "/tim-kiem/"


def hits(response) -> list[tuple[str, str, str]]:
    return [
        (
            hit.find("p", class_="search-hit__kind").text(),
            hit.find("h2").text(),
            hit.find("p", class_="search-hit__meta").text(),
        )
        for hit in parse(response.content).find_all("li", class_="search-hit")
    ]


def test_published_documents_are_found_by_number_abstract_and_file_text(client):
    document = DocumentFactory(
        number="1234/QĐ-UBND",
        summary="Quyết định ban hành Kế hoạch cải cách hành chính",
        issued_on=date(2023, 1, 9),
    )
    DocumentFactory(number="99/KH-UBND", summary="Kế hoạch cải cách nháp", status="draft")
    stored = document_file(document, pdf_bytes("Dieu tra xa hoi hoc Lai Chau"))
    process_stored_file(type(stored), stored.pk)  # what the upload's commit runs

    for query in ["1234 qđ ubnd", "1234/QD-UBND", "ke hoach cai cach", "xã hội học"]:
        response = client.get(URL, {"q": query})
        assert hits(response) == [("Văn bản", str(document), "09/01/2023")], query

    by_year = client.get(URL, {"q": "ke hoach", "nam": "2023"})
    assert [title for _, title, _ in hits(by_year)] == [str(document)]
    assert Document.objects.get(pk=document.pk).search_body.startswith(" 1234 qd ubnd ")


def test_a_category_filter_leaves_documents_out(client):
    DocumentFactory(summary="Kế hoạch kiểm tra")
    CategoryFactory(slug="tin-tuc")
    assert len(hits(client.get(URL, {"q": "kiem tra"}))) == 1
    response = client.get(reverse("search:results"), {"q": "kiem tra", "chuyen_muc": "tin-tuc"})
    assert hits(response) == []
