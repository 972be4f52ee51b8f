"""The rich-text editor's image upload: who may use it, what it stores, what it answers."""

import io
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from tests.factories import StaffFactory, UserFactory, image_bytes, uploaded_image

URL = reverse("core:editor-image-upload")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test gets its own media folder, so "nothing was stored" can be checked."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media_root) -> list[Path]:
    return [path for path in Path(media_root).rglob("*") if path.is_file()]


def post_upload(client, file):
    return client.post(URL, {"upload": file} if file is not None else {})


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.mark.parametrize(
    "who",
    [
        "anonymous",
        "citizen",
        "staff-without-permission",
        "staff-who-may-only-view-or-delete",
        "inactive-editor",
    ],
)
def test_upload_is_forbidden_to_anyone_who_cannot_write_articles(client, db, who, media_root):
    if who == "citizen":
        client.force_login(UserFactory())
    elif who == "staff-without-permission":
        client.force_login(StaffFactory(username="nhanvien"))
    elif who == "staff-who-may-only-view-or-delete":
        client.force_login(StaffFactory(permissions=["news.view_article", "news.delete_article"]))
    elif who == "inactive-editor":
        user = StaffFactory(permissions=["news.add_article", "news.change_article"])
        client.force_login(user)
        user.is_active = False
        user.save(update_fields=["is_active"])

    response = post_upload(client, uploaded_image("anh.png"))

    assert response.status_code == 403
    assert stored_files(media_root) == []


def test_a_logged_in_non_staff_user_with_article_permissions_is_still_forbidden(client, db):
    # Permissions alone are not enough: only staff work in the admin.
    user = UserFactory()
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="news", codename="add_article")
    )
    client.force_login(user)

    assert post_upload(client, uploaded_image("anh.png")).status_code == 403


@pytest.mark.parametrize(
    "permissions", [["news.add_article"], ["news.change_article"], "superuser"], ids=str
)
def test_staff_who_may_write_or_edit_articles_may_upload(client, db, permissions):
    if permissions == "superuser":
        user = StaffFactory(is_superuser=True)
    else:
        user = StaffFactory(permissions=permissions)
    client.force_login(user)

    assert post_upload(client, uploaded_image("anh.png")).status_code == 200


def test_get_is_not_allowed(editor_client):
    response = editor_client.get(URL)
    assert response.status_code == 405
    assert response["Allow"] == "POST"


def test_a_png_is_stored_under_a_generated_name_and_its_url_answered(editor_client, media_root):
    response = post_upload(editor_client, uploaded_image("Ảnh hội nghị gốc.png", size=(120, 90)))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    payload = response.json()
    assert set(payload) == {"url"}
    url = payload["url"]
    assert url.startswith("/media/editor/")

    name = url.removeprefix("/media/")
    assert default_storage.exists(name)
    assert "hội" not in name.lower()
    assert "goc" not in name.lower()
    assert "gốc" not in name.lower()
    assert Path(name).suffix == ".png"
    assert [path.relative_to(media_root).as_posix() for path in stored_files(media_root)] == [name]
    with default_storage.open(name, "rb") as stored, Image.open(stored) as decoded:
        assert decoded.format == "PNG"
        assert decoded.size == (120, 90)


def test_the_stored_file_has_the_extension_of_its_real_format(editor_client):
    response = post_upload(editor_client, uploaded_image("anh-chup.jpg", "PNG"))

    assert response.status_code == 200
    assert response.json()["url"].endswith(".png")


@pytest.mark.parametrize(
    ("image_format", "extension"), [("JPEG", ".jpg"), ("WEBP", ".webp"), ("GIF", ".gif")]
)
def test_other_published_formats_are_stored(editor_client, image_format, extension):
    response = post_upload(editor_client, uploaded_image("anh", image_format))

    assert response.status_code == 200
    name = response.json()["url"].removeprefix("/media/")
    assert name.endswith(extension)
    # Stored re-encoded (pixels only, see tests/security/test_hostile_uploads.py): the same
    # format and size, not the same bytes.
    with default_storage.open(name, "rb") as stored, Image.open(stored) as decoded:
        assert decoded.format == image_format
        assert decoded.size == (64, 48)


def test_two_uploads_with_the_same_name_do_not_overwrite_each_other(editor_client):
    first = post_upload(editor_client, uploaded_image("anh.png", color=(255, 0, 0))).json()["url"]
    second = post_upload(editor_client, uploaded_image("anh.png", color=(0, 0, 255))).json()["url"]
    assert first != second


def assert_error(response, fragment: str):
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    payload = response.json()
    assert set(payload) == {"error"}
    message = payload["error"]["message"]
    assert fragment in message
    return message


def test_a_text_file_renamed_jpg_is_refused_in_vietnamese(editor_client, media_root):
    fake = io.BytesIO("Đây không phải là ảnh".encode())
    fake.name = "anh.jpg"

    response = editor_client.post(URL, {"upload": fake})

    message = assert_error(response, "không phải là ảnh")
    assert "JPEG" in message
    assert stored_files(media_root) == []


def test_a_bmp_is_refused(editor_client, media_root):
    response = post_upload(editor_client, uploaded_image("anh.bmp", "BMP"))

    assert_error(response, "không phải là ảnh JPEG, PNG, WebP hoặc GIF")
    assert stored_files(media_root) == []


def test_a_damaged_png_is_refused(editor_client, media_root):
    response = post_upload(
        editor_client, SimpleUploadedFile("anh.png", image_bytes("PNG")[:-20], "image/png")
    )

    assert_error(response, "hỏng")
    assert stored_files(media_root) == []


def test_a_request_without_a_file_is_refused(editor_client):
    assert_error(post_upload(editor_client, None), "Chưa chọn tệp")


def test_a_file_sent_under_another_field_name_is_refused(editor_client, media_root):
    response = editor_client.post(URL, {"file": uploaded_image("anh.png")})

    assert_error(response, "Chưa chọn tệp")
    assert stored_files(media_root) == []


def test_an_oversized_image_is_refused(editor_client, settings, media_root):
    settings.IMAGE_UPLOAD_MAX_BYTES = 100

    response = post_upload(editor_client, uploaded_image("anh.png", size=(200, 200)))

    assert_error(response, "quá lớn")
    assert stored_files(media_root) == []


def test_upload_is_protected_against_cross_site_requests(db, editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)

    assert post_upload(client, uploaded_image("anh.png")).status_code == 403

    client.get(reverse("admin:index"))  # sets the CSRF cookie, as the admin page does
    token = client.cookies["csrftoken"].value
    response = client.post(
        URL, {"upload": uploaded_image("anh.png")}, headers={"X-CSRFToken": token}
    )
    assert response.status_code == 200
