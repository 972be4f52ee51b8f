import logging
import re
import sys
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, JsonResponse
from django.urls import re_path
from django.utils.translation import gettext as _
from django.views import defaults, static
from django.views.decorators.http import require_POST

from .files import save_to_storage
from .images import clean_image, generated_image_path
from .middleware import is_outage, outage_response
from .pagecache import query_params
from .querytimeout import is_query_cancelled, timeout_response

logger = logging.getLogger(__name__)

# Who may put images into rich text: staff who can write or edit articles.
EDITOR_UPLOAD_PERMISSIONS = ("news.add_article", "news.change_article")
# What an uploaded file may be served as; anything else is a download (application/octet-stream).
SAFE_MEDIA_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "gif": "image/gif",
    "pdf": "application/pdf",
}


def _error(message: str, status: int) -> JsonResponse:
    # The shape CKEditor 5's upload adapter shows to the editor.
    return JsonResponse({"error": {"message": message}}, status=status)


def storage_error_message() -> str:
    return _(
        "The image could not be stored: the media folder is full or cannot be written. "
        "Nothing was saved. Please tell the site administrator."
    )


@require_POST
def editor_image_upload(request):
    """Store an image uploaded from the rich-text editor and answer its URL.

    Only active staff allowed to write articles may upload (anyone else: 403). The file must
    decode as JPEG, PNG, WebP or GIF and be at most 10 MB; what is stored is its pixels encoded
    again (`clean_image`: no metadata, nothing appended), under a generated name.
    """
    user = request.user
    if not (user.is_active and user.is_staff) or not any(
        user.has_perm(perm) for perm in EDITOR_UPLOAD_PERMISSIONS
    ):
        raise PermissionDenied
    upload = request.FILES.get("upload")
    if upload is None:
        return _error(_("No image file was chosen for upload."), 400)
    try:
        clean = clean_image(upload)
    except ValidationError as error:
        return _error(error.messages[0], 400)
    name = generated_image_path("editor", f"upload.{clean.extension}")
    try:
        stored_name = save_to_storage(default_storage, name, ContentFile(clean.content))
    except OSError:
        logger.exception("Could not store an editor upload")
        return _error(storage_error_message(), 503)
    return JsonResponse({"url": default_storage.url(stored_name)})


def server_error(request):
    """handler500: the 503 page when the database or the cache is unreachable (an error raised
    outside a view, e.g. while saving the session) or a query went past the statement timeout,
    Django's 500 page otherwise."""
    error = sys.exc_info()[1]
    if is_query_cancelled(error):
        return timeout_response()
    if is_outage(error):
        return outage_response()
    return defaults.server_error(request)


@query_params()
def serve_media(request, path):
    """Uploaded files in development (SERVE_MEDIA): served as what they are only when that is
    an image or a PDF, never as HTML or script, sandboxed, as the README's nginx lines do."""
    try:
        response = static.serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError:  # a name longer than the file system allows: no such file
        raise Http404 from None
    extension = Path(path).suffix.lower().lstrip(".")
    content_type = SAFE_MEDIA_TYPES.get(extension)
    if content_type is None:
        response["Content-Type"] = "application/octet-stream"
        response["Content-Disposition"] = "attachment"
    else:
        response["Content-Type"] = content_type
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def media_urlpattern():
    """The URL pattern of `serve_media` at MEDIA_URL (even with DEBUG off: SERVE_MEDIA)."""
    prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    return re_path(rf"^{prefix}(?P<path>.*)$", serve_media, name="media")
