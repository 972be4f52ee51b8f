"""The province's own departments and districts, assessed each year, and the thresholds
that grade their scores. Their results are in `unit_results.py`."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import SearchableModel, SearchTextField
from core.models import SlugFromNameMixin

from .results import percent_field
from .years import validate_year


class UnitQuerySet(models.QuerySet):
    def existing_in(self, year: int):
        """Units that still existed in `year` (not yet merged or dissolved)."""
        return self.filter(existed_in(year))


def existed_in(year, prefix: str = "") -> Q:
    """The condition "the unit existed in `year`" (a year or an OuterRef), on `prefix` + the
    unit's fields."""
    return Q(**{f"{prefix}end_year__isnull": True}) | Q(**{f"{prefix}end_year__gte": year})


class Unit(SlugFromNameMixin, SearchableModel):
    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("Departments and agencies")
        DISTRICT = "district", _("District-level people's committees")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    slug = models.SlugField(
        _("slug"),
        max_length=220,
        unique=True,
        blank=True,
        help_text=_("Leave empty to make it from the name."),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_(
            "Untick for a unit that no longer exists (e.g. districts after the 2025 "
            "reorganisation); its past results stay published."
        ),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    # A folded copy for the site search (core.search), kept current on save.
    search_name = SearchTextField(source="name")
    end_year = models.PositiveSmallIntegerField(
        _("last year"),
        null=True,
        blank=True,
        validators=[validate_year],
        help_text=_(
            "The last year the unit existed, if it was merged or dissolved. Rankings of later "
            "years leave it out."
        ),
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
        help_text=_("The unit it was merged into, whose profile links to this unit's history."),
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["kind", "order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(successor__isnull=True) | Q(end_year__isnull=False),
                name="unit_successor_needs_end_year",
            ),
            models.CheckConstraint(
                condition=~Q(successor=F("pk")), name="unit_not_its_own_successor"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("indices:unit-detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.successor_id and self.end_year is None:
            errors["end_year"] = _("A unit merged into another needs its last year.")
        if self.successor_id and self.pk and self.successor_id == self.pk:
            errors["successor"] = _("A unit cannot be its own successor.")
        if errors:
            raise ValidationError(errors)


def validate_existed(unit: Unit, year: int) -> None:
    """A unit's result or target is for a year the unit still existed."""
    if unit.end_year and year > unit.end_year:
        raise ValidationError(
            {
                "year": _("%(unit)s no longer existed after %(end)d.")
                % {"unit": unit, "end": unit.end_year}
            }
        )


class Grade(models.TextChoices):
    GOOD = "good", _("Good")
    FAIR = "fair", _("Fair")
    AVERAGE = "average", _("Average")
    WEAK = "weak", _("Weak")


class GradeThresholdsQuerySet(models.QuerySet):
    def grade_all(self, results) -> list:
        """`results` as a list, each with `grade` set from the thresholds of its year (one
        query for the thresholds, however many results)."""
        lookup = self.lookup()
        results = list(results)
        for result in results:
            result.grade = lookup.grade(result.year, result.score)
        return results

    def lookup(self) -> "GradeLookup":
        """All thresholds in one query, to grade any number of results."""
        return GradeLookup(list(self.order_by("-year")))


class GradeThresholds(models.Model):
    """The lowest score of each class from a given year on, until a later row replaces them.
    Provinces set their own thresholds, so staff edit them here."""

    year = models.PositiveSmallIntegerField(_("from year"), unique=True, validators=[validate_year])
    good_from = percent_field(_("Good from (%)"))
    fair_from = percent_field(_("Fair from (%)"))
    average_from = percent_field(
        _("Average from (%)"),
        help_text=_("Below this score a unit is graded Weak."),
    )

    objects = GradeThresholdsQuerySet.as_manager()

    class Meta:
        verbose_name = _("grade thresholds")
        verbose_name_plural = _("grade thresholds")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(good_from__gt=F("fair_from"), fair_from__gt=F("average_from"))
                & Q(average_from__gte=0, good_from__lte=100),
                name="grade_thresholds_in_order",
            ),
        ]

    def __str__(self):
        return str(_("Grade thresholds from %(year)d") % {"year": self.year})

    def clean(self):
        values = (self.good_from, self.fair_from, self.average_from)
        if None not in values and not self.good_from > self.fair_from > self.average_from:
            raise ValidationError(
                _("Each threshold must be higher than the next: Good > Fair > Average.")
            )

    def grade(self, score: Decimal) -> str:
        """The class of `score`; a score equal to a threshold reaches that class."""
        if score >= self.good_from:
            return Grade.GOOD
        if score >= self.fair_from:
            return Grade.FAIR
        if score >= self.average_from:
            return Grade.AVERAGE
        return Grade.WEAK


class GradeLookup:
    """Thresholds by year: a year uses the most recent thresholds set for it or before it."""

    def __init__(self, thresholds_newest_first: list[GradeThresholds]):
        self._thresholds = thresholds_newest_first

    def for_year(self, year: int) -> GradeThresholds | None:
        return next((t for t in self._thresholds if t.year <= year), None)

    def grade(self, year: int, score: Decimal) -> Grade | None:
        thresholds = self.for_year(year)
        return Grade(thresholds.grade(score)) if thresholds else None
