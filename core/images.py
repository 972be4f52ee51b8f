"""Checking uploaded images by decoding them, not by trusting their names."""

import contextlib
import io
import uuid
import warnings
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

# Pillow format name -> the extension files of that format are stored with.
ALLOWED_IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
# Pillow's names for files that are one of those formats to every browser: a JPEG carrying a
# second picture (depth map, gain map), as phones write them, opens as "MPO".
FORMAT_ALIASES = {"MPO": "JPEG"}
# What a file chooser offers for an image upload.
IMAGE_ACCEPT = "image/jpeg,image/png,image/webp,image/gif"
# The only Pillow readers that ever see an uploaded file: no TIFF, PSD, DDS… parser runs on it.
# (The JPEG reader is also the one that opens MPO files.)
READERS = tuple(ALLOWED_IMAGE_FORMATS)
MAX_IMAGE_PIXELS = 50_000_000  # far above any photo, far below a decompression bomb
# Animations (GIF, animated PNG and WebP): at most this many frames, and at most this many
# pixels over all frames together, so thousands of tiny frames cannot exhaust the server either.
MAX_FRAMES = 200
MAX_ANIMATION_PIXELS = 50_000_000
# Quality of the re-encoded JPEG and WebP: indistinguishable from the upload to the eye.
REENCODE_QUALITY = 90
THUMBNAIL_WIDTH = 480  # twice the widest card image, for sharp pictures on dense screens


def check_image_file(file) -> str:
    """Decode `file` fully and return its Pillow format name.

    Raises `ValidationError` with a message for staff when the file is empty or too large, is
    not a JPEG, PNG, WebP or GIF image (other formats are never parsed), is damaged, has too
    many pixels (a decompression bomb) or too many frames.
    """
    max_bytes = settings.IMAGE_UPLOAD_MAX_BYTES
    if file.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
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
                _check_frames(image)
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


def _check_frames(image) -> None:
    frames = getattr(image, "n_frames", 1)
    if frames > MAX_FRAMES:
        raise ValidationError(
            _("The animation has too many frames (%(frames)d). The maximum is %(max)d.")
            % {"frames": frames, "max": MAX_FRAMES},
            code="too_many_frames",
        )
    if image.width * image.height * frames > MAX_ANIMATION_PIXELS:
        raise ValidationError(_("The image has too many pixels."), code="too_big")


@dataclass(frozen=True)
class CleanImage:
    """An upload decoded and encoded again: the bytes that are stored, pixels only."""

    format: str  # Pillow's name: JPEG, PNG, WEBP or GIF
    content: bytes

    @property
    def extension(self) -> str:
        return ALLOWED_IMAGE_FORMATS[self.format]


def clean_image(file) -> CleanImage:
    """Check `file` (`check_image_file`) and encode its pixels again in the same format.

    What is stored is only what Pillow writes from the decoded pixels: no EXIF (GPS position,
    camera, owner), no comments or text chunks, nothing appended after the image's end — so a
    JPEG that is also an HTML page (a polyglot) is stored as a plain JPEG. The EXIF orientation
    is applied to the pixels first, and an ICC colour profile is kept. Animations keep their
    frames and timing. The result is remembered on the upload, so the form field, the model's
    validator and the save encode it once.
    """
    source = _upload_of(file)
    cached = getattr(source, "_clean_image", None)
    if cached is not None:
        return cached
    image_format = check_image_file(file)
    try:
        file.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file, formats=READERS) as image:
                content = _reencode(image, image_format)
    except ValidationError:
        raise
    except Exception:
        # A later frame of an animation may be damaged even when the first one decodes.
        raise ValidationError(
            _("The image is damaged or unreadable. Please save it again as JPEG or PNG."),
            code="damaged",
        ) from None
    finally:
        file.seek(0)
    result = CleanImage(format=image_format, content=content)
    # An object that takes no attributes is simply encoded again if asked again.
    with contextlib.suppress(AttributeError):
        source._clean_image = result
    return result


def _upload_of(file):
    """The uploaded file itself, also when a model's FieldFile wraps it."""
    inner = getattr(file, "_file", None)
    return inner if inner is not None else file


def _pixels_only(frame, image_format: str):
    """A copy of `frame` upright, in a mode `image_format` can store, with no metadata."""
    upright = ImageOps.exif_transpose(frame)
    transparency = frame.info.get("transparency")
    if image_format == "JPEG" and upright.mode not in {"L", "RGB", "CMYK"}:
        upright = upright.convert("RGB")
    elif image_format == "WEBP" and upright.mode not in {"RGB", "RGBA"}:
        upright = upright.convert("RGBA" if "A" in upright.getbands() or transparency else "RGB")
    copy = upright.copy()
    copy.info = {}
    if transparency is not None and image_format in {"PNG", "GIF"} and copy.mode in {"P", "L"}:
        copy.info["transparency"] = transparency
    return copy


def _reencode(image, image_format: str) -> bytes:
    options = {}
    icc_profile = image.info.get("icc_profile")
    if icc_profile and image_format != "GIF":
        options["icc_profile"] = icc_profile
    if image_format in {"JPEG", "WEBP"}:
        options["quality"] = REENCODE_QUALITY
    if image_format == "JPEG":
        # Only the main picture of a camera's multi-picture JPEG (MPO).
        frames, durations = [_pixels_only(image, image_format)], []
    else:
        frames, durations = [], []
        for frame in ImageSequence.Iterator(image):
            durations.append(frame.info.get("duration", 100))
            frames.append(_pixels_only(frame, image_format))
    if len(frames) > 1:
        options.update(save_all=True, append_images=frames[1:], duration=durations)
        if "loop" in image.info:
            options["loop"] = image.info["loop"]
    buffer = io.BytesIO()
    frames[0].save(buffer, image_format, **options)
    return buffer.getvalue()


def validate_image_file(file) -> None:
    """Model-field validator form of `clean_image` (which checks with `check_image_file`).

    A file already in storage (a committed FieldFile: the photo of an existing row, saved
    again with its article) was checked when it was uploaded; its handle may even be closed
    by then, so it is not read again.
    """
    if getattr(file, "_committed", False):
        return
    clean_image(file)


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
