"""Checking a citizen's attachment by its bytes: a PDF (documents' check) or an image
(core.images' decoding), nothing else, whatever its name says."""

import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from core.images import ALLOWED_IMAGE_FORMATS, check_image_file
from documents.files import detect_kind

ATTACHMENT_ACCEPT = "application/pdf,image/jpeg,image/png,image/webp"


def check_attachment(file) -> str:
    """The extension the attachment is stored with ("pdf", "jpg", …), or ValidationError."""
    max_bytes = settings.PARTICIPATION_ATTACHMENT_MAX_BYTES
    if file.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if file.size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s). The maximum size is %(max)s.")
            % {"size": filesizeformat(file.size), "max": filesizeformat(max_bytes)},
            code="too_large",
        )
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if detect_kind(head) == "pdf":
        return "pdf"
    try:
        image_format = check_image_file(file)
    except ValidationError:
        raise ValidationError(
            _("Attach a PDF file or a JPEG, PNG or WebP image."), code="not_allowed"
        ) from None
    finally:
        file.seek(0)
    return ALLOWED_IMAGE_FORMATS[image_format]


def validate_attachment(file) -> None:
    """Model-field validator: a file already in storage was checked when it was uploaded."""
    if getattr(file, "_committed", False):
        return
    check_attachment(file)


def attachment_path(instance, filename) -> str:
    kind = getattr(instance, "_attachment_kind", "") or "bin"
    return f"submissions/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}.{kind}"


class PrivateStorage(FileSystemStorage):
    """Citizens' attachments live outside MEDIA_ROOT (PRIVATE_MEDIA_ROOT, read on each use, so
    a test's setting is followed): the web server never serves them; only the handling staff
    download them, through the admin (audited)."""

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)


private_storage = PrivateStorage()


def get_private_storage():
    """The field's storage as a callable: migrations name this function, not an instance."""
    return private_storage
