"""Years without data: a change compares with the previous year that has data and says which,
and charts leave the years between as gaps instead of drawing a line through them."""

from decimal import Decimal

import pytest

from indices.charts import by_year, index_rank_chart
from indices.models import ProvinceResult, RankChange, rank_change
from tests.factories import IndexFactory, ProvinceResultFactory
from tests.html_tools import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def par(db):
    """PAR INDEX with the brief's 2017 rank, 2018 result and 2022 result: 2019–2021 unknown."""
    index = IndexFactory(code="PAR_INDEX", abbreviation="PAR INDEX", slug="par-index", order=1)
    ProvinceResultFactory(index=index, year=2017, score=None, rank=57)
    ProvinceResultFactory(index=index, year=2018, score=Decimal("72.23"), rank=58)
    ProvinceResultFactory(index=index, year=2022, score=Decimal("86.29"), rank=24)
    return index


def test_rank_change_names_the_earlier_year_only_across_a_gap():
    assert rank_change(58, 24, previous_year=2018, year=2022) == RankChange(
        RankChange.UP, 34, since=2018
    )
    assert rank_change(57, 58, previous_year=2017, year=2018).since is None
    assert rank_change(None, 24, previous_year=2018, year=2022) is None


def test_the_change_skips_years_without_data(par):
    rows = {r.year: r for r in ProvinceResult.objects.history(par)}
    assert (rows[2022].previous_year, rows[2022].previous_rank) == (2018, 58)
    assert (str(rows[2022].change), rows[2022].change.since) == ("▲34", 2018)
    assert (str(rows[2018].change), rows[2018].change.since) == ("▼1", None)
    assert rows[2017].change is None


def test_a_year_ranked_among_another_number_of_provinces_is_not_compared(par):
    ProvinceResultFactory(index=par, year=2025, score=Decimal("80"), rank=20, provinces_ranked=34)
    latest = ProvinceResult.objects.latest_per_index().get()
    assert (latest.year, latest.previous_year, latest.change) == (2025, 2022, None)


def test_overview_shows_2022_with_the_change_since_2018(client, par):
    response = client.get("/chi-so/")
    row = parse(response.content).find("table", class_="data-table").find("tbody").find("tr")
    cells = [cell.text() for cell in row.element_children]
    assert cells[:4] == ["PAR INDEX", "2022", "86,29 điểm", "24/63"]
    assert cells[4] == "▲34 tăng 34 bậc so với năm 2018"


def test_by_year_fills_the_years_between_with_gaps(par):
    results = list(ProvinceResult.objects.history(par))
    assert by_year(results, lambda r: r.rank) == [
        ("2017", 57, False),
        ("2018", 58, False),
        ("2019", None, False),
        ("2020", None, False),
        ("2021", None, False),
        ("2022", 24, False),
    ]
    chart = index_rank_chart(par, results)
    # One run 2017–2018; 2022 stands alone: no segment reaches across 2019–2021.
    assert [len(segment.split()) for segment in chart.layouts[0].segments] == [2]


def test_charts_on_the_index_page_break_at_the_gap(client, par):
    response = client.get("/chi-so/par-index/")
    score_svg, rank_svg = parse(response.content).find_all("svg", class_="chart__svg--wide")[:2]
    labels = [text.text() for text in rank_svg.find_all("text", class_="chart__label")]
    assert labels == ["2017", "2018", "2019", "2020", "2021", "2022"]
    assert len(rank_svg.find_all("circle")) == 3
    assert [len(line.attrs["points"].split()) for line in rank_svg.find_all("polyline")] == [2]
    # The score is known in 2018 and 2022 only, with years between: two dots and no line.
    assert len(score_svg.find_all("circle")) == 2
    assert score_svg.find_all("polyline") == []
    # The table lists the years with data and labels the change across the gap.
    rows = parse(response.content).find("table", class_="data-table").find("tbody")
    first = [cell.text() for cell in rows.find("tr").element_children]
    assert first[0] == "2022" and first[3] == "▲34 tăng 34 bậc so với năm 2018"
