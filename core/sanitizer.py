"""Server-side sanitizing of rich text.

The allow-list mirrors the CKEditor 5 toolbar configured in settings (headings, emphasis,
links, lists, block quotes, tables and uploaded images). Anything else — scripts, styles,
frames, event handlers, `javascript:` and `data:` URLs — is removed before a value is stored.
"""

import nh3

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

    Links get `rel="noopener noreferrer"`, so an external page opened from the portal can
    neither script it nor learn which page linked there.
    """
    if not value:
        return ""
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()
