"""A result against its year's target, the same rule for the province and for its units.

The target rows live in `targets.py`; this module holds the rule and what results read from
the target rows, knowing no model of this app. A result queryset's `with_target()` (in
`province.py` and `unit_results.py`) annotates the year's target on each result with
`target_annotations()`, in the same query; `TargetedResult` reads the annotation back.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse


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


def target_annotations(targets) -> dict:
    """The annotations of `with_target()`, from `targets`: the target rows of the enclosing
    query's owner and year (filtered on OuterRef). `target_score_value` (read it as
    `target_score`), `target_rank`, `target_is_sample` and `target_article_slug` (the article
    that set it, only if visitors may open it). No target: all None."""
    from news.models import Article

    public = Article.objects.reachable().filter(pk=OuterRef("article_id"))
    return {
        "target_score_value": Subquery(targets.values("score")[:1]),
        "target_rank": Subquery(targets.values("rank")[:1]),
        "target_is_sample": Subquery(targets.values("is_sample")[:1]),
        "target_article_slug": Subquery(targets.filter(Exists(public)).values("article__slug")[:1]),
    }


class TargetedResult:
    """A result read with its queryset's `with_target()`: its year's target, and the result
    against it. Without the annotation (or without a target) every value is None."""

    @property
    def target_score(self) -> Decimal | None:
        """The year's target score, with its two decimals: SQLite hands a subquery's decimal
        back without them (85 for 85.00)."""
        value = getattr(self, "target_score_value", None)
        return None if value is None else Decimal(value).quantize(Decimal("0.01"))

    @property
    def score_target(self) -> TargetCheck | None:
        """The score against the year's target, or None."""
        return score_check(self.score, self.target_score)

    @property
    def rank_target(self) -> TargetCheck | None:
        """The rank against the year's target, or None (a unit's rank is itself annotated,
        by `with_rank()`)."""
        return rank_check(getattr(self, "rank", None), getattr(self, "target_rank", None))

    @property
    def has_target(self) -> bool:
        return self.target_score is not None or getattr(self, "target_rank", None) is not None

    @property
    def has_sample_target(self) -> bool:
        """Whether the year's target was invented for the demonstration: pages say so."""
        return bool(getattr(self, "target_is_sample", False))

    @property
    def target_article_url(self) -> str | None:
        slug = getattr(self, "target_article_slug", None)
        return reverse("news:article", kwargs={"slug": slug}) if slug else None
