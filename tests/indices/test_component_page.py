"""A page per index component: its score over the years, its share of the maximum, the
provincial average where known, and the units that led and supported the work each year; the
same rows as open data; links to it from the index page, the overview and the unit profile."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext

from core.models import SiteSettings
from indices.models import Component, ComponentResult, Responsibility, component_history
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
URL = "/chi-so/pci/thanh-phan/gia-nhap-thi-truong/"
LEAD, SUPPORT = Responsibility.Role.LEAD, Responsibility.Role.SUPPORT


@pytest.fixture
def pci(db):
    """PCI's "Gia nhập thị trường" scored in 2015, 2016 and 2018 (2017 is missing), with a
    provincial average in 2015 and 2018, a lead in 2016 (sample) and 2018, and two supporting
    units in 2018 (one sample)."""
    index = IndexFactory(code="PCI", abbreviation="PCI", slug="pci", order=4)
    entry = ComponentFactory(index=index, name="Gia nhập thị trường", maximum_score=D("10"))
    land = ComponentFactory(index=index, name="Tiếp cận đất đai", maximum_score=D("10"))
    units = {
        name: UnitFactory(name=name)
        for name in ("Sở Kế hoạch và Đầu tư", "Sở Tư pháp", "Sở Công Thương")
    }
    rows = [
        (2015, "8.12", "8.35", True),
        (2016, "8.25", None, False),
        (2018, "8.51", "8.47", False),
    ]
    for year, score, average, is_sample in rows:
        result = ProvinceResultFactory(index=index, year=year, score=D("60"), rank=50)
        ComponentResultFactory(
            province_result=result,
            component=entry,
            score=D(score),
            average_score=D(average) if average else None,
            is_sample=is_sample,
        )
        ComponentResultFactory(province_result=result, component=land, score=D("4.00"))
    planning = units["Sở Kế hoạch và Đầu tư"]
    Responsibility.objects.create(
        component=entry, year=2016, unit=planning, role=LEAD, is_sample=True
    )
    Responsibility.objects.create(component=entry, year=2018, unit=planning, role=LEAD)
    Responsibility.objects.create(
        component=entry, year=2018, unit=units["Sở Tư pháp"], role=SUPPORT
    )
    Responsibility.objects.create(
        component=entry, year=2018, unit=units["Sở Công Thương"], role=SUPPORT, is_sample=True
    )
    # Another component's supporting unit in the same year is not this one's.
    Responsibility.objects.create(component=land, year=2018, unit=units["Sở Tư pháp"], role=LEAD)
    Responsibility.objects.create(
        component=land, year=2018, unit=units["Sở Công Thương"], role=SUPPORT
    )
    return {"index": index, "entry": entry, "land": land, "units": units}


def table_rows(page):
    table = page.find("table", class_="data-table")
    return [[cell.text() for cell in row.element_children] for row in table.find_all("tr")]


# ----------------------------------------------------------------------------------------------
# Slugs


def test_a_component_slug_is_made_from_its_name_and_unique_within_its_index(pci):
    assert pci["entry"].slug == "gia-nhap-thi-truong"
    assert pci["entry"].get_absolute_url() == URL
    # The same name in another index takes the same slug; in the same index, a suffix.
    other = ComponentFactory(index=IndexFactory(slug="papi"), name="Gia nhập thị trường")
    again = ComponentFactory(index=pci["index"], name="Gia nhập  thị trường")
    assert (other.slug, again.slug) == ("gia-nhap-thi-truong", "gia-nhap-thi-truong-2")
    # A slug, once made, stays when the name changes: the page's address does not move.
    pci["entry"].name = "Gia nhập thị trường (mới)"
    pci["entry"].save()
    assert pci["entry"].slug == "gia-nhap-thi-truong"
    with transaction.atomic(), pytest.raises(IntegrityError):
        Component.objects.filter(pk=again.pk).update(slug="gia-nhap-thi-truong")


def test_the_migration_fills_the_slugs_of_stored_components(transactional_db):
    from django.db.migrations.executor import MigrationExecutor

    before = [("indices", "0005_merge_search_targets")]
    after = [("indices", "0006_component_slug_and_average")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps
        Index = old.get_model("indices", "Index")
        OldComponent = old.get_model("indices", "Component")
        first = Index.objects.create(
            code="PAR_INDEX", slug="par-index", name="PAR", abbreviation="PAR", maximum_score=100
        )
        second = Index.objects.create(
            code="PCI", slug="pci", name="PCI", abbreviation="PCI", maximum_score=100
        )
        for index, name, order in [
            (first, "Cải cách thủ tục hành chính", 1),
            (first, "Cải cách thủ tục hành chính", 2),
            (second, "Cải cách thủ tục hành chính", 1),
            (second, "Đổi mới cơ chế tài chính", 2),
        ]:
            OldComponent.objects.create(index=index, name=name, maximum_score=10, order=order)

        executor = MigrationExecutor(connection)
        executor.migrate(after)
        new = executor.loader.project_state(after).apps
        slugs = list(
            new.get_model("indices", "Component")
            .objects.order_by("index__code", "order")
            .values_list("index__code", "slug")
        )
        assert slugs == [
            ("PAR_INDEX", "cai-cach-thu-tuc-hanh-chinh"),
            ("PAR_INDEX", "cai-cach-thu-tuc-hanh-chinh-2"),
            ("PCI", "cai-cach-thu-tuc-hanh-chinh"),
            ("PCI", "doi-moi-co-che-tai-chinh"),
        ]
    finally:
        MigrationExecutor(connection).migrate(
            MigrationExecutor(connection).loader.graph.leaf_nodes()
        )


# ----------------------------------------------------------------------------------------------
# The page


def test_the_page_shows_every_year_with_share_average_lead_and_supporting_units(client, pci):
    response = client.get(URL)
    assert response.status_code == 200
    page = parse(response.content)
    assert page.find("h1").text() == "Gia nhập thị trường"
    facts = page.find("dl", class_="facts").text()
    assert "10 điểm" in facts and "mọi năm của chỉ số" in facts
    assert table_rows(page) == [
        [
            "Năm",
            "Điểm",
            "Tỷ lệ so với điểm tối đa",
            "Trung bình các tỉnh",
            "Đơn vị chủ trì",
            "Đơn vị phối hợp",
        ],
        [
            "2018",
            "8,51",
            "85,10 %",
            "8,47 (cao hơn 0,04)",
            "Sở Kế hoạch và Đầu tư",
            "Sở Công Thương minh hoạ, Sở Tư pháp",
        ],
        ["2016", "8,25", "82,50 %", "chưa rõ", "Sở Kế hoạch và Đầu tư minh hoạ", "—"],
        ["2015 minh hoạ", "8,12", "81,20 %", "8,35 (thấp hơn 0,23)", "chưa phân công", "—"],
    ]
    body = page.find("tbody")
    links = [a.attrs["href"] for a in body.find_all("tr")[0].find_all("a")]
    assert links == [
        "/chi-so/pci/?nam=2018#thanh-phan",
        pci["units"]["Sở Kế hoạch và Đầu tư"].get_absolute_url(),
        pci["units"]["Sở Công Thương"].get_absolute_url(),
        pci["units"]["Sở Tư pháp"].get_absolute_url(),
    ]
    assert page.find("p", class_="sample-notice")


def test_without_any_known_average_the_column_is_left_out(client, pci):
    ComponentResult.objects.update(average_score=None)
    page = parse(client.get(URL).content)
    assert "Trung bình các tỉnh" not in table_rows(page)[0]
    assert page.find_all("rect", class_="chart__comparison") == []


def test_the_years_the_component_applied_are_stated(client, pci):
    Component.objects.filter(pk=pci["entry"].pk).update(first_year=2015, last_year=2020)
    facts = parse(client.get(URL).content).find("dl", class_="facts").text()
    assert "từ năm 2015 đến năm 2020" in facts


def test_the_sample_notice_only_when_a_result_or_an_assignment_is_sample(client, pci):
    ComponentResult.objects.update(is_sample=False)
    Responsibility.objects.update(is_sample=False)
    assert not parse(client.get(URL).content).find_all("p", class_="sample-notice")
    Responsibility.objects.filter(role=SUPPORT, component=pci["entry"]).update(is_sample=True)
    assert parse(client.get(URL).content).find_all("p", class_="sample-notice")


def test_a_component_without_results_says_so(client, pci):
    part = ComponentFactory(index=pci["index"], name="Thiết chế pháp lý")
    response = client.get(part.get_absolute_url())
    assert response.status_code == 200
    page = parse(response.content)
    assert page.find_all("table", class_="data-table") == []
    assert "Chưa có kết quả nào của thành phần này." in page.text()


@pytest.mark.parametrize(
    "path",
    [
        "/chi-so/pci/thanh-phan/khong-ton-tai/",
        "/chi-so/khong-ton-tai/thanh-phan/gia-nhap-thi-truong/",
        "/chi-so/papi/thanh-phan/gia-nhap-thi-truong/",  # a slug of another index's component
        "/chi-so/pci/thanh-phan/khong-ton-tai/du-lieu.csv",
        "/chi-so/pci/thanh-phan/gia-nhap-thi-truong/du-lieu.xml",
    ],
)
def test_unknown_components_are_not_found(client, pci, path):
    IndexFactory(code="PAPI", slug="papi")
    assert client.get(path).status_code == 404


def test_the_chart_breaks_at_a_missing_year_and_draws_the_average(client, pci):
    page = parse(client.get(URL).content)
    (svg,) = page.find_all("svg", class_="chart__svg--wide")
    # 2015 and 2016 are one run; 2017 has no result, so 2018 stands alone: one line, no
    # line from 2016 to 2018, and a dot for each of the three years.
    (line,) = svg.find_all("polyline", class_="chart__line")
    assert len(line.attrs["points"].split()) == 2
    assert len(svg.find_all("circle", class_="chart__dot")) == 3
    # The average is known in 2015 and 2018 only: two squares and no line between them.
    assert len(svg.find_all("rect", class_="chart__comparison")) == 2
    assert svg.find_all("polyline", class_="chart__line--comparison") == []
    labels = [text.text() for text in svg.find_all("text", class_="chart__label")]
    assert labels == ["2015", "2016", "2017", "2018"]
    legend = [p.text() for p in page.find_all("p", class_="chart__legend")]
    assert "Đường nét đứt và ô vuông màu xám: Trung bình các tỉnh." in legend


def test_the_average_line_joins_consecutive_known_years(pci):
    from indices.charts import component_score_chart

    ComponentResult.objects.filter(component=pci["entry"], province_result__year=2016).update(
        average_score=D("8.40")
    )
    chart = component_score_chart(pci["entry"], component_history(pci["entry"]))
    for layout in chart.layouts:
        assert len(layout.comparison_segments) == 1  # 2015–2016; 2018 stands alone
        assert len(layout.comparison_points) == 3
    assert chart.comparison_label == "Trung bình các tỉnh"


def test_query_count_does_not_grow_with_years(client, pci, settings):
    settings.PAGE_CACHE_ENABLED = False
    SiteSettings.load()

    def count():
        client.get(URL)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL)
        assert response.status_code == 200
        return len(queries)

    few = count()
    for year in range(2000, 2015):
        result = ProvinceResultFactory(index=pci["index"], year=year, score=D("50"), rank=40)
        ComponentResultFactory(
            province_result=result, component=pci["entry"], score=D("7"), average_score=D("6")
        )
        Responsibility.objects.create(
            component=pci["entry"], year=year, unit=pci["units"]["Sở Tư pháp"], role=LEAD
        )
        Responsibility.objects.create(
            component=pci["entry"], year=year, unit=pci["units"]["Sở Công Thương"], role=SUPPORT
        )
    assert count() == few
    assert few <= 8, few


# ----------------------------------------------------------------------------------------------
# Links to the page


def test_the_index_page_links_each_component_to_its_page(client, pci):
    page = parse(client.get("/chi-so/pci/?nam=2018").content)
    table = page.find_all("table", class_="data-table")[-1]
    links = [row.find("th").find("a").attrs["href"] for row in table.find("tbody").find_all("tr")]
    assert links == [URL, "/chi-so/pci/thanh-phan/tiep-can-dat-dai/"]
    weakest = page.find("ol", class_="weakest-components").find_all("li")
    assert weakest[0].find("a").attrs["href"] == "/chi-so/pci/thanh-phan/tiep-can-dat-dai/"


def test_the_overview_links_the_weakest_components_to_their_pages(client, pci):
    page = parse(client.get("/chi-so/").content)
    table = next(
        t
        for t in page.find_all("table", class_="data-table")
        if t.find("caption").text().startswith("Các thành phần")
    )
    first = table.find("tbody").find("tr").find("th").find("a")
    assert (first.text(), first.attrs["href"]) == (
        "Tiếp cận đất đai",
        "/chi-so/pci/thanh-phan/tiep-can-dat-dai/",
    )


def test_the_unit_profile_links_the_components_it_leads(client, pci):
    unit = pci["units"]["Sở Kế hoạch và Đầu tư"]
    page = parse(client.get(unit.get_absolute_url()).content)
    table = page.find_all("table", class_="data-table")[-1]
    link = table.find("tbody").find("th").find("a")
    assert (link.text(), link.attrs["href"]) == ("Gia nhập thị trường", URL)


def test_the_sitemap_lists_the_component_pages(client, pci):
    content = client.get("/sitemap.xml").content.decode()
    assert f"http://testserver{URL}" in content
    assert "http://testserver/chi-so/pci/thanh-phan/tiep-can-dat-dai/" in content


# ----------------------------------------------------------------------------------------------
# Open data


def test_the_page_links_its_data_and_the_csv_holds_the_same_rows(client, pci):
    page = parse(client.get(URL).content)
    hrefs = [a.attrs["href"] for a in page.find("p", class_="data-links").find_all("a")]
    assert hrefs == [URL + "du-lieu.csv", URL + "du-lieu.json"]
    response = client.get(URL + "du-lieu.csv")
    assert response["Content-Disposition"] == (
        'attachment; filename="pci-gia-nhap-thi-truong-theo-nam.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        [
            "Năm",
            "Điểm",
            "Điểm tối đa",
            "Tỷ lệ so với điểm tối đa (%)",
            "Trung bình các tỉnh",
            "Cao hơn (+) hoặc thấp hơn (-) trung bình các tỉnh",
            "Đơn vị chủ trì",
            "Đơn vị phối hợp",
            "Phân công minh hoạ",
            "Dữ liệu minh hoạ",
        ],
        ["2015", "8.12", "10.00", "81.20", "8.35", "-0.23", "", "", "không", "có"],
        ["2016", "8.25", "10.00", "82.50", "", "", "Sở Kế hoạch và Đầu tư", "", "có", "không"],
        [
            "2018",
            "8.51",
            "10.00",
            "85.10",
            "8.47",
            "0.04",
            "Sở Kế hoạch và Đầu tư",
            "Sở Công Thương; Sở Tư pháp",
            "có",
            "không",
        ],
    ]


def test_the_component_json_keeps_decimals_as_strings_and_units_as_a_list(client, pci):
    document = json.loads(client.get(URL + "du-lieu.json").content)
    assert document["rows"][-1] == {
        "year": 2018,
        "score": "8.51",
        "maximum_score": "10.00",
        "share_of_maximum": "85.10",
        "average_score": "8.47",
        "difference_from_average": "0.04",
        "lead_unit": "Sở Kế hoạch và Đầu tư",
        "supporting_units": ["Sở Công Thương", "Sở Tư pháp"],
        "assignments_are_sample": True,
        "is_sample": False,
    }
    assert document["rows"][1]["average_score"] is None


def test_the_year_components_table_has_leads_supports_and_averages(client, pci):
    document = json.loads(client.get("/chi-so/pci/2018/thanh-phan.json").content)
    keys = [column["key"] for column in document["columns"]]
    assert keys == [
        "component",
        "score",
        "maximum_score",
        "share_of_maximum",
        "average_score",
        "difference_from_average",
        "lead_unit",
        "supporting_units",
        "assignments_are_sample",
        "is_sample",
    ]
    entry, land = document["rows"]
    assert (entry["lead_unit"], entry["supporting_units"], entry["average_score"]) == (
        "Sở Kế hoạch và Đầu tư",
        ["Sở Công Thương", "Sở Tư pháp"],
        "8.47",
    )
    assert (land["lead_unit"], land["supporting_units"], land["average_score"]) == (
        "Sở Tư pháp",
        ["Sở Công Thương"],
        None,
    )
    content = client.get("/chi-so/pci/2018/thanh-phan.csv").content.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(content)))[1][4:9] == [
        "8.47",
        "0.04",
        "Sở Kế hoạch và Đầu tư",
        "Sở Công Thương; Sở Tư pháp",
        "có",
    ]


def test_the_year_components_data_does_not_query_per_component(client, pci, settings):
    settings.PAGE_CACHE_ENABLED = False
    SiteSettings.load()
    url = "/chi-so/pci/2018/thanh-phan.json"

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return len(queries)

    few = count()
    result = pci["index"].results.get(year=2018)
    for number in range(10):
        part = ComponentFactory(index=pci["index"], name=f"Thành phần {number}")
        ComponentResultFactory(province_result=result, component=part, score=D("5"))
        Responsibility.objects.create(
            component=part, year=2018, unit=pci["units"]["Sở Tư pháp"], role=SUPPORT
        )
    assert count() == few


# ----------------------------------------------------------------------------------------------
# The provincial average in the admin


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="quantri", is_staff=True, is_superuser=True))
    return client


def result_form(result, average):
    component_result = result.component_results.get(component__name="Gia nhập thị trường")
    other = result.component_results.exclude(pk=component_result.pk).get()
    data = {
        "index": str(result.index_id),
        "year": str(result.year),
        "score": "60,00",
        "rank": "50",
        "provinces_ranked": "63",
        "article": "",
        "note": "",
        "component_results-TOTAL_FORMS": "2",
        "component_results-INITIAL_FORMS": "2",
        "component_results-MIN_NUM_FORMS": "0",
        "component_results-MAX_NUM_FORMS": "1000",
    }
    for number, item in enumerate([component_result, other]):
        data[f"component_results-{number}-id"] = str(item.pk)
        data[f"component_results-{number}-province_result"] = str(result.pk)
        data[f"component_results-{number}-component"] = str(item.component_id)
        data[f"component_results-{number}-score"] = str(item.score)
        data[f"component_results-{number}-average_score"] = ""
    data["component_results-0-average_score"] = average
    return data


def test_admin_edits_the_average_with_a_decimal_comma(admin_client, pci):
    result = pci["index"].results.get(year=2016)
    url = reverse("admin:indices_provinceresult_change", args=[result.pk])
    response = admin_client.post(url, result_form(result, "8,44"))
    assert response.status_code == 302
    item = ComponentResult.objects.get(province_result=result, component=pci["entry"])
    assert item.average_score == D("8.44")


@pytest.mark.parametrize("average", ["10,01", "-1"])
def test_admin_refuses_an_average_outside_zero_to_the_maximum(admin_client, pci, average):
    result = pci["index"].results.get(year=2016)
    url = reverse("admin:indices_provinceresult_change", args=[result.pk])
    response = admin_client.post(url, result_form(result, average))
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.errors
    assert errors[0] == {
        "average_score": [
            gettext("The provincial average must be between 0 and %(maximum)s.") % {"maximum": "10"}
        ]
    }
    item = ComponentResult.objects.get(province_result=result, component=pci["entry"])
    assert item.average_score is None
