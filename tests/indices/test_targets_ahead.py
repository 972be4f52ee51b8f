"""Targets set for a year not yet assessed: the plan the 2019 conference asked for is public
before the result is. Pages list them apart from the results, until that year's result is
entered; then the target moves into the results table, met or missed."""

import csv
import io
import json
from decimal import Decimal

import pytest

from indices.models import ProvinceTarget, Unit, UnitTarget
from tests.factories import (
    ArticleFactory,
    IndexFactory,
    ProvinceResultFactory,
    UnitFactory,
    UnitResultFactory,
)
from tests.html_tools import parse

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def par(db):
    index = IndexFactory(
        code="PAR_INDEX", abbreviation="PAR INDEX", slug="par-index", order=1, maximum_score=100
    )
    ProvinceResultFactory(index=index, year=2018, score=D("72.23"), rank=58)
    ProvinceResultFactory(index=index, year=2022, score=D("86.29"), rank=24)
    return index


def ahead_items(response) -> list[str]:
    """The texts of the page's "targets set, not yet assessed" list."""
    tree = parse(response.content)
    sections = tree.find_all("section", class_="targets-ahead")
    if not sections:
        return []
    return [" ".join(item.text().split()) for item in sections[0].find_all("li")]


class TestWhichTargetsAreAhead:
    def test_only_years_after_the_latest_result(self, par):
        ProvinceTarget.objects.create(index=par, year=2018, score=D("75"))  # assessed
        ProvinceTarget.objects.create(index=par, year=2020, rank=40)  # a year without data
        ProvinceTarget.objects.create(index=par, year=2023, score=D("88"), rank=20)
        ProvinceTarget.objects.create(index=par, year=2024, rank=15)

        assert [t.year for t in ProvinceTarget.objects.ahead()] == [2023, 2024]

    def test_an_index_without_results_has_all_its_targets_ahead(self, par):
        pci = IndexFactory(code="PCI", abbreviation="PCI", slug="pci", order=4)
        ProvinceTarget.objects.create(index=pci, year=2023, score=D("64"))

        assert [(t.index.code, t.year) for t in ProvinceTarget.objects.ahead()] == [("PCI", 2023)]

    def test_units_read_their_own_latest_result(self, db):
        early, late = UnitFactory(name="Sở Y tế"), UnitFactory(name="Sở Tài chính")
        UnitResultFactory(unit=early, year=2017, score=D("70"))
        UnitResultFactory(unit=late, year=2018, score=D("80"))
        UnitTarget.objects.create(unit=early, year=2018, score=D("75"))
        UnitTarget.objects.create(unit=late, year=2018, score=D("85"))

        assert [t.unit.name for t in UnitTarget.objects.ahead()] == ["Sở Y tế"]


class TestPages:
    def test_the_index_page_lists_a_target_ahead_with_the_article_that_set_it(self, client, par):
        plan = ArticleFactory(title="Kế hoạch cải cách hành chính năm 2023")
        ProvinceTarget.objects.create(index=par, year=2023, score=D("88"), rank=20, article=plan)

        response = client.get("/chi-so/par-index/")

        assert ahead_items(response) == [
            "năm 2023: 88,00 điểm; hạng 20 trở lên (văn bản đặt mục tiêu)"
        ]
        links = parse(response.content).find("section", class_="targets-ahead").find_all("a")
        assert [a.attrs["href"] for a in links] == [plan.get_absolute_url()]
        assert "Dữ liệu minh hoạ" not in response.content.decode()

    def test_a_draft_article_is_not_linked_and_sample_targets_are_marked(self, client, par):
        draft = ArticleFactory(draft=True)
        ProvinceTarget.objects.create(index=par, year=2023, rank=20, article=draft, is_sample=True)

        response = client.get("/chi-so/par-index/")

        assert ahead_items(response) == ["năm 2023: hạng 20 trở lên minh hoạ"]
        assert draft.get_absolute_url() not in response.content.decode()
        assert "Dữ liệu minh hoạ" in response.content.decode()

    def test_once_the_result_is_in_the_target_moves_to_the_results_table(self, client, par):
        ProvinceTarget.objects.create(index=par, year=2023, score=D("88"))
        assert ahead_items(client.get("/chi-so/par-index/"))

        ProvinceResultFactory(index=par, year=2023, score=D("87.10"), rank=22)
        response = client.get("/chi-so/par-index/")

        assert ahead_items(response) == []
        assert "88,00 điểm: chưa đạt, thiếu 0,90" in " ".join(response.content.decode().split())

    def test_the_overview_lists_each_index_target_ahead(self, client, par):
        sipas = IndexFactory(
            code="SIPAS", abbreviation="SIPAS", slug="sipas", order=2, score_unit="percent"
        )
        ProvinceResultFactory(index=sipas, year=2022, score=D("79.34"), rank=35)
        ProvinceTarget.objects.create(index=sipas, year=2023, score=D("81"))
        ProvinceTarget.objects.create(index=par, year=2023, rank=20)
        ProvinceTarget.objects.create(index=par, year=2022, rank=30)  # assessed: not listed

        response = client.get("/chi-so/")

        assert ahead_items(response) == [
            "PAR INDEX, năm 2023: hạng 20 trở lên",
            "SIPAS, năm 2023: 81,00 %",
        ]

    def test_nothing_ahead_shows_no_section(self, client, par):
        ProvinceTarget.objects.create(index=par, year=2022, rank=30)
        for url in ("/chi-so/", "/chi-so/par-index/"):
            assert parse(client.get(url).content).find_all("section", class_="targets-ahead") == []

    def test_a_unit_profile_lists_its_targets_ahead_in_percent(self, client, db):
        unit = UnitFactory(name="Sở Nội vụ", kind=Unit.Kind.DEPARTMENT)
        UnitResultFactory(unit=unit, year=2018, score=D("84.10"))
        UnitTarget.objects.create(unit=unit, year=2019, score=D("86.5"), rank=2)

        response = client.get(unit.get_absolute_url())

        assert ahead_items(response) == ["năm 2019: 86,50 %; hạng 2 trở lên"]


class TestOpenData:
    """`/chi-so/muc-tieu.csv|json`: every province target, met, missed or not yet assessed."""

    def test_json_lists_assessed_and_pending_targets_with_their_results(self, client, par):
        plan = ArticleFactory(title="Kế hoạch năm 2023")
        draft = ArticleFactory(draft=True)
        ProvinceTarget.objects.create(index=par, year=2022, score=D("85"), rank=30, article=draft)
        ProvinceTarget.objects.create(
            index=par, year=2023, score=D("88"), rank=20, article=plan, is_sample=True
        )

        document = json.loads(client.get("/chi-so/muc-tieu.json").content)

        assessed, ahead = document["rows"]
        assert assessed == {
            "index": "PAR_INDEX",
            "year": 2022,
            "target_score": "85.00",
            "target_rank": 30,
            "set_in": None,  # a draft is not linked
            "assessed": True,
            "score": "86.29",
            "rank": 24,
            "target_score_met": True,
            "target_score_margin": "1.29",
            "target_rank_met": True,
            "target_rank_margin": 6,
            "target_is_sample": False,
        }
        assert ahead["year"] == 2023 and ahead["assessed"] is False
        assert ahead["set_in"] == "http://testserver" + plan.get_absolute_url()
        assert ahead["score"] is None and ahead["target_score_met"] is None
        assert ahead["target_is_sample"] is True
        assert "target_is_sample" in document["note"]

    def test_csv_has_a_row_per_target_and_the_overview_links_both(self, client, par):
        ProvinceTarget.objects.create(index=par, year=2023, rank=20)

        response = client.get("/chi-so/muc-tieu.csv")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))

        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert rows[0][:3] == ["Chỉ số", "Năm", "Điểm mục tiêu"]
        assert rows[1][:8] == ["PAR_INDEX", "2023", "", "20", "", "không", "", ""]
        hrefs = [a.attrs["href"] for a in parse(client.get("/chi-so/").content).find_all("a")]
        assert {"/chi-so/muc-tieu.csv", "/chi-so/muc-tieu.json"} <= set(hrefs)

    def test_no_targets_is_an_empty_table_not_an_error(self, client, db):
        assert json.loads(client.get("/chi-so/muc-tieu.json").content)["rows"] == []
