"""The units' targets: entered in the admin or imported from a spreadsheet, and shown against
the unit's result of the same year (met, or missed by how much) on its profile, in the year's
ranking, on its charts and in open data. The rule is the province's (test_targets.py)."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext

from accounts.roles import EDITOR, PUBLISHER
from indices.models import UnitResult, UnitTarget
from tests.factories import (
    ArticleFactory,
    GradeThresholdsFactory,
    StaffFactory,
    UnitFactory,
    UnitResultFactory,
    UserFactory,
)
from tests.html_tools import parse
from tests.indices.test_import_export import CSV, csv_file, errors_of, upload

pytestmark = pytest.mark.django_db
D = Decimal

ADD = reverse("admin:indices_unittarget_add")
CHANGELIST = reverse("admin:indices_unittarget_changelist")
IMPORT = reverse("admin:indices_unittarget_import")
PROCESS = reverse("admin:indices_unittarget_process_import")
HEADERS = ["Đơn vị", "Năm", "Điểm mục tiêu (%)", "Thứ hạng mục tiêu", "Ghi chú"]


@pytest.fixture
def units(db):
    """Three departments and two districts scored in 2017 and 2018; one district was merged
    after 2018."""
    GradeThresholdsFactory(year=2016, good_from=80, fair_from=70, average_from=50)
    rows = {
        "Sở Tài chính": ("department", "80.00", "86.50"),
        "Sở Nội vụ": ("department", "84.00", "84.10"),
        "Sở Y tế": ("department", "79.00", "65.04"),
        "UBND huyện Mường Tè": ("district", "70.00", "82.41"),
        "UBND huyện Phong Thổ": ("district", "75.00", "71.19"),
    }
    made = {}
    for name, (kind, score_2017, score_2018) in rows.items():
        unit = UnitFactory(name=name, kind=kind)
        UnitResultFactory(unit=unit, year=2017, score=D(score_2017))
        UnitResultFactory(unit=unit, year=2018, score=D(score_2018))
        made[name] = unit
    merged = made["UBND huyện Phong Thổ"]
    merged.end_year = 2018
    merged.save()
    return made


def messages(error, field):
    return error.value.message_dict[field]


# ----------------------------------------------------------------------------------------------
# The model


def test_a_target_needs_a_score_or_a_rank(units):
    with pytest.raises(ValidationError) as empty:
        UnitTarget(unit=units["Sở Y tế"], year=2019).full_clean()
    assert messages(empty, "score") == [gettext("Enter the target score, the target rank or both.")]
    UnitTarget(unit=units["Sở Y tế"], year=2019, rank=2).full_clean()
    UnitTarget(unit=units["Sở Y tế"], year=2019, score=D("70.00")).full_clean()


@pytest.mark.parametrize("score", ["-0.01", "100.01"])
def test_the_score_is_a_percentage(units, score):
    with pytest.raises(ValidationError) as error:
        UnitTarget(unit=units["Sở Y tế"], year=2019, score=D(score)).full_clean()
    assert list(error.value.message_dict) == ["score"]
    UnitTarget(unit=units["Sở Y tế"], year=2019, score=D("100.00")).full_clean()


def test_the_rank_is_among_the_units_of_its_kind_that_existed_that_year(units):
    department = units["Sở Y tế"]
    # Three departments: rank 3 is the last place, 4 does not exist.
    UnitTarget(unit=department, year=2018, rank=3).full_clean()
    with pytest.raises(ValidationError) as error:
        UnitTarget(unit=department, year=2018, rank=4).full_clean()
    assert messages(error, "rank") == [
        gettext("The rank must be between 1 and %(count)d.") % {"count": 3}
    ]
    with pytest.raises(ValidationError) as zero:
        UnitTarget(unit=department, year=2018, rank=0).full_clean()
    assert "rank" in zero.value.message_dict
    # Two districts in 2018, one once Phong Thổ was merged after it.
    UnitTarget(unit=units["UBND huyện Mường Tè"], year=2018, rank=2).full_clean()
    with pytest.raises(ValidationError) as after_merger:
        UnitTarget(unit=units["UBND huyện Mường Tè"], year=2019, rank=2).full_clean()
    assert messages(after_merger, "rank") == [
        gettext("The rank must be between 1 and %(count)d.") % {"count": 1}
    ]


def test_no_target_after_the_units_last_year(units):
    merged = units["UBND huyện Phong Thổ"]
    UnitTarget(unit=merged, year=2018, score=D("75.00")).full_clean()
    with pytest.raises(ValidationError) as error:
        UnitTarget(unit=merged, year=2019, score=D("75.00")).full_clean()
    assert messages(error, "year") == [
        gettext("%(unit)s no longer existed after %(end)d.") % {"unit": merged, "end": 2018}
    ]


def test_one_target_per_unit_and_year(units):
    UnitTarget.objects.create(unit=units["Sở Y tế"], year=2018, score=D("70.00"))
    with pytest.raises(ValidationError) as error:
        UnitTarget(unit=units["Sở Y tế"], year=2018, rank=1).full_clean()
    assert "year" in error.value.message_dict
    UnitTarget(unit=units["Sở Tài chính"], year=2018, rank=1).full_clean()


@pytest.mark.parametrize(
    "values",
    [{}, {"score": D("100.50")}, {"score": D("-1")}, {"rank": 0}, {"year": 1999, "rank": 1}],
)
def test_the_database_refuses_what_the_form_would(units, values):
    with pytest.raises(IntegrityError), transaction.atomic():
        UnitTarget.objects.create(**{"unit": units["Sở Y tế"], "year": 2018, **values})


def test_results_read_their_target_in_the_same_query(units, django_assert_num_queries):
    UnitTarget.objects.create(unit=units["Sở Y tế"], year=2018, score=D("70.00"), rank=2)
    with django_assert_num_queries(1):
        results = {r.unit.name: r for r in UnitResult.objects.ranking(2018)}
        health = results["Sở Y tế"]
        assert (health.target_score, health.target_rank) == (D("70.00"), 2)
        assert (health.score_target.met, health.score_target.signed_margin) == (False, D("-4.96"))
        assert (health.rank_target.met, health.rank_target.signed_margin) == (False, -1)
        assert not results["Sở Tài chính"].has_target
        assert results["Sở Tài chính"].score_target is None


# ----------------------------------------------------------------------------------------------
# Pages


def target_cells(response, caption_start=None):
    """{row header: text of the "Mục tiêu" cell} of the page's data tables."""
    cells = {}
    for table in parse(response.content).find_all("table", class_="data-table"):
        if caption_start and not table.find("caption").text().startswith(caption_start):
            continue
        headers = [th.text() for th in table.find("thead").find_all("th")]
        if "Mục tiêu" not in headers:
            continue
        column = headers.index("Mục tiêu")
        for row in table.find("tbody").find_all("tr"):
            texts = [cell.text() for cell in row.element_children]
            key = row.find("th").text()
            cells[key] = texts[column]
    return cells


def test_the_unit_profile_shows_each_years_target_met_or_missed(client, units):
    plan = ArticleFactory(title="Kế hoạch CCHC năm 2018")
    unit = units["Sở Nội vụ"]
    UnitTarget.objects.create(unit=unit, year=2018, score=D("85.00"), rank=1, article=plan)
    UnitTarget.objects.create(unit=unit, year=2017, score=D("84.00"))

    response = client.get(unit.get_absolute_url())

    assert target_cells(response) == {
        "2018": (
            "85,00 %: chưa đạt, thiếu 0,90; hạng 1: chưa đạt, thiếu 1 bậc (văn bản đặt mục tiêu)"
        ),
        "2017": "84,00 %: đạt đúng mục tiêu",
    }
    links = [a.attrs["href"] for a in parse(response.content).find_all("a")]
    assert plan.get_absolute_url() in links
    # Met and missed are words, not only a colour.
    spans = parse(response.content).find_all("span", class_="target")
    assert [s.attrs["class"] for s in spans] == [
        "target target--missed",
        "target target--missed",
        "target target--met",
    ]
    assert "Dữ liệu minh hoạ" not in response.content.decode()


def test_the_unit_profile_has_no_target_column_without_targets(client, units):
    UnitTarget.objects.create(unit=units["Sở Tài chính"], year=2018, rank=1)
    response = client.get(units["Sở Y tế"].get_absolute_url())
    headers = [th.text() for th in parse(response.content).find("thead").find_all("th")]
    assert "Mục tiêu" not in headers
    assert "chart__target" not in response.content.decode()


def test_an_unpublished_article_is_not_linked_and_a_sample_target_says_so(client, units):
    draft = ArticleFactory(draft=True)
    unit = units["Sở Tài chính"]
    UnitTarget.objects.create(unit=unit, year=2018, rank=1, article=draft, is_sample=True)

    response = client.get(unit.get_absolute_url())

    assert target_cells(response) == {"2018": "hạng 1: đạt đúng mục tiêu minh hoạ", "2017": "—"}
    assert draft.get_absolute_url() not in response.content.decode()
    # The results are official; the invented target alone brings the notice.
    assert parse(response.content).find("p", class_="sample-notice")


def test_the_ranking_shows_targets_only_for_the_kind_that_has_them(client, units):
    UnitTarget.objects.create(unit=units["Sở Tài chính"], year=2018, score=D("85.00"), rank=1)
    UnitTarget.objects.create(unit=units["Sở Y tế"], year=2018, score=D("70.00"))

    response = client.get("/chi-so/xep-hang/2018/")

    assert target_cells(response, "Sở, ban, ngành") == {
        "Sở Tài chính": "85,00 %: đạt, vượt 1,50; hạng 1: đạt đúng mục tiêu",
        "Sở Nội vụ": "—",
        "Sở Y tế": "70,00 %: chưa đạt, thiếu 4,96",
    }
    districts = [
        table
        for table in parse(response.content).find_all("table", class_="data-table")
        if table.find("caption").text().startswith("UBND huyện")
    ]
    headers = [th.text() for th in districts[0].find("thead").find_all("th")]
    assert "Mục tiêu" not in headers
    # A year without any target has no target column at all.
    assert "Mục tiêu" not in client.get("/chi-so/xep-hang/2017/").content.decode()


def test_the_unit_charts_mark_the_target_of_each_year(client, units):
    unit = units["Sở Nội vụ"]
    UnitTarget.objects.create(unit=unit, year=2018, score=D("85.00"), rank=3)

    response = client.get(unit.get_absolute_url())

    score_svg, rank_svg = parse(response.content).find_all("svg", class_="chart__svg--wide")
    (score_mark,) = score_svg.find_all("path", class_="chart__target")
    (rank_mark,) = rank_svg.find_all("path", class_="chart__target")
    assert score_mark.find("title").text() == "Mục tiêu 2018: 85,00"
    assert rank_mark.find("title").text() == "Mục tiêu 2018: 3"
    # 84,10 lies below the 85,00 target (a larger y in SVG); rank 2 lies above rank 3.
    score_dot_y = float(score_svg.find_all("circle")[-1].attrs["cy"])
    rank_dot_y = float(rank_svg.find_all("circle")[-1].attrs["cy"])
    assert score_dot_y > mark_y(score_mark)
    assert rank_dot_y < mark_y(rank_mark)
    # Both frames draw it; the legend says whose target it is.
    assert len(parse(response.content).find_all("path", class_="chart__target")) == 4
    legends = [p.text() for p in parse(response.content).find_all("p", class_="chart__legend")]
    assert legends == [gettext("Green dashes: the unit's target for the year.")] * 2


def mark_y(mark) -> float:
    return float(mark.attrs["d"].split()[1].split("m")[0])


def test_a_target_rank_below_the_last_ranked_place_stays_on_the_chart(client, units):
    # A fourth department, not scored: three were ranked in 2018, the target is fourth.
    UnitFactory(kind="department")
    unit = units["Sở Y tế"]
    UnitTarget.objects.create(unit=unit, year=2018, rank=4)
    response = client.get(unit.get_absolute_url())
    rank_svg = parse(response.content).find_all("svg", class_="chart__svg--wide")[1]
    lowest_tick = rank_svg.find_all("line", class_="chart__grid")[-1]
    (mark,) = rank_svg.find_all("path", class_="chart__target")
    # The axis reaches down to 4, so the marker sits on its last line, inside the chart.
    assert mark_y(mark) == float(lowest_tick.attrs["y1"])
    assert [t.text() for t in rank_svg.find_all("text", class_="chart__tick")][-1] == "4"


# ----------------------------------------------------------------------------------------------
# Open data


def test_unit_and_ranking_open_data_hold_the_targets(client, units):
    unit = units["Sở Tài chính"]
    UnitTarget.objects.create(unit=unit, year=2018, score=D("85.00"), rank=1, is_sample=True)

    document = json.loads(client.get(f"/chi-so/don-vi/{unit.slug}/du-lieu.json").content)
    rows = {row["year"]: row for row in document["rows"]}
    assert {key: value for key, value in rows[2018].items() if key.startswith("target")} == {
        "target_score": "85.00",
        "target_score_met": True,
        "target_score_margin": "1.50",
        "target_rank": 1,
        "target_rank_met": True,
        "target_rank_margin": 0,
        "target_is_sample": True,
    }
    assert rows[2017]["target_score"] is None and rows[2017]["target_is_sample"] is None
    assert "target_is_sample" in document["note"]

    content = client.get("/chi-so/xep-hang/2018/so-ban-nganh.csv").content.decode("utf-8-sig")
    table = list(csv.DictReader(io.StringIO(content)))
    assert [
        (row["Đơn vị"], row["Điểm mục tiêu"], row["Vượt (+) hoặc thiếu (-) so với điểm mục tiêu"])
        for row in table
    ] == [("Sở Tài chính", "85.00", "1.50"), ("Sở Nội vụ", "", ""), ("Sở Y tế", "", "")]
    assert table[0]["Mục tiêu minh hoạ"] == "có"

    ranking = json.loads(client.get("/chi-so/xep-hang/2018/so-ban-nganh.json").content)
    assert ranking["rows"][0]["target_rank_met"] is True
    assert ranking["rows"][2]["target_score_margin"] is None


# ----------------------------------------------------------------------------------------------
# The admin


def test_admin_adds_a_target_and_reports_a_second_one_for_the_year(client, units):
    admin_user = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    assert client.get(ADD).status_code == 200
    data = {"unit": units["Sở Y tế"].pk, "year": "2019", "score": "70,50", "rank": "", "note": ""}
    response = client.post(ADD, data)
    assert response.status_code == 302
    target = UnitTarget.objects.get()
    assert (target.score, target.rank, target.created_by) == (D("70.50"), None, admin_user)
    again = client.post(ADD, data)
    assert again.status_code == 200
    assert "year" in again.context["adminform"].form.errors
    changelist = client.get(CHANGELIST, {"q": "Y tế"})
    assert changelist.status_code == 200
    assert list(changelist.context["cl"].result_list) == [target]
    # The unit is picked with the autocomplete, as for unit results.
    autocomplete = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Nội",
            "app_label": "indices",
            "model_name": "unittarget",
            "field_name": "unit",
        },
    )
    assert [item["text"] for item in autocomplete.json()["results"]] == ["Sở Nội vụ"]


def test_publishers_manage_unit_targets_and_editors_do_not(client, units):
    client.force_login(StaffFactory(username="duyettin", role=PUBLISHER))
    response = client.post(ADD, {"unit": units["Sở Y tế"].pk, "year": "2019", "rank": "2"})
    assert response.status_code == 302
    assert client.get(IMPORT).status_code == 200

    client.force_login(StaffFactory(username="bientap", role=EDITOR))
    assert client.get(CHANGELIST).status_code == 403
    assert (
        client.post(ADD, {"unit": units["Sở Y tế"].pk, "year": "2020", "rank": "1"}).status_code
        == 403
    )
    assert UnitTarget.objects.count() == 1


# ----------------------------------------------------------------------------------------------
# The spreadsheet import


@pytest.fixture
def staff(client, db):
    user = StaffFactory(
        username="nhaplieu",
        permissions=[
            "indices.view_unittarget",
            "indices.add_unittarget",
            "indices.change_unittarget",
        ],
    )
    client.force_login(user)
    return user


def test_targets_import_after_a_preview(client, staff, units):
    UnitTarget.objects.create(unit=units["Sở Y tế"], year=2018, score=D("60.00"))
    rows = [
        HEADERS,
        ["Sở Tài chính", "2018", "85,00", "1", ""],
        ["Sở Y tế", "2018", "70.00", "", "Kế hoạch năm 2018"],  # corrects the stored target
        ["ubnd huyện mường tè", "2018", "", "1", ""],
    ]

    preview = upload(client, IMPORT, csv_file(rows), CSV)

    assert preview.status_code == 200
    assert errors_of(preview) == []
    assert [row["import_type"] for row in preview.context["result"].preview_rows] == [
        "new",
        "update",
        "new",
    ]
    assert UnitTarget.objects.count() == 1  # the preview writes nothing
    client.post(PROCESS, {**preview.context["confirm_form"].initial, "resource": "0"})

    stored = UnitTarget.objects.order_by("unit__name").values_list(
        "unit__name", "year", "score", "rank", "is_sample", "created_by"
    )
    assert list(stored) == [
        ("Sở Tài chính", 2018, D("85.00"), 1, False, staff.pk),
        ("Sở Y tế", 2018, D("70.00"), None, False, None),
        ("UBND huyện Mường Tè", 2018, None, 1, False, staff.pk),
    ]
    ranking = {r.unit.name: r for r in UnitResult.objects.ranking(2018)}
    assert ranking["Sở Tài chính"].score_target.met
    assert not ranking["Sở Y tế"].score_target.met


def test_one_bad_row_imports_nothing(client, staff, units):
    rows = [
        HEADERS,
        ["Sở Tài chính", "2018", "85,00", "1", ""],
        ["Sở Y tế", "2018", "", "", ""],  # neither score nor rank
        ["UBND huyện Phong Thổ", "2019", "75,00", "", ""],  # merged after 2018
        ["Sở Nội vụ", "2018", "101", "", ""],
    ]

    preview = upload(client, IMPORT, csv_file(rows), CSV)

    assert [(row, column) for row, column, _ in errors_of(preview)] == [
        (3, "Điểm mục tiêu (%)"),
        (4, "Năm"),
        (5, "Điểm mục tiêu (%)"),
    ]
    assert errors_of(preview)[1][2] == gettext("%(unit)s no longer existed after %(end)d.") % {
        "unit": units["UBND huyện Phong Thổ"],
        "end": 2018,
    }
    assert preview.context.get("confirm_form") is None
    assert not UnitTarget.objects.exists()


def test_the_import_page_lists_the_columns(client, staff, units):
    content = client.get(IMPORT).content.decode()
    for header in HEADERS:
        assert header in content
