"""Checking uploaded document files by their content, never by their names."""

import io
import uuid
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# kind -> (label, MIME type sent with downloads)
KINDS = {
    "pdf": (gettext_lazy("PDF"), "application/pdf"),
    "doc": (gettext_lazy("Word (DOC)"), "application/msword"),
    "docx": (
        gettext_lazy("Word (DOCX)"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xls": (gettext_lazy("Excel (XLS)"), "application/vnd.ms-excel"),
    "xlsx": (
        gettext_lazy("Excel (XLSX)"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "odt": (gettext_lazy("OpenDocument text (ODT)"), "application/vnd.oasis.opendocument.text"),
    "ods": (
        gettext_lazy("OpenDocument spreadsheet (ODS)"),
        "application/vnd.oasis.opendocument.spreadsheet",
    ),
}
KIND_CHOICES = [(kind, label) for kind, (label, _mime) in KINDS.items()]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}
# Names of the streams that make an OLE compound file a Word or an Excel file (UTF-16 in its
# directory).
OLE_STREAMS = (("WordDocument", "doc"), ("Workbook", "xls"), ("Book", "xls"))


def _read_all(file) -> bytes:
    file.seek(0)
    try:
        return file.read()
    finally:
        file.seek(0)


def _zip_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size > 200:
                    return None
                return ODF_MIMETYPES.get(archive.read("mimetype").strip())
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return "docx"
                if "xl/workbook.xml" in names:
                    return "xlsx"
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, NotImplementedError):
        return None
    return None


def _ole_kind(data: bytes) -> str | None:
    for stream, kind in OLE_STREAMS:
        if stream.encode("utf-16-le") + b"\x00\x00" in data:
            return kind
    return None


def detect_kind(data: bytes) -> str | None:
    """The kind of document `data` holds ("pdf", "docx", …), from its bytes alone, or None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(ZIP_MAGIC):
        return _zip_kind(data)
    if data.startswith(OLE_MAGIC):
        return _ole_kind(data)
    return None


def check_document_file(file) -> str:
    """Return the kind of the uploaded `file`, or raise ValidationError with a clear message:
    empty, too large, or not a PDF, Word, Excel or OpenDocument file whatever its name."""
    max_bytes = settings.DOCUMENT_UPLOAD_MAX_BYTES
    size = file.size
    if not size:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s). The maximum size is %(max)s.")
            % {"size": filesizeformat(size), "max": filesizeformat(max_bytes)},
            code="too_large",
        )
    kind = detect_kind(_read_all(file))
    if kind is None:
        raise ValidationError(
            _(
                "This file is not a PDF, Word (DOC, DOCX), Excel (XLS, XLSX) or OpenDocument "
                "(ODT, ODS) file, whatever its name says."
            ),
            code="wrong_type",
        )
    return kind


def validate_document_file(file) -> None:
    """Model-field validator: a file already in storage was checked when it was uploaded."""
    if getattr(file, "_committed", False):
        return
    check_document_file(file)


def generated_file_path(folder: str, kind: str) -> str:
    """`folder/YYYY/MM/<random>.<kind>`: never the uploader's name, never a collision."""
    return f"{folder}/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}.{kind}"


def preview_name(source_name: str, page: int) -> str:
    """Where the preview image of page `page` of the stored file `source_name` lives."""
    stem = str(PurePath(source_name).with_suffix(""))
    return f"previews/{stem}-p{page}.webp"
