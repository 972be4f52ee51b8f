"""Component results read with who answers for them: a component's history with its lead and
supporting units, the weakest components and their leads, a unit's own components."""

from decimal import Decimal

from django.db.models import DecimalField, Exists, ExpressionWrapper, F, OuterRef, Subquery

from .index import Component
from .province import ComponentResult
from .responsibility import Responsibility, with_lead, with_supporting_units
from .units import Unit


def share_expression(score: str = "score", maximum: str = "component__maximum_score"):
    """The score as a percentage of its maximum, computed in the query (for ordering)."""
    return ExpressionWrapper(
        F(score) * 100 / F(maximum), output_field=DecimalField(max_digits=9, decimal_places=4)
    )


def component_history(component: Component) -> list:
    """Every year's result of `component`, oldest first, with the year's lead unit (see
    `with_lead`) and supporting units: the same few queries however many years there are."""
    return with_supporting_units(ComponentResult.objects.history(component))


def weakest(component_results, count: int = 3) -> list:
    """Of fetched component results, the `count` with the lowest share of their maximum."""
    return sorted(component_results, key=lambda item: item.share_of_maximum)[:count]


def weakest_of_latest_year(count: int = 3) -> list:
    """The `count` weakest components of the latest year with any component result, across
    all indices (compared by share of the maximum), with their lead units."""
    latest = ComponentResult.objects.order_by("-province_result__year").values(
        "province_result__year"
    )[:1]
    return list(
        with_lead(
            ComponentResult.objects.filter(province_result__year=Subquery(latest)).select_related(
                "component__index", "province_result"
            )
        )
        .annotate(share=share_expression())
        .order_by("share", "component__index__order", "component__order")[:count]
    )


def components_led_by(unit: Unit) -> list:
    """The components `unit` leads (in any year), each with its latest result of a year it led
    the component (`latest_year`, `latest_score`, `latest_share` of the maximum: a result of a
    year another unit led is not this unit's) and whether the assignment is sample data
    (`lead_is_sample`), weakest first; components never scored under its lead come last."""
    led_that_year = Responsibility.objects.leads().filter(
        component=OuterRef("component"), unit=unit, year=OuterRef("province_result__year")
    )
    latest = (
        ComponentResult.objects.filter(component=OuterRef("pk"))
        .filter(Exists(led_that_year))
        .order_by("-province_result__year")
    )
    components = list(
        Component.objects.filter(
            responsibilities__unit=unit, responsibilities__role=Responsibility.Role.LEAD
        )
        .distinct()
        .select_related("index")
        .annotate(
            latest_year=Subquery(latest.values("province_result__year")[:1]),
            latest_score=Subquery(latest.values("score")[:1]),
            latest_is_sample=Subquery(latest.values("is_sample")[:1]),
            lead_is_sample=Subquery(
                Responsibility.objects.leads()
                .filter(component=OuterRef("pk"), unit=unit)
                .order_by("-year")
                .values("is_sample")[:1]
            ),
        )
    )
    cent = Decimal("0.01")
    for component in components:
        if component.latest_score is None:
            component.latest_share = None
            continue
        # Two decimals as stored: SQLite hands a subquery's decimal back without them.
        component.latest_score = Decimal(component.latest_score).quantize(cent)
        component.latest_share = (component.latest_score * 100 / component.maximum_score).quantize(
            cent
        )
    return sorted(
        components,
        key=lambda c: (c.latest_share is None, c.latest_share or 0, c.index.order, c.order),
    )
