"""Charts drawn on the server as inline SVG: no JavaScript, no CDN, readable when printed.

The functions here only compute geometry, for a wide and a narrow frame (see `Frame`);
`templates/indices/charts/*.html` draw it. Every coordinate is a plain string with a dot as
decimal separator, because the template language would otherwise localize numbers ("12,5") and
break the SVG. Each chart has a text title, and the page shows the same numbers in a table
beside it.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .models.changes import ranks_compare

TICKS = 5


@dataclass(frozen=True)
class Frame:
    """One drawing of a chart, for one range of widths of its box.

    An SVG scales its text with its box, so one drawing cannot keep labels readable both on a
    phone and on a desktop. Each chart is drawn twice: a wide frame for a box of at least
    `WIDE_FROM` px and a narrow one below it; the stylesheet shows the one that fits (a
    container query on `.chart`). Every text is at least `font_size` units, chosen so that it
    is at least 12 px on the screen wherever the stylesheet shows that frame.
    """

    name: str
    width: int  # viewBox units
    font_size: int  # every text of the chart
    line_height: int  # the line chart's height
    margin_left: int  # room for the y-axis tick labels
    wrap_at: int  # characters per line of a bar's label
    value_space: int  # room after the longest bar for its value ("100,00 %")

    @property
    def char_width(self) -> float:
        """A generous average width of one character, to wrap and space labels."""
        return self.font_size * 0.56


# Scaled at least 0.8 (the box is at least 512 px): 15 units are at least 12 px.
WIDE = Frame(
    "wide", width=640, font_size=15, line_height=270, margin_left=56, wrap_at=72, value_space=74
)
# Scaled at least 0.86 (a 360-px screen leaves 278 px): 14 units are at least 12 px.
NARROW = Frame(
    "narrow", width=300, font_size=14, line_height=230, margin_left=40, wrap_at=36, value_space=68
)
FRAMES = (WIDE, NARROW)
WIDE_FROM = 512  # px: keep in step with the container query in static/css/site.css

MARGIN_RIGHT = 16
MARGIN_TOP = 24
MARGIN_BOTTOM = 40
BAR_TOP = 6
BAR_HEIGHT = 14
BAR_GAP = 12  # between a bar and the next label


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


def wrap_label(text: str, width: int) -> list[str]:
    """`text` cut into lines of at most `width` characters at spaces (a longer word stays whole)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


@dataclass
class Tick:
    y: str
    label: str


@dataclass
class LinePoint:
    x: str
    y: str
    label: str  # the x-axis label, e.g. the year; "" where the axis is too crowded for it
    value_label: str
    is_sample: bool = False
    value_dy: int = -10  # the value above its dot, or below it where neighbours are too close
    title: str = ""  # the dot's tooltip where the value alone says too little ("2016: hạng 3/19")


class DrawnInFrame:
    """What a chart's drawing in one frame (a dataclass with a `frame`) takes from it."""

    @property
    def name(self) -> str:
        return self.frame.name

    @property
    def width(self) -> int:
        return self.frame.width

    @property
    def font_size(self) -> int:
        return self.frame.font_size


@dataclass
class LineLayout(DrawnInFrame):
    """The geometry of a line chart in one frame."""

    frame: Frame
    height: int
    points: list[LinePoint] = field(default_factory=list)
    segments: list[str] = field(default_factory=list)  # "x,y x,y …" for each unbroken run
    targets: list[LinePoint] = field(default_factory=list)  # a marker at each year's target
    # A second series to compare with (e.g. the provincial average): its runs and its dots.
    comparison_segments: list[str] = field(default_factory=list)
    comparison_points: list[LinePoint] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    plot_left: str = ""
    plot_right: str = ""
    axis_y: str = ""
    label_y: str = ""


@dataclass
class LineChart:
    chart_id: str
    title: str
    description: str
    layouts: list[LineLayout] = field(default_factory=list)  # wide first
    has_values: bool = False
    has_sample_data: bool = False
    has_targets: bool = False
    comparison_label: str = ""  # the second series' name, shown in the legend when it has data
    target_legend: str = ""  # what the target markers are, under the chart
    break_legend: str = ""  # why the line breaks between two years, only where it does

    @property
    def is_empty(self) -> bool:
        return not self.has_values


def _comparison_series(layout, values, comparison, *, x_of, y_of, decimal_places) -> None:
    """The second series of a line chart: a point in each year's slot where it has a value,
    broken like the main line where it has none."""
    by_label = dict(comparison)
    run: list[str] = []
    for position, (label, _value, _is_sample) in enumerate(values):
        value = by_label.get(label)
        if value is None:
            if len(run) > 1:
                layout.comparison_segments.append(" ".join(run))
            run = []
            continue
        x, y = _coord(x_of(position)), _coord(y_of(value))
        run.append(f"{x},{y}")
        layout.comparison_points.append(
            LinePoint(x=x, y=y, label=label, value_label=display_number(value, decimal_places))
        )
    if len(run) > 1:
        layout.comparison_segments.append(" ".join(run))


def _line_layout(
    frame,
    values,
    *,
    low,
    high,
    inverted,
    decimal_places,
    targets,
    comparison=(),
    breaks_before=frozenset(),
    titles=None,
) -> LineLayout:
    height = frame.line_height
    layout = LineLayout(
        frame=frame,
        height=height,
        plot_left=_coord(frame.margin_left),
        plot_right=_coord(frame.width - MARGIN_RIGHT),
        axis_y=_coord(height - MARGIN_BOTTOM),
        label_y=_coord(height - MARGIN_BOTTOM + frame.font_size + 8),
    )
    span = high - low or Decimal(1)
    plot_height = height - MARGIN_TOP - MARGIN_BOTTOM
    plot_width = frame.width - frame.margin_left - MARGIN_RIGHT
    count = len(values)
    slot = plot_width / count if count else plot_width
    # A value label is about six characters ("72,23"), a year four: where a slot is narrower,
    # values alternate above and below their dots and only every other year is written.
    crowded_values = slot < 6 * frame.char_width + 4
    label_every = 1 if slot >= 4 * frame.char_width + 8 else 2

    def y_of(value) -> float:
        share = float((Decimal(value) - low) / span)
        if inverted:
            return MARGIN_TOP + share * plot_height
        return MARGIN_TOP + (1 - share) * plot_height

    for step in range(TICKS + 1):
        value = low + span * step / TICKS
        tick_places = 0 if decimal_places == 0 or value == value.to_integral_value() else 1
        layout.ticks.append(
            Tick(
                y=_coord(y_of(value)),
                label=display_number(
                    value.quantize(Decimal(1) if tick_places == 0 else Decimal("0.1")), tick_places
                ),
            )
        )

    titles = titles or {}
    run: list[str] = []
    for position, (label, value, is_sample) in enumerate(values):
        x = frame.margin_left + slot * (position + 0.5)
        shown_label = label if (count - 1 - position) % label_every == 0 else ""
        if value is None or label in breaks_before:
            if len(run) > 1:
                layout.segments.append(" ".join(run))
            run = []
        if value is None:
            layout.points.append(
                LinePoint(x=_coord(x), y="", label=shown_label, value_label="", is_sample=is_sample)
            )
            continue
        y = y_of(value)
        value_dy = -10
        below = y + frame.font_size + 10
        if crowded_values and position % 2 and below < height - MARGIN_BOTTOM - 2:
            value_dy = frame.font_size + 8
        run.append(f"{_coord(x)},{_coord(y)}")
        layout.points.append(
            LinePoint(
                x=_coord(x),
                y=_coord(y),
                label=shown_label,
                value_label=display_number(value, decimal_places),
                is_sample=is_sample,
                value_dy=value_dy,
                title=titles.get(label, ""),
            )
        )
    if len(run) > 1:
        layout.segments.append(" ".join(run))
    for position, (label, _value, _is_sample) in enumerate(values):
        target = targets.get(label)
        if target is not None:
            layout.targets.append(
                LinePoint(
                    x=_coord(frame.margin_left + slot * (position + 0.5)),
                    y=_coord(y_of(target)),
                    label=label,
                    value_label=display_number(target, decimal_places),
                )
            )
    _comparison_series(
        layout,
        values,
        comparison,
        x_of=lambda position: frame.margin_left + slot * (position + 0.5),
        y_of=y_of,
        decimal_places=decimal_places,
    )
    return layout


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
    comparison: list[tuple[str, Decimal | int | None]] = (),
    comparison_label: str = "",
    target_legend: str | None = None,
    breaks_before: set[str] = frozenset(),
    break_legend: str = "",
    titles: dict[str, str] | None = None,
) -> LineChart:
    """A line over `values` ((x label, value or None, is sample) in order), in each frame.

    The y axis runs from `low` to `high`; `inverted` puts `low` at the top (for ranks, where 1
    is best). A missing value breaks the line rather than bridging the gap. `targets` (x label
    → value) are drawn as a marker in their year's slot. `comparison` ((x label, value or
    None) for some of the same labels) is a second, dashed line named `comparison_label`,
    broken the same way. The target markers are explained by `target_legend` (by default:
    the province's targets).

    `breaks_before` (x labels) also breaks the main line, between each of those points and the
    one before it, where two values must not look comparable (ranks among different numbers
    of peers, see `rank_breaks`); both dots stay. `break_legend` says why under the chart, only
    when such a break cuts a line that would otherwise have been drawn. `titles` (x label →
    text) are the dots' tooltips.
    """
    low, high = Decimal(low), Decimal(high)
    targets = targets or {}
    # The breaks that cut a segment: a value just after another, not after a gap.
    breaks = {
        label
        for position, (label, value, _is_sample) in enumerate(values)
        if label in breaks_before
        and value is not None
        and position > 0
        and values[position - 1][1] is not None
    }
    has_comparison = any(value is not None for _label, value in comparison)
    return LineChart(
        chart_id=chart_id,
        title=title,
        description=description,
        layouts=[
            _line_layout(
                frame,
                values,
                low=low,
                high=high,
                inverted=inverted,
                decimal_places=decimal_places,
                targets=targets,
                comparison=comparison,
                breaks_before=breaks,
                titles=titles,
            )
            for frame in FRAMES
        ],
        has_values=bool(values),
        has_targets=bool(targets),
        comparison_label=comparison_label if has_comparison else "",
        target_legend=target_legend or _("Green dashes: the province's target for the year."),
        break_legend=break_legend if breaks else "",
        has_sample_data=any(is_sample and value is not None for _, value, is_sample in values),
    )


@dataclass
class BarLabelLine:
    text: str
    y: str


@dataclass
class Bar:
    label: str
    label_lines: list[BarLabelLine]
    value_label: str
    bar_y: str
    bar_width: str
    value_x: str
    value_y: str
    is_sample: bool = False


@dataclass
class BarLayout(DrawnInFrame):
    """The geometry of a bar chart in one frame."""

    frame: Frame
    bars: list[Bar] = field(default_factory=list)
    height: int = 0
    bar_height: int = BAR_HEIGHT


@dataclass
class BarChart:
    chart_id: str
    title: str
    description: str
    layouts: list[BarLayout] = field(default_factory=list)  # wide first
    has_sample_data: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.layouts or not self.layouts[0].bars


def _bar_layout(frame, values, *, high, suffix) -> BarLayout:
    layout = BarLayout(frame=frame)
    line_step = frame.font_size + 4
    bar_space = frame.width - frame.value_space
    top = BAR_TOP
    for label, value, is_sample in values:
        lines = wrap_label(label, frame.wrap_at)
        first_baseline = top + frame.font_size
        bar_y = first_baseline + line_step * (len(lines) - 1) + 6
        width = max(float(Decimal(value) / high) * bar_space, 1.0)
        layout.bars.append(
            Bar(
                label=label,
                label_lines=[
                    BarLabelLine(text=text, y=_coord(first_baseline + line_step * number))
                    for number, text in enumerate(lines)
                ],
                value_label=f"{display_number(value)}{suffix}",
                bar_y=_coord(bar_y),
                bar_width=_coord(width),
                value_x=_coord(width + 6),
                # the value's baseline, centred on the bar
                value_y=_coord(bar_y + BAR_HEIGHT / 2 + frame.font_size * 0.35),
                is_sample=is_sample,
            )
        )
        top = bar_y + BAR_HEIGHT + BAR_GAP
    layout.height = int(top + BAR_TOP)
    return layout


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    values: list[tuple[str, Decimal, bool]],
    high,
    suffix: str = "",
) -> BarChart:
    """Horizontal bars, one per (label, value, is sample), each label written above its bar
    (on several lines in the narrow frame) so that long unit names stay whole on a phone."""
    high = Decimal(high) or Decimal(1)
    return BarChart(
        chart_id=chart_id,
        title=title,
        description=description,
        layouts=[_bar_layout(frame, values, high=high, suffix=suffix) for frame in FRAMES],
        has_sample_data=any(is_sample for _, _, is_sample in values),
    )


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


def targets_by_year(results, value_of) -> dict[str, Decimal | int]:
    """The target markers of a line chart: {year: target} for the results (read with
    `with_target()`) whose year has one."""
    return {
        str(result.year): value_of(result) for result in results if value_of(result) is not None
    }


def rank_breaks(results, ranked_of) -> set[str]:
    """The years (x labels) before which a rank chart's line breaks: each year whose year
    before ranked another number of peers (`ranks_compare`, the rule of the change columns),
    so that the chart never joins two ranks that the tables refuse to compare."""
    by = {result.year: result for result in results}
    return {
        str(year)
        for year, result in by.items()
        if year - 1 in by and not ranks_compare(ranked_of(result), ranked_of(by[year - 1]))
    }


def rank_titles(results, ranked_of) -> dict[str, str]:
    """The tooltip of each ranked year's dot, with the number ranked: "2016: hạng 3/19"."""
    return {
        str(result.year): _("%(year)d: rank %(rank)d of %(count)d")
        % {"year": result.year, "rank": result.rank, "count": ranked_of(result)}
        for result in results
        if result.rank is not None and ranked_of(result)
    }


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
        targets=targets_by_year(results, lambda r: r.target_score),
    )


def component_score_chart(component, results) -> LineChart | None:
    """A component's score by year (results from `component_history`, oldest first), with the
    provincial average as a second line where it is known."""
    if not results:
        return None
    index = component.index
    unit = "%" if index.is_percent else _("points")
    return line_chart(
        chart_id=f"chart-component-score-{index.slug}-{component.slug}",
        title=_("%(component)s: score by year") % {"component": component.name},
        description=_("Score out of %(maximum)s %(unit)s, one point per year.")
        % {
            "maximum": display_number(
                component.maximum_score,
                0 if component.maximum_score == component.maximum_score.to_integral() else 2,
            ),
            "unit": unit,
        },
        values=by_year(results, lambda r: r.score),
        low=0,
        high=component.maximum_score,
        comparison=[(str(r.year), r.average_score) for r in results],
        comparison_label=_("Provincial average"),
    )


def index_rank_chart(index, results) -> LineChart | None:
    if not any(result.rank is not None for result in results):
        return None
    provinces = max(result.provinces_ranked for result in results)
    counts = {result.provinces_ranked for result in results if result.rank is not None}
    if len(counts) == 1:
        description = _("Rank among %(count)d provinces; higher on the chart is better.") % {
            "count": provinces
        }
    else:  # e.g. 63 provinces until 2024, 34 after the 2025 mergers
        description = _("Rank among the provinces ranked each year; higher on the chart is better.")
    return line_chart(
        chart_id=f"chart-rank-{index.slug}",
        title=_("%(index)s rank by year") % {"index": index.abbreviation},
        description=description,
        values=by_year(results, lambda r: r.rank),
        low=1,
        high=provinces,
        inverted=True,
        decimal_places=0,
        targets=targets_by_year(results, lambda r: getattr(r, "target_rank", None)),
        breaks_before=rank_breaks(results, lambda r: r.provinces_ranked),
        break_legend=_(
            "The line breaks between two years that ranked different numbers of provinces: "
            "their ranks do not compare."
        ),
        titles=rank_titles(results, lambda r: r.provinces_ranked),
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
        targets=targets_by_year(results, lambda r: r.target_score),
        target_legend=_("Green dashes: the unit's target for the year."),
    )


def unit_rank_chart(unit, results) -> LineChart | None:
    if not results:
        return None
    targets = targets_by_year(results, lambda r: getattr(r, "target_rank", None))
    return line_chart(
        chart_id=f"chart-unit-rank-{unit.slug}",
        title=_("%(unit)s: rank by year") % {"unit": unit.name},
        description=_("Rank among units of the same kind; higher is better."),
        values=by_year(results, lambda r: r.rank),
        low=1,
        # A target rank below the last ranked place still has its marker on the chart.
        high=max([*(r.ranked_count for r in results), *targets.values()]),
        inverted=True,
        decimal_places=0,
        targets=targets,
        target_legend=_("Green dashes: the unit's target for the year."),
        breaks_before=rank_breaks(results, lambda r: r.ranked_count),
        break_legend=_(
            "The line breaks between two years that ranked different numbers of units of its "
            "kind: their ranks do not compare."
        ),
        titles=rank_titles(results, lambda r: r.ranked_count),
    )
