from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .images import ALLOWED_IMAGE_FORMATS, check_image_file, generated_image_path
from .models import EnglishPage

# Who may put images into rich text: staff who can write or edit articles.
EDITOR_UPLOAD_PERMISSIONS = ("news.add_article", "news.change_article")


def _error(message: str, status: int) -> JsonResponse:
    # The shape CKEditor 5's upload adapter shows to the editor.
    return JsonResponse({"error": {"message": message}}, status=status)


@require_POST
def editor_image_upload(request):
    """Store an image uploaded from the rich-text editor and answer its URL.

    Only active staff allowed to write articles may upload (anyone else: 403). The file must
    decode as JPEG, PNG, WebP or GIF and be at most 10 MB; it is stored under a generated name.
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
        image_format = check_image_file(upload)
    except ValidationError as error:
        return _error(error.messages[0], 400)
    name = generated_image_path("editor", f"upload.{ALLOWED_IMAGE_FORMATS[image_format]}")
    stored_name = default_storage.save(name, upload)
    return JsonResponse({"url": default_storage.url(stored_name)})


def english_page(request):
    """`/en/`: the office, its structure, address and contacts in English (Decree 42)."""
    return TemplateResponse(
        request, "core/english_page.html", {"page": EnglishPage.load(), "page_lang": "en"}
    )
