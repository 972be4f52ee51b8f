"""Uploaded images are judged by decoding them, never by their names."""

import datetime as dt
import io
import re
import zlib

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core import images
from core.images import check_image_file, generated_image_path
from news.models import ArticleImage
from tests.factories import ArticleFactory, ArticleImageFactory, image_bytes, uploaded_image

GENERATED_NAME = re.compile(
    r"^(?P<folder>[\w/]+)/(?P<year>\d{4})/(?P<month>\d{2})/[0-9a-f]{32}\.(?P<ext>\w+)$"
)


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def reject(file) -> ValidationError:
    with pytest.raises(ValidationError) as error:
        check_image_file(file)
    return error.value


def png_with_damaged_pixels() -> bytes:
    """A PNG whose structure is intact (chunk CRCs are right) but whose pixel data is not."""
    data = bytearray(image_bytes("PNG", size=(64, 48)))
    start = data.index(b"IDAT") - 4
    length = int.from_bytes(data[start : start + 4], "big")
    garbage = bytes(range(256)) * (length // 256 + 1)
    garbage = garbage[:length]
    crc = zlib.crc32(b"IDAT" + garbage).to_bytes(4, "big")
    data[start + 8 : start + 8 + length] = garbage
    data[start + 8 + length : start + 12 + length] = crc
    return bytes(data)


@pytest.mark.parametrize("image_format", ["PNG", "JPEG", "WEBP", "GIF"])
def test_real_images_of_the_published_formats_are_accepted(image_format):
    file = upload("anh", image_bytes(image_format))
    assert check_image_file(file) == image_format


@pytest.mark.parametrize("image_format", ["PNG", "JPEG", "WEBP", "GIF"])
def test_the_file_is_rewound_after_the_check(image_format):
    content = image_bytes(image_format)
    file = upload("anh", content)
    check_image_file(file)
    assert file.read() == content


def test_animated_gif_is_accepted():
    buffer = io.BytesIO()
    frames = [Image.new("P", (20, 20), color) for color in (1, 2, 3)]
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100)
    assert check_image_file(upload("dong.gif", buffer.getvalue())) == "GIF"


def test_a_camera_jpeg_with_a_multi_picture_segment_is_accepted():
    # Phones and cameras write JPEGs with an MPF segment (a second frame: depth map, HDR gain
    # map, 3D pair). Browsers show them as the ordinary JPEGs they are; Pillow calls them MPO.
    buffer = io.BytesIO()
    first, second = Image.new("RGB", (64, 48), (180, 20, 27)), Image.new("RGB", (64, 48), 0)
    first.save(buffer, "MPO", save_all=True, append_images=[second])
    content = buffer.getvalue()
    assert content[:3] == b"\xff\xd8\xff"  # a JPEG stream

    file = upload("IMG_2019.jpg", content)
    assert check_image_file(file) in images.ALLOWED_IMAGE_FORMATS
    assert generated_image_path("news", "IMG_2019.jpg", file=file).endswith(".jpg")


def test_a_png_named_jpg_is_accepted_as_png():
    assert check_image_file(upload("anh.jpg", image_bytes("PNG"))) == "PNG"


@pytest.mark.parametrize(
    "content",
    [
        "Đây là văn bản, không phải ảnh.".encode(),
        b"<?php system($_GET['c']); ?>",
        b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
    ],
)
def test_a_file_that_is_not_an_image_is_rejected(content):
    error = reject(upload("anh.jpg", content))
    assert error.code == "not_an_image"
    assert error.messages[0] == "Tệp này không phải là ảnh JPEG, PNG, WebP hoặc GIF."


@pytest.mark.parametrize(
    "content",
    [
        image_bytes("PNG")[:60],
        image_bytes("PNG")[:-20],
        png_with_damaged_pixels(),
        image_bytes("JPEG")[:-200],
        image_bytes("GIF")[:-10],
    ],
    ids=[
        "png-header-only",
        "png-without-end",
        "png-damaged-pixels",
        "jpeg-truncated",
        "gif-truncated",
    ],
)
def test_a_damaged_image_is_rejected(content):
    error = reject(upload("anh.png", content))
    assert error.code in {"damaged", "not_an_image"}
    assert error.messages[0].startswith(("Ảnh bị hỏng", "Tệp này không phải là ảnh"))


@pytest.mark.parametrize(
    "content",
    [
        b"DDS |" + bytes(range(256)) * 4,  # a mangled DirectDraw surface
        b"II*\x00" + b"\xff" * 200,  # a mangled TIFF
        b"8BPS" + b"\x00" * 200,  # a mangled Photoshop file
    ],
    ids=["dds", "tiff", "psd"],
)
def test_files_for_other_readers_are_never_parsed_and_never_crash(content):
    error = reject(upload("anh.jpg", content))
    assert error.code == "not_an_image"


def test_a_truncated_png_is_reported_as_damaged():
    error = reject(upload("anh.png", image_bytes("PNG")[:-20]))
    assert error.code == "damaged"
    assert "hỏng" in error.messages[0]


@pytest.mark.parametrize("image_format", ["BMP", "TIFF", "ICO", "PPM"])
def test_a_real_image_of_an_unpublished_format_is_rejected(image_format):
    error = reject(upload("anh.jpg", image_bytes(image_format)))
    assert error.code == "not_an_image"
    assert "JPEG, PNG, WebP hoặc GIF" in error.messages[0]


def test_a_file_over_the_size_limit_is_rejected(settings):
    content = image_bytes("PNG")
    settings.IMAGE_UPLOAD_MAX_BYTES = len(content) - 1

    error = reject(upload("anh.png", content))

    assert error.code == "too_large"
    assert "quá lớn" in error.messages[0]


def test_a_file_exactly_at_the_size_limit_is_accepted(settings):
    content = image_bytes("PNG")
    settings.IMAGE_UPLOAD_MAX_BYTES = len(content)
    assert check_image_file(upload("anh.png", content)) == "PNG"


def test_an_image_with_too_many_pixels_is_rejected(monkeypatch):
    monkeypatch.setattr(images, "MAX_IMAGE_PIXELS", 64 * 48 - 1)
    error = reject(upload("anh.png", image_bytes("PNG", size=(64, 48))))
    assert error.code == "too_big"


@time_machine.travel("2019-07-11 10:01:36 +07:00", tick=False)
def test_generated_path_uses_folder_date_and_a_random_name():
    path = generated_image_path("news", "Ảnh hội nghị trực tuyến.png")

    match = GENERATED_NAME.match(path)
    assert match, path
    assert match["folder"] == "news"
    assert (match["year"], match["month"]) == ("2019", "07")
    assert match["ext"] == "png"
    assert "hoi" not in path
    assert "nghị" not in path


def test_generated_paths_never_repeat():
    paths = {generated_image_path("editor", "anh.png") for _ in range(50)}
    assert len(paths) == 50


@pytest.mark.parametrize(
    ("name", "image_format", "extension"),
    [
        ("anh.jpg", "PNG", "png"),
        ("anh.png", "JPEG", "jpg"),
        ("anh.gif", "WEBP", "webp"),
        ("anh.exe", "GIF", "gif"),
        ("anh", "PNG", "png"),
        ("anh.PNG", "PNG", "png"),
    ],
)
def test_generated_path_takes_its_extension_from_the_decoded_format(name, image_format, extension):
    file = upload(name, image_bytes(image_format))

    path = generated_image_path("news", name, file=file)

    assert GENERATED_NAME.match(path)["ext"] == extension
    assert file.tell() == 0


def test_generated_path_falls_back_to_the_lowercased_suffix_without_a_decodable_file():
    assert generated_image_path("news", "Anh.JPG").endswith(".jpg")
    assert generated_image_path("news", "anh.jpg", file=upload("anh.jpg", b"text")).endswith(".jpg")


def test_article_image_is_stored_under_a_generated_name_with_its_real_extension(db):
    image = ArticleImageFactory(image=uploaded_image("Ảnh Hội Nghị.jpg", "PNG", size=(80, 60)))

    assert GENERATED_NAME.match(image.image.name)["folder"] == "news"
    assert image.image.name.endswith(".png")
    assert "Hội" not in image.image.name
    assert (image.width, image.height) == (80, 60)
    with image.image.open("rb") as stored, Image.open(stored) as decoded:
        assert decoded.format == "PNG"


def test_article_image_validation_rejects_a_renamed_text_file(db):
    image = ArticleImage(
        article=ArticleFactory(),
        image=upload("anh.jpg", b"khong phai anh"),
        alt_text="Mô tả",
    )
    with pytest.raises(ValidationError) as error:
        image.full_clean()
    assert "image" in error.value.message_dict


def test_generated_path_month_follows_the_clock():
    with time_machine.travel(dt.datetime(2020, 2, 15, 3, 0, tzinfo=dt.UTC), tick=False):
        assert "/2020/02/" in generated_image_path("editor", "anh.png")
