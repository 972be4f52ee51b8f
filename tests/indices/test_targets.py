"""The province's targets: entered in the admin or imported from a spreadsheet, and shown
against the result of the same year (met, or missed by how much) on pages and in open data."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indices.models import ProvinceResult, ProvinceTarget, rank_check, score_check
from news.models import Article
from tests.factories import (
    ArticleFactory,
    IndexFactory,
    ProvinceResultFactory,
    UserFactory,
)
from tests.html_tools import parse

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def par(db):
    index = IndexFactory(code="PAR_INDEX", abbreviation="PAR INDEX", slug="par-index", order=1)
    ProvinceResultFactory(index=index, year=2018, score=D("72.23"), rank=58)
    ProvinceResultFactory(index=index, year=2022, score=D("86.29"), rank=24)
    return index


@pytest.fixture
def admin_user(db):
    return UserFactory(username="quantri", is_staff=True, is_superuser=True)


def test_score_and_rank_checks():
    assert score_check(D("86.29"), D("85.00")).met is True
    assert score_check(D("86.29"), D("85.00")).signed_margin == D("1.29")
    assert score_check(D("79.34"), D("80.00")).signed_margin == D("-0.66")
    assert score_check(D("80.00"), D("80.00")).met is True  # reaching it is meeting it
    assert rank_check(24, 30).met is True and rank_check(24, 30).signed_margin == 6
    assert rank_check(35, 30).met is False and rank_check(35, 30).signed_margin == -5
    assert score_check(None, D("80")) is None and rank_check(24, None) is None


def test_a_target_needs_a_score_or_a_rank_within_the_scale(par):
    with pytest.raises(ValidationError) as empty:
        ProvinceTarget(index=par, year=2023).full_clean()
    assert "score" in empty.value.message_dict
    with pytest.raises(ValidationError) as high:
        ProvinceTarget(index=par, year=2023, score=D("101"), rank=70).full_clean()
    assert set(high.value.message_dict) >= {"score", "rank"}
    ProvinceTarget(index=par, year=2023, rank=20).full_clean()


def test_overview_and_index_page_show_target_against_result(client, par):
    article = ArticleFactory(title="Kế hoạch CCHC năm 2022")
    assert Article.objects.published().filter(pk=article.pk).exists()
    ProvinceTarget.objects.create(index=par, year=2022, score=D("88.00"), rank=30, article=article)
    ProvinceTarget.objects.create(index=par, year=2018, rank=55)

    overview = parse(client.get("/chi-so/").content)
    row = overview.find("table", class_="data-table").find("tbody").find("tr")
    target_cell = [cell.text() for cell in row.element_children][5]
    assert target_cell == (
        "88,00 điểm: chưa đạt, thiếu 1,71; hạng 30: đạt, vượt 6 bậc (văn bản đặt mục tiêu)"
    )
    assert [a.attrs["href"] for a in row.find_all("a")][-1] == article.get_absolute_url()

    page = parse(client.get("/chi-so/par-index/").content)
    rows = page.find("table", class_="data-table").find("tbody").find_all("tr")
    cells = {r.element_children[0].text(): [c.text() for c in r.element_children] for r in rows}
    assert cells["2018"][4] == "hạng 55: chưa đạt, thiếu 3 bậc"
    assert cells["2022"][4].startswith("88,00 điểm: chưa đạt")


def test_an_unpublished_article_is_not_linked(client, par):
    draft = ArticleFactory(draft=True)
    ProvinceTarget.objects.create(index=par, year=2022, rank=30, article=draft)
    content = client.get("/chi-so/").content.decode()
    assert draft.get_absolute_url() not in content


def test_open_data_holds_targets_and_scores_with_their_precision(client, par):
    ProvinceTarget.objects.create(index=par, year=2022, score=D("85.00"), rank=30)
    document = json.loads(client.get("/chi-so/tong-hop.json").content)
    row = document["rows"][0]
    assert row["score"] == "86.29" and row["maximum_score"] == "100.00"
    assert (row["rank_change"], row["compared_with_year"]) == (34, 2018)
    assert {key: value for key, value in row.items() if key.startswith("target")} == {
        "target_score": "85.00",
        "target_score_met": True,
        "target_score_margin": "1.29",
        "target_rank": 30,
        "target_rank_met": True,
        "target_rank_margin": 6,
        "target_is_sample": False,
    }
    content = client.get("/chi-so/par-index/du-lieu.csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert [(r["Năm"], r["Điểm mục tiêu"]) for r in rows] == [("2018", ""), ("2022", "85.00")]


def test_admin_adds_a_target_and_reports_a_second_one_for_the_year(client, admin_user, par):
    client.force_login(admin_user)
    url = reverse("admin:indices_provincetarget_add")
    assert client.get(url).status_code == 200
    data = {"index": par.pk, "year": "2023", "score": "88,50", "rank": "20", "note": ""}
    response = client.post(url, data)
    assert response.status_code == 302
    target = ProvinceTarget.objects.get()
    assert (target.score, target.rank, target.created_by) == (D("88.50"), 20, admin_user)
    again = client.post(url, data)
    assert again.status_code == 200
    assert "year" in again.context["adminform"].form.errors
    assert client.get(reverse("admin:indices_provincetarget_changelist")).status_code == 200


def test_targets_import_from_a_spreadsheet(client, admin_user, par):
    client.force_login(admin_user)
    buffer = io.StringIO()
    csv.writer(buffer).writerows(
        [
            ["Chỉ số", "Năm", "Điểm mục tiêu", "Thứ hạng mục tiêu", "Ghi chú"],
            ["PAR_INDEX", "2022", "85,00", "30", ""],
            ["PAR INDEX", "2023", "", "20", "Kế hoạch năm 2023"],
        ]
    )
    file = SimpleUploadedFile("muc-tieu.csv", buffer.getvalue().encode("utf-8-sig"), "text/csv")
    response = client.post(
        reverse("admin:indices_provincetarget_import"),
        {"import_file": file, "format": "0", "resource": "0"},
    )
    assert response.status_code == 200
    assert not response.context["result"].has_validation_errors()
    client.post(
        reverse("admin:indices_provincetarget_process_import"),
        {**response.context["confirm_form"].initial, "resource": "0"},
    )
    assert list(ProvinceTarget.objects.order_by("year").values_list("year", "score", "rank")) == [
        (2022, D("85.00"), 30),
        (2023, None, 20),
    ]
    latest = ProvinceResult.objects.latest_per_index().get()
    assert latest.score_target.met and latest.rank_target.met


def test_charts_mark_the_target_of_each_year(client, par):
    ProvinceTarget.objects.create(index=par, year=2022, score=D("85.00"), rank=30)
    score_svg, rank_svg = parse(client.get("/chi-so/par-index/").content).find_all(
        "svg", class_="chart__svg--wide"
    )[:2]
    (score_mark,) = score_svg.find_all("path", class_="chart__target")
    (rank_mark,) = rank_svg.find_all("path", class_="chart__target")
    assert score_mark.find("title").text() == "Mục tiêu 2022: 85,00"
    assert rank_mark.find("title").text() == "Mục tiêu 2022: 30"
    # The 2022 dot (86,29) lies above the target marker (85,00): a smaller y in SVG.
    dot_y = float(score_svg.find_all("circle")[-1].attrs["cy"])
    mark_y = float(score_mark.attrs["d"].split()[1].split("m")[0])
    assert dot_y < mark_y
