"""What a province result and a unit result share: one result per owner and year, a note, and
the sample-data flag that pages must announce."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from core.models import ContentManagedModel

from .years import year_field


def percent_field(verbose_name, **kwargs):
    """A percentage from 0 to 100 with two decimals (86.50)."""
    return models.DecimalField(
        verbose_name,
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        **kwargs,
    )


class PublicArticleQuerySet(models.QuerySet):
    """For rows with an `article` (a result's announcement, a target's plan)."""

    def with_public_article(self):
        """Fetch the article and annotate `article_is_public`, so that pages link only to an
        article visitors can open (`Article.objects.reachable()` decides: an expired article
        still opens)."""
        from news.models import Article

        return self.select_related("article").annotate(
            article_is_public=Exists(Article.objects.reachable().filter(pk=OuterRef("article_id")))
        )


class LinksPublicArticle:
    """Read on rows from `with_public_article()`."""

    @property
    def public_article(self):
        """The article if visitors may open it, else None."""
        return self.article if getattr(self, "article_is_public", False) else None


class YearlyResultQuerySet(models.QuerySet):
    def for_year(self, year: int):
        return self.filter(year=year)

    def years(self) -> list[int]:
        """Years with results, most recent first."""
        return list(self.order_by("-year").values_list("year", flat=True).distinct())


class YearlyResult(ContentManagedModel):
    #: The foreign key naming whose result it is: one result per owner and year.
    owner_field: str

    year = year_field()
    note = models.TextField(_("note"), blank=True)
    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("Invented for demonstration, not an official result. Pages say so."),
    )

    class Meta:
        abstract = True

    def clean(self):
        """The year's error next to the field; the unique constraint alone would report it for
        the whole form."""
        owner_id = getattr(self, f"{self.owner_field}_id")
        if not (owner_id and self.year):
            return
        taken = (
            type(self)
            ._default_manager.filter(**{f"{self.owner_field}_id": owner_id, "year": self.year})
            .exclude(pk=self.pk)
        )
        if taken.exists():
            raise ValidationError(
                {
                    "year": _("%(owner)s already has a result for %(year)d.")
                    % {"owner": getattr(self, self.owner_field), "year": self.year}
                }
            )
