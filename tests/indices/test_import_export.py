"""Spreadsheet import and export of unit and province results, through the admin.

Files are built in each test (csv / openpyxl) and sent as real multipart POSTs. Expected
messages are the catalog's translation of the code's msgid, so the tests hold in Vietnamese
whatever wording the catalog settles on, and fail on any other message or row number.
"""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext
from import_export.tmp_storages import TempFolderStorage

from indices.models import ProvinceResult, UnitResult
from tests.factories import (
    IndexFactory,
    ProvinceResultFactory,
    StaffFactory,
    UnitFactory,
    UnitResultFactory,
)

pytestmark = pytest.mark.django_db

UNIT_IMPORT = reverse("admin:indices_unitresult_import")
UNIT_PROCESS = reverse("admin:indices_unitresult_process_import")
UNIT_EXPORT = reverse("admin:indices_unitresult_export")
UNIT_CHANGELIST = reverse("admin:indices_unitresult_changelist")
PROVINCE_IMPORT = reverse("admin:indices_provinceresult_import")
PROVINCE_PROCESS = reverse("admin:indices_provinceresult_process_import")
PROVINCE_EXPORT = reverse("admin:indices_provinceresult_export")
CSV, XLSX = "0", "1"  # positions in IMPORT_EXPORT_FORMATS
UNIT_HEADERS = ["Đơn vị", "Năm", "Điểm (%)", "Ghi chú"]
PROVINCE_HEADERS = ["Chỉ số", "Năm", "Điểm", "Thứ hạng", "Số tỉnh xếp hạng", "Ghi chú"]


def t(msgid, **params):
    return gettext(msgid) % params if params else gettext(msgid)


def csv_file(rows, name="ket-qua.csv"):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8-sig"), "text/csv")


def xlsx_bytes(rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_file(rows, name="ket-qua.xlsx"):
    return SimpleUploadedFile(
        name,
        xlsx_bytes(rows),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def upload(client, url, file, file_format):
    return client.post(url, {"import_file": file, "format": file_format, "resource": "0"})


def errors_of(response):
    """[(spreadsheet row, column, message)] of the dry run, in file order."""
    result = response.context["result"]
    errors = []
    for row in result.invalid_rows:
        for column, messages in row.field_specific_errors.items():
            errors += [(row.number, column, message) for message in messages]
        errors += [(row.number, None, message) for message in row.non_field_specific_errors]
    return errors


def preview_of(response):
    return [(row["number"], row["import_type"]) for row in response.context["result"].preview_rows]


def unit_rows():
    return sorted(
        UnitResult.objects.values_list("unit__name", "year", "score", "note", "is_sample")
    )


def province_rows():
    return sorted(
        ProvinceResult.objects.values_list(
            "index__code", "year", "score", "rank", "provinces_ranked", "note", "is_sample"
        )
    )


@pytest.fixture
def importer(db):
    return StaffFactory(
        username="nhapdulieu",
        permissions=[
            "indices.view_unitresult",
            "indices.change_unitresult",
            "indices.add_unitresult",
            "indices.view_provinceresult",
            "indices.change_provinceresult",
            "indices.add_provinceresult",
        ],
    )


@pytest.fixture
def units(db):
    return {
        "tc": UnitFactory(name="Sở Tài chính", slug="so-tai-chinh"),
        "yt": UnitFactory(name="Sở Y tế", slug="so-y-te"),
        "mt": UnitFactory(name="UBND huyện Mường Tè", slug="ubnd-huyen-muong-te", kind="district"),
    }


class TestUnitResultDryRun:
    def test_preview_lists_new_changed_and_unchanged_rows_and_writes_nothing(
        self, client, importer, units
    ):
        UnitResultFactory(unit=units["tc"], year=2018, score=Decimal("86.50"))
        UnitResultFactory(unit=units["yt"], year=2018, score=Decimal("70.00"), is_sample=True)
        before = unit_rows()
        client.force_login(importer)
        file = csv_file(
            [
                UNIT_HEADERS,
                ["Sở Tài chính", "2018", "86,50", ""],  # unchanged: same value, comma
                ["so-y-te", "2018", "71.25", "Sau phúc khảo"],  # changed, by slug
                ["UBND huyện Mường Tè", "2019", "90,1", ""],  # new
            ]
        )

        response = upload(client, UNIT_IMPORT, file, CSV)

        assert response.status_code == 200
        assert errors_of(response) == []
        assert preview_of(response) == [(2, "skip"), (3, "update"), (4, "new")]
        assert response.context["confirm_form"] is not None
        assert unit_rows() == before  # a dry run writes nothing

    def test_confirming_writes_the_rows_as_official_and_records_the_importer(
        self, client, importer, units
    ):
        UnitResultFactory(unit=units["yt"], year=2018, score=Decimal("70.00"), is_sample=True)
        client.force_login(importer)
        file = csv_file(
            [
                UNIT_HEADERS,
                ["so-y-te", "2018", "71,25", "Sau phúc khảo"],
                ["UBND huyện Mường Tè", "2019", "90,1", ""],
            ]
        )
        response = upload(client, UNIT_IMPORT, file, CSV)
        confirm = response.context["confirm_form"].initial

        response = client.post(UNIT_PROCESS, {**confirm, "resource": "0"})

        assert response.status_code == 302 and response.url == UNIT_CHANGELIST
        assert unit_rows() == [
            ("Sở Y tế", 2018, Decimal("71.25"), "Sau phúc khảo", False),
            ("UBND huyện Mường Tè", 2019, Decimal("90.10"), "", False),
        ]
        new = UnitResult.objects.get(year=2019)
        assert new.created_by == importer and new.updated_by == importer
        assert UnitResult.objects.get(year=2018).updated_by == importer
        assert [str(m) for m in get_messages(response.wsgi_request)] == [
            t(
                "Import finished: %(new)d added, %(updated)d updated, %(unchanged)d unchanged.",
                new=1,
                updated=1,
                unchanged=0,
            )
        ]

    def test_every_error_is_listed_with_its_spreadsheet_row_and_column(
        self, client, importer, units
    ):
        UnitResultFactory(unit=units["tc"], year=2018, score=Decimal("86.50"))
        before = unit_rows()
        client.force_login(importer)
        file = csv_file(
            [
                UNIT_HEADERS,
                ["Sở Không Tồn Tại", "2019", "80", ""],  # row 2
                ["Sở Tài chính", "2019", "abc", ""],  # row 3
                ["Sở Y tế", "2019", "8x", ""],  # row 4
                ["", "", "", ""],  # row 5: blank, ignored
                ["UBND huyện Mường Tè", "2019", "86,5,0", ""],  # row 6
                ["Sở Tài chính", "2018", "100,01", ""],  # row 7
                ["Sở Y tế", "1999", "75", ""],  # row 8
                ["Sở Y tế", "2018", "75", ""],  # row 9: valid
                ["so-y-te", "2018", "76", ""],  # row 10: same unit and year as row 9
                ["Sở Tài chính", "2019.5", "75", ""],  # row 11
            ]
        )

        response = upload(client, UNIT_IMPORT, file, CSV)

        assert response.status_code == 200
        assert errors_of(response) == [
            (
                2,
                "Đơn vị",
                t(
                    "There is no unit “%(value)s”. Write its name as in the list of units.",
                    value="Sở Không Tồn Tại",
                ),
            ),
            (
                3,
                "Điểm (%)",
                t("“%(value)s” is not a number. Write it like 86,50 or 86.50.", value="abc"),
            ),
            (
                4,
                "Điểm (%)",
                t("“%(value)s” is not a number. Write it like 86,50 or 86.50.", value="8x"),
            ),
            (
                6,
                "Điểm (%)",
                t("“%(value)s” is not a number. Write it like 86,50 or 86.50.", value="86,5,0"),
            ),
            (
                7,
                "Điểm (%)",
                t("Ensure this value is less than or equal to %(limit_value)s.", limit_value=100),
            ),
            (
                8,
                "Năm",
                t("Enter a year between %(first)d and %(last)d.", first=2000, last=_next_year()),
            ),
            (
                10,
                None,
                t(
                    "%(key)s appears twice in the file: already in row %(row)d.",
                    key=t("%(owner)s, year %(year)d", owner="Sở Y tế", year=2018),
                    row=9,
                ),
            ),
            (11, "Năm", t("“%(value)s” is not a whole number.", value="2019.5")),
        ]
        assert preview_of(response) == [
            (2, "invalid"), (3, "invalid"), (4, "invalid"), (6, "invalid"), (7, "invalid"),
            (8, "invalid"), (9, "new"), (10, "invalid"), (11, "invalid"),
        ]  # fmt: skip
        assert response.context.get("confirm_form") is None
        assert b'id="confirm-import"' not in response.content
        assert unit_rows() == before

    def test_a_forced_confirmation_of_a_bad_file_writes_nothing(self, client, importer, units):
        UnitResultFactory(unit=units["tc"], year=2018, score=Decimal("86.50"))
        before = unit_rows()
        client.force_login(importer)
        # The dry run never offers a confirmation for this file; post one anyway, with the file
        # stored where the confirm step reads it.
        rows = [
            UNIT_HEADERS,
            ["Sở Tài chính", "2018", "90", "sửa"],  # a valid update
            ["Sở Y tế", "2019", "75", ""],  # a valid new row
            ["Sở Y tế", "2020", "abc", ""],  # the bad row
        ]
        storage = TempFolderStorage(encoding="utf-8-sig", read_mode="r")
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        storage.save(buffer.getvalue().encode("utf-8-sig"))

        response = client.post(
            UNIT_PROCESS,
            {
                "import_file_name": storage.name,
                "original_file_name": "ket-qua.csv",
                "format": CSV,
                "resource": "0",
            },
        )

        assert response.status_code == 302 and response.url == UNIT_IMPORT
        assert unit_rows() == before
        assert [str(m) for m in get_messages(response.wsgi_request)] == [
            t("The file has errors, so nothing was imported. Upload it again to see them.")
        ]

    def test_a_file_without_the_needed_columns_is_refused(self, client, importer, units):
        client.force_login(importer)
        response = upload(client, UNIT_IMPORT, csv_file([["Tên", "Điểm"], ["Sở Y tế", "80"]]), CSV)
        result = response.context["result"]
        assert [str(error.error) for error in result.base_errors] == [
            t(
                "The file lacks the column(s) %(columns)s. The first row must hold the headers.",
                columns="“Đơn vị”, “Năm”",
            )
        ]
        assert response.context.get("confirm_form") is None
        assert not UnitResult.objects.exists()

    def test_xlsx_with_numbers_text_and_decimal_commas(self, client, importer, units):
        client.force_login(importer)
        file = xlsx_file(
            [
                ["STT", "Đơn vị", "Năm", "Điểm (%)", "Ghi chú"],  # an extra column is ignored
                [1, "Sở Tài chính", 2019, 86.5, None],
                [2, "sở y tế", 2019, "72,75", "chữ thường vẫn nhận"],
                [3, "UBND huyện Mường Tè", 2019, "8x", None],
            ]
        )
        response = upload(client, UNIT_IMPORT, file, XLSX)
        assert errors_of(response) == [
            (
                4,
                "Điểm (%)",
                t("“%(value)s” is not a number. Write it like 86,50 or 86.50.", value="8x"),
            )
        ]
        assert preview_of(response) == [(2, "new"), (3, "new"), (4, "invalid")]

        good = xlsx_file(
            [
                ["Đơn vị", "Năm", "Điểm (%)", "Ghi chú"],
                ["Sở Tài chính", 2019, 86.5, None],
                ["sở y tế", 2019, "72,75", "chữ thường vẫn nhận"],
            ]
        )
        response = upload(client, UNIT_IMPORT, good, XLSX)
        client.post(UNIT_PROCESS, {**response.context["confirm_form"].initial, "resource": "0"})
        assert unit_rows() == [
            ("Sở Tài chính", 2019, Decimal("86.50"), "", False),
            ("Sở Y tế", 2019, Decimal("72.75"), "chữ thường vẫn nhận", False),
        ]

    def test_a_sample_column_keeps_rows_marked_as_sample(self, client, importer, units):
        client.force_login(importer)
        file = csv_file(
            [
                [*UNIT_HEADERS, "Dữ liệu minh họa"],  # the other spelling of "hoạ"
                ["Sở Tài chính", "2019", "80", "", "có"],
                ["Sở Y tế", "2019", "70", "", "không"],
                ["UBND huyện Mường Tè", "2019", "70", "", "chắc vậy"],
            ]
        )
        response = upload(client, UNIT_IMPORT, file, CSV)
        assert errors_of(response) == [
            (4, "Dữ liệu minh hoạ", t("Write “yes” or “no”, not “%(value)s”.", value="chắc vậy"))
        ]
        file = csv_file(
            [
                [*UNIT_HEADERS, "Dữ liệu minh hoạ"],
                ["Sở Tài chính", "2019", "80", "", "có"],
                ["Sở Y tế", "2019", "70", "", "không"],
            ]
        )
        response = upload(client, UNIT_IMPORT, file, CSV)
        client.post(UNIT_PROCESS, {**response.context["confirm_form"].initial, "resource": "0"})
        assert dict(UnitResult.objects.values_list("unit__name", "is_sample")) == {
            "Sở Tài chính": True,
            "Sở Y tế": False,
        }


def _next_year():
    from indices.models import latest_allowed_year

    return latest_allowed_year()


class TestExportThenImport:
    @pytest.mark.parametrize("file_format", [CSV, XLSX])
    def test_unit_results_come_back_identical(self, client, importer, units, file_format):
        UnitResultFactory(unit=units["tc"], year=2018, score=Decimal("86.50"), note="Đứng đầu")
        UnitResultFactory(unit=units["yt"], year=2018, score=Decimal("70.05"), is_sample=True)
        UnitResultFactory(unit=units["mt"], year=2019, score=Decimal("100"))
        before = unit_rows()
        client.force_login(importer)

        exported = client.post(UNIT_EXPORT, {"format": file_format, "resource": "0"})
        assert exported.status_code == 200
        content = b"".join(exported.streaming_content) if exported.streaming else exported.content
        if file_format == CSV:
            header = content.decode("utf-8-sig").splitlines()[0]
            assert header == "Đơn vị,Năm,Điểm (%),Ghi chú,Dữ liệu minh hoạ"
            assert "86,50" in content.decode("utf-8-sig")

        name = "xuat.csv" if file_format == CSV else "xuat.xlsx"
        # Importing the export over the same data changes nothing…
        response = upload(client, UNIT_IMPORT, SimpleUploadedFile(name, content), file_format)
        assert preview_of(response) == [(2, "skip"), (3, "skip"), (4, "skip")]
        # …and into an empty table recreates the same rows.
        UnitResult.objects.all().delete()
        response = upload(client, UNIT_IMPORT, SimpleUploadedFile(name, content), file_format)
        assert errors_of(response) == []
        client.post(UNIT_PROCESS, {**response.context["confirm_form"].initial, "resource": "0"})
        assert unit_rows() == before

    @pytest.mark.parametrize("file_format", [CSV, XLSX])
    def test_province_results_come_back_identical(self, client, importer, file_format):
        par = IndexFactory(code="PAR_INDEX", abbreviation="PAR INDEX")
        papi = IndexFactory(code="PAPI", abbreviation="PAPI", maximum_score=Decimal("80"))
        ProvinceResultFactory(index=par, year=2018, score=Decimal("72.23"), rank=58)
        ProvinceResultFactory(index=papi, year=2018, score=Decimal("44.42"), rank=26)
        ProvinceResultFactory(index=papi, year=2017, score=None, rank=63, note="Chỉ có hạng")
        before = province_rows()
        client.force_login(importer)

        exported = client.post(PROVINCE_EXPORT, {"format": file_format, "resource": "0"})
        content = b"".join(exported.streaming_content) if exported.streaming else exported.content
        name = "xuat.csv" if file_format == CSV else "xuat.xlsx"
        ProvinceResult.objects.all().delete()
        response = upload(client, PROVINCE_IMPORT, SimpleUploadedFile(name, content), file_format)
        assert errors_of(response) == []
        client.post(PROVINCE_PROCESS, {**response.context["confirm_form"].initial, "resource": "0"})
        assert province_rows() == before


class TestProvinceResultImport:
    def test_errors_by_row_and_column(self, client, importer):
        IndexFactory(code="PAR_INDEX", abbreviation="PAR INDEX")
        IndexFactory(code="PAPI", abbreviation="PAPI", maximum_score=Decimal("80"))
        client.force_login(importer)
        file = csv_file(
            [
                PROVINCE_HEADERS,
                ["PAR_INDEX", "2019", "75,02", "50", "", ""],  # row 2: fine, 63 ranked
                ["PAR INDEX", "2020", "", "12", "63", ""],  # row 3: by abbreviation
                ["PAPI", "2019", "80,5", "20", "63", ""],  # row 4: over the maximum 80
                ["PAPI", "2020", "44", "26,5", "63", ""],  # row 5: rank not whole
                ["PAPI", "2021", "44", "64", "63", ""],  # row 6: rank over 63
                ["PCI", "2019", "60", "30", "63", ""],  # row 7: unknown index
                ["papi", "2019", "44", "20", "63", ""],  # row 8: same as row 4
            ]
        )
        response = upload(client, PROVINCE_IMPORT, file, CSV)

        assert errors_of(response) == [
            (4, "Điểm", t("The score must be between 0 and %(maximum)s.", maximum="80")),
            (5, "Thứ hạng", t("“%(value)s” is not a whole number.", value="26,5")),
            (6, "Thứ hạng", t("The rank must be between 1 and %(count)d.", count=63)),
            (
                7,
                "Chỉ số",
                t(
                    "There is no index “%(value)s”. "
                    "Use its code, e.g. PAR_INDEX, or its abbreviation.",
                    value="PCI",
                ),
            ),
            (
                8,
                None,
                t(
                    "%(key)s appears twice in the file: already in row %(row)d.",
                    key=t("%(owner)s, year %(year)d", owner="PAPI", year=2019),
                    row=4,
                ),
            ),
        ]
        assert preview_of(response)[:2] == [(2, "new"), (3, "new")]
        assert not ProvinceResult.objects.exists()

    def test_reimport_updates_by_index_and_year(self, client, importer):
        par = IndexFactory(code="PAR_INDEX", abbreviation="PAR INDEX")
        ProvinceResultFactory(index=par, year=2018, score=Decimal("72.23"), rank=58, is_sample=True)
        client.force_login(importer)
        file = csv_file([PROVINCE_HEADERS, ["PAR_INDEX", "2018", "72,23", "57", "", ""]])
        response = upload(client, PROVINCE_IMPORT, file, CSV)
        assert preview_of(response) == [(2, "update")]
        client.post(PROVINCE_PROCESS, {**response.context["confirm_form"].initial, "resource": "0"})
        assert province_rows() == [("PAR_INDEX", 2018, Decimal("72.23"), 57, 63, "", False)]
        assert ProvinceResult.objects.get().updated_by == importer


class TestPermissions:
    def test_a_viewer_cannot_import_but_can_export(self, client, units):
        viewer = StaffFactory(username="xem", permissions=["indices.view_unitresult"])
        client.force_login(viewer)
        file = csv_file([UNIT_HEADERS, ["Sở Y tế", "2019", "75", ""]])

        changelist = client.get(UNIT_CHANGELIST)
        assert changelist.status_code == 200
        assert changelist.context["has_import_permission"] is False
        assert UNIT_IMPORT not in changelist.content.decode()
        assert client.get(UNIT_IMPORT).status_code == 403
        assert upload(client, UNIT_IMPORT, file, CSV).status_code == 403
        storage = TempFolderStorage(encoding="utf-8-sig", read_mode="r")
        storage.save("Đơn vị,Năm,Điểm (%)\nSở Y tế,2019,75\n".encode("utf-8-sig"))
        forced = client.post(
            UNIT_PROCESS,
            {
                "import_file_name": storage.name,
                "original_file_name": "a.csv",
                "format": CSV,
                "resource": "0",
            },
        )
        assert forced.status_code == 403
        assert not UnitResult.objects.exists()
        assert client.post(UNIT_EXPORT, {"format": CSV, "resource": "0"}).status_code == 200

    def test_staff_without_view_permission_cannot_export(self, client, staff_without_permissions):
        client.force_login(staff_without_permissions)
        assert client.post(UNIT_EXPORT, {"format": CSV, "resource": "0"}).status_code == 403
        assert client.get(PROVINCE_IMPORT).status_code == 403

    def test_anonymous_is_sent_to_the_login_page(self, client):
        response = client.get(UNIT_IMPORT)
        assert response.status_code == 302 and "/login/" in response.url


class TestUnitNames:
    @pytest.mark.parametrize(
        "written",
        [
            "Sở Lao động – Thương binh và Xã hội",
            "Sở Lao động - Thương binh và Xã hội",  # a plain hyphen, as typed on a keyboard
            "SỞ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI",
            "so-lao-dong-thuong-binh-va-xa-hoi",
        ],
    )
    def test_a_unit_is_found_however_its_name_is_typed(self, client, importer, written):
        UnitFactory(name="Sở Lao động – Thương binh và Xã hội")
        client.force_login(importer)

        response = upload(
            client, UNIT_IMPORT, csv_file([UNIT_HEADERS, [written, "2019", "80", ""]]), CSV
        )

        assert errors_of(response) == []
        assert preview_of(response) == [(2, "new")]


class TestFileChecks:
    def base_errors(self, response):
        return [str(error.error) for error in response.context["result"].base_errors]

    def test_a_column_given_twice_is_refused(self, client, importer, units):
        client.force_login(importer)
        file = csv_file(
            [["Đơn vị", "Năm", "Điểm (%)", "Điểm (%)"], ["Sở Y tế", "2019", "80", "81"]]
        )
        response = upload(client, UNIT_IMPORT, file, CSV)
        assert self.base_errors(response) == ["Cột “Điểm (%)” xuất hiện nhiều lần ở dòng đầu tiên."]
        assert not UnitResult.objects.exists()

    def test_a_nul_character_is_refused_with_its_row(self, client, importer, units):
        client.force_login(importer)
        file = csv_file(
            [UNIT_HEADERS, ["Sở Y tế", "2019", "80", ""], ["Sở Tài chính", "2019", "81", "a\x00b"]]
        )
        response = upload(client, UNIT_IMPORT, file, CSV)
        assert self.base_errors(response) == [
            "Dòng 3 có ký tự NUL; không ô nào được chứa ký tự này."
        ]
        assert not UnitResult.objects.exists()

    def test_a_formula_result_is_read_as_the_number_the_spreadsheet_shows(
        self, client, importer, units
    ):
        client.force_login(importer)
        file = xlsx_file([UNIT_HEADERS, ["Sở Y tế", 2019, 86.49999999999999, None]])
        response = upload(client, UNIT_IMPORT, file, XLSX)
        assert errors_of(response) == []
        client.post(UNIT_PROCESS, {**response.context["confirm_form"].initial, "resource": "0"})
        assert UnitResult.objects.get().score == Decimal("86.50")


class TestImportRights:
    def test_changing_without_adding_is_not_enough_to_import(self, client, units):
        client.force_login(
            StaffFactory(
                username="suadoi",
                permissions=["indices.view_unitresult", "indices.change_unitresult"],
            )
        )
        file = csv_file([UNIT_HEADERS, ["Sở Y tế", "2019", "75", ""]])

        assert client.get(UNIT_IMPORT).status_code == 403
        assert upload(client, UNIT_IMPORT, file, CSV).status_code == 403
        assert not UnitResult.objects.exists()
