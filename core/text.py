"""Vietnamese-aware text helpers."""

import re
import unicodedata

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


def unique_slug(instance, source: str, *, field_name: str = "slug") -> str:
    """A slug for `instance` made from `source`, suffixed -2, -3, … when already taken."""
    model = type(instance)
    max_length = model._meta.get_field(field_name).max_length
    base = vietnamese_slugify(source, max_length=max_length - 6) or model._meta.model_name
    others = (
        model._default_manager.exclude(pk=instance.pk) if instance.pk else model._default_manager
    )
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


def fold(value: str) -> str:
    """Text for accent-insensitive matching: no diacritics, đ → d, lower case, single spaces.

    >>> fold("Kế hoạch CẢI CÁCH  Đề án")
    'ke hoach cai cach de an'
    """
    decomposed = unicodedata.normalize("NFKD", (value or "").translate(_UNDECOMPOSABLE))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.lower().split())
