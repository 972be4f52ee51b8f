"""Responsibility: each component names a lead unit (and supporting units) per year; the weakest
components lead to their units on the index page and the overview, and a unit's profile lists
the components it leads, weakest first."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from indices.models import Responsibility, components_led_by, weakest_of_latest_year
from tests.factories import (
    ComponentFactory,
    ComponentResultFactory,
    IndexFactory,
    ProvinceResultFactory,
    UnitFactory,
    UserFactory,
)
from tests.html_tools import parse

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def par(db):
    """PAR INDEX 2018 with four components of different shares, three with lead units."""
    index = IndexFactory(code="PAR_INDEX", abbreviation="PAR INDEX", slug="par-index", order=1)
    result = ProvinceResultFactory(index=index, year=2018, score=D("30.00"), rank=58)
    units = {name: UnitFactory(name=name) for name in ("Sở Nội vụ", "Sở Tư pháp", "Sở Y tế")}
    parts = {}
    for order, (name, maximum, score) in enumerate(
        [
            ("Chỉ đạo, điều hành", "12", "10.20"),  # 85 %
            ("Văn bản QPPL", "9", "4.50"),  # 50 %
            ("Thủ tục hành chính", "13", "9.10"),  # 70 %
            ("Tổ chức bộ máy", "10", "6.00"),  # 60 %
        ],
        start=1,
    ):
        parts[name] = ComponentFactory(
            index=index, name=name, maximum_score=D(maximum), order=order
        )
        ComponentResultFactory(province_result=result, component=parts[name], score=D(score))
    lead = Responsibility.Role.LEAD
    Responsibility.objects.create(
        component=parts["Văn bản QPPL"], year=2018, unit=units["Sở Tư pháp"], role=lead
    )
    Responsibility.objects.create(
        component=parts["Tổ chức bộ máy"],
        year=2018,
        unit=units["Sở Nội vụ"],
        role=lead,
        is_sample=True,
    )
    Responsibility.objects.create(
        component=parts["Chỉ đạo, điều hành"], year=2018, unit=units["Sở Nội vụ"], role=lead
    )
    Responsibility.objects.create(
        component=parts["Văn bản QPPL"],
        year=2018,
        unit=units["Sở Y tế"],
        role=Responsibility.Role.SUPPORT,
    )
    return {"index": index, "units": units, "parts": parts}


def test_one_lead_per_component_and_year_and_only_while_it_applies(par):
    duplicate = Responsibility(
        component=par["parts"]["Văn bản QPPL"], year=2018, unit=par["units"]["Sở Y tế"]
    )
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "role" in error.value.message_dict
    part = ComponentFactory(index=par["index"], first_year=2018, last_year=2020)
    with pytest.raises(ValidationError) as error:
        Responsibility(component=part, year=2022, unit=par["units"]["Sở Y tế"]).full_clean()
    assert "year" in error.value.message_dict


def test_the_weakest_components_of_the_latest_year_with_their_leads(par):
    rows = [(r.component.name, r.lead_name) for r in weakest_of_latest_year()]
    assert rows == [
        ("Văn bản QPPL", "Sở Tư pháp"),
        ("Tổ chức bộ máy", "Sở Nội vụ"),
        ("Thủ tục hành chính", None),
    ]


def test_index_page_shows_the_weakest_components_and_lead_units(client, par):
    page = parse(client.get("/chi-so/par-index/").content)
    items = page.find("ol", class_="weakest-components").find_all("li")
    assert [item.text() for item in items] == [
        "Văn bản QPPL: 50,00 % — đơn vị chủ trì: Sở Tư pháp",
        "Tổ chức bộ máy: 60,00 % — đơn vị chủ trì: Sở Nội vụ minh hoạ",
        "Thủ tục hành chính: 70,00 % — đơn vị chủ trì: chưa phân công",
    ]
    links = [link.attrs["href"] for link in items[0].find_all("a")]
    assert links == [
        "/chi-so/par-index/thanh-phan/van-ban-qppl/",
        par["units"]["Sở Tư pháp"].get_absolute_url(),
    ]


def test_overview_names_the_three_weakest_components(client, par):
    response = client.get("/chi-so/")
    tables = parse(response.content).find_all("table", class_="data-table")
    weakest = next(t for t in tables if t.find("caption").text().startswith("Các thành phần"))
    rows = [[c.text() for c in r.element_children] for r in weakest.find("tbody").find_all("tr")]
    assert rows == [
        ["Văn bản QPPL", "PAR INDEX", "50,00 %", "Sở Tư pháp"],
        ["Tổ chức bộ máy", "PAR INDEX", "60,00 %", "Sở Nội vụ minh hoạ"],
        ["Thủ tục hành chính", "PAR INDEX", "70,00 %", "chưa phân công"],
    ]
    assert "Dữ liệu minh hoạ" in response.content.decode()  # the sample assignment is noted


def test_unit_profile_lists_the_components_it_leads_weakest_first(client, par):
    unit = par["units"]["Sở Nội vụ"]
    assert [(c.name, c.latest_year, c.latest_share) for c in components_led_by(unit)] == [
        ("Tổ chức bộ máy", 2018, D("60.00")),
        ("Chỉ đạo, điều hành", 2018, D("85.00")),
    ]
    page = parse(client.get(unit.get_absolute_url()).content)
    table = page.find_all("table", class_="data-table")[-1]
    rows = [[c.text() for c in r.element_children] for r in table.find("tbody").find_all("tr")]
    assert rows == [
        ["Tổ chức bộ máy minh hoạ", "PAR INDEX", "2018", "6,00/10", "60,00 %"],
        ["Chỉ đạo, điều hành", "PAR INDEX", "2018", "10,20/12", "85,00 %"],
    ]
    # A supporting unit leads nothing.
    assert components_led_by(par["units"]["Sở Y tế"]) == []


def test_admin_assigns_a_lead_unit(client, par):
    client.force_login(UserFactory(username="quantri", is_staff=True, is_superuser=True))
    url = reverse("admin:indices_responsibility_add")
    assert client.get(url).status_code == 200
    part = par["parts"]["Thủ tục hành chính"]
    unit = par["units"]["Sở Y tế"]
    response = client.post(
        url, {"component": part.pk, "year": "2018", "unit": unit.pk, "role": "lead"}
    )
    assert response.status_code == 302
    assert Responsibility.objects.get(component=part).unit == unit
    again = client.post(
        url,
        {
            "component": part.pk,
            "year": "2018",
            "unit": par["units"]["Sở Tư pháp"].pk,
            "role": "lead",
        },
    )
    assert "role" in again.context["adminform"].form.errors
    assert client.get(reverse("admin:indices_responsibility_changelist")).status_code == 200


def test_a_unit_profile_shows_a_component_with_the_result_of_a_year_the_unit_led_it(client, par):
    """Sở Tư pháp led "Văn bản QPPL" in 2018; in 2022 Sở Y tế leads it. Sở Tư pháp's profile
    still lists the component, with its 2018 result: the 2022 one answers to Sở Y tế."""
    index, part = par["index"], par["parts"]["Văn bản QPPL"]
    later = ProvinceResultFactory(index=index, year=2022, score=D("40.00"), rank=30)
    ComponentResultFactory(province_result=later, component=part, score=D("8.10"))
    Responsibility.objects.create(
        component=part, year=2022, unit=par["units"]["Sở Y tế"], role=Responsibility.Role.LEAD
    )
    justice, health = par["units"]["Sở Tư pháp"], par["units"]["Sở Y tế"]
    assert [(c.name, c.latest_year, c.latest_share) for c in components_led_by(justice)] == [
        ("Văn bản QPPL", 2018, D("50.00")),
    ]
    assert [(c.name, c.latest_year, c.latest_share) for c in components_led_by(health)] == [
        ("Văn bản QPPL", 2022, D("90.00")),
    ]
    page = parse(client.get(justice.get_absolute_url()).content)
    table = page.find_all("table", class_="data-table")[-1]
    rows = [[c.text() for c in r.element_children] for r in table.find("tbody").find_all("tr")]
    assert rows == [["Văn bản QPPL", "PAR INDEX", "2018", "4,50/9", "50,00 %"]]
    # A unit that leads a component in a year without results yet has "no result yet".
    Responsibility.objects.create(
        component=par["parts"]["Thủ tục hành chính"], year=2022, unit=justice
    )
    led = {c.name: c.latest_year for c in components_led_by(justice)}
    assert led == {"Văn bản QPPL": 2018, "Thủ tục hành chính": None}
