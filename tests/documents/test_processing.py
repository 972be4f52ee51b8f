"""PDF text is extracted once and the first pages are rendered once, after the upload commits;
encrypted and broken PDFs are kept and flagged; the command rebuilds what is missing."""

import os

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from documents.models import ArticleAttachment, Document, DocumentFile
from documents.processing import PREVIEW_PAGES, process_stored_file
from tests.documents.factories import (
    DocumentFactory,
    document_file,
    docx_bytes,
    encrypted_pdf_bytes,
    pdf_bytes,
)
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def processed(stored):
    """Run what the commit would run, and return the row as stored."""
    process_stored_file(type(stored), stored.pk)
    return type(stored).objects.get(pk=stored.pk)


def test_processing_waits_for_the_commit(django_capture_on_commit_callbacks):
    document = DocumentFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        stored = document_file(document, pdf_bytes("Ke hoach", pages=2))
    assert len(callbacks) == 1
    assert DocumentFile.objects.get(pk=stored.pk).processed_at is None
    callbacks[0]()
    stored.refresh_from_db()
    assert stored.processed_at is not None
    assert stored.page_count == 2


def test_text_is_extracted_and_joins_the_documents_search_text():
    document = DocumentFactory(number="9/KH-UBND", summary="Kế hoạch")
    stored = processed(document_file(document, pdf_bytes("Dieu tra xa hoi hoc Lai Chau")))
    assert "Dieu tra xa hoi hoc Lai Chau" in stored.extracted_text
    assert stored.page_count == 1
    assert not stored.is_broken and not stored.is_encrypted
    assert "dieu tra xa hoi hoc" in Document.objects.get(pk=document.pk).search_text
    assert list(Document.objects.search("xã hội học")) == [document]


def test_the_first_pages_are_rendered_once_and_reused():
    stored = processed(document_file(DocumentFactory(), pdf_bytes("Trang", pages=5)))
    assert [page["page"] for page in stored.preview_pages] == list(range(1, PREVIEW_PAGES + 1))
    names = [page["name"] for page in stored.preview_pages]
    for page in stored.preview_pages:
        assert default_storage.exists(page["name"])
        assert page["name"].endswith(".webp") and page["width"] == 1000 and page["height"] > 0
    stamps = [os.stat(default_storage.path(name)).st_mtime_ns for name in names]

    assert process_stored_file(DocumentFile, stored.pk) is False  # nothing to do again
    again = DocumentFile.objects.get(pk=stored.pk)
    assert again.preview_pages == stored.preview_pages
    assert [os.stat(default_storage.path(n)).st_mtime_ns for n in names] == stamps

    # Saving the row again (a new label) does not process it again either.
    again.title = "Phụ lục"
    again.save()
    assert DocumentFile.objects.get(pk=stored.pk).processed_at == stored.processed_at


def test_the_command_rebuilds_a_missing_preview_only():
    first = processed(document_file(DocumentFactory(), pdf_bytes("Mot", pages=1)))
    second = processed(document_file(DocumentFactory(), pdf_bytes("Hai", pages=1)))
    kept = first.preview_pages[0]["name"]
    kept_stamp = os.stat(default_storage.path(kept)).st_mtime_ns
    default_storage.delete(second.preview_pages[0]["name"])

    call_command("rebuild_document_previews", verbosity=0)

    assert default_storage.exists(DocumentFile.objects.get(pk=second.pk).preview_pages[0]["name"])
    assert os.stat(default_storage.path(kept)).st_mtime_ns == kept_stamp


def test_an_encrypted_pdf_is_kept_and_flagged():
    stored = processed(document_file(DocumentFactory(), encrypted_pdf_bytes()))
    assert stored.is_encrypted
    assert stored.extracted_text == "" and stored.preview_pages == []
    assert default_storage.exists(stored.file.name)


def test_a_broken_pdf_is_kept_and_flagged():
    broken = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\ngarbage" + b"\x00" * 200
    stored = processed(document_file(DocumentFactory(), broken))
    assert stored.is_broken
    assert stored.preview_pages == []
    assert default_storage.exists(stored.file.name)


def test_other_kinds_are_stored_without_text_or_preview():
    stored = processed(document_file(DocumentFactory(), docx_bytes(), name="bao-cao.docx"))
    assert stored.kind == "docx"
    assert stored.processed_at is not None
    assert stored.preview_pages == [] and not stored.is_broken


def test_article_attachments_get_the_same_preview():
    attachment = ArticleAttachment(
        article=ArticleFactory(), file=document_file.__globals__["upload"]("a.pdf", pdf_bytes())
    )
    attachment.full_clean()
    attachment.save()
    attachment = processed(attachment)
    assert attachment.kind == "pdf"
    assert attachment.file.name.startswith("attachments/")
    assert len(attachment.preview_pages) == 1
