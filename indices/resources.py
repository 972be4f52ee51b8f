"""Spreadsheet import and export of the province's and the units' results and targets
(django-import-export).

Columns carry the Vietnamese headers staff already use; a row is found by its natural key
(unit + year, index + year), so importing a corrected file again updates rows instead of
adding new ones. Every row goes through the model's `full_clean()`, so the preview shows the
same field errors as the admin form, under the column they belong to, with the row number as
the spreadsheet shows it (the header is row 1).

Sample data: an imported row is official unless the file says otherwise. The optional column
"Dữ liệu minh hoạ" ("có" / "không") marks sample rows; without that column every imported row
is stored as official, including a demo row that the import overwrites.
"""

import unicodedata

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets
from import_export.instance_loaders import ModelInstanceLoader

from .models import ProvinceResult, ProvinceTarget, UnitResult, UnitTarget
from .widgets import (
    IndexWidget,
    UnitWidget,
    VietnameseDecimalWidget,
    WholeNumberWidget,
    YesNoWidget,
)

UNIT = "Đơn vị"
INDEX = "Chỉ số"
YEAR = "Năm"
UNIT_SCORE = "Điểm (%)"
SCORE = "Điểm"
RANK = "Thứ hạng"
PROVINCES_RANKED = "Số tỉnh xếp hạng"
NOTE = "Ghi chú"
SAMPLE = "Dữ liệu minh hoạ"
TARGET_SCORE = "Điểm mục tiêu"
TARGET_RANK = "Thứ hạng mục tiêu"
UNIT_TARGET_SCORE = "Điểm mục tiêu (%)"

HEADER_ROW = 1  # a file's first data row is row 2 of the spreadsheet


def _normalized(header) -> str:
    """Headers compared without letter case, extra spaces, or Unicode composition differences."""
    text = unicodedata.normalize("NFC", str(header or ""))
    return " ".join(text.split()).casefold()


class NaturalKeyLoader(ModelInstanceLoader):
    """Finds the row's existing result by its natural key. A key cell that cannot be read is
    not an error here: the row is then treated as new, and importing its fields reports the
    error under its column."""

    def get_instance(self, row):
        try:
            return super().get_instance(row)
        except ValueError:
            return None


class ResultResource(resources.ModelResource):
    """What province and unit results share: header matching, per-row duplicate detection,
    errors keyed by column, spreadsheet row numbers, and the importing user recorded."""

    year = fields.Field(attribute="year", column_name=YEAR, widget=WholeNumberWidget())
    note = fields.Field(attribute="note", column_name=NOTE, widget=widgets.CharWidget())
    is_sample = fields.Field(attribute="is_sample", column_name=SAMPLE, widget=YesNoWidget())

    #: Columns a file must have.
    required_columns: tuple[str, ...] = ()
    #: Other spellings accepted for a header: {spelling: column}.
    header_aliases: dict[str, str] = {}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._file_rows: list[int] = []
        self._seen: dict[tuple, int] = {}
        self._has_sample_column = False

    # -- the file as a whole

    def _canonical_header(self, header) -> str:
        known = {
            _normalized(field.column_name): field.column_name for field in self.fields.values()
        }
        known.update({_normalized(alias): column for alias, column in self.header_aliases.items()})
        return known.get(_normalized(header), str(header or "").strip())

    def before_import(self, dataset, **kwargs):
        dataset.headers = [self._canonical_header(header) for header in dataset.headers or []]
        # Blank lines are dropped, but rows keep the numbers the spreadsheet shows.
        kept, numbers = [], []
        for position, values in enumerate(dataset, start=HEADER_ROW + 1):
            if any(value is not None and str(value).strip() for value in values):
                kept.append(values)
                numbers.append(position)
        headers = dataset.headers
        known = {field.column_name for field in self.fields.values()}
        repeated = sorted({h for h in headers if h in known and headers.count(h) > 1})
        if repeated:
            raise ValueError(
                _("The column “%(column)s” appears more than once in the first row.")
                % {"column": repeated[0]}
            )
        for position, values in zip(numbers, kept, strict=True):
            if any(isinstance(value, str) and "\x00" in value for value in values):
                raise ValueError(
                    _("Row %(row)d holds a NUL character, which no cell may contain.")
                    % {"row": position}
                )
        missing = [column for column in self.required_columns if column not in headers]
        dataset.wipe()
        dataset.headers = headers
        if missing:
            raise ValueError(
                _("The file lacks the column(s) %(columns)s. The first row must hold the headers.")
                % {"columns": ", ".join(f"“{column}”" for column in missing)}
            )
        for values in kept:
            dataset.append(values)
        self._file_rows = numbers
        self._seen = {}
        self._has_sample_column = SAMPLE in headers

    def file_row(self, row_number: int) -> int:
        """The spreadsheet row of the `row_number`-th data row that was imported."""
        try:
            return self._file_rows[row_number - 1]
        except IndexError:
            return row_number + HEADER_ROW

    def after_import_row(self, row, row_result, **kwargs):
        row_result.file_row = self.file_row(kwargs["row_number"])

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        for invalid in result.invalid_rows:
            invalid.number = self.file_row(invalid.number)
        # Every row of the file in its order, for the preview: what it would do, or "invalid".
        preview = [
            {"number": row.file_row, "import_type": row.import_type, "values": row.diff or []}
            for row in result.valid_rows()
        ]
        preview += [
            {"number": row.number, "import_type": "invalid", "values": row.values}
            for row in result.invalid_rows
        ]
        result.preview_rows = sorted(preview, key=lambda row: row["number"])

    # -- one row

    def natural_key(self, instance) -> tuple | None:
        """(owner, year): a file holds one row per index and year, or per unit and year."""
        owner_id = getattr(instance, f"{instance.owner_field}_id")
        if owner_id is None or instance.year is None:
            return None
        return (owner_id, instance.year)

    def describe_key(self, instance) -> str:
        return _("%(owner)s, year %(year)d") % {
            "owner": getattr(instance, instance.owner_field),
            "year": instance.year,
        }

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if not self._has_sample_column:
            instance.is_sample = False
        key = self.natural_key(instance)
        if key is not None:
            this_row = self.file_row(kwargs["row_number"])
            first_row = self._seen.setdefault(key, this_row)
            if first_row != this_row:
                errors.setdefault(NON_FIELD_ERRORS, []).append(
                    ValidationError(
                        _("%(key)s appears twice in the file: already in row %(row)d.")
                        % {"key": self.describe_key(instance), "row": first_row},
                        code="duplicate_row",
                    )
                )
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The model's errors, keyed by the file's column names instead of field names."""
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as error:
            columns = {field.attribute: field.column_name for field in self.fields.values()}
            raise ValidationError(
                {columns.get(name, name): messages for name, messages in error.error_dict.items()}
            ) from error

    def before_save_instance(self, instance, row, **kwargs):
        user = kwargs.get("user")
        if user is not None and getattr(user, "is_authenticated", False):
            if instance.pk is None:
                instance.created_by = user
            instance.updated_by = user


class UnitResultResource(ResultResource):
    unit = fields.Field(attribute="unit", column_name=UNIT, widget=UnitWidget())
    score = fields.Field(
        attribute="score", column_name=UNIT_SCORE, widget=VietnameseDecimalWidget()
    )

    required_columns = (UNIT, YEAR, UNIT_SCORE)
    column_help = [
        (UNIT, gettext_lazy("required: the unit's name as in the list of units, or its slug")),
        (YEAR, gettext_lazy("required: the year assessed, e.g. 2019")),
        (UNIT_SCORE, gettext_lazy("required: the score in percent, 0 to 100, e.g. 86,50 or 86.50")),
        (NOTE, gettext_lazy("optional")),
        (SAMPLE, gettext_lazy("optional: “yes” for sample data; without it rows are official")),
    ]
    header_aliases = {"Điểm": UNIT_SCORE, "Dữ liệu minh họa": SAMPLE, "Tên đơn vị": UNIT}

    class Meta:
        model = UnitResult
        name = "Kết quả của đơn vị"
        fields = ["unit", "year", "score", "note", "is_sample"]
        import_id_fields = ["unit", "year"]
        export_order = ["unit", "year", "score", "note", "is_sample"]
        instance_loader_class = NaturalKeyLoader
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def get_queryset(self):
        return UnitResult.objects.select_related("unit")


class ProvinceResultResource(ResultResource):
    index = fields.Field(attribute="index", column_name=INDEX, widget=IndexWidget())
    score = fields.Field(attribute="score", column_name=SCORE, widget=VietnameseDecimalWidget())
    rank = fields.Field(attribute="rank", column_name=RANK, widget=WholeNumberWidget())
    provinces_ranked = fields.Field(
        attribute="provinces_ranked",
        column_name=PROVINCES_RANKED,
        widget=WholeNumberWidget(empty=ProvinceResult._meta.get_field("provinces_ranked").default),
    )

    required_columns = (INDEX, YEAR)
    column_help = [
        (
            INDEX,
            gettext_lazy(
                "required: the index's code (PAR_INDEX, SIPAS, PAPI, PCI) or abbreviation"
            ),
        ),
        (YEAR, gettext_lazy("required: the year assessed, e.g. 2019")),
        (SCORE, gettext_lazy("the score, from 0 to the index's maximum, e.g. 72,23 or 72.23")),
        (RANK, gettext_lazy("the rank among the provinces, a whole number")),
        (PROVINCES_RANKED, gettext_lazy("optional: 63 when empty")),
        (NOTE, gettext_lazy("optional")),
        (SAMPLE, gettext_lazy("optional: “yes” for sample data; without it rows are official")),
    ]
    header_aliases = {"Xếp hạng": RANK, "Dữ liệu minh họa": SAMPLE, "Mã chỉ số": INDEX}

    class Meta:
        model = ProvinceResult
        name = "Kết quả của tỉnh"
        fields = ["index", "year", "score", "rank", "provinces_ranked", "note", "is_sample"]
        import_id_fields = ["index", "year"]
        export_order = ["index", "year", "score", "rank", "provinces_ranked", "note", "is_sample"]
        instance_loader_class = NaturalKeyLoader
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def get_queryset(self):
        return ProvinceResult.objects.select_related("index")


class ProvinceTargetResource(ResultResource):
    """The province's targets, one row per index and year, imported like its results. The
    article that set a target is chosen in the admin form (a file names no articles)."""

    index = fields.Field(attribute="index", column_name=INDEX, widget=IndexWidget())
    score = fields.Field(
        attribute="score", column_name=TARGET_SCORE, widget=VietnameseDecimalWidget()
    )
    rank = fields.Field(attribute="rank", column_name=TARGET_RANK, widget=WholeNumberWidget())

    required_columns = (INDEX, YEAR)
    column_help = [
        (
            INDEX,
            gettext_lazy(
                "required: the index's code (PAR_INDEX, SIPAS, PAPI, PCI) or abbreviation"
            ),
        ),
        (YEAR, gettext_lazy("required: the year the target is for, e.g. 2023")),
        (TARGET_SCORE, gettext_lazy("the score aimed for, e.g. 88,00 or 88.00")),
        (TARGET_RANK, gettext_lazy("the rank aimed for (or better), a whole number")),
        (NOTE, gettext_lazy("optional")),
        (SAMPLE, gettext_lazy("optional: “yes” for sample data; without it rows are official")),
    ]
    header_aliases = {
        "Mục tiêu điểm": TARGET_SCORE,
        "Mục tiêu thứ hạng": TARGET_RANK,
        "Dữ liệu minh họa": SAMPLE,
        "Mã chỉ số": INDEX,
    }

    class Meta:
        model = ProvinceTarget
        name = "Mục tiêu của tỉnh"
        fields = ["index", "year", "score", "rank", "note", "is_sample"]
        import_id_fields = ["index", "year"]
        export_order = ["index", "year", "score", "rank", "note", "is_sample"]
        instance_loader_class = NaturalKeyLoader
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def get_queryset(self):
        return ProvinceTarget.objects.select_related("index")


class UnitTargetResource(ResultResource):
    """The units' targets, one row per unit and year, imported like their results. The
    article that set a target is chosen in the admin form (a file names no articles)."""

    unit = fields.Field(attribute="unit", column_name=UNIT, widget=UnitWidget())
    score = fields.Field(
        attribute="score", column_name=UNIT_TARGET_SCORE, widget=VietnameseDecimalWidget()
    )
    rank = fields.Field(attribute="rank", column_name=TARGET_RANK, widget=WholeNumberWidget())

    required_columns = (UNIT, YEAR)
    column_help = [
        (UNIT, gettext_lazy("required: the unit's name as in the list of units, or its slug")),
        (YEAR, gettext_lazy("required: the year the target is for, e.g. 2023")),
        (
            UNIT_TARGET_SCORE,
            gettext_lazy("the score in percent aimed for, 0 to 100, e.g. 85,00 or 85.00"),
        ),
        (
            TARGET_RANK,
            gettext_lazy("the rank among units of its kind aimed for (or better), a whole number"),
        ),
        (NOTE, gettext_lazy("optional")),
        (SAMPLE, gettext_lazy("optional: “yes” for sample data; without it rows are official")),
    ]
    header_aliases = {
        "Điểm mục tiêu": UNIT_TARGET_SCORE,
        "Mục tiêu điểm": UNIT_TARGET_SCORE,
        "Mục tiêu thứ hạng": TARGET_RANK,
        "Dữ liệu minh họa": SAMPLE,
        "Tên đơn vị": UNIT,
    }

    class Meta:
        model = UnitTarget
        name = "Mục tiêu của đơn vị"
        fields = ["unit", "year", "score", "rank", "note", "is_sample"]
        import_id_fields = ["unit", "year"]
        export_order = ["unit", "year", "score", "rank", "note", "is_sample"]
        instance_loader_class = NaturalKeyLoader
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def get_queryset(self):
        return UnitTarget.objects.select_related("unit")
