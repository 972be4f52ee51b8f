"""The province's targets: per index and year, the score or rank it aimed for, and the
document that set it. Whether a target was met, and by how much, is derived from the result of
the same year (`ProvinceResultQuerySet.with_target()`), never stored."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .province import DEFAULT_PROVINCES_RANKED, SCORE_DIGITS, Index, _number
from .results import YearlyResult, YearlyResultQuerySet
from .years import FIRST_YEAR


@dataclass(frozen=True)
class TargetCheck:
    """A result against its target. `margin` is how far past the target (met) or short of it
    (missed): points or percent for a score, places for a rank; never negative."""

    SCORE = "score"
    RANK = "rank"

    kind: str
    target: Decimal | int
    met: bool
    margin: Decimal | int

    @property
    def is_rank(self) -> bool:
        return self.kind == self.RANK

    @property
    def signed_margin(self) -> Decimal | int:
        """Above (positive) or below (negative) the target: +1.29 points, -3 places."""
        return self.margin if self.met else -self.margin


def score_check(score, target) -> TargetCheck | None:
    """A score meets its target when it reaches it (higher is better)."""
    if score is None or target is None:
        return None
    return TargetCheck(TargetCheck.SCORE, target, score >= target, abs(score - target))


def rank_check(rank, target) -> TargetCheck | None:
    """A rank meets its target when it is the target or better (smaller)."""
    if rank is None or target is None:
        return None
    return TargetCheck(TargetCheck.RANK, target, rank <= target, abs(target - rank))


class ProvinceTarget(YearlyResult):
    """What the province aimed for on one index in one year: a score, a rank or both."""

    owner_field = "index"

    index = models.ForeignKey(
        Index, verbose_name=_("index"), on_delete=models.PROTECT, related_name="targets"
    )
    score = models.DecimalField(
        _("target score"),
        **SCORE_DIGITS,
        null=True,
        blank=True,
        help_text=_("The score the province aims to reach. Leave empty if only a rank is set."),
    )
    rank = models.PositiveSmallIntegerField(
        _("target rank"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("The rank the province aims for, or better."),
    )
    article = models.ForeignKey(
        "news.Article",
        verbose_name=_("set in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="set_targets",
        help_text=_("The article publishing the plan or resolution that set this target."),
    )

    objects = YearlyResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("province target")
        verbose_name_plural = _("province targets")
        ordering = ["index__order", "index__code", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["index", "year"], name="province_target_unique_year"),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR), name="province_target_year_from_2000"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0),
                name="province_target_score_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(rank__isnull=True) | Q(rank__gte=1),
                name="province_target_rank_positive",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=False) | Q(rank__isnull=False),
                name="province_target_has_score_or_rank",
            ),
        ]

    def __str__(self):
        return f"{self.index} {self.year}"

    def get_absolute_url(self):
        return f"{self.index.get_absolute_url()}?nam={self.year}"

    def clean(self):
        errors = {}
        if self.score is None and self.rank is None:
            errors["score"] = _("Enter the target score, the target rank or both.")
        if self.index_id and self.score is not None:
            maximum = self.index.maximum_score
            if not 0 <= self.score <= maximum:
                errors["score"] = _("The score must be between 0 and %(maximum)s.") % {
                    "maximum": _number(maximum)
                }
        if self.rank is not None and not 1 <= self.rank <= DEFAULT_PROVINCES_RANKED:
            errors["rank"] = _("The rank must be between 1 and %(count)d.") % {
                "count": DEFAULT_PROVINCES_RANKED
            }
        try:
            super().clean()
        except ValidationError as error:
            errors.update(error.message_dict)
        if errors:
            raise ValidationError(errors)


__all__ = ["ProvinceTarget", "TargetCheck", "rank_check", "score_check"]
