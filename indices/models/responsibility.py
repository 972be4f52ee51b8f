"""Who answers for each component: per year, the unit that leads the work behind it and the
units that support it, and the annotations that give component results their lead and
supporting units. The reads that combine them with results are in `accountability.py`."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from .index import Component
from .units import Unit
from .years import FIRST_YEAR, year_field


def lead_of(component_ref: str, year_ref: str, field: str):
    """The `field` of the lead unit of the component and year of the enclosing query."""
    return Subquery(
        Responsibility.objects.filter(
            component=OuterRef(component_ref),
            year=OuterRef(year_ref),
            role=Responsibility.Role.LEAD,
        ).values(field)[:1]
    )


class ResponsibilityQuerySet(models.QuerySet):
    def leads(self):
        return self.filter(role=Responsibility.Role.LEAD)


class Responsibility(models.Model):
    """One unit's part in one component in one year: the lead, or a supporting unit."""

    class Role(models.TextChoices):
        LEAD = "lead", _("lead unit")
        SUPPORT = "support", _("supporting unit")

    component = models.ForeignKey(
        Component,
        verbose_name=_("component"),
        on_delete=models.CASCADE,
        related_name="responsibilities",
    )
    year = year_field()
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="responsibilities"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.LEAD)
    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("Invented for demonstration, not an official assignment. Pages say so."),
    )

    objects = ResponsibilityQuerySet.as_manager()

    class Meta:
        verbose_name = _("responsibility for a component")
        verbose_name_plural = _("responsibilities for components")
        ordering = ["-year", "component__index__order", "component__order", "role", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["component", "year", "unit"], name="responsibility_unique_unit"
            ),
            models.UniqueConstraint(
                fields=["component", "year"],
                condition=Q(role="lead"),
                name="responsibility_one_lead_per_year",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR), name="responsibility_year_from_2000"
            ),
        ]

    def __str__(self):
        return f"{self.component} {self.year}: {self.unit} ({self.get_role_display()})"

    def get_absolute_url(self):
        return self.unit.get_absolute_url()

    def clean(self):
        errors = {}
        if self.component_id and self.year and not self.component.applies_in(self.year):
            errors["year"] = _("This component was not part of the index in %(year)d.") % {
                "year": self.year
            }
        if self.component_id and self.year and self.role == self.Role.LEAD:
            other = Responsibility.objects.filter(
                component_id=self.component_id, year=self.year, role=self.Role.LEAD
            ).exclude(pk=self.pk)
            if other.exists():
                errors["role"] = _("This component already has a lead unit for %(year)d.") % {
                    "year": self.year
                }
        if errors:
            raise ValidationError(errors)


# ----------------------------------------------------------------------------------------------
# Reads: component results with their lead units, weakest first


def with_lead(queryset):
    """Annotate component results with their year's lead unit: `lead_name`, `lead_slug`,
    `lead_is_sample` (all None when no unit leads the component that year)."""
    return queryset.annotate(
        lead_name=lead_of("component", "province_result__year", "unit__name"),
        lead_slug=lead_of("component", "province_result__year", "unit__slug"),
        lead_is_sample=lead_of("component", "province_result__year", "is_sample"),
    )


def with_supporting_units(component_results) -> list:
    """Fetched component results, each given `supporting_units`: its year's supporting
    assignments (Responsibility rows with their unit, by unit name), in one query for all."""
    items = list(component_results)
    keys = {(item.component_id, item.province_result.year) for item in items}
    supporting: dict[tuple[int, int], list] = {key: [] for key in keys}
    if items:
        rows = (
            Responsibility.objects.filter(
                role=Responsibility.Role.SUPPORT,
                component__in={component for component, _year in keys},
                year__in={year for _component, year in keys},
            )
            .select_related("unit")
            .order_by("unit__name")
        )
        for row in rows:
            if (row.component_id, row.year) in supporting:
                supporting[(row.component_id, row.year)].append(row)
    for item in items:
        item.supporting_units = supporting[(item.component_id, item.province_result.year)]
    return items


def assignments_are_sample(item) -> bool:
    """Whether the lead or a supporting assignment of a component result is sample data (on
    results from `with_lead` and `with_supporting_units`)."""
    return bool(getattr(item, "lead_is_sample", False)) or any(
        row.is_sample for row in getattr(item, "supporting_units", ())
    )
