"""Fair comparisons on charts (issue 12): a rank chart never joins two ranks that the change
columns refuse to compare (ranked among different numbers of peers). The line breaks there,
both dots stay, each dot's tooltip gives the number ranked, and a legend says why."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from indices.charts import line_chart, rank_breaks
from indices.models import Unit
from tests.factories import IndexFactory, ProvinceResultFactory, UnitFactory, UnitResultFactory
from tests.html_tools import Node, parse

D = Decimal
UNIT_LEGEND = (
    "Đường bị ngắt giữa hai năm có số đơn vị cùng loại được xếp hạng khác nhau: "
    "thứ hạng của hai năm đó không so sánh được với nhau."
)
PROVINCE_LEGEND = (
    "Đường bị ngắt giữa hai năm có số tỉnh, thành phố được xếp hạng khác nhau: "
    "thứ hạng của hai năm đó không so sánh được với nhau."
)
FRAMES = ("chart__svg--wide", "chart__svg--narrow")


def figure(response, chart_id: str) -> Node:
    tree = parse(response.content)
    return next(f for f in tree.find_all("figure", class_="chart") if f.attrs["id"] == chart_id)


def runs(svg: Node) -> list[list[str]]:
    """The main line's runs, each as the x labels of the dots it joins (by x coordinate)."""
    year_at = {
        label.attrs["x"]: label.text() for label in svg.find_all("text", class_="chart__label")
    }
    return [
        [year_at[point.split(",")[0]] for point in line.attrs["points"].split()]
        for line in svg.find_all("polyline")
        if "chart__line--comparison" not in line.attrs["class"]
    ]


def legends(node: Node) -> list[str]:
    return [p.text() for p in node.find_all("p", class_="chart__legend")]


# ----------------------------------------------------------------------------------------------
# The drawing (indices/charts.py)


def ranks(*values):
    return [(str(2016 + n), value, False) for n, value in enumerate(values)]


def segments_by_frame(chart) -> list[list[int]]:
    """The number of dots each segment joins, per frame."""
    return [[len(segment.split()) for segment in layout.segments] for layout in chart.layouts]


def test_a_break_omits_only_the_segment_before_its_label_in_every_frame():
    chart = line_chart(
        chart_id="c",
        title="t",
        description="d",
        values=ranks(3, 4, 4),
        low=1,
        high=20,
        inverted=True,
        decimal_places=0,
        breaks_before={"2017"},
        break_legend="why",
        titles={"2016": "2016: hạng 3/19"},
    )
    assert segments_by_frame(chart) == [[2], [2]]  # 2017–2018 only
    for layout in chart.layouts:
        assert [point.y != "" for point in layout.points] == [True, True, True]  # dots stay
        assert [point.title for point in layout.points] == ["2016: hạng 3/19", "", ""]
        # the one segment starts at 2017's dot
        assert layout.segments[0].startswith(f"{layout.points[1].x},{layout.points[1].y} ")
    assert chart.break_legend == "why"


def test_without_breaks_the_line_is_whole_and_there_is_no_break_legend():
    chart = line_chart(
        chart_id="c", title="t", description="d", values=ranks(3, 4, 4), low=1, high=20,
        break_legend="why",
    )  # fmt: skip
    assert segments_by_frame(chart) == [[3], [3]]
    assert chart.break_legend == ""


def test_a_break_after_a_gap_year_is_the_gap_not_a_break_in_the_legend():
    values = ranks(3, None, 4)
    chart = line_chart(
        chart_id="c", title="t", description="d", values=values, low=1, high=20,
        breaks_before={"2018"}, break_legend="why",
    )  # fmt: skip
    assert segments_by_frame(chart) == [[], []]
    assert chart.break_legend == ""  # the years between break the line, not the set size


def test_rank_breaks_follow_the_rule_of_the_change_columns():
    rows = [
        SimpleNamespace(year=year, ranked=count)
        for year, count in [
            (2015, 19),
            (2016, 19),
            (2017, 20),
            (2018, 20),
            (2020, 21),
            (2021, None),
        ]
    ]
    # 2017 ranked 20 after 19; 2020 follows a gap (the gap breaks it); an unknown count breaks.
    assert rank_breaks(rows, lambda r: r.ranked) == {"2017", "2021"}


# ----------------------------------------------------------------------------------------------
# Unit profiles


def rank_unit(years: dict[int, tuple[int, int]]) -> Unit:
    """A department ranked `rank` of `count` departments in each year of `years`."""
    unit = UnitFactory(name="Sở Tài chính", kind=Unit.Kind.DEPARTMENT)
    peers = [
        UnitFactory(kind=Unit.Kind.DEPARTMENT) for _ in range(max(c for _, c in years.values()))
    ]
    for year, (rank, count) in years.items():
        # peers above the unit score 95, 94, …; those below it 50, 49, …
        for place, peer in enumerate(peers[: count - 1], start=1):
            score = D(96 - place) if place < rank else D(51 - place)
            UnitResultFactory(unit=peer, year=year, score=score)
        UnitResultFactory(unit=unit, year=year, score=D("70.00"))
    return unit


@pytest.mark.django_db
class TestUnitRankChart:
    def test_3_of_19_then_4_of_20_is_not_joined(self, client):
        unit = rank_unit({2016: (3, 19), 2017: (4, 20), 2018: (4, 20)})

        response = client.get(unit.get_absolute_url())

        chart = figure(response, f"chart-unit-rank-{unit.slug}")
        for frame in FRAMES:
            svg = chart.find("svg", class_=frame)
            assert len(svg.find_all("circle")) == 3
            assert runs(svg) == [["2017", "2018"]], frame
            tooltips = [circle.find("title").text() for circle in svg.find_all("circle")]
            assert tooltips == ["Năm 2016: hạng 3/19", "Năm 2017: hạng 4/20", "Năm 2018: hạng 4/20"]
        assert UNIT_LEGEND in legends(chart)
        # The score chart beside it joins all three years and has no such legend.
        score_chart = figure(response, f"chart-unit-score-{unit.slug}")
        for frame in FRAMES:
            assert runs(score_chart.find("svg", class_=frame)) == [["2016", "2017", "2018"]]
        assert UNIT_LEGEND not in legends(score_chart)
        assert legends(parse(response.content)).count(UNIT_LEGEND) == 1

    def test_equal_set_sizes_are_one_line_without_the_legend(self, client):
        unit = rank_unit({2016: (3, 20), 2017: (4, 20), 2018: (4, 20)})

        chart = figure(client.get(unit.get_absolute_url()), f"chart-unit-rank-{unit.slug}")

        for frame in FRAMES:
            assert runs(chart.find("svg", class_=frame)) == [["2016", "2017", "2018"]]
        assert UNIT_LEGEND not in legends(chart)

    def test_a_gap_year_still_breaks_the_line(self, client):
        unit = rank_unit({2016: (2, 5), 2018: (3, 5), 2019: (3, 5)})

        chart = figure(client.get(unit.get_absolute_url()), f"chart-unit-rank-{unit.slug}")

        for frame in FRAMES:
            assert runs(chart.find("svg", class_=frame)) == [["2018", "2019"]]
        assert UNIT_LEGEND not in legends(chart)


# ----------------------------------------------------------------------------------------------
# The province's index pages


@pytest.mark.django_db
def test_province_rank_63_then_34_is_not_joined(client):
    index = IndexFactory(code="PAR_INDEX", abbreviation="PAR INDEX", slug="par-index")
    ProvinceResultFactory(index=index, year=2023, score=D("80.00"), rank=50)
    ProvinceResultFactory(index=index, year=2024, score=D("82.00"), rank=45)
    ProvinceResultFactory(index=index, year=2025, score=D("84.00"), rank=20, provinces_ranked=34)

    response = client.get("/chi-so/par-index/")

    chart = figure(response, "chart-rank-par-index")
    for frame in FRAMES:
        svg = chart.find("svg", class_=frame)
        assert runs(svg) == [["2023", "2024"]]
        assert [c.find("title").text() for c in svg.find_all("circle")][-2:] == [
            "Năm 2024: hạng 45/63",
            "Năm 2025: hạng 20/34",
        ]
        # The description no longer claims one number of provinces for every year.
        assert svg.find("desc").text() == (
            "Thứ hạng trong số tỉnh, thành phố được xếp hạng của từng năm; "
            "càng cao trên đồ thị càng tốt."
        )
    assert legends(chart) == [PROVINCE_LEGEND]
    score_chart = figure(response, "chart-score-par-index")
    for frame in FRAMES:
        assert runs(score_chart.find("svg", class_=frame)) == [["2023", "2024", "2025"]]
    assert PROVINCE_LEGEND not in legends(score_chart)


@pytest.mark.django_db
def test_province_ranks_among_63_every_year_are_one_line(client):
    index = IndexFactory(code="PAPI", abbreviation="PAPI", slug="papi")
    ProvinceResultFactory(index=index, year=2023, score=D("40.00"), rank=50)
    ProvinceResultFactory(index=index, year=2024, score=D("41.00"), rank=45)

    chart = figure(client.get("/chi-so/papi/"), "chart-rank-papi")

    for frame in FRAMES:
        svg = chart.find("svg", class_=frame)
        assert runs(svg) == [["2023", "2024"]]
        assert svg.find("desc").text() == (
            "Thứ hạng trong 63 tỉnh, thành phố; càng cao trên đồ thị càng tốt."
        )
    assert legends(chart) == []
