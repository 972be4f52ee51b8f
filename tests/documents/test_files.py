"""Files are accepted by their content, never by their names; refused files write nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse

from documents.files import check_document_file, detect_kind
from documents.models import Document, DocumentFile
from tests.admin_forms import inline_management
from tests.documents.factories import (
    DocumentTypeFactory,
    IssuerFactory,
    docx_bytes,
    odf_bytes,
    ole_bytes,
    pdf_bytes,
    upload,
    xlsx_bytes,
    zip_bytes,
)


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (pdf_bytes(), "pdf"),
        (docx_bytes(), "docx"),
        (xlsx_bytes(), "xlsx"),
        (odf_bytes("text"), "odt"),
        (odf_bytes("spreadsheet"), "ods"),
        (ole_bytes("WordDocument"), "doc"),
        (ole_bytes("Workbook"), "xls"),
    ],
)
def test_each_accepted_kind_is_recognised_by_its_content(content, kind):
    # The name says something else on purpose: only the bytes count.
    assert check_document_file(upload("tep.txt", content)) == kind


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty"),
        (b"<html><script>alert(1)</script></html>", "wrong_type"),
        (zip_bytes({"word/document.xml": b"x"}), "wrong_type"),  # no [Content_Types].xml
        (zip_bytes({"mimetype": b"application/epub+zip"}), "wrong_type"),
        (b"PK\x03\x04 not a zip at all", "wrong_type"),
        (ole_bytes("PowerPoint Document"), "wrong_type"),
        (b"\x89PNG\r\n\x1a\n" + b"0" * 100, "wrong_type"),
    ],
)
def test_other_content_is_refused_whatever_the_name(content, code):
    with pytest.raises(ValidationError) as error:
        check_document_file(upload("quyet-dinh.pdf", content))
    assert error.value.code == code


def test_an_oversize_file_is_refused_with_the_limit(settings):
    settings.DOCUMENT_UPLOAD_MAX_BYTES = 1000
    with pytest.raises(ValidationError) as error:
        check_document_file(upload("lon.pdf", pdf_bytes("x" * 50, pages=3)))
    assert error.value.code == "too_large"
    assert "1000" in error.value.messages[0]


def test_detect_kind_never_trusts_a_pdf_header_late_in_the_file():
    assert detect_kind(b"<html>%PDF-1.4") is None


# Through the admin: a refused file gives a clear message and nothing is written.


def add_form(file, **overrides):
    data = {
        "number": "77/QĐ-UBND",
        "summary": "Quyết định thử nghiệm",
        "doc_type": str(DocumentTypeFactory().pk),
        "issuer": str(IssuerFactory().pk),
        "signer": "",
        "issued_on": "01/06/2019",
        "effective_on": "",
        "expires_on": "",
        "is_sample": "",
        **inline_management("files", 1),
        "files-0-file": file,
        "files-0-title": "",
        "files-0-order": "0",
    }
    data.update(overrides)
    return data


def stored_names():
    if not default_storage.exists("documents"):
        return []
    found, folders = [], ["documents"]
    while folders:
        folder = folders.pop()
        subfolders, files = default_storage.listdir(folder)
        folders += [f"{folder}/{name}" for name in subfolders]
        found += [f"{folder}/{name}" for name in files]
    return found


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("trang.pdf", b"<!DOCTYPE html><html><body>hi</body></html>", "không phải"),
        ("rong.pdf", b"", None),
        ("lon.pdf", pdf_bytes("x" * 60, pages=10), "quá lớn"),
    ],
)
def test_the_admin_refuses_the_file_and_writes_nothing(
    client, publisher, settings, name, content, message
):
    settings.DOCUMENT_UPLOAD_MAX_BYTES = 1500
    before = stored_names()
    client.force_login(publisher)
    response = client.post(reverse("admin:documents_document_add"), add_form(upload(name, content)))
    assert response.status_code == 200  # the form again, with the error
    assert response.context["errors"]
    if message:
        assert message in response.content.decode()
    assert not Document.objects.exists()
    assert not DocumentFile.objects.exists()
    assert stored_names() == before


@pytest.mark.django_db
def test_the_admin_stores_a_pdf_under_a_generated_name(client, publisher):
    before = set(stored_names())
    client.force_login(publisher)
    response = client.post(
        reverse("admin:documents_document_add"),
        add_form(upload("Quyết định số 77 (bản ký).pdf", pdf_bytes("77/QD-UBND"))),
    )
    assert response.status_code == 302
    stored = DocumentFile.objects.get()
    assert stored.kind == "pdf"
    assert stored.original_name == "Quyết định số 77 (bản ký).pdf"
    assert stored.size > 0
    assert stored.file.name.startswith("documents/")
    assert stored.file.name.endswith(".pdf")
    assert "77" not in stored.file.name.rsplit("/", 1)[1]
    assert set(stored_names()) - before == {stored.file.name}


@pytest.mark.django_db
def test_the_article_admin_checks_attachments_the_same_way(client, editor):
    from news.models import Article
    from tests.admin_forms import article_form
    from tests.factories import CategoryFactory

    client.force_login(editor)
    data = article_form(CategoryFactory())
    data.update(inline_management("attachments", 1))
    data.update({"attachments-0-file": upload("bao-cao.xlsx", b"<html></html>")})
    data["attachments-0-order"] = "0"
    response = client.post(reverse("admin:news_article_add"), data)
    assert response.status_code == 200
    assert "không phải" in response.content.decode()
    assert not Article.objects.exists()

    data["attachments-0-file"] = upload("bao-cao.xlsx", xlsx_bytes())
    assert client.post(reverse("admin:news_article_add"), data).status_code == 302
    attachment = Article.objects.get().attachments.get()
    assert attachment.kind == "xlsx" and attachment.file.name.startswith("attachments/")
