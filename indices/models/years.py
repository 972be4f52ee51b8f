"""Years of results: the range a result's year may take, and years read from addresses."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

FIRST_YEAR = 2000


def latest_allowed_year() -> int:
    """Results may be entered up to next year (an index is often announced for the year ahead)."""
    return timezone.localdate().year + 1


def validate_year(year: int) -> None:
    if year is None:
        return
    if not FIRST_YEAR <= year <= latest_allowed_year():
        raise ValidationError(
            _("Enter a year between %(first)d and %(last)d."),
            code="year_out_of_range",
            params={"first": FIRST_YEAR, "last": latest_allowed_year()},
        )


def year_field():
    return models.PositiveSmallIntegerField(_("year"), validators=[validate_year])


def parse_year(value) -> int | None:
    """A year written in an address or a filter (`?nam=2018`): four ASCII digits, else None.
    (`str.isdigit` would let "²²²²" or "٢٠١٨" through, which `int()` then refuses or misreads.)"""
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}", value):
        return int(value)
    return None
