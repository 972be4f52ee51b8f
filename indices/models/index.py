"""The province-level indices (PAR INDEX, SIPAS, PAPI, PCI) and their components: what is
measured, before any result, target or responsibility (which all refer to these)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import SearchableModel, SearchTextField
from core.text import unique_slug

from .years import validate_year

DEFAULT_PROVINCES_RANKED = 63
SCORE_DIGITS = {"max_digits": 6, "decimal_places": 2}
# Addresses under /chi-so/ that an index's slug must not take (see indices/urls.py).
RESERVED_INDEX_SLUGS = {"xep-hang", "don-vi", "so-sanh"}


class Index(SearchableModel):
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
    # Folded copies for the site search (core.search), kept current on save.
    search_name = SearchTextField(source="name")
    search_abbreviation = SearchTextField(source="abbreviation")

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

    def clean(self):
        if self.slug in RESERVED_INDEX_SLUGS:
            raise ValidationError(
                {"slug": _("“%(slug)s” is the address of another page.") % {"slug": self.slug}}
            )

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


class Component(SearchableModel):
    """A part of an index (lĩnh vực, yếu tố, nội dung, chỉ số thành phần). Methods change over
    the years, so a component may apply only from or until a given year."""

    index = models.ForeignKey(
        Index, verbose_name=_("index"), on_delete=models.CASCADE, related_name="components"
    )
    name = models.CharField(_("name"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        blank=True,
        help_text=_("The component's address under its index. Made from the name when empty."),
    )
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

    # A folded copy for the site search (core.search), kept current on save.
    search_name = SearchTextField(source="name")

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
            models.UniqueConstraint(fields=["index", "slug"], name="component_slug_unique"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name, within={"index_id": self.index_id})
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "indices:component-detail",
            kwargs={"slug": self.index.slug, "component_slug": self.slug},
        )

    def clean(self):
        if self.first_year and self.last_year and self.last_year < self.first_year:
            raise ValidationError(
                {"last_year": _("The last year cannot come before the first year.")}
            )

    def applies_in(self, year: int) -> bool:
        return (self.first_year is None or self.first_year <= year) and (
            self.last_year is None or year <= self.last_year
        )


def _number(value: Decimal) -> str:
    """A maximum shown in messages: 100, 80, 10.5 (no trailing zeros)."""
    return format(value.normalize(), "f")
