"""The reform indices: how the province scores among all provinces, and how its own units
score in the province's yearly assessment.

Values that follow from others are derived, never typed in: a unit's rank comes from the scores
of its year and kind, its class from that year's thresholds, and every change arrow from the
previous year's rank.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import ContentManagedModel
from core.text import unique_slug

FIRST_YEAR = 2000
DEFAULT_PROVINCES_RANKED = 63
SCORE_DIGITS = {"max_digits": 6, "decimal_places": 2}


def latest_allowed_year() -> int:
    """Results may be entered up to next year (an index is often announced for the year ahead)."""
    return timezone.localdate().year + 1


def validate_year(year: int) -> None:
    if year is None:
        return
    if not FIRST_YEAR <= year <= latest_allowed_year():
        raise ValidationError(
            _("Enter a year between %(first)d and %(last)d."),
            code="year_out_of_range",
            params={"first": FIRST_YEAR, "last": latest_allowed_year()},
        )


def year_field():
    return models.PositiveSmallIntegerField(_("year"), validators=[validate_year])


# ----------------------------------------------------------------------------------------------
# Change versus the previous year


@dataclass(frozen=True)
class RankChange:
    """How a rank moved since the previous year. "Up" means a better (smaller) rank."""

    UP = "up"
    DOWN = "down"
    SAME = "same"

    direction: str
    places: int

    @property
    def symbol(self) -> str:
        return {self.UP: "▲", self.DOWN: "▼", self.SAME: "="}[self.direction]

    @property
    def label(self) -> str:
        """ "▲37", "▼1" or "=": the arrow with the number of places."""
        return self.symbol if self.direction == self.SAME else f"{self.symbol}{self.places}"

    def __str__(self):
        return self.label


def rank_change(previous_rank: int | None, rank: int | None) -> RankChange | None:
    """The change from `previous_rank` to `rank`; None when either year has no rank."""
    if previous_rank is None or rank is None:
        return None
    if rank < previous_rank:
        return RankChange(RankChange.UP, previous_rank - rank)
    if rank > previous_rank:
        return RankChange(RankChange.DOWN, rank - previous_rank)
    return RankChange(RankChange.SAME, 0)


# ----------------------------------------------------------------------------------------------
# Province-level indices


class Index(models.Model):
    class ScoreUnit(models.TextChoices):
        POINTS = "points", _("points")
        PERCENT = "percent", _("percent")

    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        validators=[
            RegexValidator(
                r"^[A-Z][A-Z0-9_]*$",
                _("Use capital letters, digits and underscores, e.g. PAR_INDEX."),
            )
        ],
        help_text=_("A short fixed code, e.g. PAR_INDEX, SIPAS, PAPI, PCI."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=40,
        unique=True,
        blank=True,
        help_text=_("The index's address on the site. Leave empty to make it from the code."),
    )
    name = models.CharField(_("Vietnamese name"), max_length=200)
    abbreviation = models.CharField(_("abbreviation"), max_length=30)
    description = models.TextField(_("description"), blank=True)
    publisher = models.CharField(_("published by"), max_length=300, blank=True)
    score_unit = models.CharField(
        _("unit"), max_length=10, choices=ScoreUnit.choices, default=ScoreUnit.POINTS
    )
    maximum_score = models.DecimalField(
        _("maximum score"), **SCORE_DIGITS, validators=[MinValueValidator(Decimal("0.01"))]
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("index")
        verbose_name_plural = _("indices")
        ordering = ["order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(maximum_score__gt=0), name="index_maximum_score_positive"
            ),
        ]

    def __str__(self):
        return self.abbreviation

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.code.replace("_", "-"))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("indices:index-detail", kwargs={"slug": self.slug})

    @property
    def is_percent(self) -> bool:
        return self.score_unit == self.ScoreUnit.PERCENT


class ComponentQuerySet(models.QuerySet):
    def for_year(self, year: int):
        """Components that the index's method used in `year`."""
        return self.filter(
            Q(first_year__isnull=True) | Q(first_year__lte=year),
            Q(last_year__isnull=True) | Q(last_year__gte=year),
        )


class Component(models.Model):
    """A part of an index (lĩnh vực, yếu tố, nội dung, chỉ số thành phần). Methods change over
    the years, so a component may apply only from or until a given year."""

    index = models.ForeignKey(
        Index, verbose_name=_("index"), on_delete=models.CASCADE, related_name="components"
    )
    name = models.CharField(_("name"), max_length=300)
    maximum_score = models.DecimalField(
        _("maximum score"), **SCORE_DIGITS, validators=[MinValueValidator(Decimal("0.01"))]
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    first_year = models.PositiveSmallIntegerField(
        _("first year"),
        null=True,
        blank=True,
        validators=[validate_year],
        help_text=_("Leave empty if it has applied from the start."),
    )
    last_year = models.PositiveSmallIntegerField(
        _("last year"),
        null=True,
        blank=True,
        validators=[validate_year],
        help_text=_("Leave empty if it still applies."),
    )

    objects = ComponentQuerySet.as_manager()

    class Meta:
        verbose_name = _("component")
        verbose_name_plural = _("components")
        ordering = ["index", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(maximum_score__gt=0), name="component_maximum_score_positive"
            ),
            models.CheckConstraint(
                condition=Q(first_year__isnull=True)
                | Q(last_year__isnull=True)
                | Q(last_year__gte=F("first_year")),
                name="component_years_in_order",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.first_year and self.last_year and self.last_year < self.first_year:
            raise ValidationError(
                {"last_year": _("The last year cannot come before the first year.")}
            )

    def applies_in(self, year: int) -> bool:
        return (self.first_year is None or self.first_year <= year) and (
            self.last_year is None or year <= self.last_year
        )


class ProvinceResultQuerySet(models.QuerySet):
    def with_previous_rank(self):
        """Annotate `previous_rank`: the index's rank in the year before (None if not known)."""
        previous = ProvinceResult.objects.filter(
            index=OuterRef("index"), year=OuterRef("year") - 1
        ).values("rank")[:1]
        return self.annotate(previous_rank=Subquery(previous))

    def with_public_article(self):
        """Fetch the announcing article and annotate `article_is_public`, so that pages link
        only to an article visitors can open (`Article.objects.published()` decides)."""
        from news.models import Article

        return self.select_related("article").annotate(
            article_is_public=Exists(Article.objects.published().filter(pk=OuterRef("article_id")))
        )

    def history(self, index: "Index"):
        """Every year of one index, oldest first, with changes and public announcing articles."""
        return (
            self.filter(index=index)
            .select_related("index")
            .with_previous_rank()
            .with_public_article()
            .order_by("year")
        )

    def latest_per_index(self):
        """Each index's most recent result, in index order, with its change."""
        latest_year = (
            ProvinceResult.objects.filter(index=OuterRef("index"))
            .order_by("-year")
            .values("year")[:1]
        )
        return (
            self.filter(year=Subquery(latest_year))
            .select_related("index")
            .with_previous_rank()
            .order_by("index__order", "index__code")
        )


class ProvinceResult(ContentManagedModel):
    """One index's result for the province in one year, as published by the index's owner."""

    index = models.ForeignKey(
        Index, verbose_name=_("index"), on_delete=models.PROTECT, related_name="results"
    )
    year = year_field()
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
    note = models.TextField(_("note"), blank=True)
    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("Invented for demonstration, not an official result. Pages say so."),
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
        if self.index_id and self.year:
            taken = ProvinceResult.objects.filter(index_id=self.index_id, year=self.year)
            if self.pk:
                taken = taken.exclude(pk=self.pk)
            if taken.exists():
                errors["year"] = _("%(index)s already has a result for %(year)d.") % {
                    "index": self.index,
                    "year": self.year,
                }
        if errors:
            raise ValidationError(errors)

    @property
    def change(self) -> RankChange | None:
        """Change of rank versus the previous year (on rows from `with_previous_rank()`)."""
        return rank_change(getattr(self, "previous_rank", None), self.rank)

    @property
    def public_article(self):
        """The announcing article if visitors may open it (on rows from `with_public_article()`)."""
        return self.article if getattr(self, "article_is_public", False) else None


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
    is_sample = models.BooleanField(_("sample data"), default=False)

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
        ]

    def __str__(self):
        return f"{self.component}: {self.score}"

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
        if self.score is not None and not 0 <= self.score <= component.maximum_score:
            raise ValidationError(
                {
                    "score": _("The score must be between 0 and %(maximum)s.")
                    % {"maximum": _number(component.maximum_score)}
                }
            )


# ----------------------------------------------------------------------------------------------
# The province's own assessment of its units


class Unit(models.Model):
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

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["kind", "order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("indices:unit-detail", kwargs={"slug": self.slug})


def _rank_among_peers():
    """For the result in the enclosing query: 1 + the number of results of the same year and
    kind with a higher score. Tied scores share a rank and the next rank skips ("1, 2, 2, 4")."""
    better = (
        UnitResult.objects.filter(
            year=OuterRef("year"), unit__kind=OuterRef("unit__kind"), score__gt=OuterRef("score")
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
        UnitResult.objects.filter(year=OuterRef("year"), unit__kind=OuterRef("unit__kind"))
        .order_by()
        .values("year")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Subquery(peers)


class UnitResultQuerySet(models.QuerySet):
    def for_year(self, year: int):
        return self.filter(year=year)

    def of_kind(self, kind: str):
        return self.filter(unit__kind=kind)

    def with_rank(self):
        """Annotate `rank` (among units of the same kind that year), `ranked_count` (how many
        units of that kind were ranked) and `previous_rank` (the unit's rank the year before).
        Correct whatever else the queryset filters on."""
        previous = UnitResult.objects.filter(
            unit=OuterRef("unit"), year=OuterRef("year") - 1
        ).annotate(rank=_rank_among_peers())
        return self.annotate(
            rank=_rank_among_peers(),
            ranked_count=_peer_count(),
            previous_rank=Subquery(previous.values("rank")[:1]),
        )

    def ranking(self, year: int, kind: str):
        """The year's ranking of one kind of units, best first."""
        return (
            self.for_year(year)
            .of_kind(kind)
            .select_related("unit")
            .with_rank()
            .order_by("rank", "unit__order", "unit__name")
        )

    def graded(self) -> list["UnitResult"]:
        """The results as a list, each with `grade` set from its year's thresholds (one more
        query, however many results)."""
        lookup = GradeThresholds.objects.lookup()
        results = list(self)
        for result in results:
            result.grade = lookup.grade(result.year, result.score)
        return results

    def years(self) -> list[int]:
        """Years with results, most recent first."""
        return list(self.order_by("-year").values_list("year", flat=True).distinct())


class UnitResult(ContentManagedModel):
    """A unit's score in the province's yearly administrative-reform assessment."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="results"
    )
    year = year_field()
    score = models.DecimalField(
        _("score (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    note = models.TextField(_("note"), blank=True)
    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("Invented for demonstration, not an official result. Pages say so."),
    )

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
        if self.unit_id and self.year:
            taken = UnitResult.objects.filter(unit_id=self.unit_id, year=self.year)
            if self.pk:
                taken = taken.exclude(pk=self.pk)
            if taken.exists():
                raise ValidationError(
                    {
                        "year": _("%(unit)s already has a result for %(year)d.")
                        % {"unit": self.unit, "year": self.year}
                    }
                )

    @property
    def change(self) -> RankChange | None:
        """Change of rank versus the previous year (on rows from `with_rank()`)."""
        return rank_change(getattr(self, "previous_rank", None), getattr(self, "rank", None))


class Grade(models.TextChoices):
    GOOD = "good", _("Good")
    FAIR = "fair", _("Fair")
    AVERAGE = "average", _("Average")
    WEAK = "weak", _("Weak")


class GradeThresholdsQuerySet(models.QuerySet):
    def lookup(self) -> "GradeLookup":
        """All thresholds in one query, to grade any number of results."""
        return GradeLookup(list(self.order_by("-year")))


class GradeThresholds(models.Model):
    """The lowest score of each class from a given year on, until a later row replaces them.
    Provinces set their own thresholds, so staff edit them here."""

    year = models.PositiveSmallIntegerField(_("from year"), unique=True, validators=[validate_year])
    good_from = models.DecimalField(
        _("Good from (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    fair_from = models.DecimalField(
        _("Fair from (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    average_from = models.DecimalField(
        _("Average from (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
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


def _number(value: Decimal) -> str:
    """A maximum shown in messages: 100, 80, 10.5 (no trailing zeros)."""
    return format(value.normalize(), "f")
