"""Targets: per index and year, the score or rank the province aimed for, and per unit and
year, the score or rank a unit was set in the province's own assessment; each with the article
that set it. Whether a target was met, and by how much, is derived from the result of the same
year (`with_target()` on province and unit results, see `target_checks.py`), never stored."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from .index import DEFAULT_PROVINCES_RANKED, SCORE_DIGITS, Index, _number
from .results import (
    LinksPublicArticle,
    PublicArticleQuerySet,
    YearlyResult,
    YearlyResultQuerySet,
    percent_field,
)
from .target_checks import TargetCheck, rank_check, score_check
from .units import Unit, validate_existed
from .years import FIRST_YEAR


class TargetQuerySet(PublicArticleQuerySet, YearlyResultQuerySet):
    def ahead(self):
        """Targets set for a year after the latest result of their index or unit: aimed for,
        not yet assessed. (A target of a year between two results belongs to a year without
        data, and is not ahead.) Oldest first, with the owner, and `article_is_public` so that
        pages link only to an article visitors may open."""
        owner = self.model.owner_field
        results = self.model.result_model().objects.filter(**{owner: OuterRef(owner)})
        latest_year = Subquery(results.order_by("-year").values("year")[:1])
        return (
            self.filter(Q(year__gt=latest_year) | ~Exists(results))
            .select_related(owner)
            .with_public_article()
            .order_by("year", *(f for f in self.model._meta.ordering if f.lstrip("-") != "year"))
        )


class Target(LinksPublicArticle, YearlyResult):
    """What a target and its owner's results share. The result models sit above the targets
    (their querysets' `with_target()` reads them), so a target reaches its owner's results
    through the owner's `results` relation rather than by importing them."""

    #: The foreign key naming whose target it is (the index, the unit).
    owner_field: str

    class Meta:
        abstract = True

    @classmethod
    def result_model(cls):
        """The owner's results: ProvinceResult for an index, UnitResult for a unit."""
        owner = cls._meta.get_field(cls.owner_field).related_model
        return owner._meta.get_field("results").related_model


class ProvinceTarget(Target):
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

    objects = TargetQuerySet.as_manager()

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


class UnitTarget(Target):
    """What a unit was set to reach in the province's yearly assessment: a score in percent,
    a rank among the units of its kind, or both."""

    owner_field = "unit"

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="targets"
    )
    score = percent_field(
        _("target score (%)"),
        null=True,
        blank=True,
        help_text=_(
            "The score in percent the unit is to reach. Leave empty if only a rank is set."
        ),
    )
    rank = models.PositiveSmallIntegerField(
        _("target rank"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("The rank among units of its kind the unit is to reach, or better."),
    )
    article = models.ForeignKey(
        "news.Article",
        verbose_name=_("set in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="set_unit_targets",
        help_text=_("The article publishing the plan or decision that set this target."),
    )

    objects = TargetQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit target")
        verbose_name_plural = _("unit targets")
        ordering = ["unit__kind", "unit__order", "unit__name", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="unit_target_unique_year"),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR), name="unit_target_year_from_2000"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100),
                name="unit_target_score_percent",
            ),
            models.CheckConstraint(
                condition=Q(rank__isnull=True) | Q(rank__gte=1),
                name="unit_target_rank_positive",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=False) | Q(rank__isnull=False),
                name="unit_target_has_score_or_rank",
            ),
        ]

    def __str__(self):
        return f"{self.unit} {self.year}"

    def get_absolute_url(self):
        return self.unit.get_absolute_url()

    def clean(self):
        """The score's 0–100 bounds are the field's own validators (as for unit results)."""
        errors = {}
        if self.score is None and self.rank is None:
            errors["score"] = _("Enter the target score, the target rank or both.")
        if self.unit_id and self.year and self.rank is not None:
            # Among the units of its kind that existed that year (merged ones left out).
            count = Unit.objects.existing_in(self.year).filter(kind=self.unit.kind).count()
            if not 1 <= self.rank <= max(count, 1):
                errors["rank"] = _("The rank must be between 1 and %(count)d.") % {
                    "count": max(count, 1)
                }
        try:
            super().clean()
        except ValidationError as error:
            errors.update(error.message_dict)
        if self.unit_id and self.year:
            try:
                validate_existed(self.unit, self.year)
            except ValidationError as error:
                errors.update(error.message_dict)
        if errors:
            raise ValidationError(errors)


__all__ = ["ProvinceTarget", "TargetCheck", "UnitTarget", "rank_check", "score_check"]
