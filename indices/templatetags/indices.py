"""Index results shown on news pages: the home page's box and an article's announced results."""

from django import template

from ..models import ProvinceResult
from ..tables import contains_sample_data

register = template.Library()


@register.inclusion_tag("indices/includes/latest_box.html")
def latest_indices_box():
    """Each index's latest result, for the home page (one query), without the targets the
    box does not show."""
    results = list(ProvinceResult.objects.latest_per_index(with_targets=False))
    return {"results": results, "has_sample_data": contains_sample_data(results)}


@register.inclusion_tag("indices/includes/announced_results.html")
def announced_results(article):
    """The index results that `article` announced, each linking to its year (one query)."""
    results = list(
        ProvinceResult.objects.filter(article=article)
        .select_related("index")
        .order_by("index__order", "year")
    )
    return {"results": results, "has_sample_data": contains_sample_data(results)}
