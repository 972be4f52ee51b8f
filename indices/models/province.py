"""The province's published results on each index, and their component breakdown. They read
the year's target (`targets.py`) and the components' lead units (`responsibility.py`), which
sit below them."""

from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from .changes import RankChange, rank_change, ranks_compare
from .index import DEFAULT_PROVINCES_RANKED, SCORE_DIGITS, Component, Index, _number
from .responsibility import with_lead
from .results import (
    LinksPublicArticle,
    PublicArticleQuerySet,
    YearlyResult,
    YearlyResultQuerySet,
)
from .target_checks import TargetedResult, target_annotations
from .targets import ProvinceTarget
from .years import FIRST_YEAR


class ProvinceResultQuerySet(PublicArticleQuerySet, YearlyResultQuerySet):
    def with_previous_rank(self):
        """Annotate the index's previous ranked year with data: `previous_year` (the latest
        earlier year with a rank, however many years back: years without data are skipped),
        `previous_count` (how many provinces it ranked) and its rank, which
        `ProvinceResult.previous_rank` gives only where the two ranks compare (58th of 63 and
        30th of 34, as after the 2025 mergers, do not)."""
        earlier = ProvinceResult.objects.filter(
            index=OuterRef("index"), year__lt=OuterRef("year"), rank__isnull=False
        ).order_by("-year")
        return self.annotate(
            previous_year=Subquery(earlier.values("year")[:1]),
            previous_count=Subquery(earlier.values("provinces_ranked")[:1]),
            previous_rank_value=Subquery(earlier.values("rank")[:1]),
        )

    def with_target(self):
        """Annotate the year's target of the index (see `target_annotations`)."""
        target = ProvinceTarget.objects.filter(index=OuterRef("index"), year=OuterRef("year"))
        return self.annotate(**target_annotations(target))

    def history(self, index: "Index"):
        """Every year of one index, oldest first, with changes, targets and public announcing
        articles."""
        return (
            self.filter(index=index)
            .select_related("index")
            .with_previous_rank()
            .with_target()
            .with_public_article()
            .order_by("year")
        )

    @staticmethod
    def latest_with_breakdown(results: list["ProvinceResult"]) -> "ProvinceResult | None":
        """Of one index's `results` (oldest first), the latest with a component breakdown, or
        else the latest: the year whose components an index page shows first."""
        if not results:
            return None
        with_breakdown = set(
            ComponentResult.objects.filter(province_result__in=[r.pk for r in results])
            .order_by()
            .values_list("province_result", flat=True)
            .distinct()
        )
        return next((r for r in reversed(results) if r.pk in with_breakdown), results[-1])

    def latest_per_index(self, *, with_targets: bool = True):
        """Each index's most recent result, in index order, with its change and (unless
        `with_targets` is false: the home page's box shows none, and the target's subqueries
        cost more to build than the rest of the query) its target."""
        latest_year = (
            ProvinceResult.objects.filter(index=OuterRef("index"))
            .order_by("-year")
            .values("year")[:1]
        )
        results = (
            self.filter(year=Subquery(latest_year))
            .select_related("index")
            .with_previous_rank()
            .order_by("index__order", "index__code")
        )
        return results.with_target() if with_targets else results


class ProvinceResult(LinksPublicArticle, TargetedResult, YearlyResult):
    """One index's result for the province in one year, as published by the index's owner."""

    owner_field = "index"

    index = models.ForeignKey(
        Index, verbose_name=_("index"), on_delete=models.PROTECT, related_name="results"
    )
    score = models.DecimalField(
        _("score"),
        **SCORE_DIGITS,
        null=True,
        blank=True,
        help_text=_("Leave empty when only the rank is known."),
    )
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    provinces_ranked = models.PositiveSmallIntegerField(
        _("number of provinces ranked"),
        default=DEFAULT_PROVINCES_RANKED,
        validators=[MinValueValidator(1)],
    )
    article = models.ForeignKey(
        "news.Article",
        verbose_name=_("announcing article"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="announced_results",
        help_text=_("The news article that announced this result."),
    )

    objects = ProvinceResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("province result")
        verbose_name_plural = _("province results")
        ordering = ["index__order", "index__code", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["index", "year"], name="province_result_unique_year"),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR), name="province_result_year_from_2000"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0),
                name="province_result_score_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(rank__isnull=True) | Q(rank__gte=1, rank__lte=F("provinces_ranked")),
                name="province_result_rank_in_range",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=False) | Q(rank__isnull=False),
                name="province_result_has_score_or_rank",
            ),
        ]

    def __str__(self):
        return f"{self.index} {self.year}"

    def get_absolute_url(self):
        return f"{self.index.get_absolute_url()}?nam={self.year}"

    def clean(self):
        errors = {}
        if self.score is None and self.rank is None:
            errors["score"] = _("Enter the score, the rank or both.")
        if self.index_id and self.score is not None:
            maximum = self.index.maximum_score
            if not 0 <= self.score <= maximum:
                errors["score"] = _("The score must be between 0 and %(maximum)s.") % {
                    "maximum": _number(maximum)
                }
        if (
            self.rank is not None
            and self.provinces_ranked
            and not 1 <= self.rank <= self.provinces_ranked
        ):
            errors["rank"] = _("The rank must be between 1 and %(count)d.") % {
                "count": self.provinces_ranked
            }
        try:
            super().clean()
        except ValidationError as error:
            errors.update(error.message_dict)
        if errors:
            raise ValidationError(errors)

    @property
    def previous_rank(self) -> int | None:
        """The rank of the previous ranked year (on rows from `with_previous_rank()`), or None
        if not known or if that year ranked another number of provinces (`ranks_compare`)."""
        if not ranks_compare(self.provinces_ranked, getattr(self, "previous_count", None)):
            return None
        return getattr(self, "previous_rank_value", None)

    @property
    def change(self) -> RankChange | None:
        """Change of rank versus the previous ranked year (on rows from `with_previous_rank()`),
        with that year in `since` when years without data lie between."""
        return rank_change(
            self.previous_rank,
            self.rank,
            previous_year=getattr(self, "previous_year", None),
            year=self.year,
        )


class ComponentResultQuerySet(models.QuerySet):
    def breakdown(self, result: "ProvinceResult"):
        """The component scores of one province result, in the components' order."""
        return self.filter(province_result=result).select_related(
            "province_result", "component__index"
        )

    def history(self, component: "Component"):
        """Every year's result of one component, oldest first, with the year's lead unit
        (see `with_lead`); `component_history` adds the supporting units."""
        return with_lead(
            self.filter(component=component)
            .select_related("province_result", "component__index")
            .order_by("province_result__year")
        )


class ComponentResult(models.Model):
    province_result = models.ForeignKey(
        ProvinceResult,
        verbose_name=_("province result"),
        on_delete=models.CASCADE,
        related_name="component_results",
    )
    component = models.ForeignKey(
        Component,
        verbose_name=_("component"),
        on_delete=models.PROTECT,
        related_name="results",
    )
    score = models.DecimalField(_("score"), **SCORE_DIGITS)
    average_score = models.DecimalField(
        _("provincial average"),
        **SCORE_DIGITS,
        null=True,
        blank=True,
        help_text=_(
            "The average of all provinces ranked that year for this component, as published. "
            "Leave empty if not known."
        ),
    )
    is_sample = models.BooleanField(_("sample data"), default=False)

    objects = ComponentResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("component result")
        verbose_name_plural = _("component results")
        ordering = ["component__order", "component__pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["province_result", "component"], name="component_result_unique"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0), name="component_result_score_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(average_score__isnull=True) | Q(average_score__gte=0),
                name="component_result_average_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.component}: {self.score}"

    @property
    def year(self) -> int:
        return self.province_result.year

    @property
    def average_share_of_maximum(self) -> Decimal | None:
        """The provincial average as a percentage of the component's maximum, if known."""
        if self.average_score is None:
            return None
        return (self.average_score * 100 / self.component.maximum_score).quantize(Decimal("0.01"))

    @property
    def difference_from_average(self) -> Decimal | None:
        """The score above (+) or below (-) the provincial average, if known."""
        return None if self.average_score is None else self.score - self.average_score

    @property
    def distance_from_average(self) -> Decimal | None:
        """How far the score is from the provincial average, either way, if known."""
        difference = self.difference_from_average
        return None if difference is None else abs(difference)

    @property
    def share_of_maximum(self) -> Decimal:
        """The score as a percentage of the component's maximum (7.5 of 10 → 75.00)."""
        return (self.score * 100 / self.component.maximum_score).quantize(Decimal("0.01"))

    def clean(self):
        # The result may be unsaved (added with its components in one admin form); it is
        # checked all the same, as long as it is set.
        try:
            result = self.province_result
        except ObjectDoesNotExist:
            return
        if not self.component_id or result.index_id is None or result.year is None:
            return
        component = self.component
        if component.index_id != result.index_id:
            raise ValidationError({"component": _("This component belongs to another index.")})
        if not component.applies_in(result.year):
            raise ValidationError(
                {
                    "component": _("This component was not part of the index in %(year)d.")
                    % {"year": result.year}
                }
            )
        maximum = {"maximum": _number(component.maximum_score)}
        errors = {}
        if self.score is not None and not 0 <= self.score <= component.maximum_score:
            errors["score"] = _("The score must be between 0 and %(maximum)s.") % maximum
        if self.average_score is not None and not 0 <= self.average_score <= (
            component.maximum_score
        ):
            errors["average_score"] = (
                _("The provincial average must be between 0 and %(maximum)s.") % maximum
            )
        if errors:
            raise ValidationError(errors)
