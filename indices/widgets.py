"""Spreadsheet cell converters for importing and exporting index results.

Staff type numbers the Vietnamese way ("86,50") as often as the English way ("86.50"), and
spreadsheets hand over real numbers; anything else ("abc", "8x", "86,5,0") is refused with a
message naming the value, which the import preview shows under the cell's column.
"""

import re
from decimal import Decimal, InvalidOperation

from django.db.models import Q
from django.utils.translation import gettext as _
from import_export.widgets import Widget

from core.text import vietnamese_slugify

from .models import Index, Unit

# An optional sign, digits, then at most one decimal separator (comma or point) and digits.
DECIMAL_PATTERN = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
INTEGER_PATTERN = re.compile(r"^[+-]?\d+$")
SPACES = re.compile(r"[\s\u00a0\u202f]+")
YES = {"có", "co", "x", "1", "true", "yes", "đúng"}
NO = {"", "không", "khong", "0", "false", "no", "sai"}


def _text(value) -> str:
    return SPACES.sub("", str(value)).strip()


def _is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class VietnameseDecimalWidget(Widget):
    """A decimal written "86,50" or "86.50" (or a spreadsheet number). Exported to CSV with the
    Vietnamese decimal comma, to XLSX as a real number."""

    def clean(self, value, row=None, **kwargs):
        if _is_empty(value):
            return None
        if isinstance(value, bool):
            raise ValueError(self.error(value))
        if isinstance(value, int | Decimal):
            return Decimal(value)
        if isinstance(value, float):
            # The shortest text of the float: 86.5, not 86.4999999999999971578... A formula's
            # result such as 86.49999999999999 is the 86.50 the spreadsheet shows.
            number = Decimal(repr(value))
            rounded = number.quantize(Decimal("0.01"))
            return rounded if abs(number - rounded) < Decimal("1e-9") else number
        text = _text(value)
        if not DECIMAL_PATTERN.match(text):
            raise ValueError(self.error(value))
        try:
            return Decimal(text.replace(",", "."))
        except InvalidOperation as error:  # pragma: no cover - the pattern already refuses it
            raise ValueError(self.error(value)) from error

    @staticmethod
    def error(value) -> str:
        return _("“%(value)s” is not a number. Write it like 86,50 or 86.50.") % {"value": value}

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        if kwargs.get("force_native_type"):
            return value
        return format(value, "f").replace(".", ",")


class WholeNumberWidget(Widget):
    """A whole number (year, rank, number of provinces). `empty` is used for an empty cell."""

    def __init__(self, empty=None, **kwargs):
        self.empty = empty
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if _is_empty(value):
            return self.empty
        if isinstance(value, bool):
            raise ValueError(self.error(value))
        if isinstance(value, int):
            return value
        if isinstance(value, float | Decimal):
            if value != int(value):
                raise ValueError(self.error(value))
            return int(value)
        text = _text(value)
        if not INTEGER_PATTERN.match(text) or len(text) > 9:
            raise ValueError(self.error(value))
        return int(text)

    @staticmethod
    def error(value) -> str:
        return _("“%(value)s” is not a whole number.") % {"value": value}

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return value if kwargs.get("force_native_type") else str(value)


class YesNoWidget(Widget):
    """ "có" / "không" (also x, 1, 0 or an empty cell, which means no)."""

    def clean(self, value, row=None, **kwargs):
        if value is None or isinstance(value, bool):
            return bool(value)
        if isinstance(value, int | float):
            return bool(value)
        text = str(value).strip().lower()
        if text in YES:
            return True
        if text in NO:
            return False
        raise ValueError(_("Write “yes” or “no”, not “%(value)s”.") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        # Data, not interface text: the same words are read back on import.
        return "có" if value else "không"


class UnitWidget(Widget):
    """A unit by its name (as in the list of units; letter case and the kind of dash do not
    matter, since the name is also compared as a slug) or its slug."""

    def clean(self, value, row=None, **kwargs):
        if _is_empty(value):
            return None
        text = " ".join(str(value).split())
        units = list(
            Unit.objects.filter(
                Q(name__iexact=text) | Q(slug=text.lower()) | Q(slug=vietnamese_slugify(text))
            ).distinct()[:2]
        )
        if len(units) != 1:
            raise ValueError(
                _("There is no unit “%(value)s”. Write its name as in the list of units.")
                % {"value": text}
            )
        return units[0]

    def render(self, value, obj=None, **kwargs):
        return value.name if value is not None else ""


class IndexWidget(Widget):
    """An index by its code (PAR_INDEX) or its abbreviation (PAR INDEX), any letter case."""

    def clean(self, value, row=None, **kwargs):
        if _is_empty(value):
            return None
        text = " ".join(str(value).split())
        indices = list(
            Index.objects.filter(Q(code__iexact=text) | Q(abbreviation__iexact=text))[:2]
        )
        if len(indices) != 1:
            raise ValueError(
                _(
                    "There is no index “%(value)s”. "
                    "Use its code, e.g. PAR_INDEX, or its abbreviation."
                )
                % {"value": text}
            )
        return indices[0]

    def render(self, value, obj=None, **kwargs):
        return value.code if value is not None else ""
