"""Public pages of the reform indices, and the same tables as open data (CSV and JSON)."""

from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from . import charts, tables
from .models import ComponentResult, Index, ProvinceResult, Unit, UnitResult

# Unit kinds as they appear in addresses.
KIND_SLUGS = {Unit.Kind.DEPARTMENT: "so-ban-nganh", Unit.Kind.DISTRICT: "huyen-thanh-pho"}
KINDS_BY_SLUG = {slug: kind for kind, slug in KIND_SLUGS.items()}


def parse_year(value) -> int | None:
    """A year from the address (`?nam=2018`); None for anything that is not a plausible year."""
    if value is None or not str(value).isdigit() or len(str(value)) != 4:
        return None
    return int(value)


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


def data_response(table: tables.Table, fmt: str):
    return table.as_csv() if fmt == "csv" else table.as_json()


# ----------------------------------------------------------------------------------------------
# Overview


def overview(request):
    results = list(ProvinceResult.objects.latest_per_index())
    return TemplateResponse(
        request,
        "indices/overview.html",
        {
            "results": results,
            "unit_years": UnitResult.objects.years(),
            "has_sample_data": any(result.is_sample for result in results),
        },
    )


def overview_data(request, fmt):
    return data_response(tables.overview_table(ProvinceResult.objects.latest_per_index()), fmt)


# ----------------------------------------------------------------------------------------------
# One index


class IndexDetailView(View):
    def get(self, request, slug):
        index = get_object_or_404(Index, slug=slug)
        results = list(ProvinceResult.objects.history(index))
        years = [result.year for result in results]
        selected = self.selected_result(results)
        if selected is None and "nam" in request.GET:
            return year_not_found(
                request,
                year=request.GET["nam"],
                years=sorted(years, reverse=True),
                title=index.name,
                url_for_year=lambda y: f"{index.get_absolute_url()}?nam={y}",
            )
        component_results = (
            list(
                ComponentResult.objects.filter(province_result=selected).select_related("component")
            )
            if selected
            else []
        )
        return TemplateResponse(
            request,
            "indices/index_detail.html",
            {
                "index": index,
                "results": results,
                "selected": selected,
                "component_results": component_results,
                "score_chart": self.score_chart(index, results),
                "rank_chart": self.rank_chart(index, results),
                "component_chart": self.component_chart(selected, component_results),
                "has_sample_data": any(r.is_sample for r in results)
                or any(c.is_sample for c in component_results),
            },
        )

    def selected_result(self, results):
        """The year whose components are shown: `?nam=` if it has a result, else the latest
        year with a component breakdown, else the latest year."""
        if "nam" in self.request.GET:
            year = parse_year(self.request.GET["nam"])
            return next((r for r in results if r.year == year), None)
        if not results:
            return None
        with_components = set(
            ComponentResult.objects.filter(province_result__in=[r.pk for r in results])
            .order_by()
            .values_list("province_result", flat=True)
            .distinct()
        )
        for result in reversed(results):
            if result.pk in with_components:
                return result
        return results[-1]

    @staticmethod
    def score_chart(index, results):
        if not any(r.score is not None for r in results):
            return None
        unit = "%" if index.is_percent else _("points")
        return charts.line_chart(
            chart_id=f"chart-score-{index.slug}",
            title=_("%(index)s score by year") % {"index": index.abbreviation},
            description=_("Score out of %(maximum)s %(unit)s, one point per year.")
            % {"maximum": charts.display_number(index.maximum_score, 0), "unit": unit},
            values=[(str(r.year), r.score, r.is_sample) for r in results],
            low=0,
            high=index.maximum_score,
        )

    @staticmethod
    def rank_chart(index, results):
        if not any(r.rank is not None for r in results):
            return None
        return charts.line_chart(
            chart_id=f"chart-rank-{index.slug}",
            title=_("%(index)s rank by year") % {"index": index.abbreviation},
            description=_("Rank among %(count)d provinces; higher on the chart is better.")
            % {"count": max(r.provinces_ranked for r in results)},
            values=[(str(r.year), r.rank, r.is_sample) for r in results],
            low=1,
            high=max(r.provinces_ranked for r in results),
            inverted=True,
            decimal_places=0,
        )

    @staticmethod
    def component_chart(selected, component_results):
        if not component_results:
            return None
        return charts.bar_chart(
            chart_id=f"chart-components-{selected.pk}",
            title=_("%(index)s %(year)d: share of each component's maximum")
            % {"index": selected.index.abbreviation, "year": selected.year},
            description=_("Each bar is the score as a share of that component's maximum."),
            values=[
                (
                    item.component.name,
                    item.score * 100 / item.component.maximum_score,
                    item.is_sample,
                )
                for item in component_results
            ],
            high=100,
            suffix=" %",
        )


def index_data(request, slug, fmt):
    index = get_object_or_404(Index, slug=slug)
    return data_response(tables.index_table(index, ProvinceResult.objects.history(index)), fmt)


def components_data(request, slug, year, fmt):
    result = get_object_or_404(
        ProvinceResult.objects.select_related("index"), index__slug=slug, year=year
    )
    items = ComponentResult.objects.filter(province_result=result).select_related("component")
    return data_response(tables.components_table(result, items), fmt)


# ----------------------------------------------------------------------------------------------
# Unit rankings


def ranking_latest(request):
    """`/chi-so/xep-hang/`: the latest year, or the year picked in the selector (`?nam=`)."""
    years = UnitResult.objects.years()
    if "nam" in request.GET:
        year = parse_year(request.GET["nam"])
        if year not in years:
            return year_not_found(
                request,
                year=request.GET["nam"],
                years=years,
                title=_("Unit rankings"),
                url_for_year=lambda y: reverse("indices:ranking", args=[y]),
            )
        return redirect("indices:ranking", year=year)
    if not years:
        return TemplateResponse(request, "indices/ranking.html", {"years": [], "sections": []})
    return redirect("indices:ranking", year=years[0])


def ranking_sections(year: int):
    """The year's ranking, one section per kind of unit, each with its chart and table."""
    results = UnitResult.objects.for_year(year).select_related("unit").with_rank()
    graded = results.order_by("unit__kind", "rank", "unit__order", "unit__name").graded()
    sections = []
    for kind in Unit.Kind:
        rows = [result for result in graded if result.unit.kind == kind]
        if not rows:
            continue
        sections.append(
            {
                "kind": kind,
                "kind_slug": KIND_SLUGS[kind],
                "results": rows,
                "chart": charts.bar_chart(
                    chart_id=f"chart-ranking-{year}-{KIND_SLUGS[kind]}",
                    title=_("%(kind)s: scores %(year)d") % {"kind": kind.label, "year": year},
                    description=_("Score in percent, best first."),
                    values=[(r.unit.name, r.score, r.is_sample) for r in rows],
                    high=100,
                    suffix=" %",
                ),
            }
        )
    return sections


def ranking(request, year):
    years = UnitResult.objects.years()
    if year not in years:
        return year_not_found(
            request,
            year=year,
            years=years,
            title=_("Unit rankings"),
            url_for_year=lambda y: reverse("indices:ranking", args=[y]),
        )
    sections = ranking_sections(year)
    return TemplateResponse(
        request,
        "indices/ranking.html",
        {
            "year": year,
            "years": years,
            "sections": sections,
            "has_sample_data": any(r.is_sample for s in sections for r in s["results"]),
        },
    )


def ranking_data(request, year, kind_slug, fmt):
    kind = KINDS_BY_SLUG.get(kind_slug)
    section = next((s for s in ranking_sections(year) if s["kind"] == kind), None)
    if kind is None or section is None:
        return year_not_found(
            request,
            year=year,
            years=UnitResult.objects.years(),
            title=_("Unit rankings"),
            url_for_year=lambda y: reverse("indices:ranking", args=[y]),
        )
    return data_response(tables.ranking_table(year, kind.label, kind_slug, section["results"]), fmt)


# ----------------------------------------------------------------------------------------------
# One unit


def unit_results(unit):
    return (
        UnitResult.objects.filter(unit=unit).select_related("unit").with_rank().order_by("year")
    ).graded()


def unit_detail(request, slug):
    unit = get_object_or_404(Unit, slug=slug)
    results = unit_results(unit)
    return TemplateResponse(
        request,
        "indices/unit_detail.html",
        {
            "unit": unit,
            "results": results,
            "score_chart": charts.line_chart(
                chart_id=f"chart-unit-score-{unit.slug}",
                title=_("%(unit)s: score by year") % {"unit": unit.name},
                description=_("Score in percent in the province's yearly assessment."),
                values=[(str(r.year), r.score, r.is_sample) for r in results],
                low=0,
                high=100,
            )
            if results
            else None,
            "rank_chart": charts.line_chart(
                chart_id=f"chart-unit-rank-{unit.slug}",
                title=_("%(unit)s: rank by year") % {"unit": unit.name},
                description=_("Rank among units of the same kind; higher is better."),
                values=[(str(r.year), r.rank, r.is_sample) for r in results],
                low=1,
                high=max(r.ranked_count for r in results),
                inverted=True,
                decimal_places=0,
            )
            if results
            else None,
            "has_sample_data": any(r.is_sample for r in results),
        },
    )


def unit_data(request, slug, fmt):
    unit = get_object_or_404(Unit, slug=slug)
    return data_response(tables.unit_table(unit, unit_results(unit)), fmt)
