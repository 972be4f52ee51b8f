"""Public pages of the reform indices, and the same tables as open data (CSV and JSON)."""

from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from core import fragments
from core.fragments import Deferred
from core.opendata import Table
from core.pagecache import query_params

from . import charts, tables
from .models import (
    Component,
    ComponentResult,
    Index,
    ProvinceResult,
    ProvinceTarget,
    Unit,
    UnitResult,
    UnitTarget,
    assignments_are_sample,
    component_history,
    components_led_by,
    parse_year,
    weakest,
    weakest_of_latest_year,
    with_lead,
    with_supporting_units,
)
from .models.changes import shared_reason
from .tables import contains_sample_data

# Unit kinds as they appear in addresses.
KIND_SLUGS = {Unit.Kind.DEPARTMENT: "so-ban-nganh", Unit.Kind.DISTRICT: "huyen-thanh-pho"}
KINDS_BY_SLUG = {slug: kind for kind, slug in KIND_SLUGS.items()}


def year_not_found(request, *, year, years, title, url_for_year):
    """A 404 page that says which years do have data, each a link."""
    return TemplateResponse(
        request,
        "indices/year_not_found.html",
        {
            "requested_year": year,
            "title": title,
            "year_links": [(y, url_for_year(y)) for y in years],
        },
        status=404,
    )


def ranking_year_not_found(request, year):
    return year_not_found(
        request,
        year=year,
        years=UnitResult.objects.years(),
        title=_("Unit rankings"),
        url_for_year=lambda y: reverse("indices:ranking", args=[y]),
    )


def data_response(table: Table, fmt: str):
    return table.as_csv() if fmt == "csv" else table.as_json()


# ----------------------------------------------------------------------------------------------
# Overview


@query_params()
def overview(request):
    # Drawn in a fragment kept until the content changes: computed only when it is drawn anew.
    return TemplateResponse(
        request,
        "indices/overview.html",
        fragments.deferred(
            _overview_data,
            ["results", "weakest_components", "targets_ahead", "unit_years", "has_sample_data"],
        ),
    )


def _overview_data() -> dict:
    results = list(ProvinceResult.objects.latest_per_index())
    weakest_components = weakest_of_latest_year()
    targets_ahead = list(ProvinceTarget.objects.ahead())
    return {
        "results": results,
        "weakest_components": weakest_components,
        "targets_ahead": targets_ahead,
        "unit_years": UnitResult.objects.years(),
        "has_sample_data": contains_sample_data(results, weakest_components, targets_ahead)
        or any(item.lead_is_sample for item in weakest_components),
    }


@query_params()
def targets_data(request, fmt):
    """Every province target, assessed or not yet, with its result where there is one."""
    targets = (
        ProvinceTarget.objects.select_related("index")
        .with_public_article()
        .order_by("index__order", "index__code", "year")
    )
    results = {(r.index_id, r.year): r for r in ProvinceResult.objects.all()}
    table = tables.province_targets_table(
        targets, results, lambda article: request.build_absolute_uri(article.get_absolute_url())
    )
    return data_response(table, fmt)


@query_params()
def overview_data(request, fmt):
    return data_response(tables.overview_table(ProvinceResult.objects.latest_per_index()), fmt)


# ----------------------------------------------------------------------------------------------
# One index


@query_params("nam")
def index_detail(request, slug):
    """One index: every year, and the components of the year asked for (`?nam=`) or of the
    latest year with a breakdown. The page below the title is a fragment kept until the content
    changes, so its queries run only when it is drawn anew. A year asked for is checked first
    against the index's years (kept likewise; read from the same query as the page's rows), to
    answer 404."""
    index = get_object_or_404(Index, slug=slug)
    results = Deferred(lambda: list(ProvinceResult.objects.history(index)))
    year = None
    if "nam" in request.GET:
        year = parse_year(request.GET["nam"])
        years = fragments.remember(
            f"indices:index-years:{index.pk}",
            lambda: [result.year for result in reversed(results())],
            request=request,
        )
        if year not in years:
            return year_not_found(
                request,
                year=request.GET["nam"],
                years=years,
                title=index.name,
                url_for_year=lambda y: f"{index.get_absolute_url()}?nam={y}",
            )
    return TemplateResponse(
        request,
        "indices/index_detail.html",
        {
            "index": index,
            "year_asked": year or "latest",
            **fragments.deferred(
                lambda: _index_detail_data(index, results(), year),
                [
                    "results",
                    "selected",
                    "component_results",
                    "score_chart",
                    "rank_chart",
                    "component_chart",
                    "weakest_components",
                    "targets_ahead",
                    "has_sample_data",
                ],
            ),
        },
    )


def _index_detail_data(index, results: list, year: int | None) -> dict:
    if year is not None:
        selected = next(result for result in results if result.year == year)
    else:
        selected = ProvinceResult.objects.latest_with_breakdown(results)
    breakdown = list(with_lead(ComponentResult.objects.breakdown(selected))) if selected else []
    targets_ahead = list(ProvinceTarget.objects.filter(index=index).ahead())
    return {
        "results": results,
        "selected": selected,
        "component_results": breakdown,
        "score_chart": charts.index_score_chart(index, results),
        "rank_chart": charts.index_rank_chart(index, results),
        "component_chart": charts.components_chart(selected, breakdown),
        "weakest_components": weakest(breakdown),
        "targets_ahead": targets_ahead,
        "has_sample_data": contains_sample_data(results, breakdown, targets_ahead)
        or any(item.lead_is_sample for item in breakdown),
    }


@query_params()
def index_data(request, slug, fmt):
    index = get_object_or_404(Index, slug=slug)
    return data_response(tables.index_table(index, ProvinceResult.objects.history(index)), fmt)


@query_params()
def components_data(request, slug, year, fmt):
    result = get_object_or_404(
        ProvinceResult.objects.select_related("index"), index__slug=slug, year=year
    )
    breakdown = with_supporting_units(with_lead(ComponentResult.objects.breakdown(result)))
    return data_response(tables.components_table(result, breakdown), fmt)


# ----------------------------------------------------------------------------------------------
# One component of an index


def get_component(slug, component_slug) -> Component:
    return get_object_or_404(
        Component.objects.select_related("index"), index__slug=slug, slug=component_slug
    )


@query_params()
def component_detail(request, slug, component_slug):
    component = get_component(slug, component_slug)
    results = component_history(component)
    return TemplateResponse(
        request,
        "indices/component_detail.html",
        {
            "component": component,
            "index": component.index,
            "results": results,
            "has_average": any(item.average_score is not None for item in results),
            "score_chart": charts.component_score_chart(component, results),
            "has_sample_data": contains_sample_data(results)
            or any(assignments_are_sample(item) for item in results),
        },
    )


@query_params()
def component_data(request, slug, component_slug, fmt):
    component = get_component(slug, component_slug)
    return data_response(tables.component_table(component, component_history(component)), fmt)


# ----------------------------------------------------------------------------------------------
# Unit rankings


@query_params("nam")
def ranking_latest(request):
    """`/chi-so/xep-hang/`: the latest year, or the year picked in the selector (`?nam=`)."""
    years = UnitResult.objects.years()
    if "nam" in request.GET:
        year = parse_year(request.GET["nam"])
        if year not in years:
            return ranking_year_not_found(request, request.GET["nam"])
        return redirect("indices:ranking", year=year)
    if not years:
        return TemplateResponse(request, "indices/ranking.html", {"years": [], "sections": []})
    return redirect("indices:ranking", year=years[0])


@query_params()
def ranking(request, year):
    # The years (for the picker, and to answer 404) are kept like the page's fragment.
    years = fragments.remember("indices:unit-years", UnitResult.objects.years, request=request)
    if year not in years:
        return ranking_year_not_found(request, year)
    # Drawn in a fragment kept until the content changes: computed only when it is drawn anew.
    return TemplateResponse(
        request,
        "indices/ranking.html",
        {
            "year": year,
            "years": years,
            **fragments.deferred(lambda: _ranking_data(year), ["sections", "has_sample_data"]),
        },
    )


def _ranking_data(year: int) -> dict:
    results = UnitResult.objects.ranking(year).graded()
    sections = []
    for kind in Unit.Kind:
        rows = [result for result in results if result.unit.kind == kind]
        if rows:
            slug = KIND_SLUGS[kind]
            chart = charts.ranking_chart(year, kind, slug, rows)
            sections.append(
                {
                    "kind": kind,
                    "kind_slug": slug,
                    "results": rows,
                    "chart": chart,
                    # The target column only where a unit of this kind had one that year.
                    "has_targets": any(result.has_target for result in rows),
                    # Why scores, not ranks, are compared: once, when every row has that reason.
                    "change_note": shared_reason(result.change for result in rows),
                }
            )
    return {"sections": sections, "has_sample_data": contains_sample_data(results)}


@query_params()
def ranking_data(request, year, kind_slug, fmt):
    kind = KINDS_BY_SLUG.get(kind_slug)
    results = UnitResult.objects.ranking(year, kind).graded() if kind else []
    if not results:
        return ranking_year_not_found(request, year)
    return data_response(tables.ranking_table(year, kind.label, kind_slug, results), fmt)


# ----------------------------------------------------------------------------------------------
# One unit


@query_params()
def unit_detail(request, slug):
    unit = get_object_or_404(Unit.objects.select_related("successor"), slug=slug)
    results = UnitResult.objects.history(unit)
    led = components_led_by(unit)
    targets_ahead = list(UnitTarget.objects.filter(unit=unit).ahead())
    return TemplateResponse(
        request,
        "indices/unit_detail.html",
        {
            "unit": unit,
            "results": results,
            "led_components": led,
            "predecessors": list(unit.predecessors.order_by("name")),
            "score_chart": charts.unit_score_chart(unit, results),
            "rank_chart": charts.unit_rank_chart(unit, results),
            "has_targets": any(result.has_target for result in results),
            "targets_ahead": targets_ahead,
            "has_sample_data": contains_sample_data(results, targets_ahead)
            or any(c.latest_is_sample or c.lead_is_sample for c in led),
        },
    )


@query_params()
def unit_data(request, slug, fmt):
    unit = get_object_or_404(Unit, slug=slug)
    return data_response(tables.unit_table(unit, UnitResult.objects.history(unit)), fmt)


# ----------------------------------------------------------------------------------------------
# Side by side: two units, or two years of one unit

COMPARE_UNIT = "don-vi"
COMPARE_YEAR = "nam"


@query_params(COMPARE_UNIT, COMPARE_YEAR)
def compare(request):
    """`/chi-so/so-sanh/?don-vi=a&don-vi=b` (two units over the years) or
    `?don-vi=a&nam=2017&nam=2018` (two years of one unit). Anything else shows the form, with
    a message for what could not be read; never an error page."""
    units = list(Unit.objects.order_by("kind", "order", "name"))
    by_slug = {unit.slug: unit for unit in units}
    slugs = [slug for slug in request.GET.getlist(COMPARE_UNIT) if slug][:2]
    chosen = [by_slug[slug] for slug in slugs if slug in by_slug]
    errors = []
    if len(chosen) != len(slugs):
        errors.append(_("A unit in the address does not exist; choose it from the list."))
    raw_years = [value for value in request.GET.getlist(COMPARE_YEAR) if value][:2]
    years = [parse_year(value) for value in raw_years]
    if None in years:
        errors.append(_("A year must be written with four digits, e.g. 2018."))
        years = []
    context = {
        "units": units,
        "chosen": chosen,
        "chosen_years": years,
        "errors": errors,
        "columns": [],
        "rows": [],
    }
    if len(chosen) == 2 and not errors:
        histories = [UnitResult.objects.history(unit) for unit in chosen]
        context.update(_two_units(chosen, histories))
    elif len(chosen) == 1 and len(years) == 2 and not errors:
        history = {r.year: r for r in UnitResult.objects.history(chosen[0])}
        context.update(_two_years(chosen[0], history, years))
    return TemplateResponse(request, "indices/compare.html", context)


def _two_units(chosen, histories):
    by_year = [{r.year: r for r in history} for history in histories]
    years = sorted(set().union(*by_year), reverse=True)
    return {
        "row_header": _("Year"),
        "columns": [unit.name for unit in chosen],
        "rows": [(str(year), [rows.get(year) for rows in by_year]) for year in years],
        "charts": [
            chart
            for unit, history in zip(chosen, histories, strict=True)
            for chart in (charts.unit_score_chart(unit, history),)
            if chart
        ],
        "has_sample_data": any(contains_sample_data(h) for h in histories),
    }


def _two_years(unit, history, years):
    results = [history.get(year) for year in years]
    return {
        "row_header": _("Unit"),
        "columns": [str(year) for year in years],
        "rows": [(unit.name, results)],
        "charts": [charts.unit_score_chart(unit, list(history.values()))] if history else [],
        "has_sample_data": contains_sample_data([r for r in results if r]),
    }
