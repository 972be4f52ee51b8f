"""Hostile uploads in the editor's upload and the article photo inline: each one is refused
with a Vietnamese message and nothing reaches storage; what is accepted is stored re-encoded,
pixels only (no EXIF, no GPS, nothing appended)."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from core import images
from core.images import clean_image
from news.models import Article, ArticleImage
from tests.admin_forms import article_form, inline_management
from tests.factories import CategoryFactory, image_bytes
from tests.security import hostile_files

UPLOAD_URL = reverse("core:editor-image-upload")
ADD_URL = reverse("admin:news_article_add")
REFUSED_IDS = [case[0] for case in hostile_files.REFUSED]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media_root) -> list[Path]:
    return sorted(path for path in Path(media_root).rglob("*") if path.is_file())


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def editor_upload(client, name, content):
    return client.post(UPLOAD_URL, {"upload": upload(name, content)})


def stored_from_editor(response) -> Image.Image:
    assert response.status_code == 200, response.content
    name = response.json()["url"].removeprefix("/media/")
    with default_storage.open(name, "rb") as stored:
        return name, stored.read()


def post_article_with_photo(client, name, content):
    category = CategoryFactory()
    data = article_form(
        category,
        **inline_management("images", 1),
        **{"images-0-image": upload(name, content), "images-0-alt_text": "Ảnh hội nghị",
           "images-0-caption": "Chú thích", "images-0-order": "0"},
    )  # fmt: skip
    return client.post(ADD_URL, data)


# Refused everywhere, nothing stored.


@pytest.mark.parametrize(
    ("case", "name", "content", "message"), hostile_files.REFUSED, ids=REFUSED_IDS
)
def test_the_editor_upload_refuses_a_hostile_file_and_stores_nothing(
    editor_client, media_root, case, name, content, message
):
    before = stored_files(media_root)

    response = editor_upload(editor_client, name, content)

    assert response.status_code == 400
    assert message in response.json()["error"]["message"]
    assert stored_files(media_root) == before == []


@pytest.mark.parametrize(
    ("case", "name", "content", "message"), hostile_files.REFUSED, ids=REFUSED_IDS
)
def test_the_photo_inline_refuses_a_hostile_file_and_saves_nothing(
    client, publisher, media_root, case, name, content, message
):
    client.force_login(publisher)

    response = post_article_with_photo(client, name, content)

    assert response.status_code == 200  # the form again, with the error
    errors = [str(e) for form in response.context["inline_admin_formsets"][0].formset.forms
              for e in form.errors.get("image", [])]  # fmt: skip
    assert len(errors) == 1
    assert message in errors[0]
    assert not Article.objects.exists()
    assert not ArticleImage.objects.exists()
    assert stored_files(media_root) == []


def test_a_file_over_the_size_limit_is_refused_everywhere(
    editor_client, publisher, settings, media_root
):
    content = image_bytes("PNG", size=(300, 300))
    settings.IMAGE_UPLOAD_MAX_BYTES = len(content) - 1

    response = editor_upload(editor_client, "anh.png", content)
    assert response.status_code == 400
    assert "quá lớn" in response.json()["error"]["message"]

    editor_client.force_login(publisher)
    response = post_article_with_photo(editor_client, "anh.png", content)
    assert response.status_code == 200
    assert "quá lớn" in response.content.decode()
    assert not ArticleImage.objects.exists()
    assert stored_files(media_root) == []


def test_too_many_pixels_over_all_frames_of_an_animation_is_refused(monkeypatch):
    monkeypatch.setattr(images, "MAX_ANIMATION_PIXELS", 4 * 4 * 10 - 1)
    with pytest.raises(ValidationError) as error:
        clean_image(upload("dong.gif", hostile_files.animated_gif(10)))
    assert error.value.code == "too_big"


def test_an_animation_within_the_limits_keeps_its_frames(editor_client):
    _, content = stored_from_editor(
        editor_upload(editor_client, "dong.gif", hostile_files.animated_gif(12))
    )
    with Image.open(io.BytesIO(content)) as stored:
        assert stored.format == "GIF"
        assert stored.n_frames == 12


# Accepted, but stored as pixels only.


@pytest.mark.parametrize(
    ("name", "content", "image_format"),
    [
        ("anh.jpg", hostile_files.jpeg_html_polyglot(), "JPEG"),
        ("anh.jpg", hostile_files.jpeg_with_script_comment(), "JPEG"),
        ("anh.png", hostile_files.png_with_script_text(), "PNG"),
    ],
    ids=["jpeg-html-after-end", "jpeg-script-comment", "png-script-text-chunk"],
)
def test_a_polyglot_is_stored_as_its_pixels_only(
    editor_client, publisher, media_root, name, content, image_format
):
    # The decision: such a file is a valid image and is accepted, but what is stored is
    # Pillow's new encoding of the pixels, so the markup is gone.
    assert b"<script>" in content
    _, stored = stored_from_editor(editor_upload(editor_client, name, content))
    assert b"<script" not in stored.lower()
    assert b"<html" not in stored.lower()
    with Image.open(io.BytesIO(stored)) as decoded:
        assert decoded.format == image_format
        assert decoded.size == (64, 48)

    editor_client.force_login(publisher)
    assert post_article_with_photo(editor_client, name, content).status_code == 302
    photo = ArticleImage.objects.get()
    with photo.image.open("rb") as stored_photo:
        assert b"<script" not in stored_photo.read().lower()


def exif_of(content: bytes):
    with Image.open(io.BytesIO(content)) as decoded:
        decoded.load()
        return decoded, decoded.getexif(), decoded.info


def test_exif_and_gps_are_stripped_orientation_applied_and_colour_profile_kept(editor_client):
    original = hostile_files.camera_jpeg(size=(60, 40))
    _, exif, original_info = exif_of(original)
    assert exif.get_ifd(0x8825)  # the upload does carry a GPS position
    assert b"CameraMaker" in original and b"Nguyen Van A" in original

    _, stored = stored_from_editor(editor_upload(editor_client, "IMG_0001.jpg", original))

    decoded, exif, info = exif_of(stored)
    assert dict(exif) == {}
    assert exif.get_ifd(0x8825) == {}
    assert "exif" not in info
    assert b"CameraMaker" not in stored and b"Nguyen Van A" not in stored
    # Orientation 6 applied to the pixels: 60×40 stored upright as 40×60, the green left half
    # now on top.
    assert decoded.size == (40, 60)
    assert decoded.convert("RGB").getpixel((20, 5))[1] > 150
    assert decoded.convert("RGB").getpixel((20, 55))[0] > 150
    assert info.get("icc_profile") == original_info["icc_profile"]


def test_an_article_photo_is_stored_without_exif_and_with_its_upright_size(client, publisher):
    client.force_login(publisher)

    response = post_article_with_photo(client, "IMG_0001.jpg", hostile_files.camera_jpeg((60, 40)))

    assert response.status_code == 302
    photo = ArticleImage.objects.get()
    assert (photo.width, photo.height) == (40, 60)
    with photo.image.open("rb") as stored:
        content = stored.read()
    _, exif, _ = exif_of(content)
    assert dict(exif) == {}
    assert b"Nguyen Van A" not in content


def test_transparency_survives_re_encoding(editor_client):
    image = Image.new("RGBA", (20, 20), (255, 0, 0, 0))
    image.paste((0, 0, 255, 255), (0, 0, 10, 20))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")

    _, stored = stored_from_editor(editor_upload(editor_client, "logo.png", buffer.getvalue()))

    with Image.open(io.BytesIO(stored)) as decoded:
        rgba = decoded.convert("RGBA")
        assert rgba.getpixel((15, 5))[3] == 0
        assert rgba.getpixel((5, 5)) == (0, 0, 255, 255)


def test_the_orm_path_stores_re_encoded_pixels_too(db):
    """Code and imports that save an ArticleImage directly get the same treatment."""
    from tests.factories import ArticleImageFactory

    photo = ArticleImageFactory(image=upload("anh.jpg", hostile_files.jpeg_html_polyglot()))

    with photo.image.open("rb") as stored:
        assert b"<script" not in stored.read()


def test_the_file_chooser_offers_only_the_published_formats(client, publisher):
    client.force_login(publisher)
    response = client.get(ADD_URL)
    assert 'accept="image/jpeg,image/png,image/webp,image/gif"' in response.content.decode()
