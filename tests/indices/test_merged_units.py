"""Merged and dissolved units: an end year and a successor; a year's ranking holds only the
units that existed that year, and profiles link a successor with its predecessors."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from indices.models import Unit, UnitResult
from tests.factories import UnitFactory, UnitResultFactory
from tests.html_tools import parse

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def merged(db):
    """Sở Kế hoạch và Đầu tư merged into Sở Tài chính after 2024 (example data)."""
    finance = UnitFactory(name="Sở Tài chính", kind=Unit.Kind.DEPARTMENT)
    planning = UnitFactory(
        name="Sở Kế hoạch và Đầu tư", kind=Unit.Kind.DEPARTMENT, end_year=2024, successor=finance
    )
    health = UnitFactory(name="Sở Y tế", kind=Unit.Kind.DEPARTMENT)
    for unit, scores in [
        (finance, {2024: "80.00", 2025: "85.00"}),
        (planning, {2024: "90.00", 2025: "95.00"}),  # 2025: a row that should not exist
        (health, {2024: "70.00", 2025: "75.00"}),
    ]:
        for year, score in scores.items():
            UnitResultFactory(unit=unit, year=year, score=D(score))
    return {"finance": finance, "planning": planning, "health": health}


def test_a_ranking_holds_only_units_that_existed_that_year(merged):
    ranking = {r.unit.name: (r.rank, r.ranked_count) for r in UnitResult.objects.ranking(2025)}
    assert ranking == {"Sở Tài chính": (1, 2), "Sở Y tế": (2, 2)}
    before = {r.unit.name: r.rank for r in UnitResult.objects.ranking(2024)}
    assert before == {"Sở Kế hoạch và Đầu tư": 1, "Sở Tài chính": 2, "Sở Y tế": 3}


def test_ranking_page_of_the_year_after_the_merger(client, merged):
    content = client.get("/chi-so/xep-hang/2025/").content.decode()
    assert "Sở Kế hoạch và Đầu tư" not in content
    assert "Sở Kế hoạch và Đầu tư" in client.get("/chi-so/xep-hang/2024/").content.decode()


def test_a_result_after_the_end_year_is_refused(merged):
    with pytest.raises(ValidationError) as error:
        UnitResult(unit=merged["planning"], year=2026, score=D("80")).full_clean()
    assert "year" in error.value.message_dict


def test_a_successor_needs_the_end_year(merged):
    with pytest.raises(ValidationError) as error:
        Unit(name="Sở mới", kind=Unit.Kind.DEPARTMENT, successor=merged["finance"]).full_clean()
    assert "end_year" in error.value.message_dict


def test_profiles_link_successor_and_predecessors(client, merged):
    finance = parse(client.get(merged["finance"].get_absolute_url()).content)
    links = {
        a.attrs["href"]
        for p in finance.find_all("p", class_="unit-history")
        for a in p.find_all("a")
    }
    assert links == {merged["planning"].get_absolute_url()}
    planning = parse(client.get(merged["planning"].get_absolute_url()).content)
    (note,) = planning.find_all("p", class_="unit-history")
    assert note.text() == "Tồn tại đến năm 2024, sau đó sáp nhập vào Sở Tài chính."
