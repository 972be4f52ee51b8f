"""Tables as open data: the rows a page shows, as CSV and as JSON.

Each app builds its `Table` from the rows its page already fetched, so the download holds
exactly what the page shows (the indices' tables in `indices/tables.py`, the documents'
register in `documents/views.py`). CSV headers are Vietnamese (for people opening the file in a
spreadsheet); JSON keys are stable English names (for programs), with the Vietnamese labels
alongside.
"""

import csv
import io
import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import HttpResponse
from django.utils.translation import gettext as _

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Column:
    key: str
    label: str


@dataclass
class Table:
    title: str
    filename: str  # without extension
    columns: list[Column]
    rows: list[dict] = field(default_factory=list)

    @property
    def has_sample_data(self) -> bool:
        return any(row.get("is_sample") for row in self.rows)

    @property
    def has_sample_targets(self) -> bool:
        return any(row.get("target_is_sample") for row in self.rows)

    def as_csv(self) -> HttpResponse:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow([column.label for column in self.columns])
        for row in self.rows:
            writer.writerow([_csv_value(row.get(column.key)) for column in self.columns])
        # A byte-order mark, so that spreadsheet programs read the Vietnamese letters as UTF-8.
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
        return _as_download(response, f"{self.filename}.csv")

    def as_json(self) -> HttpResponse:
        document = {
            "title": self.title,
            "columns": [{"key": column.key, "label": column.label} for column in self.columns],
            "rows": [
                {column.key: _json_value(row.get(column.key)) for column in self.columns}
                for row in self.rows
            ],
        }
        notes = []
        if self.has_sample_data:
            notes.append(_("Rows marked is_sample are sample data, not official results."))
        if self.has_sample_targets:
            notes.append(
                _("Targets marked target_is_sample are sample data, not official targets.")
            )
        if notes:
            document["note"] = " ".join(notes)
        response = HttpResponse(
            json.dumps(document, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        return _as_download(response, f"{self.filename}.json", inline=True)


def _as_download(response: HttpResponse, filename: str, inline: bool = False) -> HttpResponse:
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, list):
        return "; ".join(_csv_value(item) for item in value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        # Text such as a unit's name must not run as a formula when the file is opened in a
        # spreadsheet program; numbers (a change of -1) are written as numbers above.
        return "'" + value
    return str(value)


def _json_value(value):
    """Decimals as strings with the precision the source gave ("72.23", "100.00"): a float
    would turn 86.50 into 86.5 and may print 0.1 + 0.2 digits."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, list):
        return [_json_value(item) for item in value]
    return value
