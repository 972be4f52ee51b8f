"""Vietnamese-aware text helpers."""

import re
import unicodedata
from html.parser import HTMLParser

from django.utils.text import slugify

# Letters that Unicode does not decompose into a base letter plus a mark.
_UNDECOMPOSABLE = str.maketrans({"đ": "d", "Đ": "D"})


def vietnamese_slugify(value: str, max_length: int = 200) -> str:
    """Turn a Vietnamese title into an ASCII slug.

    >>> vietnamese_slugify("Hội nghị trực tuyến phân tích chỉ số")
    'hoi-nghi-truc-tuyen-phan-tich-chi-so'
    >>> vietnamese_slugify("Đường Điện Biên")
    'duong-dien-bien'
    """
    ascii_text = unicodedata.normalize("NFKD", value.translate(_UNDECOMPOSABLE))
    slug = slugify(ascii_text)
    return slug[:max_length].strip("-")


def unique_slug(
    instance, source: str, *, field_name: str = "slug", within: dict | None = None
) -> str:
    """A slug for `instance` made from `source`, suffixed -2, -3, … when already taken (by any
    row, or only by the rows matching `within`, e.g. `{"index_id": 1}` for a slug unique per
    index)."""
    model = type(instance)
    max_length = model._meta.get_field(field_name).max_length
    base = vietnamese_slugify(source, max_length=max_length - 6) or model._meta.model_name
    others = model._default_manager.filter(**(within or {}))
    if instance.pk:
        others = others.exclude(pk=instance.pk)
    taken = set(
        others.filter(**{f"{field_name}__startswith": base}).values_list(field_name, flat=True)
    )
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    return candidate


# Characters XML 1.0 cannot hold (C0 controls but tab, newline and carriage return; lone
# surrogates; U+FFFE, U+FFFF). A staff member can paste them into a plain-text field.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: str) -> str:
    """`value` without the characters XML 1.0 cannot hold, for feeds and other XML."""
    return _NOT_IN_XML.sub("", value)


# ----------------------------------------------------------------------------------------------
# Folding for search: "Cải CÁCH Đường" and "cai cach duong" are the same words to a reader.

# A word for search: a run of letters and digits (no underscore) in folded text.
WORD_PATTERN = re.compile(r"[^\W_]+")
# Longer "words" (a pasted hash, a run of digits) are not searchable: PostgreSQL's text search
# drops lexemes over 2,047 bytes, and no reader types one.
MAX_WORD_LENGTH = 64


def _fold_char(char: str) -> str:
    folded = unicodedata.normalize("NFKD", char.translate(_UNDECOMPOSABLE).casefold())
    return "".join(mark for mark in folded if not unicodedata.combining(mark))


class _FoldTable(dict):
    """A `str.translate` table that folds each character the first time it is met."""

    def __missing__(self, code: int) -> str:
        self[code] = folded = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()
# The characters met so far that fold to exactly one character (most of them).
_ONE_TO_ONE: set[str] = set()


def fold_characters(text: str) -> str:
    """Each character of `text` folded: case folded, diacritics removed, đ → d (so that
    positions can be mapped back, see `fold_with_origins`).

    >>> fold_characters("Cải  CÁCH")
    'cai  cach'
    """
    return text.translate(_FOLD_TABLE)


def fold(value: str) -> str:
    """Text for accent-insensitive matching: no diacritics, đ → d, lower case, single spaces.

    >>> fold("Kế hoạch CẢI CÁCH  Đề án")
    'ke hoach cai cach de an'
    >>> fold("Cải cách HÀNH CHÍNH – Điện Biên")
    'cai cach hanh chinh – dien bien'
    """
    return " ".join(fold_characters(value or "").split())


def fold_with_origins(text: str) -> tuple[str, list[int]]:
    """`fold_characters(text)` and, for each of its characters, the index of the character of
    `text` it came from (a character may fold to several, "ß" → "ss", or to none, a mark)."""
    characters = set(text)
    unknown = characters.difference(_ONE_TO_ONE)
    if unknown:
        _ONE_TO_ONE.update(char for char in unknown if len(_FOLD_TABLE[ord(char)]) == 1)
    if characters <= _ONE_TO_ONE:
        # Every character folds to one (Vietnamese text, precomposed): positions are kept.
        # The loop below would give the same; this is the common case, and 30 times faster.
        return text.translate(_FOLD_TABLE), list(range(len(text)))
    pieces, origins = [], []
    for index, char in enumerate(text):
        folded = _FOLD_TABLE[ord(char)]
        pieces.append(folded)
        origins.extend([index] * len(folded))
    return "".join(pieces), origins


def search_words(text: str) -> list[str]:
    """The folded words of `text`, in order, without repeats.

    >>> search_words("Chỉ số PAR INDEX, chỉ số SIPAS!")
    ['chi', 'so', 'par', 'index', 'sipas']
    """
    words = (word for word in WORD_PATTERN.findall(fold(text)) if len(word) <= MAX_WORD_LENGTH)
    return list(dict.fromkeys(words))


def search_text(text: str) -> str:
    """What a folded search column stores: the folded words of `text` separated by single
    spaces, with a space at each end, so that `LIKE '% word %'` finds a whole word and
    PostgreSQL's text-search parser reads exactly these words.

    >>> search_text("Lai Châu: 58/63")
    ' lai chau 58 63 '
    """
    words = [word for word in WORD_PATTERN.findall(fold(text)) if len(word) <= MAX_WORD_LENGTH]
    return f" {' '.join(words)} " if words else ""


# Elements after which text reads as a new word ("<p>a</p><p>b</p>" is "a b", not "ab").
_BLOCK_ELEMENTS = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "img",
    "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul",
}  # fmt: skip


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self.skipping += 1
        elif tag in _BLOCK_ELEMENTS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in {"script", "style"}:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_ELEMENTS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The text a reader sees in rich-text HTML: tags dropped (block elements separate words),
    entities decoded, runs of whitespace collapsed.

    >>> html_to_text("<p>Cải&nbsp;cách</p><p><strong>hành</strong> chính</p>")
    'Cải cách hành chính'
    """
    if not html:
        return ""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())
