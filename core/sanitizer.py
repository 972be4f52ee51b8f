"""Server-side sanitizing of rich text.

The allow-list mirrors the CKEditor 5 toolbar configured in settings (headings, emphasis,
links, lists, block quotes, tables and uploaded images). Anything else — scripts, styles,
frames, event handlers, `javascript:` and `data:` URLs — is removed before a value is stored.
"""

import re
from html.parser import HTMLParser

import nh3
from django.core.exceptions import ValidationError
from django.utils.translation import ngettext

from .pasted import normalize_pasted_html

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "a",
    "ul", "ol", "li", "blockquote",
    "figure", "figcaption", "img",
    "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
}  # fmt: skip

ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "target"},
    "img": {"src", "alt", "width", "height"},
    "figure": {"class"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start", "reversed"},
    "col": {"span"},
}

# CKEditor marks its figures with these classes; no other class values survive.
ALLOWED_CLASSES = {"image", "table", "image-style-side", "image_resized"}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "class":
        kept = [name for name in value.split() if name in ALLOWED_CLASSES]
        return " ".join(kept) or None
    if attribute == "target":
        return "_blank" if value == "_blank" else None
    if attribute in {"width", "height", "colspan", "rowspan", "start", "span"}:
        return value if value.isdigit() else None
    return value


def sanitize_html(value: str | None) -> str:
    """Return `value` with everything outside the allow-list removed.

    Word's and Google Docs' clipboard markup is first turned into plain markup
    (`core.pasted`). Links get `rel="noopener noreferrer"`, so an external page opened from
    the portal can neither script it nor learn which page linked there.
    """
    if not value:
        return ""
    return nh3.clean(
        normalize_pasted_html(value),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


# Images pasted from Word or Google Docs arrive as data (base64 in the page), as a file on the
# author's computer, or as a browser-memory object: none is an uploaded image.
NOT_UPLOADED_IMAGE = re.compile(r"^\s*(data|file|blob|cid):", re.IGNORECASE)


class _ImageCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.images: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append({name: value or "" for name, value in attrs})


def images_in(html: str | None) -> list[dict]:
    """The attributes of every `<img>` in `html`."""
    collector = _ImageCollector()
    collector.feed(html or "")
    collector.close()
    return collector.images


def validate_uploaded_images(value: str | None) -> None:
    """Refuse images pasted as data, as a local file or a browser object: they would be lost
    (the sanitizer drops such addresses) or stored inline as base64."""
    count = sum(1 for image in images_in(value) if NOT_UPLOADED_IMAGE.match(image.get("src", "")))
    if count:
        raise ValidationError(
            ngettext(
                "%(count)d pasted image was not uploaded (it came from Word, Google Docs or the "
                "clipboard). Delete it and insert the picture with the editor's image button.",
                "%(count)d pasted images were not uploaded (they came from Word, Google Docs or "
                "the clipboard). Delete them and insert the pictures with the editor's image "
                "button.",
                count,
            )
            % {"count": count},
            code="image_not_uploaded",
        )


def images_without_alt(value: str | None) -> int:
    """How many images in `value` have no alternative text (what a screen reader says)."""
    return sum(1 for image in images_in(value) if not image.get("alt", "").strip())


def validate_image_alt_text(value: str | None) -> None:
    count = images_without_alt(value)
    if count:
        raise ValidationError(
            ngettext(
                "%(count)d image in the body has no alternative text. Select it, press the "
                "editor's “Change image text alternative” button and describe the picture.",
                "%(count)d images in the body have no alternative text. Select each, press the "
                "editor's “Change image text alternative” button and describe the picture.",
                count,
            )
            % {"count": count},
            code="image_without_alt",
        )
