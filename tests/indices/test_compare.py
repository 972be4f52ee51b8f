"""`/chi-so/so-sanh/`: two units, or two years of one unit, side by side; bad input shows the
form with a message, never an error page."""

from decimal import Decimal

import pytest

from core.models import SiteSettings
from indices.models import Unit
from tests.factories import GradeThresholdsFactory, UnitFactory, UnitResultFactory
from tests.html_tools import parse

pytestmark = pytest.mark.django_db
URL = "/chi-so/so-sanh/"


@pytest.fixture
def units(db):
    GradeThresholdsFactory(year=2016, good_from=80, fair_from=70, average_from=50)
    finance = UnitFactory(name="Sở Tài chính", slug="so-tai-chinh", kind=Unit.Kind.DEPARTMENT)
    health = UnitFactory(name="Sở Y tế", slug="so-y-te", kind=Unit.Kind.DEPARTMENT)
    UnitResultFactory(unit=finance, year=2017, score=Decimal("83.05"))
    UnitResultFactory(unit=finance, year=2018, score=Decimal("86.50"))
    UnitResultFactory(unit=health, year=2018, score=Decimal("65.04"))
    return finance, health


def header(response):
    """The column headers: the first names what the rows are (never an empty header cell)."""
    table = parse(response.content).find("table", class_="data-table")
    return [cell.text() for cell in table.find("thead").find_all("th")]


def rows(response):
    table = parse(response.content).find("table", class_="data-table")
    return [[c.text() for c in r.element_children] for r in table.find("tbody").find_all("tr")]


def test_two_units_side_by_side(client, units):
    response = client.get(URL, {"don-vi": ["so-tai-chinh", "so-y-te"]})
    assert response.status_code == 200
    assert header(response) == ["Năm", "Sở Tài chính", "Sở Y tế"]
    assert rows(response) == [
        ["2018", "86,50 % · 1/2 · Tốt", "65,04 % · 2/2 · Trung bình"],
        ["2017", "83,05 % · 1/1 · Tốt", "—"],
    ]
    # The profile's chart style: two charts, each drawn for a wide and a narrow frame.
    assert len(parse(response.content).find_all("svg")) == 4


def test_two_years_of_one_unit(client, units):
    response = client.get(URL, {"don-vi": "so-tai-chinh", "nam": ["2017", "2018"]})
    assert header(response) == ["Đơn vị", "2017", "2018"]
    assert rows(response) == [["Sở Tài chính", "83,05 % · 1/1 · Tốt", "86,50 % · 1/2 · Tốt"]]


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"don-vi": "khong-co"},
        {"don-vi": ["so-tai-chinh", "khong-co"]},
        {"don-vi": "so-tai-chinh", "nam": ["20x8", "2018"]},
        {"don-vi": ["a\x00b", "so-y-te"]},
        {"nam": "٢٠١٨"},
    ],
)
def test_bad_or_missing_input_shows_the_form(client, units, query):
    response = client.get(URL, query)
    assert response.status_code == 200
    assert parse(response.content).find("form", class_="compare-form") is not None
    assert parse(response.content).find_all("table", class_="data-table") == []


def test_an_unknown_unit_is_reported(client, units):
    response = client.get(URL, {"don-vi": ["so-tai-chinh", "khong-co"]})
    (alert,) = parse(response.content).find_all("p", class_="form-error")
    assert alert.text().startswith("Một đơn vị trong địa chỉ không tồn tại")


def test_query_count_does_not_grow_with_years(client, units, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        # Warm what is kept per content version (settings, menus, the page cache's next
        # change), as on a live site, and measure the comparison itself.
        client.get(URL)
        with CaptureQueriesContext(connection) as queries:
            client.get(URL, {"don-vi": ["so-tai-chinh", "so-y-te"]})
        return len(queries)

    SiteSettings.load()  # exists, as on a live site (creating it changes the content version)
    few = count()
    finance, health = units
    for year in range(2005, 2017):
        UnitResultFactory(unit=finance, year=year, score=Decimal("70"))
        UnitResultFactory(unit=health, year=year, score=Decimal("60"))
    assert count() == few
    client.get(URL)
    with django_assert_max_num_queries(few):
        client.get(URL, {"don-vi": "so-tai-chinh", "nam": ["2017", "2018"]})
