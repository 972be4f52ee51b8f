"""Public pages of the indices: the right numbers, charts, open data, and no 500 for bad input."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import SiteSettings
from indices.models import (
    ComponentResult,
    Index,
    ProvinceResult,
    ProvinceTarget,
    Responsibility,
    Unit,
    UnitResult,
    UnitTarget,
)
from tests.factories import (
    ArticleFactory,
    ComponentFactory,
    ComponentResultFactory,
    GradeThresholdsFactory,
    IndexFactory,
    ProvinceResultFactory,
    UnitFactory,
    UnitResultFactory,
)
from tests.html_tools import parse, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def indices(db):
    """The brief's 2017 and 2018 province figures."""
    par = IndexFactory(
        code="PAR_INDEX", abbreviation="PAR INDEX", name="Chỉ số cải cách hành chính", order=1
    )
    sipas = IndexFactory(
        code="SIPAS", abbreviation="SIPAS", score_unit="percent", order=2, name="Chỉ số SIPAS"
    )
    papi = IndexFactory(
        code="PAPI", abbreviation="PAPI", maximum_score=Decimal(80), order=3, name="Chỉ số PAPI"
    )
    article = ArticleFactory(title="Hội nghị phân tích các chỉ số CCHC năm 2018")
    for index, rank_2017, score, rank in [
        (par, 57, "72.23", 58),
        (sipas, 50, "74.95", 55),
        (papi, 63, "44.42", 26),
    ]:
        ProvinceResultFactory(index=index, year=2017, score=None, rank=rank_2017)
        ProvinceResultFactory(
            index=index, year=2018, score=Decimal(score), rank=rank, article=article
        )
    return {"par": par, "sipas": sipas, "papi": papi, "article": article}


@pytest.fixture
def units(db):
    """The brief's 2018 unit figures, with a 2017 year for the change arrows."""
    GradeThresholdsFactory(year=2016, good_from=80, fair_from=70, average_from=50)
    rows = {
        ("Sở Tài chính", Unit.Kind.DEPARTMENT): ("86.50", "80.00"),
        ("Sở Giao thông vận tải", Unit.Kind.DEPARTMENT): ("85.88", "84.00"),
        ("Sở Y tế", Unit.Kind.DEPARTMENT): ("65.04", "79.00"),
        ("UBND huyện Mường Tè", Unit.Kind.DISTRICT): ("82.41", "70.00"),
        ("UBND thành phố Lai Châu", Unit.Kind.DISTRICT): ("79.43", "75.00"),
        ("UBND huyện Phong Thổ", Unit.Kind.DISTRICT): ("71.19", None),
    }
    made = {}
    for (name, kind), (score_2018, score_2017) in rows.items():
        unit = UnitFactory(name=name, kind=kind)
        UnitResultFactory(unit=unit, year=2018, score=Decimal(score_2018))
        if score_2017:
            UnitResultFactory(unit=unit, year=2017, score=Decimal(score_2017), is_sample=True)
        made[name] = unit
    return made


def table_rows(response, caption_start=None):
    """Each body row of the page's data tables as a list of cell texts."""
    tree = parse(response.content)
    rows = []
    for table in tree.find_all("table", class_="data-table"):
        if caption_start and not table.find("caption").text().startswith(caption_start):
            continue
        for row in table.find("tbody").find_all("tr"):
            rows.append([cell.text() for cell in row.element_children])
    return rows


def charts(response):
    """The charts' wide drawings (each chart is also drawn narrow, with the same content)."""
    return parse(response.content).find_all("svg", class_="chart__svg--wide")


def svg_titles(response):
    return [svg.find("title").text() for svg in charts(response)]


class TestOverview:
    def test_shows_latest_year_score_rank_and_change_of_each_index(self, client, indices):
        response = client.get("/chi-so/")

        assert response.status_code == 200
        rows = table_rows(response)
        assert rows == [
            # No targets set: the target column says so with a dash.
            ["PAR INDEX", "2018", "72,23 điểm", "58/63", "▼1 giảm 1 bậc", "—"],
            ["SIPAS", "2018", "74,95 %", "55/63", "▼5 giảm 5 bậc", "—"],
            ["PAPI", "2018", "44,42 điểm", "26/63", "▲37 tăng 37 bậc", "—"],
        ]
        assert [t.split()[0] for t in texts(response, "h2", "index-card__title")] == [
            "PAR",
            "SIPAS",
            "PAPI",
        ]

    def test_links_to_each_index_and_to_the_unit_rankings(self, client, indices, units):
        tree = parse(client.get("/chi-so/").content)
        hrefs = {a.attrs["href"] for a in tree.find_all("a")}
        assert {"/chi-so/par-index/", "/chi-so/sipas/", "/chi-so/papi/"} <= hrefs
        assert {"/chi-so/xep-hang/2018/", "/chi-so/xep-hang/2017/"} <= hrefs

    def test_no_sample_notice_for_official_figures_only(self, client, indices):
        response = client.get("/chi-so/")
        assert "Dữ liệu minh hoạ" not in response.content.decode()

    def test_sample_figures_carry_the_notice(self, client, indices):
        ProvinceResultFactory(
            index=IndexFactory(code="PCI", abbreviation="PCI"), year=2018, is_sample=True
        )
        response = client.get("/chi-so/")
        assert texts(response, "p", "sample-notice")[0].startswith("Dữ liệu minh hoạ")
        assert texts(response, "span", "tag-sample") == ["minh hoạ", "minh hoạ"]

    def test_empty_portal_says_so(self, client, db):
        response = client.get("/chi-so/")
        assert response.status_code == 200
        assert "Chưa có kết quả chỉ số nào được công bố." in texts(response, "p", "muted")


class TestIndexDetail:
    def test_every_year_in_a_table_with_the_announcing_article(self, client, indices):
        response = client.get("/chi-so/papi/")

        assert response.status_code == 200
        assert table_rows(response, "PAPI: kết quả") == [
            ["2018", "44,42 điểm", "26/63", "▲37 tăng 37 bậc", "—", indices["article"].title],
            ["2017", "—", "63/63", "—", "—", "—"],
        ]

    def test_score_and_rank_charts_are_inline_svg_with_titles(self, client, indices):
        response = client.get("/chi-so/par-index/")

        assert svg_titles(response)[:2] == [
            "Điểm PAR INDEX qua các năm",
            "Thứ hạng PAR INDEX qua các năm",
        ]
        svg = charts(response)[0]
        assert svg.attrs["role"] == "img"
        # Only 2018 has a score; its value is written on the chart, localized for readers.
        assert [t.text() for t in svg.find_all("text", class_="chart__value")] == ["72,23"]
        # Coordinates stay machine-readable: a localized "12,5" would break the drawing.
        for circle in svg.find_all("circle"):
            float(circle.attrs["cx"]), float(circle.attrs["cy"])

    def test_rank_chart_puts_the_better_rank_higher(self, client, indices):
        response = client.get("/chi-so/papi/")
        rank_svg = charts(response)[1]
        dots = {label.text(): None for label in rank_svg.find_all("text", class_="chart__label")}
        circles = rank_svg.find_all("circle")
        assert list(dots) == ["2017", "2018"]
        y_2017, y_2018 = (float(c.attrs["cy"]) for c in circles)
        assert y_2018 < y_2017  # 26th is drawn above 63rd

    def test_component_breakdown_of_the_chosen_year(self, client, indices):
        result_2018 = indices["par"].results.get(year=2018)
        first = ComponentFactory(index=indices["par"], name="Chỉ đạo, điều hành", order=1)
        second = ComponentFactory(index=indices["par"], name="Văn bản QPPL", order=2)
        ComponentResultFactory(province_result=result_2018, component=first, score=Decimal("7.5"))
        ComponentResultFactory(province_result=result_2018, component=second, score=Decimal("4.25"))

        response = client.get("/chi-so/par-index/?nam=2018")

        assert table_rows(response, "PAR INDEX 2018: các thành phần") == [
            # No lead unit assigned: the last column says so.
            ["Chỉ đạo, điều hành", "7,50", "10", "75,00 %", "chưa phân công"],
            ["Văn bản QPPL", "4,25", "10", "42,50 %", "chưa phân công"],
        ]
        bar_chart = charts(response)[2]
        assert [t.text() for t in bar_chart.find_all("text", class_="chart__value")] == [
            "75,00 %",
            "42,50 %",
        ]

    def test_default_year_is_the_latest_with_components(self, client, indices):
        ComponentResultFactory(
            province_result=indices["par"].results.get(year=2017),
            component=ComponentFactory(index=indices["par"]),
        )
        response = client.get("/chi-so/par-index/")
        assert texts(response, "h2", "section-title")[1] == "Các thành phần năm 2017"

    def test_links_only_to_a_published_announcing_article(self, client, indices):
        draft = ArticleFactory(draft=True, title="Bản nháp chưa công bố")
        indices["sipas"].results.filter(year=2018).update(article=draft)

        response = client.get("/chi-so/sipas/")

        assert draft.title not in response.content.decode()
        assert table_rows(response, "SIPAS: kết quả")[0][-1] == "—"

    @pytest.mark.parametrize(
        "year", ["abc", "1900", "2016", "20188", "-1", "2018\x00", "²²²²", "٢٠١٨", "0000"]
    )
    def test_a_year_without_data_is_a_clear_404_listing_the_years(self, client, indices, year):
        response = client.get("/chi-so/par-index/", {"nam": year})

        assert response.status_code == 404
        assert [
            a.text() for a in parse(response.content).find("ul", class_="chips").find_all("a")
        ] == [
            "2018",
            "2017",
        ]

    def test_a_blank_year_is_no_year(self, client, indices):
        """The page cache reads a blank parameter as absent (core.pagecache), and so does the
        page: `?nam=` is the latest year's page, whether it was cached or not."""
        blank = client.get("/chi-so/par-index/", {"nam": ""})
        assert blank.status_code == 200
        assert blank.content == client.get("/chi-so/par-index/").content

    def test_a_change_against_a_year_with_another_number_of_provinces_is_not_shown(
        self, client, indices
    ):
        ProvinceResultFactory(index=indices["par"], year=2019, rank=30, provinces_ranked=34)

        response = client.get("/chi-so/par-index/")

        assert table_rows(response, "PAR INDEX: kết quả")[0][:4] == [
            "2019",
            "72,23 điểm",
            "30/34",
            "—",
        ]

    def test_sample_components_of_an_official_year_carry_the_notice(self, client, indices):
        ComponentResultFactory(
            province_result=indices["par"].results.get(year=2018), is_sample=True
        )
        response = client.get("/chi-so/par-index/?nam=2018")
        assert texts(response, "p", "sample-notice")[0].startswith("Dữ liệu minh hoạ")
        assert "Dữ liệu minh hoạ" not in client.get("/chi-so/par-index/?nam=2017").content.decode()

    def test_unknown_index_is_404(self, client, indices):
        assert client.get("/chi-so/khong-co/").status_code == 404
        assert client.get("/chi-so/khong-co/du-lieu.csv").status_code == 404
        assert client.get("/chi-so/par-index/1900/thanh-phan.json").status_code == 404


class TestRanking:
    def test_departments_and_districts_ranked_separately(self, client, units):
        response = client.get("/chi-so/xep-hang/2018/")

        assert response.status_code == 200
        assert table_rows(response, "Sở, ban, ngành") == [
            ["1", "Sở Tài chính", "86,50", "Tốt", "▲1 tăng 1 bậc"],
            ["2", "Sở Giao thông vận tải", "85,88", "Tốt", "▼1 giảm 1 bậc"],
            ["3", "Sở Y tế", "65,04", "Trung bình", "= giữ nguyên thứ hạng"],
        ]
        # Phong Thổ has no 2017 result: 3 districts ranked in 2018, 2 in 2017, so the
        # districts' changes are of the score, with the reason on the page: once, under the
        # table's caption, as every row shares it.
        why = (
            "So sánh điểm vì số đơn vị được xếp hạng khác nhau: 3 đơn vị năm 2018, "
            "2 đơn vị năm 2017"
        )
        assert table_rows(response, "UBND huyện, thành phố") == [
            [
                "1",
                "UBND huyện Mường Tè",
                "82,41",
                "Tốt",
                "+12,41 điểm tăng 12,41 điểm phần trăm",
            ],
            [
                "2",
                "UBND thành phố Lai Châu",
                "79,43",
                "Khá",
                "+4,43 điểm tăng 4,43 điểm phần trăm",
            ],
            ["3", "UBND huyện Phong Thổ", "71,19", "Khá", "—"],
        ]
        captions = [c.text() for c in parse(response.content).find_all("caption")]
        assert captions == [
            "Sở, ban, ngành: xếp hạng năm 2018",
            f"UBND huyện, thành phố: xếp hạng năm 2018{why}",
        ]

    def test_a_bar_chart_per_kind_and_the_sample_notice(self, client, units):
        response = client.get("/chi-so/xep-hang/2018/")

        drawn = charts(response)
        assert len(drawn) == 2
        assert [t.text() for t in drawn[0].find_all("text", class_="chart__bar-label")] == [
            "Sở Tài chính",
            "Sở Giao thông vận tải",
            "Sở Y tế",
        ]
        assert "Dữ liệu minh hoạ" not in response.content.decode()  # 2018 is all official
        assert "Dữ liệu minh hoạ" in client.get("/chi-so/xep-hang/2017/").content.decode()

    def test_ties_share_a_rank_and_the_next_rank_skips(self, client, db):
        for name, score in [("A", "90"), ("B", "88"), ("C", "88"), ("D", "70")]:
            UnitResultFactory(unit__name=f"Sở {name}", year=2019, score=Decimal(score))

        response = client.get("/chi-so/xep-hang/2019/")

        assert [row[:2] for row in table_rows(response)] == [
            ["1", "Sở A"],
            ["2", "Sở B"],
            ["2", "Sở C"],
            ["4", "Sở D"],
        ]

    def test_latest_year_and_year_selector_redirect(self, client, units):
        assert client.get("/chi-so/xep-hang/").url == "/chi-so/xep-hang/2018/"
        assert client.get("/chi-so/xep-hang/", {"nam": "2017"}).url == "/chi-so/xep-hang/2017/"
        options = parse(client.get("/chi-so/xep-hang/2018/").content).find_all("option")
        assert [(o.text(), "selected" in o.attrs) for o in options] == [
            ("2018", True),
            ("2017", False),
        ]

    @pytest.mark.parametrize(
        "url",
        [
            "/chi-so/xep-hang/1900/",
            "/chi-so/xep-hang/?nam=abc",
            "/chi-so/xep-hang/?nam=²²²²",
            "/chi-so/xep-hang/?nam=1900",
            "/chi-so/xep-hang/2018/khong-co.csv",
            "/chi-so/xep-hang/1900/so-ban-nganh.json",
        ],
    )
    def test_years_and_kinds_without_data_are_404(self, client, units, url):
        response = client.get(url)
        assert response.status_code == 404
        assert "2018" in texts(response, "ul", "chips")[0]

    def test_no_results_at_all_is_a_page_not_an_error(self, client, db):
        response = client.get("/chi-so/xep-hang/")
        assert response.status_code == 200

    def test_csv_download_holds_the_same_numbers(self, client, units):
        response = client.get("/chi-so/xep-hang/2018/huyen-thanh-pho.csv")

        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert "attachment" in response["Content-Disposition"]
        content = response.content.decode("utf-8-sig")
        # Without the seven target columns (tests/indices/test_unit_targets.py).
        assert [row[:10] + row[-1:] for row in csv.reader(io.StringIO(content))] == [
            [
                "Thứ hạng",
                "Đơn vị",
                "Điểm (%)",
                "Xếp loại",
                "Số đơn vị xếp hạng",
                "Thay đổi thứ hạng",
                "Thay đổi điểm (điểm phần trăm)",
                "So sánh theo (rank: thứ hạng, score: điểm)",
                "So với năm",
                "Số đơn vị được xếp hạng năm so sánh",
                "Dữ liệu minh hoạ",
            ],
            # 3 districts ranked in 2018, 2 in 2017: no rank change, the score change instead.
            [
                "1",
                "UBND huyện Mường Tè",
                "82.41",
                "Tốt",
                "3",
                "",
                "12.41",
                "score",
                "2017",
                "2",
                "không",
            ],
            [
                "2",
                "UBND thành phố Lai Châu",
                "79.43",
                "Khá",
                "3",
                "",
                "4.43",
                "score",
                "2017",
                "2",
                "không",
            ],
            ["3", "UBND huyện Phong Thổ", "71.19", "Khá", "3", "", "", "", "", "", "không"],
        ]

    def test_json_download_holds_the_same_numbers(self, client, units):
        document = json.loads(client.get("/chi-so/xep-hang/2018/so-ban-nganh.json").content)

        assert [c["key"] for c in document["columns"] if not c["key"].startswith("target")] == [
            "rank",
            "unit",
            "score",
            "grade",
            "units_ranked",
            "rank_change",
            "score_change",
            "change_basis",
            "compared_with_year",
            "units_ranked_in_compared_year",
            "is_sample",
        ]
        assert document["rows"][0] == {
            **NO_TARGET,
            "rank": 1,
            "unit": "Sở Tài chính",
            "score": "86.50",  # a string: the published precision, never a float
            "grade": "Tốt",
            "units_ranked": 3,
            # 3 departments ranked in 2017 and in 2018: the rank change counts.
            "rank_change": 1,
            "score_change": "6.50",
            "change_basis": "rank",
            "compared_with_year": 2017,
            "units_ranked_in_compared_year": 3,
            "is_sample": False,
        }
        assert "note" not in document

    def test_download_links_are_on_the_page(self, client, units):
        tree = parse(client.get("/chi-so/xep-hang/2018/").content)
        hrefs = [a.attrs["href"] for a in tree.find_all("a") if "xep-hang/2018/" in a.attrs["href"]]
        assert hrefs == [
            "/chi-so/xep-hang/2018/so-ban-nganh.csv",
            "/chi-so/xep-hang/2018/so-ban-nganh.json",
            "/chi-so/xep-hang/2018/huyen-thanh-pho.csv",
            "/chi-so/xep-hang/2018/huyen-thanh-pho.json",
        ]


class TestUnitProfile:
    def test_scores_ranks_grades_over_the_years(self, client, units):
        response = client.get(units["Sở Y tế"].get_absolute_url())

        assert response.status_code == 200
        assert table_rows(response) == [
            ["2018", "65,04", "3/3", "Trung bình", "= giữ nguyên thứ hạng"],
            ["2017 minh hoạ", "79,00", "3/3", "Khá", "—"],
        ]
        assert svg_titles(response) == [
            "Sở Y tế: điểm qua các năm",
            "Sở Y tế: thứ hạng qua các năm",
        ]
        assert "Dữ liệu minh hoạ" in response.content.decode()

    def test_an_abolished_unit_keeps_its_history(self, client, units):
        unit = units["UBND huyện Phong Thổ"]
        Unit.objects.filter(pk=unit.pk).update(is_active=False)

        response = client.get(unit.get_absolute_url())

        assert response.status_code == 200
        assert "không còn tồn tại" in texts(response, "p", "lead")[0]
        assert table_rows(response) == [["2018", "71,19", "3/3", "Khá", "—"]]

    def test_open_data(self, client, units):
        document = json.loads(
            client.get(f"/chi-so/don-vi/{units['Sở Tài chính'].slug}/du-lieu.json").content
        )
        assert [(row["year"], row["score"], row["rank"]) for row in document["rows"]] == [
            (2017, "80.00", 2),
            (2018, "86.50", 1),
        ]
        assert "note" in document  # 2017 is sample data

    def test_unknown_unit_is_404(self, client, db):
        assert client.get("/chi-so/don-vi/khong-co/").status_code == 404
        assert client.get("/chi-so/don-vi/khong-co/du-lieu.csv").status_code == 404


NO_TARGET = {
    "target_score": None,
    "target_score_met": None,
    "target_score_margin": None,
    "target_rank": None,
    "target_rank_met": None,
    "target_rank_margin": None,
    "target_is_sample": None,
}


class TestOpenData:
    def test_overview_csv(self, client, indices):
        content = client.get("/chi-so/tong-hop.csv").content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(content)))
        assert rows[0][:5] == ["Chỉ số", "Năm", "Điểm", "Điểm tối đa", "Thứ hạng"]
        assert rows[1:] == [
            # Rank change, the year compared with, seven empty target columns, sample flag.
            ["PAR_INDEX", "2018", "72.23", "100.00", "58", "63", "-1", "2017", *[""] * 7, "không"],
            ["SIPAS", "2018", "74.95", "100.00", "55", "63", "-5", "2017", *[""] * 7, "không"],
            ["PAPI", "2018", "44.42", "80.00", "26", "63", "37", "2017", *[""] * 7, "không"],
        ]

    def test_index_years_json(self, client, indices):
        document = json.loads(client.get("/chi-so/papi/du-lieu.json").content)
        assert document["rows"] == [
            {
                "year": 2017,
                "score": None,
                "rank": 63,
                "provinces_ranked": 63,
                "rank_change": None,
                "compared_with_year": None,
                **NO_TARGET,
                "announced_in": None,
                "is_sample": False,
            },
            {
                "year": 2018,
                "score": "44.42",
                "rank": 26,
                "provinces_ranked": 63,
                "rank_change": 37,
                "compared_with_year": 2017,
                **NO_TARGET,
                "announced_in": indices["article"].get_absolute_url(),
                "is_sample": False,
            },
        ]

    def test_components_csv(self, client, indices):
        result = indices["papi"].results.get(year=2018)
        ComponentResultFactory(
            province_result=result,
            component=ComponentFactory(index=indices["papi"], name="Quản trị điện tử"),
            score=Decimal("3.1"),
            is_sample=True,
        )
        content = client.get("/chi-so/papi/2018/thanh-phan.csv").content.decode("utf-8-sig")
        # No average, lead or supporting unit known: empty cells (test_component_page.py
        # fills them).
        assert list(csv.reader(io.StringIO(content)))[1] == [
            "Quản trị điện tử",
            "3.10",
            "10.00",
            "31.00",
            "",
            "",
            "",
            "",
            "không",
            "có",
        ]


class TestCsvSafety:
    def test_text_that_a_spreadsheet_would_run_as_a_formula_is_escaped(self, client, db):
        UnitResultFactory(unit__name='=HYPERLINK("http://example.com","Sở")', year=2018)
        UnitResultFactory(unit__name="Sở Tư pháp", year=2017)
        UnitResultFactory(unit__name="Sở Tư pháp 2", year=2018, score=Decimal("60"))

        content = client.get("/chi-so/xep-hang/2018/so-ban-nganh.csv").content.decode("utf-8-sig")

        rows = list(csv.reader(io.StringIO(content)))
        assert rows[1][1] == '\'=HYPERLINK("http://example.com","Sở")'
        assert rows[2][1] == "Sở Tư pháp 2"


class TestNewsPages:
    def test_home_page_box_with_the_latest_indices(self, client, indices):
        response = client.get("/")
        box = parse(response.content).find("section", class_="indices-box")
        rows = [[cell.text() for cell in tr.element_children] for tr in box.find_all("tr")[1:]]
        assert rows == [
            ["PAR INDEX 2018", "72,23", "58/63", "▼1 giảm 1 bậc"],
            ["SIPAS 2018", "74,95 %", "55/63", "▼5 giảm 5 bậc"],
            ["PAPI 2018", "44,42", "26/63", "▲37 tăng 37 bậc"],
        ]

    def test_announcing_article_links_to_its_results(self, client, indices):
        response = client.get(indices["article"].get_absolute_url())
        aside = parse(response.content).find("aside", class_="announced-results")
        links = [(a.text(), a.attrs["href"]) for a in aside.find_all("a")]
        assert links == [
            ("PAR INDEX 2018", "/chi-so/par-index/?nam=2018"),
            ("SIPAS 2018", "/chi-so/sipas/?nam=2018"),
            ("PAPI 2018", "/chi-so/papi/?nam=2018"),
        ]

    def test_announced_sample_results_say_so(self, client, indices):
        indices["sipas"].results.filter(year=2018).update(is_sample=True)
        response = client.get(indices["article"].get_absolute_url())
        aside = parse(response.content).find("aside", class_="announced-results")
        assert [tag.text() for tag in aside.find_all("span", class_="tag-sample")] == ["minh hoạ"]
        assert aside.find("p", class_="sample-notice").text().startswith("Dữ liệu minh hoạ")

    def test_other_articles_show_no_results_box(self, client, indices):
        response = client.get(ArticleFactory().get_absolute_url())
        assert not parse(response.content).find_all("aside", class_="announced-results")


def count_queries(client, url) -> int:
    cache.clear()  # every page pays for the cached site settings, as on a cold cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def make_history(years: int, units_per_kind: int):
    """`years` years of every index and of `units_per_kind` units of each kind."""
    SiteSettings.load()  # the row exists on a running site; its first creation costs more
    GradeThresholdsFactory(year=2000)
    indices = [IndexFactory(code=code) for code in ("PAR_INDEX", "SIPAS", "PAPI")]
    units = [UnitFactory(kind=kind) for kind in Unit.Kind for _ in range(units_per_kind)]
    for year in range(2018 - years + 1, 2019):
        for index in indices:
            result = ProvinceResultFactory(index=index, year=year, article=ArticleFactory())
            ProvinceTarget.objects.create(index=index, year=year, rank=30, article=result.article)
            for _ in range(3):
                part = ComponentResultFactory(province_result=result).component
                # Every component has a lead unit, so an N+1 on lead units would show.
                Responsibility.objects.create(component=part, year=year, unit=units[0])
        for number, unit in enumerate(units):
            UnitResultFactory(unit=unit, year=year, score=Decimal(50 + number % 40))
            # Every unit has a target, set in an article, so an N+1 on targets would show.
            UnitTarget.objects.create(unit=unit, year=year, rank=1, article=result.article)
    # As many years ahead, set but not yet assessed, so an N+1 on those would show too.
    for year in range(2019, 2019 + years):
        for index in indices:
            ProvinceTarget.objects.create(index=index, year=year, rank=20, article=result.article)
        UnitTarget.objects.create(unit=units[0], year=year, rank=1, article=result.article)
    return units[0]


class TestQueryBudgets:
    """The number of queries of each page does not grow with years or units."""

    PAGES = [
        "/chi-so/",
        "/chi-so/par-index/",
        "/chi-so/par-index/?nam=2018",
        "/chi-so/xep-hang/2018/",
        "/chi-so/don-vi/{unit}/",
        "/chi-so/tong-hop.json",
        "/chi-so/par-index/du-lieu.csv",
        "/chi-so/xep-hang/2018/so-ban-nganh.json",
        "/chi-so/don-vi/{unit}/du-lieu.csv",
        "/chi-so/tong-hop.csv",
        "/chi-so/par-index/2018/thanh-phan.json",
        "/",
        "{article}",
    ]

    def measure(self, client, years, units_per_kind):
        unit = make_history(years, units_per_kind)
        article = ProvinceResult.objects.filter(year=2018).first().article
        # One article announced every index's results.
        ProvinceResult.objects.update(article=article)
        return {
            page: count_queries(
                client, page.format(unit=unit.slug, article=article.get_absolute_url())
            )
            for page in self.PAGES
        }

    def test_constant_with_2_or_10_years_and_3_or_30_units(self, client):
        small = self.measure(client, years=2, units_per_kind=3)

        UnitResult.objects.all().delete()
        ComponentResult.objects.all().delete()
        ProvinceResult.objects.all().delete()
        ProvinceTarget.objects.all().delete()
        UnitTarget.objects.all().delete()
        Responsibility.objects.all().delete()
        Unit.objects.all().delete()
        Index.objects.all().delete()

        large = self.measure(client, years=10, units_per_kind=30)

        assert large == small
        # Six of these are every page's own, on a cold cache: the site settings, the footer's
        # agency links, the menu categories and (for the page cache's timeout) the next
        # scheduled publication, the next change of a document's validity and the next
        # opening or closing of a draft for comment.
        # Each page with targets also reads the targets set for years not yet assessed.
        budgets = {
            "/chi-so/": 10,  # + the weakest components with their lead units
            "/chi-so/par-index/": 11,
            "/chi-so/par-index/?nam=2018": 10,
            "/chi-so/xep-hang/2018/": 9,
            # + the components it leads, + its predecessors, + its contacts ("Liên hệ", from
            # organisation's template tag: its office and its people).
            "/chi-so/don-vi/{unit}/": 14,
        }
        assert {page: small[page] for page in budgets} == budgets
