"""Reading one old page with its profile: the text of the article, its photos and their places.

Nothing here touches the database or the network: `read_page` turns bytes into a `PageData`,
which says what the article will hold and which photos to fetch.
"""

import codecs
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

import lxml.html
from cssselect import SelectorError
from lxml import etree

from core.htmlblocks import split_top_level_blocks
from core.sanitizer import sanitize_html

from .profiles import Profile

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-]+)""", re.I)
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
SUMMARY_MAX = 600


class UnreadablePage(Exception):
    """The page cannot be imported; the message says why (for the report)."""


@dataclass
class Photo:
    url: str
    alt: str
    caption: str
    after_block: int  # the number of body blocks before it (0: before the first)


@dataclass
class PageData:
    url: str
    title: str
    published_at: datetime | None
    date_text: str
    summary: str
    body: str  # HTML, links made absolute; sanitized when stored
    old_category: str
    category: str
    photos: list[Photo] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def content_hash(self, profile: Profile) -> str:
        """What the import of this page depends on: the same hash, nothing to update."""
        data = {
            "title": self.title,
            "published_at": self.published_at.isoformat() if self.published_at else None,
            "summary": self.summary,
            "body": self.body,
            "category": self.category,
            "photos": [(p.url, p.alt, p.caption, p.after_block) for p in self.photos],
            "profile": profile.fingerprint,
        }
        encoded = json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(encoded).hexdigest()


def decode(
    content: bytes, declared: str | None = None, *, fallback: str = "windows-1258"
) -> tuple[str, list[str]]:
    """The page's text: by its byte-order mark, the HTTP header's charset, its own `<meta>`
    charset, else UTF-8, else `fallback` (with a warning). Normalised to NFC, since
    windows-1258 writes Vietnamese with combining accents."""
    warnings = []
    encoding = None
    for bom, name in BOMS:
        if content.startswith(bom):
            encoding = name
            break
    if encoding is None and declared:
        encoding = declared
    if encoding is None:
        found = META_CHARSET.search(content[:4096])
        if found:
            encoding = found.group(1).decode("ascii")
    text = None
    if encoding:
        try:
            text = content.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            warnings.append(f"declared encoding {encoding!r} does not fit the page")
    if text is None:
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError:
            text = content.decode(fallback, errors="replace")
            warnings.append(f"encoding guessed: {fallback}")
    return unicodedata.normalize("NFC", text), warnings


def _select(root, selector: str):
    if not selector:
        return []
    try:
        return root.cssselect(selector)
    except (SelectorError, etree.XPathError) as error:
        raise UnreadablePage(f"the profile's selector {selector!r} is not valid: {error}") from None


def _text(element) -> str:
    return " ".join(element.text_content().split()) if element is not None else ""


def _first(root, selector: str):
    found = _select(root, selector)
    return found[0] if found else None


def _drop(element) -> None:
    """Remove `element` (and what it holds), keeping the text that follows it."""
    if element.getparent() is not None:
        element.drop_tree()


def read_page(
    content: bytes, url: str, profile: Profile, *, charset: str | None = None
) -> PageData:
    """Read the article of one old page. Raises `UnreadablePage` when it has no title or body."""
    text, warnings = decode(content, charset)
    if not text.strip():
        raise UnreadablePage("the page is empty")
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as error:
        raise UnreadablePage(f"the page is not HTML: {error}") from None
    title_element = _first(root, profile.title)
    title = _text(title_element)
    if not title:
        raise UnreadablePage(f"no title found (selector {profile.title!r})")
    body = _first(root, profile.body)
    if body is None:
        raise UnreadablePage(f"no body found (selector {profile.body!r})")

    date_element = _first(root, profile.date)
    date_text = _text(date_element)
    published_at = profile.parse_date(date_text) if date_text else None
    if not date_text:
        warnings.append("date missing: imported as a draft")
    elif published_at is None:
        warnings.append(f"date not understood ({date_text[:60]}): imported as a draft")

    crumbs = [_text(link) for link in _select(root, profile.breadcrumb)]
    crumbs = [crumb for crumb in crumbs if crumb]
    old_category = crumbs[-1] if len(crumbs) > 1 else ""
    category = profile.category_name(old_category)
    if not category:
        raise UnreadablePage("no category: the page has no breadcrumb and the profile no default")

    for selector in profile.drop:
        for element in _select(body, selector):
            _drop(element)
    profile.clean_body(body)
    body.make_links_absolute(url, resolve_base_href=False, handle_failures="discard")

    summary = _text(_first(root, profile.summary)) if profile.summary else ""
    photos, blocks = _take_photos(body, profile, title)
    if not summary:
        summary = _lead_paragraph(blocks)
    return PageData(
        url=url,
        title=title[:300],
        published_at=published_at,
        date_text=date_text,
        summary=summary,
        body="\n".join(blocks),
        old_category=old_category,
        category=category,
        photos=photos,
        warnings=warnings,
    )


def _html(element) -> str:
    return lxml.html.tostring(element, encoding="unicode", with_tail=False)


INLINE_WRAPPERS = ("font", "span", "center", "o:p", "section", "article")
INLINE_START = re.compile(r"\s*<(strong|b|em|i|u|s|a|br)\b", re.I)


def _unwrap_wrappers(body) -> None:
    """Unwrap the elements old editors wrapped whole paragraphs in (`<font>`, `<span>`,
    `<div>` around paragraphs), so that each paragraph, table or picture is a block."""
    for element in list(body.iter(*INLINE_WRAPPERS)):
        if element is not body and element.getparent() is not None:
            element.drop_tag()
    for element in list(body.iter("div")):
        if (
            element is not body
            and element.getparent() is not None
            and element.xpath("./p|./div|./table|./ul|./ol|./h2|./h3|./h4")
        ):
            element.drop_tag()


def _body_blocks(html: str) -> list[str]:
    """`html` sanitized with the editor's sanitizer, as top-level blocks; loose text and
    inline markup wrapped in a paragraph (so that the stored body splits the same way)."""
    blocks = []
    for block in split_top_level_blocks(sanitize_html(html)):
        block = block.strip()
        if not block:
            continue
        if not block.startswith("<") or INLINE_START.match(block):
            block = f"<p>{block}</p>"
        blocks.append(block)
    return blocks


def _take_photos(body, profile: Profile, title: str) -> tuple[list[Photo], list[str]]:
    """Split the body into its top-level blocks, taking every picture out of them.

    A block that is only a picture (and maybe its caption, as in a table or a figure) becomes
    a photo placed after the blocks kept before it; a block right after it matching the
    profile's caption selector is its caption. A picture inside text is taken out of the text
    and placed after that block.
    """
    _unwrap_wrappers(body)
    inner = (body.text or "") + "".join(_html(child) + (child.tail or "") for child in body)
    photos: list[Photo] = []
    blocks: list[str] = []
    waiting: list[Photo] = []  # photos of the previous block, still without a caption
    for fragment in split_top_level_blocks(inner):
        wrapper = lxml.html.fragment_fromstring(fragment, create_parent="div")
        images = wrapper.xpath(".//img")
        if waiting and not images and _is_caption(wrapper, profile):
            waiting[-1].caption = _text(wrapper)[:500]
            waiting = []
            continue
        waiting = []
        found = []
        for image in images:
            src = (image.get("src") or "").strip()
            if src and urlsplit(src).scheme in {"http", "https"}:
                alt = " ".join((image.get("alt") or "").split())[:300]
                found.append(Photo(url=src, alt=alt, caption="", after_block=0))
            image.drop_tree()
        remaining = _text(wrapper)
        if found and remaining and len(remaining) <= 300 and _is_photo_block(fragment):
            # A picture with its caption in one block (a table or a figure).
            found[-1].caption = remaining[:500]
            remaining = ""
        if remaining or (wrapper.xpath(".//table") and not found):
            html = (wrapper.text or "") + "".join(
                _html(child) + (child.tail or "") for child in wrapper
            )
            blocks.extend(_body_blocks(html))
        for photo in found:
            photo.after_block = len(blocks)
            photos.append(photo)
        if found and not found[-1].caption:
            waiting = found
    for photo in photos:
        photo.alt = photo.alt or photo.caption or title[:300]
    return photos, blocks


def _is_photo_block(fragment: str) -> bool:
    return bool(re.match(r"\s*<(table|figure|div)", fragment, re.I))


def _is_caption(wrapper, profile: Profile) -> bool:
    """Whether the block in `wrapper` matches the profile's caption selector itself."""
    if not profile.caption or len(wrapper) != 1:
        return False
    block = wrapper[0]
    return any(block in _select(wrapper, selector) for selector in profile.caption.split(","))


def _lead_paragraph(blocks: list[str]) -> str:
    """The text of the first block with words in it, at most SUMMARY_MAX characters."""
    for block in blocks:
        text = _text(lxml.html.fragment_fromstring(block, create_parent="div"))
        if text:
            if len(text) > SUMMARY_MAX:
                text = text[: SUMMARY_MAX - 1].rsplit(" ", 1)[0] + "…"
            return text
    return ""
