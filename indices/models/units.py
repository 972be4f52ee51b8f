"""The province's own yearly assessment of its departments and districts: scores, derived
ranks and grades."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import SearchableModel, SearchTextField
from core.text import unique_slug

from .changes import RankChange, ScoreChange, unit_change
from .results import YearlyResult, YearlyResultQuerySet, percent_field
from .target_checks import TargetedResult, target_annotations
from .years import FIRST_YEAR, validate_year


class UnitQuerySet(models.QuerySet):
    def existing_in(self, year: int):
        """Units that still existed in `year` (not yet merged or dissolved)."""
        return self.filter(existed_in(year))


def existed_in(year, prefix: str = "") -> Q:
    """The condition "the unit existed in `year`" (a year or an OuterRef), on `prefix` + the
    unit's fields."""
    return Q(**{f"{prefix}end_year__isnull": True}) | Q(**{f"{prefix}end_year__gte": year})


class Unit(SearchableModel):
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

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)

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


def _rank_among_peers():
    """For the result in the enclosing query: 1 + the number of results of the same year and
    kind with a higher score. Tied scores share a rank and the next rank skips ("1, 2, 2, 4")."""
    better = (
        UnitResult.objects.filter(
            existed_in(OuterRef("year"), "unit__"),
            year=OuterRef("year"),
            unit__kind=OuterRef("unit__kind"),
            score__gt=OuterRef("score"),
        )
        .order_by()
        .values("year")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(better), Value(0)) + 1


def _peer_count():
    """For the result in the enclosing query: how many units of its kind were scored that year."""
    peers = (
        UnitResult.objects.filter(
            existed_in(OuterRef("year"), "unit__"),
            year=OuterRef("year"),
            unit__kind=OuterRef("unit__kind"),
        )
        .order_by()
        .values("year")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Subquery(peers)


class UnitResultQuerySet(YearlyResultQuerySet):
    def of_kind(self, kind: str):
        return self.filter(unit__kind=kind)

    def with_rank(self):
        """Annotate `rank` (among units of the same kind that year) and `ranked_count` (how many
        units of that kind were ranked), and the same of the unit's previous year with a result,
        however many years back: `previous_year`, `previous_rank`, `previous_ranked_count` and
        `previous_score_value` (read it as `previous_score`). Correct whatever else the queryset
        filters on; still one query. `change` decides what the two years compare."""
        earlier = (
            UnitResult.objects.filter(unit=OuterRef("unit"), year__lt=OuterRef("year"))
            .order_by("-year")
            .annotate(rank=_rank_among_peers(), ranked_count=_peer_count())
        )
        return self.annotate(
            rank=_rank_among_peers(),
            ranked_count=_peer_count(),
            previous_year=Subquery(earlier.values("year")[:1]),
            previous_rank=Subquery(earlier.values("rank")[:1]),
            previous_ranked_count=Subquery(earlier.values("ranked_count")[:1]),
            previous_score_value=Subquery(earlier.values("score")[:1]),
        )

    def with_target(self):
        """Annotate the unit's target of the year (see `target_annotations`)."""
        from .targets import UnitTarget

        target = UnitTarget.objects.filter(unit=OuterRef("unit"), year=OuterRef("year"))
        return self.annotate(**target_annotations(target))

    def ranking(self, year: int, kind: str | None = None):
        """The year's ranking of one kind of units (or of each kind, kind by kind), best
        first: only units that existed that year (a merged unit's late rows are left out)."""
        results = self.for_year(year).filter(existed_in(year, "unit__"))
        if kind is not None:
            results = results.of_kind(kind)
        return (
            results.select_related("unit")
            .with_rank()
            .with_target()
            .order_by("unit__kind", "rank", "unit__order", "unit__name")
        )

    def graded(self) -> list["UnitResult"]:
        """The results as a list, each with its `grade` (see `GradeThresholds.grade_all`)."""
        return GradeThresholds.objects.grade_all(self)

    def history(self, unit: "Unit") -> list["UnitResult"]:
        """One unit's results, oldest first, each with its rank, change, target and grade."""
        return (
            self.filter(unit=unit)
            .select_related("unit")
            .with_rank()
            .with_target()
            .order_by("year")
            .graded()
        )


class UnitResult(TargetedResult, YearlyResult):
    """A unit's score in the province's yearly administrative-reform assessment."""

    owner_field = "unit"

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="results"
    )
    score = percent_field(_("score (%)"))

    objects = UnitResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit result")
        verbose_name_plural = _("unit results")
        ordering = ["-year", "-score", "unit__name"]
        indexes = [models.Index(fields=["year", "score"], name="unit_result_year_score_idx")]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="unit_result_unique_year"),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR), name="unit_result_year_from_2000"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0, score__lte=100), name="unit_result_score_percent"
            ),
        ]

    def __str__(self):
        return f"{self.unit} {self.year}"

    def clean(self):
        super().clean()
        if self.unit_id and self.year:
            validate_existed(self.unit, self.year)

    @property
    def previous_score(self) -> Decimal | None:
        """The score of the previous year with a result (on rows from `with_rank()`), with its
        two decimals: SQLite hands a subquery's decimal back without them (85 for 85.00)."""
        value = getattr(self, "previous_score_value", None)
        return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))

    @property
    def score_change(self) -> Decimal | None:
        """The score minus that of the previous year with a result (on rows from
        `with_rank()`): +2.35, -1.10; None without an earlier result."""
        previous = self.previous_score
        return None if previous is None else self.score - previous

    @property
    def change(self) -> RankChange | ScoreChange | None:
        """Change versus the unit's previous year with a result (on rows from `with_rank()`):
        of rank when both years ranked as many units of its kind, else of score, with that
        year in `since` when years without a result lie between."""
        return unit_change(
            year=self.year,
            rank=getattr(self, "rank", None),
            ranked=getattr(self, "ranked_count", None),
            score=self.score,
            previous_year=getattr(self, "previous_year", None),
            previous_rank=getattr(self, "previous_rank", None),
            previous_ranked=getattr(self, "previous_ranked_count", None),
            previous_score=self.previous_score,
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
