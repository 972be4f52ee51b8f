from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from import_export.forms import ExportForm, ImportForm

from audit.mixins import AuditedAdminMixin
from core.admin import VIETNAMESE_SLUG_JS, ContentManagedAdminMixin, NulSafeSearchMixin

from .models import (
    Component,
    ComponentResult,
    Grade,
    GradeThresholds,
    Index,
    ProvinceResult,
    ProvinceTarget,
    Responsibility,
    Unit,
    UnitResult,
    UnitTarget,
    parse_year,
)
from .models.changes import SCORE
from .resources import (
    ProvinceResultResource,
    ProvinceTargetResource,
    UnitResultResource,
    UnitTargetResource,
)

# Decimal fields accept the Vietnamese decimal comma ("86,50") as well as a point, and show
# values with a comma; a localized field is a text input, as browsers refuse a comma in
# <input type="number">.
LOCALIZED_DECIMALS = {models.DecimalField: {"localize": True}}


class ResultImportForm(ImportForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["import_file"].label = _("Spreadsheet file")
        self.fields["format"].label = _("File format")


class ResultImportExportMixin:
    """Import and export of result spreadsheets, with every step all-or-nothing.

    django-import-export's dry run already writes nothing and offers no confirmation when a
    row has an error. Its confirm step, though, would save the good rows of a file and skip
    the bad ones; here any error rolls the whole file back and nothing is reported as
    imported. The preview lists every row (new, changed, unchanged) and every error.
    """

    import_template_name = "admin/indices/import.html"
    import_form_class = ResultImportForm
    export_form_class = ExportForm  # always the same columns, so an export can be re-imported

    def get_import_data_kwargs(self, **kwargs):
        kwargs = super().get_import_data_kwargs(**kwargs)
        kwargs.setdefault("rollback_on_validation_errors", True)
        return kwargs

    def has_import_permission(self, request):
        """An import adds rows and changes rows: it needs both rights on the model."""
        return self.has_add_permission(request) and self.has_change_permission(request)

    def process_import(self, request, **kwargs):
        if not self.has_import_permission(request):
            raise PermissionDenied
        return super().process_import(request, **kwargs)

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            messages.error(
                request,
                _("The file has errors, so nothing was imported. Upload it again to see them."),
            )
            return HttpResponseRedirect(
                reverse(
                    "admin:{}_{}_import".format(*self.get_model_info()),
                    current_app=self.admin_site.name,
                )
            )
        return super().process_result(result, request)

    def add_success_message(self, result, request):
        totals = result.totals
        messages.success(
            request,
            _("Import finished: %(new)d added, %(updated)d updated, %(unchanged)d unchanged.")
            % {
                "new": totals["new"],
                "updated": totals["update"],
                "unchanged": totals["skip"],
            },
        )

    def get_import_context_data(self, **kwargs):
        context = super().get_import_context_data(**kwargs)
        context["column_help"] = self.resource_classes[0].column_help
        return context


# ----------------------------------------------------------------------------------------------
# Indices and their components


class ComponentInline(admin.TabularInline):
    formfield_overrides = LOCALIZED_DECIMALS
    model = Component
    extra = 1
    fields = ["name", "slug", "maximum_score", "order", "first_year", "last_year"]
    # Made from the name on first save and then kept, so that a component's address stays.
    readonly_fields = ["slug"]
    ordering = ["order", "pk"]


@admin.register(Index)
class IndexAdmin(AuditedAdminMixin, NulSafeSearchMixin, admin.ModelAdmin):
    formfield_overrides = LOCALIZED_DECIMALS
    list_display = ["abbreviation", "code", "name", "score_unit", "maximum_score", "order"]
    list_editable = ["order"]
    search_fields = ["code", "abbreviation", "name"]
    inlines = [ComponentInline]


# ----------------------------------------------------------------------------------------------
# Province results


class ComponentResultFormSet(forms.BaseInlineFormSet):
    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        # Give each component result its province result, even one still being added, so
        # that the model's clean() checks the component against the index and the year.
        form.instance.province_result = self.instance
        return form


class ComponentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, component):
        return f"{component.index.abbreviation} · {component.name}"


class ComponentResultInline(admin.TabularInline):
    formfield_overrides = LOCALIZED_DECIMALS
    model = ComponentResult
    formset = ComponentResultFormSet
    extra = 1
    fields = ["component", "score", "average_score", "is_sample"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("component")

    def get_formset(self, request, obj=None, **kwargs):
        # The component list depends on the result being edited; the request carries it to
        # formfield_for_foreignkey, which Django calls while it builds the formset class.
        request._indices_province_result = obj
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name != "component":
            return super().formfield_for_foreignkey(db_field, request, **kwargs)
        result = getattr(request, "_indices_province_result", None)
        if result is not None:
            kwargs["queryset"] = Component.objects.filter(index_id=result.index_id)
        else:
            kwargs["queryset"] = Component.objects.select_related("index")
            kwargs["form_class"] = ComponentChoiceField
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        # One query for the list, not one per inline row: every row shares these choices.
        field.choices = list(field.choices)
        return field


class YearFilter(admin.SimpleListFilter):
    """The years that have results, most recent first."""

    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        return [(str(year), str(year)) for year in model_admin.model.objects.years()]

    def queryset(self, request, queryset):
        year = parse_year(self.value())
        return queryset if year is None else queryset.for_year(year)


RECORD_HISTORY_FIELDS = ["created_by", "created_at", "updated_by", "updated_at"]
RECORD_HISTORY_FIELDSET = (
    _("Record history"),
    {"fields": RECORD_HISTORY_FIELDS, "classes": ["collapse"]},
)


@admin.register(ProvinceResult)
class ProvinceResultAdmin(
    AuditedAdminMixin,
    ResultImportExportMixin,
    ContentManagedAdminMixin,
    NulSafeSearchMixin,
    ImportExportModelAdmin,
):
    resource_classes = [ProvinceResultResource]
    formfield_overrides = LOCALIZED_DECIMALS
    list_display = ["index", "year", "score", "rank_display", "change_display", "is_sample"]
    list_display_links = ["index", "year"]
    list_filter = ["index", YearFilter, "is_sample"]
    list_select_related = ["index"]
    search_fields = ["note"]
    autocomplete_fields = ["article"]
    inlines = [ComponentResultInline]
    readonly_fields = RECORD_HISTORY_FIELDS
    fieldsets = [
        (None, {"fields": ["index", "year", "score", "rank", "provinces_ranked"]}),
        (None, {"fields": ["article", "note", "is_sample"]}),
        RECORD_HISTORY_FIELDSET,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_previous_rank()

    @admin.display(description=_("rank"), ordering="rank")
    def rank_display(self, obj):
        if obj.rank is None:
            return "—"
        return f"{obj.rank}/{obj.provinces_ranked}"

    @admin.display(description=_("change from the previous year"))
    def change_display(self, obj):
        change = obj.change
        return change.label if change else "—"


@admin.register(ProvinceTarget)
class ProvinceTargetAdmin(
    AuditedAdminMixin,
    ResultImportExportMixin,
    ContentManagedAdminMixin,
    NulSafeSearchMixin,
    ImportExportModelAdmin,
):
    resource_classes = [ProvinceTargetResource]
    formfield_overrides = LOCALIZED_DECIMALS
    list_display = ["index", "year", "score", "rank", "article", "is_sample"]
    list_display_links = ["index", "year"]
    list_filter = ["index", YearFilter, "is_sample"]
    list_select_related = ["index", "article"]
    search_fields = ["note"]
    autocomplete_fields = ["article"]
    readonly_fields = RECORD_HISTORY_FIELDS
    fieldsets = [
        (None, {"fields": ["index", "year", "score", "rank"]}),
        (None, {"fields": ["article", "note", "is_sample"]}),
        RECORD_HISTORY_FIELDSET,
    ]


class ResponsibilityComponentField(forms.ModelChoiceField):
    def label_from_instance(self, component):
        return f"{component.index.abbreviation} · {component.name}"


@admin.register(Responsibility)
class ResponsibilityAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["component", "index", "year", "unit", "role", "is_sample"]
    list_display_links = ["component"]
    list_filter = ["component__index", "year", "role", "is_sample"]
    list_select_related = ["component__index", "unit"]
    search_fields = ["component__name", "unit__name"]
    autocomplete_fields = ["unit"]
    fields = ["component", "year", "unit", "role", "is_sample"]

    @admin.display(description=_("index"), ordering="component__index__order")
    def index(self, obj):
        return obj.component.index

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "component":
            kwargs["queryset"] = Component.objects.select_related("index")
            kwargs["form_class"] = ResponsibilityComponentField
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


# ----------------------------------------------------------------------------------------------
# Units and their yearly results


@admin.register(Unit)
class UnitAdmin(AuditedAdminMixin, NulSafeSearchMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "is_active", "end_year", "successor", "order"]
    list_editable = ["is_active", "order"]
    list_filter = ["kind", "is_active"]
    list_select_related = ["successor"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["successor"]
    prepopulated_fields = {"slug": ["name"]}

    class Media:
        js = VIETNAMESE_SLUG_JS


class UnitKindColumn:
    """The `kind` column of a list of rows that belong to a unit."""

    @admin.display(description=_("kind"), ordering="unit__kind")
    def kind(self, obj):
        return obj.unit.get_kind_display()


@admin.register(UnitResult)
class UnitResultAdmin(
    AuditedAdminMixin,
    UnitKindColumn,
    ResultImportExportMixin,
    ContentManagedAdminMixin,
    NulSafeSearchMixin,
    ImportExportModelAdmin,
):
    resource_classes = [UnitResultResource]
    formfield_overrides = LOCALIZED_DECIMALS
    list_display = [
        "unit",
        "kind",
        "year",
        "score",
        "rank_display",
        "change_display",
        "grade_display",
        "is_sample",
    ]
    list_display_links = ["unit", "year"]
    list_filter = [YearFilter, "unit__kind", "is_sample"]
    list_select_related = ["unit"]
    search_fields = ["unit__name"]
    autocomplete_fields = ["unit"]
    readonly_fields = RECORD_HISTORY_FIELDS
    fieldsets = [
        (None, {"fields": ["unit", "year", "score", "note", "is_sample"]}),
        RECORD_HISTORY_FIELDSET,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_rank()

    def get_changelist_instance(self, request):
        """Grade the page's rows with one query for all thresholds, not one per row."""
        changelist = super().get_changelist_instance(request)
        GradeThresholds.objects.grade_all(changelist.result_list)
        return changelist

    @admin.display(description=_("rank"), ordering="rank")
    def rank_display(self, obj):
        return obj.rank

    @admin.display(description=_("change from the previous year"))
    def change_display(self, obj):
        change = obj.change
        if change is None:
            return "—"
        if change.basis == SCORE:
            return _("%(change)s points (%(reason)s)") % {
                "change": change.label,
                "reason": change.reason,
            }
        return _("%(change)s (rank %(rank)d in %(year)d)") % {
            "change": change.label,
            "rank": obj.previous_rank,
            "year": obj.previous_year,
        }

    @admin.display(description=_("grade"))
    def grade_display(self, obj):
        grade = getattr(obj, "grade", None)
        return Grade(grade).label if grade else "—"


@admin.register(UnitTarget)
class UnitTargetAdmin(
    AuditedAdminMixin,
    UnitKindColumn,
    ResultImportExportMixin,
    ContentManagedAdminMixin,
    NulSafeSearchMixin,
    ImportExportModelAdmin,
):
    resource_classes = [UnitTargetResource]
    formfield_overrides = LOCALIZED_DECIMALS
    list_display = ["unit", "kind", "year", "score", "rank", "article", "is_sample"]
    list_display_links = ["unit", "year"]
    list_filter = [YearFilter, "unit__kind", "is_sample"]
    list_select_related = ["unit", "article"]
    search_fields = ["unit__name", "note"]
    autocomplete_fields = ["unit", "article"]
    readonly_fields = RECORD_HISTORY_FIELDS
    fieldsets = [
        (None, {"fields": ["unit", "year", "score", "rank"]}),
        (None, {"fields": ["article", "note", "is_sample"]}),
        RECORD_HISTORY_FIELDSET,
    ]


@admin.register(GradeThresholds)
class GradeThresholdsAdmin(AuditedAdminMixin, admin.ModelAdmin):
    formfield_overrides = LOCALIZED_DECIMALS
    list_display = ["year", "good_from", "fair_from", "average_from"]
    list_display_links = ["year"]
