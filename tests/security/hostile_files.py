"""Files an attacker (or an unlucky editor) uploads as images, built in memory."""

import io
import struct
import zlib

from PIL import Image, ImageCms

from tests.factories import image_bytes

SCRIPT = b"<html><body><script>alert(document.cookie)</script></body></html>"


def jpeg_html_polyglot() -> bytes:
    """A valid JPEG with an HTML page after its end-of-image marker."""
    return image_bytes("JPEG", size=(64, 48)) + SCRIPT


def jpeg_with_script_comment() -> bytes:
    """A valid JPEG whose comment segment (COM) holds a script."""
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 120, 200)).save(buffer, "JPEG", comment=SCRIPT)
    return buffer.getvalue()


def png_with_script_text() -> bytes:
    """A valid PNG with a text chunk holding a script."""
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", SCRIPT.decode())
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 120, 200)).save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(width: int = 10_000, height: int = 10_000) -> bytes:
    """A PNG of a few hundred bytes declaring width × height pixels (a decompression bomb)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    pixels = zlib.compress(b"\x00" * 1000)  # only the first rows; the rest never arrives
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", pixels)
        + _png_chunk(b"IEND", b"")
    )


def animated_gif(frames: int, size=(4, 4)) -> bytes:
    """A GIF of `frames` frames, each different from the one before (so none are merged)."""
    images = [Image.new("P", size, index % 2) for index in range(frames)]
    for image in images:
        image.putpalette([0, 0, 0, 255, 255, 255])
    buffer = io.BytesIO()
    images[0].save(
        buffer, "GIF", save_all=True, append_images=images[1:], duration=40, loop=0, optimize=False
    )
    return buffer.getvalue()


def srgb_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def camera_jpeg(size=(60, 40)) -> bytes:
    """A phone's JPEG: EXIF with the camera, the owner, a GPS position and orientation 6
    (rotate 90° clockwise to show), and an sRGB colour profile."""
    image = Image.new("RGB", size, (200, 30, 30))
    image.paste((30, 200, 30), (0, 0, size[0] // 2, size[1]))  # left half green
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x0110] = "PhoneModel 12"  # Model
    exif[0x013B] = "Nguyen Van A"  # Artist
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (22.0, 23.0, 45.5)  # Lai Châu
    gps[3] = "E"
    gps[4] = (103.0, 27.0, 30.0)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, icc_profile=srgb_profile(), quality=95)
    return buffer.getvalue()


# (id, file name, content, the start of the Vietnamese message shown). Each is refused and
# nothing is written to storage.
REFUSED = [
    (
        "svg",
        "anh.jpg",
        b"<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'>"
        b"<script>alert(2)</script></svg>",
        "Tệp này không phải là ảnh",
    ),
    ("html", "anh.jpg", SCRIPT, "Tệp này không phải là ảnh"),
    ("php", "anh.jpg", b"<?php system($_GET['c']); ?>", "Tệp này không phải là ảnh"),
    (
        "php-after-gif-magic",
        "anh.gif",
        b"GIF89a<?php system($_GET['c']); ?>",
        "",  # "not an image" or "damaged": either is right
    ),
    ("truncated-jpeg", "anh.jpg", image_bytes("JPEG", size=(200, 150))[:-300], "Ảnh bị hỏng"),
    ("truncated-png", "anh.png", image_bytes("PNG", size=(200, 150))[:-30], "Ảnh bị hỏng"),
    ("decompression-bomb", "anh.png", png_bomb(), "Ảnh có kích thước điểm ảnh quá lớn"),
    ("thousands-of-frames", "dong.gif", animated_gif(2000), "Ảnh động có quá nhiều khung hình"),
    ("empty", "anh.jpg", b"", "rỗng"),
]
