"""The "Giới thiệu" pages on the demo content: functions, the chart as SVG and as a nested list,
leaders, the steering committee, units with their contacts; the link both ways with the units'
index profiles; the English page reading the same records."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from core import demo_content as core_demo
from indices import demo as indices_demo
from indices.models import Unit
from organisation import demo as organisation_demo
from organisation.models import AboutPage, CommitteeMember, Division, Person, UnitOffice
from tests.html_tools import parse

pytestmark = pytest.mark.django_db

ABOUT = "/gioi-thieu/"


@pytest.fixture
def demo():
    """The demo's indices and organisation (the whole `load_demo`, with its photos and PDFs,
    takes half a minute per test; `test_load_demo_fills_the_about_pages` runs it once)."""
    core_demo.load()
    indices_demo.load()
    organisation_demo.load()


def main_of(response):
    assert response.status_code == 200
    return parse(response.content).find("main")


def test_the_page_shows_functions_chart_leaders_committee_and_units_from_the_demo(client, demo):
    assert reverse("about:index") == ABOUT
    main = main_of(client.get(ABOUT))
    text = main.text()
    # Functions and duties, from the rich text.
    assert main.find("h1").text() == "Giới thiệu"
    assert "chấm điểm, xếp hạng chỉ số cải cách hành chính" in text

    # The chart: an SVG per frame with a box per division, and the same tree as a nested list.
    figure = main.find("figure", class_="org-chart")
    svgs = figure.find_all("svg")
    assert len(svgs) == 2
    assert all(svg.attrs["aria-hidden"] == "true" for svg in svgs)
    divisions = Division.objects.count()
    assert all(len(svg.find_all("rect")) == divisions for svg in svgs)
    outer = figure.find("div", class_="org-chart__list").find("ul")
    top = outer.element_children
    assert [li.tag for li in top] == ["li"]
    assert top[0].text().startswith("Ủy ban nhân dân tỉnh Lai Châu")
    nested = [item.text() for item in top[0].find("ul").element_children]
    assert any(
        item.startswith("Sở Nội vụ") and "Phòng Cải cách hành chính" in item for item in nested
    )
    assert len(figure.find_all("li")) == divisions

    # Leaders of the office, with their work contacts.
    agency = AboutPage.load().agency
    assert agency.name == "Sở Nội vụ"
    director = Person.objects.get(unit=agency, title="Giám đốc Sở")
    card = next(li for li in main.find_all("li", class_="person") if director.name in li.text())
    assert director.office_phone in card.text()
    hrefs = [a.attrs["href"] for a in card.find_all("a")]
    assert f"mailto:{director.email}" in hrefs
    assert any(href.startswith("tel:+84213") for href in hrefs)

    # The steering committee with its members and roles.
    committee_table = main.find("table", class_="committee")
    rows = committee_table.find("tbody").find_all("tr")
    assert len(rows) == CommitteeMember.objects.count() >= 5
    assert rows[0].text().startswith("Trưởng ban")
    assert director.name in committee_table.text()

    # Units with their contacts; merged units marked as such, with their successor.
    office = UnitOffice.objects.get(unit__name="Sở Tư pháp")
    assert office.phone in text and office.email in text
    merged = main.find_all("li", class_="unit-list__item")
    planning = next(li for li in merged if "Sở Kế hoạch và Đầu tư" in li.text())
    assert "2025" in planning.text() and "Sở Tài chính" in planning.text()
    assert len(merged) == Unit.objects.count() == 30


def test_the_menu_starts_with_about(client, demo):
    nav = parse(client.get("/").content).find("nav", class_="site-nav")
    links = [a.attrs["href"] for a in nav.find_all("a")]
    assert links[:2] == ["/", ABOUT]
    assert nav.find_all("a")[1].text() == "Giới thiệu"


def test_load_demo_fills_the_about_pages_and_runs_again_unchanged(client):
    call_command("load_demo", verbosity=0)
    counts = [m.objects.count() for m in (Division, UnitOffice, Person, CommitteeMember)]
    assert counts[1] == 30 and counts[2] >= 30
    stamps = list(Person.objects.order_by("pk").values_list("updated_at", flat=True))
    call_command("load_demo", verbosity=0)
    assert [m.objects.count() for m in (Division, UnitOffice, Person, CommitteeMember)] == counts
    assert list(Person.objects.order_by("pk").values_list("updated_at", flat=True)) == stamps
    assert "Sở Nội vụ" in main_of(client.get(ABOUT)).text()


def test_a_units_index_profile_shows_its_contacts_and_links_back(client, demo):
    unit = Unit.objects.get(name="Sở Tư pháp")
    profile = main_of(client.get(f"/chi-so/don-vi/{unit.slug}/"))
    section = profile.find("section", class_="unit-contacts")
    assert section.find("h2").text() == "Liên hệ"
    assert unit.office.phone in section.text()
    contact = Person.objects.get(unit=unit, kind=Person.Kind.CONTACT)
    assert contact.name in section.text()
    about_url = reverse("about:unit", kwargs={"slug": unit.slug})
    assert about_url in [a.attrs["href"] for a in section.find_all("a")]

    page = main_of(client.get(about_url))
    assert page.find("h1").text() == unit.name
    assert unit.office.address in page.text()
    assert contact.name in page.text() and contact.email in page.text()
    # Its latest result in the assessment, and the link to its profile.
    latest = unit.results.order_by("-year").first()
    assert f"{latest.year}" in page.find("section", class_="about-results").text()
    assert f"/chi-so/don-vi/{unit.slug}/" in [a.attrs["href"] for a in page.find_all("a")]


def test_a_merged_units_page_sends_readers_to_its_successor_and_keeps_its_history(client, demo):
    unit = Unit.objects.get(name="Sở Kế hoạch và Đầu tư")
    assert (unit.end_year, unit.successor.name) == (2025, "Sở Tài chính")
    page = main_of(client.get(reverse("about:unit", kwargs={"slug": unit.slug})))
    hrefs = [a.attrs["href"] for a in page.find_all("a")]
    assert reverse("about:unit", kwargs={"slug": unit.successor.slug}) in hrefs
    assert "2025" in page.text()
    assert page.find("section", class_="about-results").find("p").text().startswith("Năm 2018")
    successor = main_of(client.get(reverse("about:unit", kwargs={"slug": unit.successor.slug})))
    assert reverse("about:unit", kwargs={"slug": unit.slug}) in [
        a.attrs["href"] for a in successor.find_all("a")
    ]


def test_unknown_unit_is_404(client, demo):
    assert client.get("/gioi-thieu/don-vi/khong-ton-tai/").status_code == 404


def test_the_english_page_reads_the_same_records(client, demo):
    main = main_of(client.get("/en/"))
    text = main.text()
    assert "Department of Home Affairs" in text
    assert "Administrative Reform Division" in text  # the chart's English names
    office = AboutPage.load().agency.office
    assert office.phone in text and office.email in text
    assert "Standing deputy head" in text
    assert main.find("figure", class_="org-chart").find_all("svg")

    # Change a record: /en/ shows the change (and the Vietnamese page the Vietnamese field).
    division = Division.objects.get(name="Phòng Cải cách hành chính")
    division.name_en = "Reform Coordination Unit"
    division.save()
    director = Person.objects.get(unit=office.unit, title="Giám đốc Sở")
    director.title_en = "Director of Home Affairs"
    director.office_phone = "0213 3 800 999"
    director.save()
    office.email = "office.snv@laichau.gov.vn"
    office.save()
    text = main_of(client.get("/en/")).text()
    assert "Reform Coordination Unit" in text
    assert "Director of Home Affairs" in text and "0213 3 800 999" in text
    assert "office.snv@laichau.gov.vn" in text
    vietnamese = main_of(client.get(ABOUT)).text()
    assert "0213 3 800 999" in vietnamese and "Reform Coordination Unit" not in vietnamese


def test_a_name_without_english_falls_back_to_vietnamese(client, demo):
    Division.objects.filter(name="Văn phòng Sở").update(name_en="")
    assert "Văn phòng Sở" in main_of(client.get("/en/")).text()


def test_the_about_page_and_a_person_are_found_by_the_site_search(client, demo):
    response = client.get("/tim-kiem/", {"q": "chức năng nhiệm vụ"})
    assert ABOUT in [a.attrs["href"] for a in parse(response.content).find("main").find_all("a")]
    person = Person.objects.get(unit__name="Sở Nội vụ", title="Giám đốc Sở")
    response = client.get("/tim-kiem/", {"q": person.name})
    hrefs = [a.attrs["href"] for a in parse(response.content).find("main").find_all("a")]
    assert person.get_absolute_url() in hrefs


def test_the_sitemap_lists_the_about_pages(client, demo):
    body = client.get("/sitemap.xml").content.decode()
    assert "/gioi-thieu/</loc>" in body
    assert "/gioi-thieu/don-vi/so-noi-vu/</loc>" in body


@pytest.mark.parametrize(
    ("url", "budget"),
    [
        # Measured: 14, 11, 13, and the index profile 12 + 2 for its contacts, whatever the
        # number of rows.
        (ABOUT, 14),
        ("/gioi-thieu/don-vi/so-noi-vu/", 12),
        ("/en/", 14),
        ("/chi-so/don-vi/so-noi-vu/", 14),
    ],
)
def test_query_budgets(client, demo, django_assert_max_num_queries, url, budget):
    # More rows than the demo: an N+1 on people, offices or members would show.
    agency = AboutPage.load().agency
    for number in range(8):
        Person.objects.create(
            name=f"Người số {number}", title="Chuyên viên", unit=agency, kind=Person.Kind.LEADER
        )
    client.get("/")  # the site settings' row is created on the first page of all
    cache.clear()
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200


def test_an_empty_organisation_still_answers(client):
    for url in (ABOUT, "/en/"):
        assert client.get(url).status_code == 200
