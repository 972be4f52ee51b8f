"""The issue's walkthrough, end to end over the demo content: a visitor reads the indices, then
a staff member imports the 2019 unit results from a spreadsheet with one bad row, fixes it, and
the 2019 ranking appears."""

import pytest

from indices.models import UnitResult
from tests.factories import StaffFactory
from tests.indices.test_import_export import CSV, UNIT_IMPORT, UNIT_PROCESS, csv_file, errors_of
from tests.indices.test_views import table_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_content):
    """The demo content, loaded once for this module (`demo_content`, tests/conftest.py)."""


def test_a_visitor_reads_the_2022_results_and_the_2018_unit_ranking(client, demo):
    overview = table_rows(client.get("/chi-so/"))
    assert overview[0] == [
        "PAR INDEX",
        "2022",
        "86,29 điểm",
        "24/63",
        "▲34 tăng 34 bậc so với năm 2018",
        # The demo's targets are invented, and tagged so.
        "85,00 điểm: đạt, vượt 1,29; hạng 30: đạt, vượt 6 bậc minh hoạ",
    ]
    assert overview[2][:5] == [
        "PAPI",
        "2022",
        "42,69 điểm",
        "27/63",
        "▼1 giảm 1 bậc so với năm 2018",
    ]
    assert overview[2][5] == (
        "44,00 điểm: chưa đạt, thiếu 1,31; hạng 25: chưa đạt, thiếu 2 bậc minh hoạ"
    )

    departments = table_rows(client.get("/chi-so/xep-hang/2018/"), "Sở, ban, ngành")
    assert departments[0][:3] == ["1", "Sở Tài chính", "86,50"]
    assert departments[-1][:3] == [str(len(departments)), "Sở Y tế", "65,04"]
    assert departments[0][5] == "85,00 %: đạt, vượt 1,50; hạng 1: đạt đúng mục tiêu minh hoạ"
    assert departments[-1][5] == "70,00 %: chưa đạt, thiếu 4,96 minh hoạ"


def test_a_staff_member_imports_the_2019_unit_results(client, demo):
    client.force_login(
        StaffFactory(
            permissions=[
                "indices.view_unitresult",
                "indices.add_unitresult",
                "indices.change_unitresult",
            ]
        )
    )
    rows = [
        ["STT", "Đơn vị", "Năm", "Điểm (%)", "Ghi chú"],
        ["1", "Sở Tài chính", "2019", "88,20", ""],
        ["2", "Sở Y tế", "2019", "8x", ""],  # a typing slip
        ["3", "Sở Giao thông vận tải", "2019", "84,75", ""],
        ["4", "UBND huyện Mường Tè", "2019", "83,10", ""],
    ]

    preview = client.post(
        UNIT_IMPORT, {"import_file": csv_file(rows), "format": CSV, "resource": "0"}
    )

    assert [(row, column) for row, column, _ in errors_of(preview)] == [(3, "Điểm (%)")]
    assert preview.context.get("confirm_form") is None
    assert not UnitResult.objects.filter(year=2019).exists()
    assert client.get("/chi-so/xep-hang/2019/").status_code == 404

    rows[2][3] = "68,90"
    preview = client.post(
        UNIT_IMPORT, {"import_file": csv_file(rows), "format": CSV, "resource": "0"}
    )
    assert errors_of(preview) == []
    client.post(UNIT_PROCESS, {**preview.context["confirm_form"].initial, "resource": "0"})

    ranking = client.get("/chi-so/xep-hang/2019/")
    assert ranking.status_code == 200
    # 3 departments so far in 2019 against 20 in 2018: 3rd of 3 is not "up 17 places" from
    # 20th of 20, so the page compares scores and says why: once for the departments, whose
    # rows share the reason (in the table's caption), on its row for the one district.
    why = (
        "So sánh điểm vì số đơn vị được xếp hạng khác nhau: {} đơn vị năm 2019, {} đơn vị năm 2018"
    )
    assert table_rows(ranking, "Sở, ban, ngành") == [
        [
            "1",
            "Sở Tài chính",
            "88,20",
            "Tốt",
            "+1,70 điểm tăng 1,70 điểm phần trăm",
        ],
        [
            "2",
            "Sở Giao thông vận tải",
            "84,75",
            "Tốt",
            "\u22121,13 điểm giảm 1,13 điểm phần trăm",
        ],
        [
            "3",
            "Sở Y tế",
            "68,90",
            "Trung bình",
            "+3,86 điểm tăng 3,86 điểm phần trăm",
        ],
    ]
    assert why.format(3, 20) in ranking.content.decode()
    assert table_rows(ranking, "UBND huyện, thành phố") == [
        [
            "1",
            "UBND huyện Mường Tè",
            "83,10",
            "Tốt",
            f"+0,69 điểm tăng 0,69 điểm phần trăm {why.format(1, 8)}",
        ],
    ]
    assert client.get("/chi-so/xep-hang/").url == "/chi-so/xep-hang/2019/"
