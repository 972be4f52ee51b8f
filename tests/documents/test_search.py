"""Accent-insensitive search over documents: core.text.fold, the folded search text kept on
save, and what the site search will index (`searchable_text`)."""

import unicodedata

import pytest

from core.text import fold
from documents.models import Document
from tests.documents.factories import DocumentFactory, IssuerFactory


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Kế hoạch CẢI CÁCH hành chính", "ke hoach cai cach hanh chinh"),
        ("Đề án ĐIỆN BIÊN", "de an dien bien"),
        ("Số 1234/QĐ-UBND", "so 1234/qd-ubnd"),
        ("  nhiều \t khoảng \n trắng ", "nhieu khoang trang"),
        ("", ""),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded
    assert fold(unicodedata.normalize("NFD", text)) == folded


@pytest.mark.django_db
class TestDocumentSearch:
    def test_the_search_text_is_folded_and_kept_on_save(self):
        document = DocumentFactory(
            number="1234/QĐ-UBND",
            summary="Kế hoạch đo lường sự hài lòng",
            issuer=IssuerFactory(name="Sở Nội vụ"),
        )
        assert "1234/qd-ubnd" in document.search_text
        assert "1234 qd-ubnd" in document.search_text
        assert "ke hoach do luong su hai long" in document.search_text
        assert "so noi vu" in document.search_text
        document.summary = "Quyết định điều chỉnh"
        document.save()
        assert "quyet dinh dieu chinh" in Document.objects.get(pk=document.pk).search_text

    def test_searchable_text_for_the_site_search(self):
        document = DocumentFactory(number="1234/QĐ-UBND", summary="Kế hoạch năm 2019")
        text = document.searchable_text()
        assert "1234/QĐ-UBND" in text and "1234 QĐ-UBND" in text and "Kế hoạch năm 2019" in text

    def test_every_word_must_match(self):
        both = DocumentFactory(summary="Kế hoạch cải cách hành chính năm 2019")
        DocumentFactory(summary="Kế hoạch chuyển đổi số năm 2019")
        assert list(Document.objects.search("ke hoach cai cach 2019")) == [both]
        assert list(Document.objects.search("   ")) == list(Document.objects.all())

    def test_like_wildcards_and_nul_are_plain_characters(self):
        DocumentFactory(summary="Kế hoạch")
        assert not Document.objects.search("%").exists()
        assert not Document.objects.search("_").exists()
        assert Document.objects.search("ke\x00 hoach").count() == 1
