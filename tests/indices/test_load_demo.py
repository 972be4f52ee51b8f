"""`load_demo` loads the indices: the brief's figures exactly and as official, every invented
figure as sample data that does not contradict them, after 2018 only the official 2022 results
(with invented breakdowns and lead units), and nothing new on a second run — also over a
database loaded by the earlier demo, whose PAR INDEX fields all ended in 2020."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Max, Sum
from django.forms.models import model_to_dict
from django.utils import translation

from indices.models import (
    Component,
    ComponentResult,
    GradeThresholds,
    Index,
    ProvinceResult,
    ProvinceTarget,
    Responsibility,
    Unit,
    UnitResult,
    UnitTarget,
    components_led_by,
    weakest_of_latest_year,
)
from news.demo import CONFERENCE_SLUG
from tests.html_tools import attributes, parse, texts
from tests.indices.test_views import table_rows

MODELS = [
    Index,
    Component,
    ProvinceResult,
    ProvinceTarget,
    Responsibility,
    ComponentResult,
    Unit,
    UnitResult,
    UnitTarget,
    GradeThresholds,
]
D = Decimal

# (code, year): (score, rank) as published (../shared/brief/seed-page.md, indices.md).
PUBLISHED_PROVINCE = {
    ("PAR_INDEX", 2017): (None, 57),
    ("SIPAS", 2017): (None, 50),
    ("PAPI", 2017): (None, 63),
    ("PAR_INDEX", 2018): (D("72.23"), 58),
    ("SIPAS", 2018): (D("74.95"), 55),
    ("PAPI", 2018): (D("44.42"), 26),
    ("PAR_INDEX", 2022): (D("86.29"), 24),
    ("SIPAS", 2022): (D("79.34"), 35),
    ("PAPI", 2022): (D("42.69"), 27),
    ("PCI", 2022): (D("62.05"), 57),
}
PUBLISHED_UNITS_2018 = {
    "Sở Tài chính": D("86.50"),
    "Sở Giao thông vận tải": D("85.88"),
    "Sở Y tế": D("65.04"),
    "UBND huyện Mường Tè": D("82.41"),
    "UBND thành phố Lai Châu": D("79.43"),
    "UBND huyện Phong Thổ": D("71.19"),
}
MA_LU_THANG = "Ban Quản lý Khu kinh tế cửa khẩu Ma Lù Thàng"
FORMED_IN_2025 = ["Sở Nông nghiệp và Môi trường", "Sở Dân tộc và Tôn giáo"]
DISTRICTS = [
    "UBND thành phố Lai Châu",
    "UBND huyện Tam Đường",
    "UBND huyện Phong Thổ",
    "UBND huyện Sìn Hồ",
    "UBND huyện Mường Tè",
    "UBND huyện Than Uyên",
    "UBND huyện Tân Uyên",
    "UBND huyện Nậm Nhùn",
]


@pytest.fixture
def demo(demo_content):
    """The database as the first `load_demo` run leaves it: loaded once for the whole module
    (`demo_content`, tests/conftest.py); what a test writes is undone before the next."""


def snapshot():
    return {
        model.__name__: [
            {**model_to_dict(obj), "pk": obj.pk, **_timestamps(obj)}
            for obj in model.objects.order_by("pk")
        ]
        for model in MODELS
    }


def _timestamps(obj):
    return {name: getattr(obj, name) for name in ("created_at", "updated_at") if hasattr(obj, name)}


def test_a_second_run_creates_and_changes_nothing(demo):
    first = snapshot()

    call_command("load_demo", verbosity=0)

    assert snapshot() == first
    assert {name: len(rows) for name, rows in first.items()} == {
        "Index": 4,
        # PAR INDEX: 5 fields of both methods, 3 until 2020 and 3 from 2021.
        "Component": 11 + 5 + 8 + 10,
        "ProvinceResult": 6 + 2 + 6 + 4 + 4,
        # 2018 (PAR INDEX, SIPAS, PAPI), PCI 2015–2018, and all four in 2022.
        "ComponentResult": 8 + 5 + 8 + 4 * 10 + (8 + 5 + 8 + 10),
        # 28 assessed, and 2 formed in the 2025 mergers (no result yet).
        "Unit": 28 + 2,
        # Ma Lù Thàng was first assessed in 2017.
        "UnitResult": 28 * 3 - 1,
        "GradeThresholds": 1,
        # Each index's 2022 target, and its 2023 one, not yet assessed.
        "ProvinceTarget": 4 + 4,
        "UnitTarget": 6,
        # One lead per 2018 component (8 + 5 + 8 + 10) and 8 supporting units; the same in
        # 2022 with 11 supporting units; a few PCI components also in 2016 (2 leads, 1
        # supporting unit) and 2017 (3 leads, 2).
        "Responsibility": 31 + 8 + 31 + 11 + 3 + 5,
    }


def test_the_summary_reports_the_second_run_as_unchanged(demo, capsys):
    with translation.override("en"):
        call_command("load_demo")
    out = capsys.readouterr().out
    assert "Province results: 22 (created 0, updated 0, unchanged 22)" in out
    assert "Unit results: 83 (created 0, updated 0, unchanged 83)" in out


def test_the_four_indices(demo):
    rows = Index.objects.values_list(
        "code", "slug", "abbreviation", "score_unit", "maximum_score", "order"
    )
    assert list(rows) == [
        ("PAR_INDEX", "par-index", "PAR INDEX", "points", D("100"), 1),
        ("SIPAS", "sipas", "SIPAS", "percent", D("100"), 2),
        ("PAPI", "papi", "PAPI", "points", D("80"), 3),
        ("PCI", "pci", "PCI", "points", D("100"), 4),
    ]
    for index in Index.objects.all():
        assert index.name and index.publisher
        sentences = [part for part in index.description.split(". ") if part.strip()]
        assert 2 <= len(sentences) <= 4, index.code


def test_components_follow_each_method(demo):
    counts = {
        index.code: (index.components.count(), index.components.for_year(2017).count())
        for index in Index.objects.all()
    }
    assert counts == {"PAR_INDEX": (11, 0), "SIPAS": (5, 5), "PAPI": (8, 6), "PCI": (10, 10)}
    assert Component.objects.filter(index__code="PAPI").for_year(2018).count() == 8
    par = Component.objects.filter(index__code="PAR_INDEX")
    # Each PAR INDEX method has 8 fields whose maxima add up to 100.
    for year in (2018, 2020, 2021, 2022):
        fields = par.for_year(year)
        assert fields.count() == 8, year
        assert fields.aggregate(total=Sum("maximum_score"))["total"] == 100, year
    renamed = {
        "Đội ngũ cán bộ, công chức, viên chức": "Cải cách chế độ công vụ",
        "Đổi mới cơ chế tài chính": "Cải cách tài chính công",
        "Hiện đại hóa hành chính": "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số",
    }
    in_2018 = set(par.for_year(2018).values_list("name", flat=True))
    in_2022 = list(par.for_year(2022).values_list("name", flat=True))
    assert set(in_2022) == (in_2018 - set(renamed)) | set(renamed.values())
    assert in_2022 == [
        "Chỉ đạo, điều hành cải cách hành chính",
        "Văn bản quy phạm pháp luật",
        "Cải cách thủ tục hành chính",
        "Cải cách tổ chức bộ máy",
        "Cải cách chế độ công vụ",
        "Cải cách tài chính công",
        "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số",
        "Tác động của cải cách hành chính",
    ]
    assert set(par.filter(last_year=2020).values_list("name", flat=True)) == set(renamed)
    assert set(par.filter(first_year=2021).values_list("name", flat=True)) == set(renamed.values())
    for code, maximum in [("SIPAS", 100), ("PAPI", 10), ("PCI", 10)]:
        maxima = set(Component.objects.filter(index__code=code).values_list("maximum_score"))
        assert maxima == {(D(maximum),)}, code


def test_every_published_province_figure_is_present_exactly_and_official(demo):
    for (code, year), (score, rank) in PUBLISHED_PROVINCE.items():
        result = ProvinceResult.objects.get(index__code=code, year=year)
        assert (result.score, result.rank, result.provinces_ranked) == (score, rank, 63)
        assert result.is_sample is False, (code, year)
    official = ProvinceResult.objects.filter(is_sample=False)
    assert set(official.values_list("index__code", "year")) == set(PUBLISHED_PROVINCE)


def test_the_2018_results_link_to_the_conference_article(demo):
    announced = ProvinceResult.objects.filter(article__slug=CONFERENCE_SLUG)
    assert set(announced.values_list("index__code", "year")) == {
        ("PAR_INDEX", 2018),
        ("SIPAS", 2018),
        ("PAPI", 2018),
    }
    assert not ProvinceResult.objects.filter(is_sample=True, article__isnull=False).exists()


def test_invented_province_results_are_sample_and_fill_the_charts(demo):
    sample = ProvinceResult.objects.filter(is_sample=True)
    assert set(sample.values_list("index__code", "year")) == {
        *(("PAR_INDEX", year) for year in range(2013, 2017)),
        *(("PAPI", year) for year in range(2013, 2017)),
        *(("PCI", year) for year in range(2015, 2019)),
    }
    for result in ProvinceResult.objects.select_related("index"):
        if result.score is not None:
            assert 0 <= result.score <= result.index.maximum_score
        assert 1 <= result.rank <= 63
    # PAPI's scale was 0–60 before 2018.
    assert all(
        r.score <= 60
        for r in ProvinceResult.objects.filter(
            index__code="PAPI", year__lt=2018, score__isnull=False
        )
    )
    assert not ProvinceResult.objects.filter(index__code="SIPAS", year__lt=2017).exists()


def test_2022_is_the_latest_year_compared_with_2018_across_the_gap(demo):
    assert ProvinceResult.objects.aggregate(latest=Max("year"))["latest"] == 2022
    assert not ProvinceResult.objects.filter(year__in=[2019, 2020, 2021]).exists()
    assert not UnitResult.objects.filter(year__gte=2019).exists()
    latest = ProvinceResult.objects.latest_per_index()
    assert [(r.index.code, r.year, r.rank, str(r.change), r.change.since) for r in latest] == [
        ("PAR_INDEX", 2022, 24, "▲34", 2018),
        ("SIPAS", 2022, 35, "▲20", 2018),
        ("PAPI", 2022, 27, "▼1", 2018),
        ("PCI", 2022, 57, "▼4", 2018),
    ]


def test_the_2022_results_link_to_their_announcement_articles(demo):
    announced = dict(
        ProvinceResult.objects.filter(year=2022).values_list("index__code", "article__slug")
    )
    assert announced == {
        "PAR_INDEX": "chi-so-cai-cach-hanh-chinh-nam-2022-cua-tinh-xep-thu-24",
        "SIPAS": "chi-so-cai-cach-hanh-chinh-nam-2022-cua-tinh-xep-thu-24",
        "PAPI": "chi-so-papi-va-pci-nam-2022-cua-tinh",
        "PCI": "chi-so-papi-va-pci-nam-2022-cua-tinh",
    }


def test_component_results_are_sample_within_their_maxima_and_add_up(demo):
    assert not ComponentResult.objects.filter(is_sample=False).exists()
    for part in ComponentResult.objects.select_related("component", "province_result"):
        assert 0 <= part.score <= part.component.maximum_score
        assert part.component.applies_in(part.province_result.year)
        assert part.component.index_id == part.province_result.index_id

    def scores(code, year):
        return list(
            ComponentResult.objects.filter(
                province_result__index__code=code, province_result__year=year
            ).values_list("score", flat=True)
        )

    assert len(scores("PAR_INDEX", 2018)) == 8
    assert sum(scores("PAR_INDEX", 2018)) == D("72.23")
    assert len(scores("PAPI", 2018)) == 8
    assert sum(scores("PAPI", 2018)) == D("44.42")
    sipas = scores("SIPAS", 2018)
    assert len(sipas) == 5
    assert abs(sum(sipas) / 5 - D("74.95")) <= D("0.5")
    for year in (*range(2015, 2019), 2022):
        assert len(scores("PCI", year)) == 10


def test_the_2022_breakdowns_follow_the_published_totals(demo):
    """PAR INDEX fields and PAPI dimensions add up to the published 2022 scores, the SIPAS
    elements average the published percentage (the demo keeps a plain mean), and PCI's weighted
    sub-indices are all there, each within its maximum."""

    def scores(code):
        return list(
            ComponentResult.objects.filter(
                province_result__index__code=code, province_result__year=2022
            ).values_list("score", flat=True)
        )

    par, sipas, papi, pci = (scores(code) for code in ("PAR_INDEX", "SIPAS", "PAPI", "PCI"))
    assert (len(par), sum(par)) == (8, D("86.29"))
    assert (len(papi), sum(papi)) == (8, D("42.69"))
    assert max(papi) <= 10
    assert (len(sipas), sum(sipas) / 5) == (5, D("79.34"))
    assert len(pci) == 10 and max(pci) <= 10
    # The results' parts belong to the method of 2022.
    in_2022 = ComponentResult.objects.filter(province_result__year=2022)
    assert not in_2022.filter(component__last_year__lt=2022).exists()
    assert not in_2022.filter(is_sample=False).exists()


def test_units_all_districts_inactive_and_about_twenty_departments(demo):
    districts = Unit.objects.filter(kind=Unit.Kind.DISTRICT)
    assert sorted(districts.values_list("name", flat=True)) == sorted(DISTRICTS)
    assert not districts.filter(is_active=True).exists()
    departments = Unit.objects.filter(kind=Unit.Kind.DEPARTMENT)
    assert 18 <= departments.exclude(results=None).count() <= 22
    # Only the departments merged in 2025 are inactive, each with its successor.
    merged = departments.filter(is_active=False)
    assert set(merged.values_list("end_year", flat=True)) == {2025}
    assert not merged.filter(successor=None).exists()
    assert not departments.filter(is_active=True, end_year__isnull=False).exists()
    assert (
        departments.filter(
            name__in=[
                "Sở Tài chính",
                "Sở Tư pháp",
                "Sở Y tế",
                MA_LU_THANG,
            ]
        ).count()
        == 4
    )
    assert Unit.objects.get(name="Sở Văn hóa, Thể thao và Du lịch").slug == (
        "so-van-hoa-the-thao-va-du-lich"
    )


def test_the_published_unit_scores_are_present_exactly_and_official(demo):
    for name, score in PUBLISHED_UNITS_2018.items():
        result = UnitResult.objects.get(unit__name=name, year=2018)
        assert (result.score, result.is_sample) == (score, False), name
    official = UnitResult.objects.filter(is_sample=False)
    assert set(official.values_list("unit__name", "year")) == {
        (name, 2018) for name in PUBLISHED_UNITS_2018
    }


def test_every_unit_has_2016_to_2018_but_one_and_the_invented_ones_are_sample(demo):
    for unit in Unit.objects.exclude(name__in=[MA_LU_THANG, *FORMED_IN_2025]):
        assert sorted(unit.results.values_list("year", flat=True)) == [2016, 2017, 2018]
    assert not UnitResult.objects.filter(unit__name__in=FORMED_IN_2025).exists()
    latecomer = Unit.objects.get(name=MA_LU_THANG)
    assert sorted(latecomer.results.values_list("year", flat=True)) == [2017, 2018]
    invented = UnitResult.objects.exclude(year=2018, unit__name__in=list(PUBLISHED_UNITS_2018))
    assert invented.count() == 83 - 6
    assert not invented.filter(is_sample=False).exists()


@pytest.mark.parametrize(
    ("kind", "best", "second", "lowest"),
    [
        (Unit.Kind.DEPARTMENT, "Sở Tài chính", "Sở Giao thông vận tải", "Sở Y tế"),
        (
            Unit.Kind.DISTRICT,
            "UBND huyện Mường Tè",
            "UBND thành phố Lai Châu",
            "UBND huyện Phong Thổ",
        ),
    ],
)
def test_the_2018_ranking_keeps_the_published_order(demo, kind, best, second, lowest):
    ranking = list(UnitResult.objects.ranking(2018, kind))
    names = [result.unit.name for result in ranking]
    assert (names[0], names[1], names[-1]) == (best, second, lowest)
    assert [result.rank for result in ranking] == list(range(1, len(ranking) + 1))
    low, high = PUBLISHED_UNITS_2018[lowest], PUBLISHED_UNITS_2018[second]
    for result in ranking:
        if result.is_sample:
            assert low < result.score < high, result.unit.name


def test_2017_departments_compare_scores_and_2018_ranks(demo):
    """Ma Lù Thàng's first year makes the demo show both sides of the fair-comparison rule:
    19 departments ranked in 2016 and 20 in 2017, then 20 again in 2018."""
    departments = Unit.Kind.DEPARTMENT
    in_2017 = list(UnitResult.objects.ranking(2017, departments))
    latecomer = next(r for r in in_2017 if r.unit.name == MA_LU_THANG)
    others = [r for r in in_2017 if r is not latecomer]
    assert (latecomer.previous_year, latecomer.change) == (None, None)
    assert {(r.ranked_count, r.previous_ranked_count) for r in others} == {(20, 19)}
    assert {r.change.basis for r in others} == {"score"}
    finance = next(r for r in in_2017 if r.unit.name == "Sở Tài chính")
    assert (finance.change.signed, finance.change.previous_year) == (D("1.85"), 2016)
    in_2018 = list(UnitResult.objects.ranking(2018, departments))
    assert {r.change.basis for r in in_2018} == {"rank"}
    districts = UnitResult.objects.ranking(2017, Unit.Kind.DISTRICT)
    assert {r.change.basis for r in districts} == {"rank"}


def test_a_second_run_removes_an_invented_score_the_demo_no_longer_gives(demo):
    assert not UnitResult.objects.filter(unit__name__in=FORMED_IN_2025).exists()
    latecomer = Unit.objects.get(name=MA_LU_THANG)
    UnitResult.objects.create(unit=latecomer, year=2016, score=D("64.80"), is_sample=True)
    official = UnitResult.objects.create(unit=latecomer, year=2019, score=D("70.00"))

    call_command("load_demo", verbosity=0)

    assert sorted(latecomer.results.values_list("year", flat=True)) == [2017, 2018, 2019]
    assert UnitResult.objects.filter(pk=official.pk).exists()


def test_grade_thresholds_start_in_2016(demo):
    thresholds = GradeThresholds.objects.get()
    assert (
        thresholds.year,
        thresholds.good_from,
        thresholds.fair_from,
        thresholds.average_from,
    ) == (
        2016,
        80,
        70,
        50,
    )
    assert thresholds.grade(D("86.50")) == "good"
    assert thresholds.grade(D("65.04")) == "average"


def test_the_2022_targets_are_sample_and_show_met_and_missed(demo):
    assert not ProvinceTarget.objects.filter(is_sample=False).exists()
    latest = ProvinceResult.objects.latest_per_index()
    checks = [
        (r.index.code, r.score_target.met, r.score_target.signed_margin, r.rank_target.met)
        for r in latest
    ]
    assert checks == [
        ("PAR_INDEX", True, D("1.29"), True),
        ("SIPAS", False, D("-0.66"), False),
        ("PAPI", False, D("-1.31"), False),
        ("PCI", False, D("-0.95"), False),
    ]


@pytest.mark.parametrize("year", [2018, 2022])
def test_every_component_of_a_year_with_a_breakdown_has_a_sample_lead_unit(demo, year):
    assert not Responsibility.objects.filter(is_sample=False).exists()
    components = Component.objects.for_year(year)
    assert components.count() == 31
    for component in components:
        assert component.responsibilities.filter(year=year, role="lead").count() == 1, component
    # Supporting units too, here and there; every unit that answers is a department.
    assignments = Responsibility.objects.filter(year=year)
    assert assignments.filter(role="support").count() == {2018: 8, 2022: 11}[year]
    assert set(assignments.values_list("unit__kind", flat=True)) == {Unit.Kind.DEPARTMENT}


def test_the_weakest_components_of_2022_tell_their_own_story(demo):
    """The overview's three weakest are of 2022, across the indices, each with its sample lead
    unit; 2018's were e-governance, environmental governance and participation (PAPI)."""
    weakest = weakest_of_latest_year()
    assert [
        (item.province_result.year, item.component.index.code, item.component.name)
        for item in weakest
    ] == [
        (2022, "PAPI", "Quản trị điện tử"),
        (2022, "PCI", "Tiếp cận đất đai"),
        (2022, "PAR_INDEX", "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số"),
    ]
    assert [(item.lead_name, item.lead_is_sample) for item in weakest] == [
        ("Sở Thông tin và Truyền thông", True),
        ("Sở Tài nguyên và Môi trường", True),
        ("Sở Thông tin và Truyền thông", True),
    ]


def test_a_few_components_have_sample_provincial_averages_within_their_maxima(demo):
    with_average = ComponentResult.objects.filter(average_score__isnull=False).select_related(
        "component__index", "province_result"
    )
    assert {(r.component.index.code, r.component.name) for r in with_average} == {
        ("PCI", "Gia nhập thị trường"),
        ("PCI", "Tiếp cận đất đai"),
        ("PAR_INDEX", "Cải cách thủ tục hành chính"),
        ("PAR_INDEX", "Hiện đại hóa hành chính"),
        ("PAR_INDEX", "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số"),
    }
    # PCI 2015–2018 and 2022, PAR INDEX 2018 and 2022: two components each.
    assert len(with_average) == 5 * 2 + 2 * 2
    for result in with_average:
        assert result.is_sample
        assert 0 <= result.average_score <= result.component.maximum_score


def test_component_pages_show_earlier_leads_and_supporting_units(demo, client):
    responsibilities = Responsibility.objects.filter(year__lt=2018)
    assert not responsibilities.filter(is_sample=False).exists()
    assert set(responsibilities.values_list("component__index__code", flat=True)) == {"PCI"}
    response = client.get("/chi-so/pci/thanh-phan/gia-nhap-thi-truong/")
    assert response.status_code == 200
    rows = {row.year: row for row in response.context["results"]}
    assert [r.unit.name for r in rows[2017].supporting_units] == ["Sở Tư pháp"]
    assert rows[2017].lead_name == "Sở Kế hoạch và Đầu tư"
    assert rows[2015].lead_name is None
    assert rows[2018].difference_from_average == D("0.04")


def test_the_2018_unit_targets_are_sample_and_checked_against_the_published_scores(demo):
    assert not UnitTarget.objects.filter(is_sample=False).exists()
    checks = {}
    for result in UnitResult.objects.ranking(2018):
        if result.has_target:
            score, rank = result.score_target, result.rank_target
            checks[result.unit.name] = (
                score and (score.met, score.signed_margin),
                rank and (rank.met, rank.signed_margin),
            )
    assert checks == {
        "Sở Tài chính": ((True, D("1.50")), (True, 0)),
        "Sở Nội vụ": ((False, D("-0.90")), (False, -1)),
        "Sở Y tế": ((False, D("-4.96")), None),
        "UBND huyện Mường Tè": (None, (True, 0)),
        "UBND huyện Than Uyên": ((True, D("1.15")), None),
        "UBND huyện Phong Thổ": ((False, D("-3.81")), (False, -2)),
    }
    # Every demo target passes the checks staff entries go through.
    for target in UnitTarget.objects.select_related("unit"):
        target.full_clean()


NEW_PAR_FIELDS = [
    "Cải cách chế độ công vụ",
    "Cải cách tài chính công",
    "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số",
]
DIGITAL_GOVERNMENT = NEW_PAR_FIELDS[2]


def test_a_run_over_the_earlier_demo_updates_the_par_index_fields_in_place(demo):
    """The earlier demo had only the 2018–2020 fields, all ending in 2020 and numbered 1–8, and
    no 2022 breakdown or leads. A run brings such a database up to date: the fields that carry
    on keep their rows and addresses, the new ones are added once, nothing is duplicated."""
    counts = {model.__name__: model.objects.count() for model in MODELS}

    def par():
        return Component.objects.filter(index__code="PAR_INDEX")

    # The database as the earlier demo left it.
    Responsibility.objects.filter(year=2022).delete()
    ComponentResult.objects.filter(province_result__year=2022).delete()
    par().filter(name__in=NEW_PAR_FIELDS).delete()
    for order, component in enumerate(par().order_by("order"), start=1):
        component.order, component.last_year = order, 2020
        component.save()
    before = {c.name: (c.pk, c.slug) for c in par()}
    assert len(before) == 8 and not par().for_year(2022).exists()

    call_command("load_demo", verbosity=0)

    assert {model.__name__: model.objects.count() for model in MODELS} == counts
    after = {c.name: (c.pk, c.slug) for c in par()}
    assert {name: after[name] for name in before} == before
    assert len(after) == par().count() == 11
    # Renumbered so that each replaced field comes just before its successor.
    assert list(par().values_list("order", flat=True)) == list(range(1, 12))
    assert list(par().values_list("name", flat=True))[4:10] == [
        "Đội ngũ cán bộ, công chức, viên chức",
        NEW_PAR_FIELDS[0],
        "Đổi mới cơ chế tài chính",
        NEW_PAR_FIELDS[1],
        "Hiện đại hóa hành chính",
        NEW_PAR_FIELDS[2],
    ]
    carried_on = set(before) - {
        "Đội ngũ cán bộ, công chức, viên chức",
        "Đổi mới cơ chế tài chính",
        "Hiện đại hóa hành chính",
    }
    assert set(par().filter(last_year__isnull=True).values_list("name", flat=True)) == (
        carried_on | set(NEW_PAR_FIELDS)
    )
    assert after[DIGITAL_GOVERNMENT][1] == "xay-dung-va-phat-trien-chinh-phu-dien-tu-chinh-phu-so"
    scores = ComponentResult.objects.filter(
        province_result__index__code="PAR_INDEX", province_result__year=2022
    ).values_list("score", flat=True)
    assert (len(scores), sum(scores)) == (8, D("86.29"))


def test_the_overview_shows_the_weakest_components_of_2022_with_sample_lead_units(demo, client):
    response = client.get("/chi-so/")
    assert "Các thành phần yếu nhất năm 2022" in texts(response, "h2", "section-title")
    rows = table_rows(response, "Các thành phần yếu nhất năm 2022 và đơn vị chủ trì")
    assert rows == [
        ["Quản trị điện tử minh hoạ", "PAPI", "32,60 %", "Sở Thông tin và Truyền thông minh hoạ"],
        ["Tiếp cận đất đai minh hoạ", "PCI", "49,50 %", "Sở Tài nguyên và Môi trường minh hoạ"],
        [
            f"{DIGITAL_GOVERNMENT} minh hoạ",
            "PAR INDEX",
            "51,00 %",
            "Sở Thông tin và Truyền thông minh hoạ",
        ],
    ]
    links = attributes(response, "a", "data-table")
    assert {"href": "/chi-so/papi/?nam=2022#thanh-phan"} in links


def test_the_par_index_page_opens_on_the_2022_breakdown_and_its_weakest_fields(demo, client):
    response = client.get("/chi-so/par-index/")
    # The year shown is the current one among the year links.
    chosen = [
        node.text()
        for node in parse(response.content).find_all("strong")
        if node.attrs.get("aria-current") == "true"
    ]
    assert chosen == ["2022"]
    rows = table_rows(response, "PAR INDEX 2022")
    assert [(row[0], row[1], row[4]) for row in rows] == [
        ("Chỉ đạo, điều hành cải cách hành chính minh hoạ", "11,40", "Sở Nội vụ minh hoạ"),
        ("Văn bản quy phạm pháp luật minh hoạ", "8,42", "Sở Tư pháp minh hoạ"),
        ("Cải cách thủ tục hành chính minh hoạ", "12,22", "Văn phòng UBND tỉnh minh hoạ"),
        ("Cải cách tổ chức bộ máy minh hoạ", "8,55", "Sở Nội vụ minh hoạ"),
        ("Cải cách chế độ công vụ minh hoạ", "11,70", "Sở Nội vụ minh hoạ"),
        ("Cải cách tài chính công minh hoạ", "7,36", "Sở Tài chính minh hoạ"),
        (f"{DIGITAL_GOVERNMENT} minh hoạ", "7,14", "Sở Thông tin và Truyền thông minh hoạ"),
        ("Tác động của cải cách hành chính minh hoạ", "19,50", "Sở Nội vụ minh hoạ"),
    ]
    assert texts(response, "ol", "weakest-components") == [
        f"{DIGITAL_GOVERNMENT}: 51,00 % — đơn vị chủ trì: Sở Thông tin và Truyền thông minh hoạ"
        " Tác động của cải cách hành chính: 88,64 % — đơn vị chủ trì: Sở Nội vụ minh hoạ"
        " Cải cách chế độ công vụ: 90,00 % — đơn vị chủ trì: Sở Nội vụ minh hoạ"
    ]
    assert "Các thành phần yếu nhất năm 2022" in texts(response, "h3", "section-subtitle")
    # 2018 is still there, with the fields of its own method.
    earlier = table_rows(client.get("/chi-so/par-index/", {"nam": 2018}), "PAR INDEX 2018")
    assert [row[0] for row in earlier][4:7] == [
        "Đội ngũ cán bộ, công chức, viên chức minh hoạ",
        "Đổi mới cơ chế tài chính minh hoạ",
        "Hiện đại hóa hành chính minh hoạ",
    ]


def test_a_unit_profile_lists_the_components_it_leads_in_2022_with_their_2022_results(demo, client):
    unit = Unit.objects.get(name="Sở Thông tin và Truyền thông")
    rows = table_rows(client.get(unit.get_absolute_url()), "Các thành phần do")
    assert rows == [
        ["Quản trị điện tử minh hoạ", "PAPI", "2022", "3,26/10 minh hoạ", "32,60 %"],
        [f"{DIGITAL_GOVERNMENT} minh hoạ", "PAR INDEX", "2022", "7,14/14 minh hoạ", "51,00 %"],
        # Led in 2018, under the method that ended in 2020.
        ["Hiện đại hóa hành chính minh hoạ", "PAR INDEX", "2018", "8,10/12 minh hoạ", "67,50 %"],
    ]
    # Sở Nội vụ led PCI's informal charges in 2017 only: its profile shows that year's result,
    # not the 2022 one, which answers to Thanh tra tỉnh.
    home_affairs = Unit.objects.get(name="Sở Nội vụ")
    led = {c.name: c.latest_year for c in components_led_by(home_affairs)}
    assert led["Chi phí không chính thức"] == 2017
    assert led["Cải cách chế độ công vụ"] == 2022


def test_the_2025_mergers_link_each_successor_to_its_predecessors_history(demo, client):
    merged = Unit.objects.get(name="Sở Tài nguyên và Môi trường")
    assert (merged.end_year, merged.successor.name) == (2025, "Sở Nông nghiệp và Môi trường")

    successor = Unit.objects.get(name="Sở Nông nghiệp và Môi trường")
    page = " ".join(client.get(successor.get_absolute_url()).content.decode().split())
    assert "Chưa có kết quả nào của đơn vị này." in page
    for predecessor in successor.predecessors.all():
        assert f'href="{predecessor.get_absolute_url()}"' in page
    assert {p.name for p in successor.predecessors.all()} == {
        "Sở Tài nguyên và Môi trường",
        "Sở Nông nghiệp và Phát triển nông thôn",
    }
    # A merged department's own profile keeps its history and names its successor.
    page = client.get(merged.get_absolute_url()).content.decode()
    assert f'href="{successor.get_absolute_url()}"' in page
    assert "76,13" in page  # its 2018 score
    # The 2018 ranking still counts it: it existed then.
    assert client.get("/chi-so/xep-hang/2018/").content.decode().count(merged.name) >= 1


def test_a_second_run_keeps_the_successors(demo):
    call_command("load_demo", verbosity=0)
    assert Unit.objects.filter(successor__isnull=False).count() == 7


def test_the_2023_targets_are_listed_as_not_yet_assessed(demo, client):
    page = client.get("/chi-so/par-index/")
    items = parse(page.content).find("section", class_="targets-ahead").find_all("li")
    assert [" ".join(item.text().split()) for item in items] == [
        "năm 2023: 87,50 điểm; hạng 20 trở lên minh hoạ"
    ]
