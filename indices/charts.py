"""Charts drawn on the server as inline SVG: no JavaScript, no CDN, readable when printed.

The functions here only compute geometry; `templates/indices/charts/*.html` draw it. Every
coordinate is a plain string with a dot as decimal separator, because the template language
would otherwise localize numbers ("12,5") and break the SVG. Each chart has a text title, and
the page shows the same numbers in a table beside it.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

LINE_WIDTH = 640
LINE_HEIGHT = 260
MARGIN_LEFT = 52
MARGIN_RIGHT = 20
MARGIN_TOP = 20
MARGIN_BOTTOM = 36
TICKS = 5

BAR_WIDTH = 640
BAR_ROW = 40
BAR_TOP = 8
BAR_VALUE_SPACE = 70


def _coord(value: float) -> str:
    return f"{value:.1f}"


def display_number(value, decimal_places: int = 2) -> str:
    """A number as Vietnamese readers write it: 72,23 (no trailing ",00" for whole ticks)."""
    if value is None:
        return ""
    value = Decimal(value)
    if value == value.to_integral_value() and decimal_places == 0:
        return number_format(value, 0)
    return number_format(value, decimal_places)


@dataclass
class Tick:
    y: str
    label: str


@dataclass
class LinePoint:
    x: str
    y: str
    label: str  # the x-axis label, e.g. the year
    value_label: str
    is_sample: bool = False


@dataclass
class LineChart:
    chart_id: str
    title: str
    description: str
    width: int = LINE_WIDTH
    height: int = LINE_HEIGHT
    points: list[LinePoint] = field(default_factory=list)
    segments: list[str] = field(default_factory=list)  # "x,y x,y …" for each unbroken run
    targets: list[LinePoint] = field(default_factory=list)  # a marker at each year's target
    ticks: list[Tick] = field(default_factory=list)
    plot_left: str = _coord(MARGIN_LEFT)
    plot_right: str = _coord(LINE_WIDTH - MARGIN_RIGHT)
    axis_y: str = _coord(LINE_HEIGHT - MARGIN_BOTTOM)
    label_y: str = _coord(LINE_HEIGHT - MARGIN_BOTTOM + 20)

    @property
    def is_empty(self) -> bool:
        return not self.points

    @property
    def has_sample_data(self) -> bool:
        return any(point.is_sample and point.y for point in self.points)


def line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    values: list[tuple[str, Decimal | int | None, bool]],
    low,
    high,
    inverted: bool = False,
    decimal_places: int = 2,
    targets: dict[str, Decimal | int] | None = None,
) -> LineChart:
    """A line over `values` ((x label, value or None, is sample) in order).

    The y axis runs from `low` to `high`; `inverted` puts `low` at the top (for ranks, where 1
    is best). A missing value breaks the line rather than bridging the gap.
    """
    chart = LineChart(chart_id=chart_id, title=title, description=description)
    low, high = Decimal(low), Decimal(high)
    span = high - low or Decimal(1)
    plot_height = LINE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    plot_width = LINE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    count = len(values)

    def y_of(value) -> float:
        share = float((Decimal(value) - low) / span)
        if inverted:
            return MARGIN_TOP + share * plot_height
        return MARGIN_TOP + (1 - share) * plot_height

    for step in range(TICKS + 1):
        value = low + span * step / TICKS
        tick_places = 0 if decimal_places == 0 or value == value.to_integral_value() else 1
        chart.ticks.append(
            Tick(
                y=_coord(y_of(value)),
                label=display_number(
                    value.quantize(Decimal(1) if tick_places == 0 else Decimal("0.1")), tick_places
                ),
            )
        )

    run: list[str] = []
    for position, (label, value, is_sample) in enumerate(values):
        x = MARGIN_LEFT + (plot_width * (position + 0.5) / count if count else 0)
        if value is None:
            if len(run) > 1:
                chart.segments.append(" ".join(run))
            run = []
            chart.points.append(
                LinePoint(x=_coord(x), y="", label=label, value_label="", is_sample=is_sample)
            )
            continue
        y = y_of(value)
        run.append(f"{_coord(x)},{_coord(y)}")
        chart.points.append(
            LinePoint(
                x=_coord(x),
                y=_coord(y),
                label=label,
                value_label=display_number(value, decimal_places),
                is_sample=is_sample,
            )
        )
    if len(run) > 1:
        chart.segments.append(" ".join(run))
    for point in chart.points:
        target = (targets or {}).get(point.label)
        if target is not None:
            chart.targets.append(
                LinePoint(
                    x=point.x,
                    y=_coord(y_of(target)),
                    label=point.label,
                    value_label=display_number(target, decimal_places),
                )
            )
    return chart


@dataclass
class Bar:
    label: str
    value_label: str
    label_y: str
    bar_y: str
    bar_width: str
    value_x: str
    highlight: bool = False
    is_sample: bool = False


@dataclass
class BarChart:
    chart_id: str
    title: str
    description: str
    bars: list[Bar] = field(default_factory=list)
    width: int = BAR_WIDTH
    height: int = 0
    bar_height: int = 14

    @property
    def is_empty(self) -> bool:
        return not self.bars

    @property
    def has_sample_data(self) -> bool:
        return any(bar.is_sample for bar in self.bars)


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    values: list[tuple[str, Decimal, bool]],
    high,
    suffix: str = "",
) -> BarChart:
    """Horizontal bars, one per (label, value, is sample), each label written above its bar so
    that long unit names stay whole on a narrow screen."""
    chart = BarChart(chart_id=chart_id, title=title, description=description)
    high = Decimal(high) or Decimal(1)
    bar_space = BAR_WIDTH - BAR_VALUE_SPACE
    for row, (label, value, is_sample) in enumerate(values):
        top = BAR_TOP + row * BAR_ROW
        width = max(float(Decimal(value) / high) * bar_space, 1.0)
        chart.bars.append(
            Bar(
                label=label,
                value_label=f"{display_number(value)}{suffix}",
                label_y=_coord(top + 12),
                bar_y=_coord(top + 17),
                bar_width=_coord(width),
                value_x=_coord(width + 6),
                is_sample=is_sample,
            )
        )
    chart.height = BAR_TOP * 2 + len(values) * BAR_ROW
    return chart


# ----------------------------------------------------------------------------------------------
# The charts of the index pages, from the rows each page shows


def by_year(results, value_of) -> list[tuple[str, Decimal | int | None, bool]]:
    """One chart value per calendar year from the first result to the last (oldest first):
    a year without a result is a gap (None), so the line breaks there instead of running
    straight from 2018 to 2022 as if the years between had been measured."""
    if not results:
        return []
    by = {result.year: result for result in results}
    values = []
    for year in range(min(by), max(by) + 1):
        result = by.get(year)
        if result is None:
            values.append((str(year), None, False))
        else:
            values.append((str(year), value_of(result), result.is_sample))
    return values


def index_score_chart(index, results) -> LineChart | None:
    if not any(result.score is not None for result in results):
        return None
    unit = "%" if index.is_percent else _("points")
    return line_chart(
        chart_id=f"chart-score-{index.slug}",
        title=_("%(index)s score by year") % {"index": index.abbreviation},
        description=_("Score out of %(maximum)s %(unit)s, one point per year.")
        % {"maximum": display_number(index.maximum_score, 0), "unit": unit},
        values=by_year(results, lambda r: r.score),
        low=0,
        high=index.maximum_score,
        targets={str(r.year): r.target_score for r in results if r.target_score is not None},
    )


def index_rank_chart(index, results) -> LineChart | None:
    if not any(result.rank is not None for result in results):
        return None
    provinces = max(result.provinces_ranked for result in results)
    return line_chart(
        chart_id=f"chart-rank-{index.slug}",
        title=_("%(index)s rank by year") % {"index": index.abbreviation},
        description=_("Rank among %(count)d provinces; higher on the chart is better.")
        % {"count": provinces},
        values=by_year(results, lambda r: r.rank),
        low=1,
        high=provinces,
        inverted=True,
        decimal_places=0,
        targets={
            str(r.year): r.target_rank
            for r in results
            if getattr(r, "target_rank", None) is not None
        },
    )


def components_chart(result, component_results) -> BarChart | None:
    if not component_results:
        return None
    return bar_chart(
        chart_id=f"chart-components-{result.pk}",
        title=_("%(index)s %(year)d: share of each component's maximum")
        % {"index": result.index.abbreviation, "year": result.year},
        description=_("Each bar is the score as a share of that component's maximum."),
        values=[
            (item.component.name, item.share_of_maximum, item.is_sample)
            for item in component_results
        ],
        high=100,
        suffix=" %",
    )


def ranking_chart(year, kind, kind_slug, results) -> BarChart:
    return bar_chart(
        chart_id=f"chart-ranking-{year}-{kind_slug}",
        title=_("%(kind)s: scores %(year)d") % {"kind": kind.label, "year": year},
        description=_("Score in percent, best first."),
        values=[(r.unit.name, r.score, r.is_sample) for r in results],
        high=100,
        suffix=" %",
    )


def unit_score_chart(unit, results) -> LineChart | None:
    if not results:
        return None
    return line_chart(
        chart_id=f"chart-unit-score-{unit.slug}",
        title=_("%(unit)s: score by year") % {"unit": unit.name},
        description=_("Score in percent in the province's yearly assessment."),
        values=by_year(results, lambda r: r.score),
        low=0,
        high=100,
    )


def unit_rank_chart(unit, results) -> LineChart | None:
    if not results:
        return None
    return line_chart(
        chart_id=f"chart-unit-rank-{unit.slug}",
        title=_("%(unit)s: rank by year") % {"unit": unit.name},
        description=_("Rank among units of the same kind; higher is better."),
        values=by_year(results, lambda r: r.rank),
        low=1,
        high=max(r.ranked_count for r in results),
        inverted=True,
        decimal_places=0,
    )
