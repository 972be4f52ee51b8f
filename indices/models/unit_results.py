"""The province's own yearly assessment of its departments and districts: scores, derived
ranks, changes and grades, each against the year's target."""

from decimal import Decimal

from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from .changes import RankChange, ScoreChange, unit_change
from .results import YearlyResult, YearlyResultQuerySet, percent_field
from .target_checks import TargetedResult, target_annotations
from .targets import UnitTarget
from .units import GradeThresholds, Unit, existed_in, validate_existed
from .years import FIRST_YEAR


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
