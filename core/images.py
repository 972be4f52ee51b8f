"""Checking uploaded images by decoding them, not by trusting their names."""

import io
import uuid
import warnings
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from imagekit import ImageSpec
from imagekit.processors import ResizeToFit, Transpose
from PIL import Image, ImageOps, UnidentifiedImageError

# Pillow format name -> the extension files of that format are stored with.
ALLOWED_IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
# Pillow's names for files that are one of those formats to every browser: a JPEG carrying a
# second picture (depth map, gain map), as phones write them, opens as "MPO".
FORMAT_ALIASES = {"MPO": "JPEG"}
# The only Pillow readers that ever see an uploaded file: no TIFF, PSD, DDS… parser runs on it.
# (The JPEG reader is also the one that opens MPO files.)
READERS = tuple(ALLOWED_IMAGE_FORMATS)
MAX_IMAGE_PIXELS = 50_000_000  # far above any photo, far below a decompression bomb
THUMBNAIL_WIDTH = 480  # twice the widest card image, for sharp pictures on dense screens


def check_image_file(file) -> str:
    """Decode `file` fully and return its Pillow format name.

    Raises `ValidationError` with a message for staff when the file is too large, is not a
    JPEG, PNG, WebP or GIF image (other formats are never parsed), or is damaged.
    """
    max_bytes = settings.IMAGE_UPLOAD_MAX_BYTES
    if file.size is not None and file.size > max_bytes:
        raise ValidationError(
            _("The image is too large (%(size)s). The maximum size is %(max)s.")
            % {"size": filesizeformat(file.size), "max": filesizeformat(max_bytes)},
            code="too_large",
        )
    try:
        file.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file, formats=READERS) as image:
                image_format = FORMAT_ALIASES.get(image.format, image.format)
                if image.width * image.height > MAX_IMAGE_PIXELS:
                    raise ValidationError(_("The image has too many pixels."), code="too_big")
                image.verify()
            file.seek(0)
            # verify() checks structure only; loading decodes every pixel.
            with Image.open(file, formats=READERS) as image:
                image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(_("The image has too many pixels."), code="too_big") from None
    except UnidentifiedImageError:
        raise ValidationError(
            _("This file is not a JPEG, PNG, WebP or GIF image."), code="not_an_image"
        ) from None
    except Exception:
        # Pillow's readers raise many kinds of errors on malformed data (OSError, SyntaxError,
        # struct.error, IndexError, …); every one of them means the same to the editor.
        raise ValidationError(
            _("The image is damaged or unreadable. Please save it again as JPEG or PNG."),
            code="damaged",
        ) from None
    finally:
        file.seek(0)
    return image_format


def validate_image_file(file) -> None:
    """Model-field validator form of `check_image_file`.

    A file already in storage (a committed FieldFile: the photo of an existing row, saved
    again with its article) was checked when it was uploaded; its handle may even be closed
    by then, so it is not read again.
    """
    if getattr(file, "_committed", False):
        return
    check_image_file(file)


def generated_image_path(folder: str, filename: str, file=None) -> str:
    """`folder/YYYY/MM/<random>.<ext>`: never the uploader's file name, never a collision.

    The extension follows the decoded format when `file` is given, so a PNG uploaded as
    `photo.jpg` is stored as `.png`.
    """
    extension = PurePath(filename).suffix.lower().lstrip(".") or "img"
    if file is not None:
        try:
            file.seek(0)
            with Image.open(file, formats=READERS) as image:
                image_format = FORMAT_ALIASES.get(image.format, image.format)
                extension = ALLOWED_IMAGE_FORMATS.get(image_format, extension)
        except Exception:  # a file not checked yet: keep the uploader's extension
            pass
        finally:
            file.seek(0)
    return f"{folder}/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}.{extension}"


def make_thumbnail(file, *, width: int = THUMBNAIL_WIDTH, quality: int = 80) -> bytes:
    """A JPEG of `file` at most `width` pixels wide (never enlarged), for list pages.

    The first frame of an animation is used, EXIF rotation is applied, and transparency is
    laid on white, so every rendition is a small, upright, opaque JPEG.
    """
    file.seek(0)
    with Image.open(file, formats=READERS) as source:
        source.seek(0)
        image = ImageOps.exif_transpose(source)
        if image.mode in {"RGBA", "LA", "P", "PA"}:
            rgba = image.convert("RGBA")
            image = Image.new("RGB", rgba.size, "white")
            image.paste(rgba, mask=rgba.getchannel("A"))
        else:
            image = image.convert("RGB")
        image.thumbnail((width, width * 20), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
    return buffer.getvalue()


def thumbnail_name(source_name: str, width: int = THUMBNAIL_WIDTH) -> str:
    """Where the rendition of the stored image `source_name` lives: derived, never stored twice."""
    stem = str(PurePath(source_name).with_suffix(""))
    return f"thumbnails/{stem}-{width}.jpg"


# --- Renditions: the same photo at a few widths, WebP with a JPEG fallback -----------------
# Made once per photo, after the photo's transaction commits (news.services), with
# django-imagekit's processors; pages only read the names recorded on the photo's row, so a
# public GET never opens, checks or makes an image file.

RENDITION_WIDTHS = (480, 960, 1600)  # the slots of `srcset`; never wider than the photo
RENDITION_FORMATS = {"webp": "WEBP", "jpg": "JPEG"}
RENDITION_QUALITY = {"webp": 75, "jpg": 80}
# Bump when the recipe changes: every photo's renditions then count as stale and the
# `rebuild_renditions` command remakes them.
RENDITION_VERSION = 1


class FlattenOnWhite:
    """A pilkit processor: transparency laid on white, every mode turned to RGB."""

    def process(self, image):
        if image.mode in {"RGBA", "LA", "P", "PA"}:
            rgba = image.convert("RGBA")
            flat = Image.new("RGB", rgba.size, "white")
            flat.paste(rgba, mask=rgba.getchannel("A"))
            return flat
        return image.convert("RGB")


def rendition_plan(source_width: int) -> list[tuple[int, int]]:
    """`(slot, width)` pairs to make for a photo `source_width` pixels wide.

    Each slot of RENDITION_WIDTHS is made at its width, or at the photo's own width when the
    photo is narrower (never enlarged); slots that would repeat the same width are made once,
    under the smallest slot's name.
    """
    plan, widths = [], set()
    for slot in RENDITION_WIDTHS:
        width = min(slot, source_width)
        if width not in widths:
            widths.add(width)
            plan.append((slot, width))
    return plan


def rendition_name(source_name: str, slot: int, extension: str) -> str:
    """Where one rendition of the stored image `source_name` lives (derived from its name).

    The 480 JPEG is the list-page thumbnail (`thumbnail_name`), so it is never made twice.
    """
    stem = str(PurePath(source_name).with_suffix(""))
    return f"thumbnails/{stem}-{slot}.{extension}"


def make_rendition(file, *, width: int, extension: str) -> bytes:
    """`file` resized to `width` pixels wide (never enlarged), upright, as WebP or JPEG."""

    class Rendition(ImageSpec):
        processors = [Transpose(), FlattenOnWhite(), ResizeToFit(width=width, upscale=False)]
        format = RENDITION_FORMATS[extension]
        options = {"quality": RENDITION_QUALITY[extension]} | (
            {"optimize": True, "progressive": True} if extension == "jpg" else {"method": 4}
        )

    file.seek(0)
    return Rendition(source=file).generate().read()
