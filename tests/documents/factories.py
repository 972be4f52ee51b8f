"""Factories and file builders for the documents tests."""

import io
import zipfile
from datetime import date

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.models import Document, DocumentFile, DocumentType, Field, Issuer
from documents.pdfgen import make_pdf


class DocumentTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentType
        django_get_or_create = ["name"]

    name = "Quyết định"


class IssuerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issuer
        django_get_or_create = ["name"]

    name = "UBND tỉnh Lai Châu"


class FieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Field
        django_get_or_create = ["name"]

    name = "Cải cách hành chính"


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document
        skip_postgeneration_save = True

    number = factory.Sequence(lambda n: f"{100 + n}/QĐ-UBND")
    summary = factory.Sequence(lambda n: f"Quyết định về việc công bố kết quả số {n}")
    doc_type = factory.SubFactory(DocumentTypeFactory)
    issuer = factory.SubFactory(IssuerFactory)
    signer = "Chủ tịch UBND tỉnh"
    issued_on = date(2019, 6, 1)
    status = Document.Status.PUBLISHED


def pdf_bytes(*lines: str, pages: int = 1) -> bytes:
    lines = lines or ("Van ban thu nghiem",)
    return make_pdf([list(lines) for _ in range(pages)])


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    return zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


def xlsx_bytes() -> bytes:
    return zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})


def odf_bytes(kind: str) -> bytes:
    mimetype = f"application/vnd.oasis.opendocument.{kind}".encode()
    return zip_bytes({"mimetype": mimetype, "content.xml": b"<office:document-content/>"})


def ole_bytes(stream: str) -> bytes:
    """An OLE compound file header followed by a directory entry naming `stream`."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    return header + stream.encode("utf-16-le") + b"\x00\x00" + b"\x00" * 64


def encrypted_pdf_bytes() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes("Bi mat"))))
    writer.encrypt(user_password="mat-khau", owner_password="chu-so-huu", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def document_file(document, content: bytes | None = None, name: str = "van-ban.pdf", **kwargs):
    """A DocumentFile saved through the model, as the admin saves one."""
    stored = DocumentFile(
        document=document, file=upload(name, content or pdf_bytes(document.number)), **kwargs
    )
    stored.full_clean()
    stored.save()
    return stored
