from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.urls import resolve
from django.utils import translation

from indices.models import (
    Component,
    ComponentResult,
    Grade,
    GradeThresholds,
    ProvinceResult,
    RankChange,
    Unit,
    UnitResult,
    rank_change,
)
from tests.factories import (
    ComponentFactory,
    ComponentResultFactory,
    GradeThresholdsFactory,
    IndexFactory,
    ProvinceResultFactory,
    UnitFactory,
    UnitResultFactory,
)

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
# "Next year" is 2027 on this day, so 2027 is the last year a result may be entered for.
TODAY = datetime(2026, 6, 1, 9, 0, tzinfo=HANOI)

DEPARTMENT = Unit.Kind.DEPARTMENT
DISTRICT = Unit.Kind.DISTRICT


def d(value: str) -> Decimal:
    return Decimal(value)


def department(name: str) -> Unit:
    return UnitFactory(name=name, kind=DEPARTMENT)


def district(name: str) -> Unit:
    return UnitFactory(name=name, kind=DISTRICT)


def label(change: RankChange | None) -> str | None:
    return None if change is None else change.label


def rows(queryset) -> list[tuple]:
    """(unit, rank, previous rank, change) of results annotated by `with_rank()`."""
    return [(r.unit.name, r.rank, r.previous_rank, label(r.change)) for r in queryset]


# ----------------------------------------------------------------------------------------------
# Unit ranking


class TestUnitRanking:
    def test_tied_scores_share_a_rank_and_the_next_rank_skips(self):
        for name, score in [
            ("Sở Tài chính", "86.50"),
            ("Sở Nội vụ", "80.10"),
            ("Sở Tư pháp", "80.10"),
            ("Sở Y tế", "70.00"),
        ]:
            UnitResultFactory(unit=department(name), year=2018, score=d(score))

        ranking = UnitResult.objects.ranking(2018, DEPARTMENT)

        assert [(r.unit.name, r.score, r.rank) for r in ranking] == [
            ("Sở Tài chính", d("86.50"), 1),
            ("Sở Nội vụ", d("80.10"), 2),
            ("Sở Tư pháp", d("80.10"), 2),
            ("Sở Y tế", d("70.00"), 4),
        ]

    def test_a_tie_at_the_top_and_at_the_bottom(self):
        for name, score in [("A", "90"), ("B", "90"), ("C", "75"), ("D", "60"), ("E", "60")]:
            UnitResultFactory(unit=department(f"Sở {name}"), year=2019, score=d(score))

        ranks = [r.rank for r in UnitResult.objects.ranking(2019, DEPARTMENT)]

        assert ranks == [1, 1, 3, 4, 4]

    def test_departments_and_districts_are_ranked_separately_in_the_same_year(self):
        UnitResultFactory(unit=department("Sở Tài chính"), year=2018, score=d("86.50"))
        UnitResultFactory(unit=department("Sở Y tế"), year=2018, score=d("70.00"))
        UnitResultFactory(unit=district("UBND huyện Mường Tè"), year=2018, score=d("95.00"))
        UnitResultFactory(unit=district("UBND huyện Phong Thổ"), year=2018, score=d("80.00"))
        UnitResultFactory(unit=district("UBND huyện Sìn Hồ"), year=2018, score=d("60.00"))

        departments = UnitResult.objects.ranking(2018, DEPARTMENT)
        districts = UnitResult.objects.ranking(2018, DISTRICT)

        assert [(r.unit.name, r.rank) for r in departments] == [
            ("Sở Tài chính", 1),
            ("Sở Y tế", 2),
        ]
        assert [(r.unit.name, r.rank) for r in districts] == [
            ("UBND huyện Mường Tè", 1),
            ("UBND huyện Phong Thổ", 2),
            ("UBND huyện Sìn Hồ", 3),
        ]

    def test_other_years_do_not_affect_a_years_ranking(self):
        finance, health = department("Sở Tài chính"), department("Sở Y tế")
        UnitResultFactory(unit=finance, year=2018, score=d("86.50"))
        UnitResultFactory(unit=health, year=2018, score=d("70.00"))
        # Higher scores in the years around 2018, by a unit that has no 2018 result.
        newcomer = department("Sở Khoa học và Công nghệ")
        UnitResultFactory(unit=newcomer, year=2017, score=d("99.00"))
        UnitResultFactory(unit=newcomer, year=2019, score=d("99.00"))
        UnitResultFactory(unit=health, year=2019, score=d("98.00"))

        assert [(r.unit.name, r.rank) for r in UnitResult.objects.ranking(2018, DEPARTMENT)] == [
            ("Sở Tài chính", 1),
            ("Sở Y tế", 2),
        ]
        assert [(r.unit.name, r.rank) for r in UnitResult.objects.ranking(2019, DEPARTMENT)] == [
            ("Sở Khoa học và Công nghệ", 1),
            ("Sở Y tế", 2),
        ]

    def test_a_year_without_results_has_an_empty_ranking(self):
        UnitResultFactory(unit=department("Sở Tài chính"), year=2018)

        assert list(UnitResult.objects.ranking(2017, DEPARTMENT)) == []
        assert list(UnitResult.objects.ranking(2018, DISTRICT)) == []

    def test_a_unit_joining_makes_the_ranking_compare_scores_not_ranks(self):
        finance, home, health = (
            department("Sở Tài chính"),
            department("Sở Nội vụ"),
            department("Sở Y tế"),
        )
        for unit, score_2017, score_2018 in [
            (finance, "70.00", "86.50"),  # 3rd → 1st
            (home, "90.00", "80.00"),  # 1st → 2nd
            (health, "75.00", "70.00"),  # 2nd → 3rd
        ]:
            UnitResultFactory(unit=unit, year=2017, score=d(score_2017))
            UnitResultFactory(unit=unit, year=2018, score=d(score_2018))
        UnitResultFactory(unit=department("Sở Công Thương"), year=2018, score=d("70.00"))

        # 4 departments ranked in 2018, 3 in 2017: 1st of 4 and 3rd of 3 do not compare, so
        # each change is of the score (the previous rank is still known).
        assert rows(UnitResult.objects.ranking(2018, DEPARTMENT)) == [
            ("Sở Tài chính", 1, 3, "+16,50"),
            ("Sở Nội vụ", 2, 1, "\u221210,00"),
            ("Sở Y tế", 3, 2, "\u22125,00"),
            ("Sở Công Thương", 3, None, None),  # no earlier result
        ]

    def test_a_single_units_history_keeps_its_rank_among_all_its_peers(self):
        unit = department("Sở Tài chính")
        others = [department("Sở Nội vụ"), department("Sở Y tế")]
        scores = {  # year: (unit's score, the others' scores)
            2016: ("60.00", ("90.00", "80.00")),  # 3rd of 3
            2017: ("95.00", ("90.00", "80.00")),  # 1st
            2018: ("85.00", ("85.00", "90.00")),  # 2nd, tied
        }
        for year, (own, theirs) in scores.items():
            UnitResultFactory(unit=unit, year=year, score=d(own))
            for other, score in zip(others, theirs, strict=True):
                UnitResultFactory(unit=other, year=year, score=d(score))
        # A district scoring higher every year is not a peer of a department.
        mayor = district("UBND huyện Mường Tè")
        for year in scores:
            UnitResultFactory(unit=mayor, year=year, score=d("99.00"))

        history = UnitResult.objects.filter(unit=unit).with_rank().order_by("year")

        assert [(r.year, r.rank, r.previous_rank, label(r.change)) for r in history] == [
            (2016, 3, None, None),
            (2017, 1, 3, "▲2"),
            (2018, 2, 1, "▼1"),
        ]

    def test_filtering_to_one_year_of_one_unit_keeps_the_rank(self):
        unit = district("UBND huyện Phong Thổ")
        UnitResultFactory(unit=unit, year=2018, score=d("55.00"))
        UnitResultFactory(unit=unit, year=2017, score=d("65.00"))
        for name, score_2017, score_2018 in [("Tam Đường", "70", "90"), ("Sìn Hồ", "60", "80")]:
            other = district(f"UBND huyện {name}")
            UnitResultFactory(unit=other, year=2017, score=d(score_2017))
            UnitResultFactory(unit=other, year=2018, score=d(score_2018))

        result = UnitResult.objects.filter(unit=unit, year=2018).with_rank().get()

        assert (result.rank, result.previous_rank, label(result.change)) == (3, 2, "▼1")

    @pytest.mark.parametrize(
        "years, expected",
        [
            pytest.param([2018], [(2018, None, None)], id="first-year"),
            pytest.param([2016, 2018], [(2016, None, None), (2018, 1, "=")], id="gap"),
            pytest.param([2017, 2018], [(2017, None, None), (2018, 1, "=")], id="consecutive"),
        ],
    )
    def test_previous_rank_is_of_the_previous_year_with_a_result(self, years, expected):
        unit = department("Sở Tài chính")
        for year in years:
            UnitResultFactory(unit=unit, year=year, score=d("90.00"))
            UnitResultFactory(unit=department(f"Sở khác {year}"), year=year, score=d("50.00"))

        history = UnitResult.objects.filter(unit=unit).with_rank().order_by("year")

        assert [(r.year, r.previous_rank, label(r.change)) for r in history] == expected

    def test_years_lists_each_year_with_results_once_newest_first(self):
        for year in (2017, 2019, 2018):
            UnitResultFactory(unit=department(f"Sở {year}a"), year=year)
            UnitResultFactory(unit=district(f"Huyện {year}b"), year=year)

        assert UnitResult.objects.years() == [2019, 2018, 2017]


# ----------------------------------------------------------------------------------------------
# Change arrows


class TestRankChange:
    @pytest.mark.parametrize(
        "previous, rank, direction, places, text",
        [
            pytest.param(63, 26, RankChange.UP, 37, "▲37", id="papi-2018-up"),
            pytest.param(57, 58, RankChange.DOWN, 1, "▼1", id="par-index-2018-down"),
            pytest.param(2, 1, RankChange.UP, 1, "▲1", id="up-one"),
            pytest.param(1, 63, RankChange.DOWN, 62, "▼62", id="first-to-last"),
            pytest.param(40, 40, RankChange.SAME, 0, "=", id="same"),
        ],
    )
    def test_change_between_two_ranks(self, previous, rank, direction, places, text):
        change = rank_change(previous, rank)

        assert (change.direction, change.places, change.label, str(change)) == (
            direction,
            places,
            text,
            text,
        )
        assert change.symbol == text[0]

    @pytest.mark.parametrize(
        "previous, rank",
        [(None, 26), (63, None), (None, None)],
        ids=["no-previous", "no-rank", "neither"],
    )
    def test_no_change_without_both_ranks(self, previous, rank):
        assert rank_change(previous, rank) is None

    def test_latest_per_index_gives_each_indexs_latest_year_and_change(self):
        par = IndexFactory(code="PAR_INDEX", abbreviation="PAR INDEX", order=1)
        sipas = IndexFactory(code="SIPAS", abbreviation="SIPAS", order=2)
        papi = IndexFactory(code="PAPI", abbreviation="PAPI", maximum_score=d("80"), order=3)
        pci = IndexFactory(code="PCI", abbreviation="PCI", order=4)
        IndexFactory(code="NEW_INDEX", order=5)  # no results at all: not listed
        ProvinceResultFactory(index=par, year=2017, score=None, rank=57)
        ProvinceResultFactory(index=par, year=2018, score=d("72.23"), rank=58)
        ProvinceResultFactory(index=sipas, year=2018, score=d("81.50"), rank=40)  # first year
        ProvinceResultFactory(index=papi, year=2016, score=d("35.00"), rank=60)
        ProvinceResultFactory(index=papi, year=2017, score=d("33.00"), rank=63)
        ProvinceResultFactory(index=papi, year=2018, score=d("44.42"), rank=26)
        ProvinceResultFactory(index=pci, year=2016, score=d("55.00"), rank=50)
        ProvinceResultFactory(index=pci, year=2018, score=d("60.00"), rank=45)  # no 2017

        latest = ProvinceResult.objects.latest_per_index()

        assert [
            (r.index.code, r.year, r.score, r.rank, r.previous_rank, label(r.change))
            for r in latest
        ] == [
            ("PAR_INDEX", 2018, d("72.23"), 58, 57, "▼1"),
            ("SIPAS", 2018, d("81.50"), 40, None, None),
            ("PAPI", 2018, d("44.42"), 26, 63, "▲37"),
            # No 2017: compared with 2016, the previous year with data (issue 12).
            ("PCI", 2018, d("60.00"), 45, 50, "▲5"),
        ]

    def test_latest_year_can_differ_between_indices(self):
        old = IndexFactory(code="OLD", order=1)
        new = IndexFactory(code="NEW", order=2)
        ProvinceResultFactory(index=old, year=2015, rank=10)
        ProvinceResultFactory(index=old, year=2016, rank=10)
        ProvinceResultFactory(index=new, year=2019, rank=5)
        ProvinceResultFactory(index=new, year=2020, rank=8)

        latest = ProvinceResult.objects.latest_per_index()

        assert [(r.index.code, r.year, label(r.change)) for r in latest] == [
            ("OLD", 2016, "="),
            ("NEW", 2020, "▼3"),
        ]

    def test_a_previous_year_known_only_by_score_gives_no_change(self):
        index = IndexFactory(code="PAR_INDEX")
        ProvinceResultFactory(index=index, year=2017, score=d("70.00"), rank=None)
        ProvinceResultFactory(index=index, year=2018, score=d("72.23"), rank=58)

        (latest,) = ProvinceResult.objects.latest_per_index()

        assert (latest.year, latest.previous_rank, latest.change) == (2018, None, None)

    def test_change_is_none_on_a_row_without_previous_rank_annotation(self):
        result = ProvinceResultFactory(rank=58)

        assert result.change is None


# ----------------------------------------------------------------------------------------------
# Grades


class TestGradeThresholds:
    @pytest.mark.parametrize(
        "score, grade",
        [
            ("100.00", Grade.GOOD),
            ("85.00", Grade.GOOD),  # exactly good_from
            ("84.99", Grade.FAIR),
            ("70.00", Grade.FAIR),  # exactly fair_from
            ("69.99", Grade.AVERAGE),
            ("50.00", Grade.AVERAGE),  # exactly average_from
            ("49.99", Grade.WEAK),
            ("0.00", Grade.WEAK),
        ],
    )
    def test_a_score_equal_to_a_threshold_reaches_that_class(self, score, grade):
        GradeThresholdsFactory(
            year=2018, good_from=d("85.00"), fair_from=d("70.00"), average_from=d("50.00")
        )
        thresholds = GradeThresholds.objects.get(year=2018)  # values as stored

        assert thresholds.grade(d(score)) == grade
        assert GradeThresholds.objects.lookup().grade(2018, d(score)) == grade

    @pytest.mark.parametrize(
        "score, grade",
        [
            ("86.50", Grade.GOOD),
            ("86.49", Grade.FAIR),
            ("56.25", Grade.AVERAGE),
            ("56.24", Grade.WEAK),
        ],
    )
    def test_thresholds_with_hundredths_grade_a_stored_score(self, score, grade):
        GradeThresholdsFactory(
            year=2018, good_from=d("86.50"), fair_from=d("70.00"), average_from=d("56.25")
        )
        result = UnitResultFactory(year=2018, score=d(score))
        result.refresh_from_db()

        assert GradeThresholds.objects.lookup().grade(result.year, result.score) == grade

    @pytest.mark.parametrize(
        "year, thresholds_year",
        [(2014, None), (2015, 2015), (2018, 2015), (2019, 2019), (2026, 2019)],
    )
    def test_for_year_uses_the_latest_thresholds_at_or_before_the_year(self, year, thresholds_year):
        GradeThresholdsFactory(
            year=2019, good_from=d("90"), fair_from=d("75"), average_from=d("55")
        )
        GradeThresholdsFactory(
            year=2015, good_from=d("80"), fair_from=d("70"), average_from=d("50")
        )

        found = GradeThresholds.objects.lookup().for_year(year)

        assert (found.year if found else None) == thresholds_year

    @pytest.mark.parametrize(
        "year, score, grade",
        [
            (2014, "95", None),  # before the first thresholds: no class at all
            (2018, "82", Grade.GOOD),
            (2018, "72", Grade.FAIR),
            (2018, "52", Grade.AVERAGE),
            (2019, "82", Grade.FAIR),
            (2019, "72", Grade.AVERAGE),
            (2019, "52", Grade.WEAK),
            (2022, "82", Grade.FAIR),
        ],
    )
    def test_a_later_thresholds_row_replaces_them_for_later_years_only(self, year, score, grade):
        GradeThresholdsFactory(
            year=2015, good_from=d("80"), fair_from=d("70"), average_from=d("50")
        )
        GradeThresholdsFactory(
            year=2019, good_from=d("90"), fair_from=d("75"), average_from=d("55")
        )

        assert GradeThresholds.objects.lookup().grade(year, d(score)) == grade

    def test_lookup_reads_all_thresholds_in_one_query(self, django_assert_num_queries):
        for year in (2015, 2017, 2019):
            GradeThresholdsFactory(year=year)

        with django_assert_num_queries(1):
            lookup = GradeThresholds.objects.lookup()
        with django_assert_num_queries(0):
            grades = [lookup.grade(year, d("75")) for year in range(2014, 2021)]

        assert grades == [None] + [Grade.FAIR] * 6


# ----------------------------------------------------------------------------------------------
# Components that change with the method


class TestComponentYears:
    @pytest.fixture
    def papi(self):
        papi = IndexFactory(code="PAPI", maximum_score=d("80"))
        for name in [
            "Tham gia của người dân ở cấp cơ sở",
            "Công khai, minh bạch",
            "Trách nhiệm giải trình với người dân",
            "Kiểm soát tham nhũng trong khu vực công",
            "Thủ tục hành chính công",
            "Cung ứng dịch vụ công",
        ]:
            ComponentFactory(index=papi, name=name)
        for name in ["Quản trị môi trường", "Quản trị điện tử"]:
            ComponentFactory(index=papi, name=name, first_year=2018)
        return papi

    @pytest.mark.parametrize("year, count", [(2011, 6), (2017, 6), (2018, 8), (2024, 8)])
    def test_papi_has_six_dimensions_before_2018_and_eight_from_2018(self, papi, year, count):
        ComponentFactory(name="Of another index")  # never counted for PAPI

        components = Component.objects.filter(index=papi).for_year(year)

        assert components.count() == count
        assert {c.name for c in components} >= {"Công khai, minh bạch", "Cung ứng dịch vụ công"}
        assert ("Quản trị điện tử" in {c.name for c in components}) is (year >= 2018)

    @pytest.mark.parametrize(
        "first_year, last_year, year, applies",
        [
            (None, None, 2000, True),
            (2018, None, 2017, False),
            (2018, None, 2018, True),
            (None, 2017, 2017, True),
            (None, 2017, 2018, False),
            (2012, 2016, 2011, False),
            (2012, 2016, 2012, True),
            (2012, 2016, 2016, True),
            (2012, 2016, 2017, False),
        ],
    )
    def test_applies_in_and_for_year_agree_at_the_boundaries(
        self, first_year, last_year, year, applies
    ):
        component = ComponentFactory(first_year=first_year, last_year=last_year)

        assert component.applies_in(year) is applies
        assert Component.objects.for_year(year).filter(pk=component.pk).exists() is applies


# ----------------------------------------------------------------------------------------------
# Validation


def message_dict(instance) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return caught.value.message_dict


def province_result(**kwargs) -> ProvinceResult:
    values = {"year": 2018, "score": d("72.23"), "rank": 58, "provinces_ranked": 63}
    values.update(kwargs)
    if "index" not in values:
        values["index"] = IndexFactory(code="PAR_INDEX", maximum_score=d("100"))
    return ProvinceResult(**values)


def papi_result(**kwargs) -> ProvinceResult:
    return province_result(index=IndexFactory(code="PAPI", maximum_score=d("80")), **kwargs)


def unit_result(**kwargs) -> UnitResult:
    values = {"year": 2018, "score": d("86.50")}
    values.update(kwargs)
    if "unit" not in values:
        values["unit"] = UnitFactory(name="Sở Tài chính")
    return UnitResult(**values)


def component_result(score="5.00", year=2018, **component) -> ComponentResult:
    result = ProvinceResultFactory(
        index=IndexFactory(code="PAPI", maximum_score=d("80")), year=year
    )
    component.setdefault("index", result.index)
    component.setdefault("maximum_score", d("10"))
    return ComponentResult(
        province_result=result, component=ComponentFactory(**component), score=d(score)
    )


def existing_province_result_same_year() -> ProvinceResult:
    existing = ProvinceResultFactory(index=IndexFactory(code="PAR_INDEX"), year=2018)
    return province_result(index=existing.index, year=2018, score=d("70.00"), rank=50)


def existing_unit_result_same_year() -> UnitResult:
    existing = UnitResultFactory(year=2018)
    return unit_result(unit=existing.unit, year=2018, score=d("75.00"))


def thresholds(good, fair, average) -> GradeThresholds:
    return GradeThresholds(year=2018, good_from=d(good), fair_from=d(fair), average_from=d(average))


INVALID = [
    # ProvinceResult
    pytest.param(lambda: province_result(score=d("100.01")), "score", "100", id="score-above-100"),
    pytest.param(lambda: papi_result(score=d("80.01")), "score", "80", id="papi-score-above-80"),
    pytest.param(lambda: province_result(score=d("-0.01")), "score", "0", id="score-negative"),
    pytest.param(
        lambda: province_result(score=None, rank=None), "score", "rank", id="no-score-nor-rank"
    ),
    pytest.param(lambda: province_result(rank=0), "rank", "63", id="rank-0"),
    pytest.param(lambda: province_result(rank=64), "rank", "63", id="rank-64-of-63"),
    pytest.param(
        lambda: province_result(rank=31, provinces_ranked=30), "rank", "30", id="rank-31-of-30"
    ),
    pytest.param(lambda: province_result(year=1999), "year", "2000", id="year-1999"),
    pytest.param(lambda: province_result(year=2028), "year", "2027", id="year-after-next"),
    pytest.param(existing_province_result_same_year, "year", "2018", id="duplicate-index-year"),
    # UnitResult
    pytest.param(lambda: unit_result(score=d("100.01")), "score", "100", id="unit-score-100.01"),
    pytest.param(lambda: unit_result(score=d("-1")), "score", "0", id="unit-score-negative"),
    pytest.param(lambda: unit_result(year=1999), "year", "2000", id="unit-year-1999"),
    pytest.param(lambda: unit_result(year=2028), "year", "2027", id="unit-year-after-next"),
    pytest.param(existing_unit_result_same_year, "year", "2018", id="duplicate-unit-year"),
    # ComponentResult
    pytest.param(
        lambda: component_result(index=IndexFactory(code="PCI")),
        "component",
        "another index",
        id="component-of-another-index",
    ),
    pytest.param(
        lambda: component_result(year=2017, first_year=2018),
        "component",
        "2017",
        id="component-not-yet-applying",
    ),
    pytest.param(
        lambda: component_result(year=2018, last_year=2017),
        "component",
        "2018",
        id="component-no-longer-applying",
    ),
    pytest.param(lambda: component_result(score="10.01"), "score", "10", id="above-component-max"),
    pytest.param(lambda: component_result(score="-0.01"), "score", "0", id="component-negative"),
    # Component, Index, GradeThresholds
    pytest.param(
        lambda: ComponentFactory.build(index=IndexFactory(), first_year=2018, last_year=2017),
        "last_year",
        "first year",
        id="component-years-reversed",
    ),
    pytest.param(
        lambda: IndexFactory.build(code="par index"), "code", "capital", id="index-code-lowercase"
    ),
    pytest.param(
        lambda: thresholds("70", "70", "50"), NON_FIELD_ERRORS, "Good", id="good-equal-to-fair"
    ),
    pytest.param(
        lambda: thresholds("60", "70", "50"), NON_FIELD_ERRORS, "Good", id="good-below-fair"
    ),
    pytest.param(
        lambda: thresholds("80", "50", "50"), NON_FIELD_ERRORS, "Fair", id="fair-equal-to-average"
    ),
    pytest.param(lambda: thresholds("100.01", "70", "50"), "good_from", "100", id="good-above-100"),
]

VALID = [
    pytest.param(lambda: province_result(score=d("100.00")), id="score-equal-to-maximum"),
    pytest.param(lambda: papi_result(score=d("80.00")), id="papi-score-80"),
    pytest.param(lambda: province_result(score=d("0.00")), id="score-0"),
    pytest.param(lambda: province_result(score=None, rank=58), id="rank-only"),
    pytest.param(lambda: province_result(score=d("72.23"), rank=None), id="score-only"),
    pytest.param(lambda: province_result(rank=1), id="rank-1"),
    pytest.param(lambda: province_result(rank=63), id="rank-63-of-63"),
    pytest.param(lambda: province_result(rank=64, provinces_ranked=70), id="rank-64-of-70"),
    pytest.param(lambda: province_result(year=2000), id="year-2000"),
    pytest.param(lambda: province_result(year=2027), id="next-year"),
    pytest.param(lambda: unit_result(score=d("100.00")), id="unit-score-100"),
    pytest.param(lambda: unit_result(score=d("0.00")), id="unit-score-0"),
    pytest.param(lambda: unit_result(year=2027), id="unit-next-year"),
    pytest.param(lambda: component_result(score="10.00"), id="component-score-maximum"),
    pytest.param(
        lambda: component_result(year=2018, first_year=2018, last_year=2018),
        id="component-applying-that-year-only",
    ),
    pytest.param(lambda: thresholds("80.01", "80", "0"), id="thresholds-in-order"),
]


@pytest.fixture
def today(time_machine):
    time_machine.move_to(TODAY, tick=False)


@pytest.mark.usefixtures("today")
class TestValidation:
    @pytest.mark.parametrize("build, field, mentions", INVALID)
    def test_each_rule_reports_its_own_field(self, build, field, mentions):
        instance = build()

        with translation.override("en"):
            errors = message_dict(instance)

        assert list(errors) == [field]
        assert errors[field] and all(message.strip() for message in errors[field])
        assert any(mentions in message for message in errors[field]), errors

    @pytest.mark.parametrize("build", VALID)
    def test_values_at_the_limits_are_accepted(self, build):
        build().full_clean()

    def test_saving_again_is_not_a_duplicate_of_itself(self):
        result = ProvinceResultFactory(index=IndexFactory(code="PAR_INDEX"), year=2018)
        unit_result = UnitResultFactory(year=2018)
        result.note = "Công bố ngày 2/4/2019"
        unit_result.note = "Đã rà soát"

        result.full_clean()
        unit_result.full_clean()

    def test_the_same_year_of_another_index_or_unit_is_no_duplicate(self):
        ProvinceResultFactory(index=IndexFactory(code="PAR_INDEX"), year=2018)
        UnitResultFactory(year=2018)

        province_result(index=IndexFactory(code="SIPAS"), year=2018).full_clean()
        unit_result(unit=UnitFactory(name="Sở Y tế"), year=2018).full_clean()

    def test_the_year_limit_moves_with_the_calendar(self, time_machine):
        result = unit_result(year=2028)
        with pytest.raises(ValidationError):
            result.full_clean()

        time_machine.move_to(datetime(2027, 1, 1, 0, 0, tzinfo=HANOI), tick=False)

        result.full_clean()


def violates(build):
    """Write straight to the database, bypassing validation."""
    with pytest.raises(IntegrityError), transaction.atomic():
        build()


class TestDatabaseConstraints:
    @pytest.mark.parametrize(
        "build",
        [
            pytest.param(
                lambda: ProvinceResult.objects.create(
                    index=IndexFactory(), year=2018, score=d("72.23"), rank=64, provinces_ranked=63
                ),
                id="rank-64-of-63",
            ),
            pytest.param(lambda: ProvinceResultFactory(rank=0), id="rank-0"),
            pytest.param(lambda: ProvinceResultFactory(score=d("-1")), id="negative-score"),
            pytest.param(
                lambda: ProvinceResultFactory(score=None, rank=None), id="no-score-nor-rank"
            ),
            pytest.param(lambda: ProvinceResultFactory(year=1999), id="year-1999"),
            pytest.param(
                lambda: ProvinceResultFactory(
                    year=2018, index=ProvinceResultFactory(year=2018).index
                ),
                id="duplicate-index-year",
            ),
            pytest.param(lambda: UnitResultFactory(score=d("101")), id="unit-score-101"),
            pytest.param(lambda: UnitResultFactory(score=d("-1")), id="unit-score-negative"),
            pytest.param(lambda: UnitResultFactory(year=1999), id="unit-year-1999"),
            pytest.param(
                lambda: UnitResultFactory(year=2018, unit=UnitResultFactory(year=2018).unit),
                id="duplicate-unit-year",
            ),
            pytest.param(lambda: ComponentResultFactory(score=d("-1")), id="component-negative"),
            pytest.param(
                lambda: ComponentFactory(first_year=2018, last_year=2017), id="component-years"
            ),
            pytest.param(lambda: IndexFactory(maximum_score=d("0")), id="index-maximum-0"),
            pytest.param(
                lambda: GradeThresholdsFactory(good_from=d("70"), fair_from=d("70")),
                id="thresholds-good-equal-to-fair",
            ),
            pytest.param(
                lambda: GradeThresholdsFactory(fair_from=d("50"), average_from=d("50")),
                id="thresholds-fair-equal-to-average",
            ),
        ],
    )
    def test_constraints_hold_when_validation_is_bypassed(self, build):
        violates(build)

    def test_a_rejected_write_leaves_the_table_unchanged(self):
        ProvinceResultFactory(year=2017, rank=57)

        violates(lambda: ProvinceResultFactory(year=2018, rank=64))

        assert list(ProvinceResult.objects.values_list("year", "rank")) == [(2017, 57)]

    def test_the_same_rank_with_more_provinces_ranked_is_accepted(self):
        result = ProvinceResult.objects.create(
            index=IndexFactory(), year=2018, score=d("72.23"), rank=64, provinces_ranked=64
        )

        assert ProvinceResult.objects.get(pk=result.pk).rank == 64


# ----------------------------------------------------------------------------------------------
# Slugs, names and addresses


class TestNamesAndSlugs:
    @pytest.mark.parametrize(
        "code, slug", [("PAR_INDEX", "par-index"), ("SIPAS", "sipas"), ("PCI_2", "pci-2")]
    )
    def test_index_slug_is_made_from_the_code(self, code, slug):
        assert IndexFactory(code=code).slug == slug

    @pytest.mark.parametrize(
        "name, slug",
        [
            ("UBND huyện Mường Tè", "ubnd-huyen-muong-te"),
            ("UBND thành phố Lai Châu", "ubnd-thanh-pho-lai-chau"),
            ("Sở Tài chính", "so-tai-chinh"),
            ("Sở Giáo dục và Đào tạo", "so-giao-duc-va-dao-tao"),
        ],
    )
    def test_unit_slug_is_made_from_its_vietnamese_name(self, name, slug):
        assert UnitFactory(name=name).slug == slug

    def test_a_slug_typed_in_is_kept_and_a_taken_one_gets_a_suffix(self):
        assert IndexFactory(code="PAR_INDEX", slug="chi-so-cai-cach").slug == "chi-so-cai-cach"
        UnitFactory(name="Sở Nội vụ", slug="so-tai-chinh")

        assert UnitFactory(name="Sở Tài chính").slug == "so-tai-chinh-2"

    @pytest.mark.parametrize("slug", ["xep-hang", "don-vi"])
    def test_an_index_cannot_take_the_address_of_another_page(self, slug):
        index = IndexFactory.build(code="XEP_HANG", slug=slug, name="x", abbreviation="x")
        with pytest.raises(ValidationError) as raised:
            index.full_clean()
        assert set(raised.value.message_dict) == {"slug"}

    def test_renaming_keeps_the_slug(self):
        unit = UnitFactory(name="UBND huyện Mường Tè")
        unit.name = "UBND xã Mường Tè"
        unit.save()

        assert Unit.objects.get(pk=unit.pk).slug == "ubnd-huyen-muong-te"

    def test_str(self):
        papi = IndexFactory(code="PAPI", abbreviation="PAPI", maximum_score=d("80"))
        component = ComponentFactory(index=papi, name="Quản trị điện tử")
        province = ProvinceResultFactory(index=papi, year=2018, score=d("44.42"), rank=26)
        unit = UnitFactory(name="UBND huyện Mường Tè", kind=DISTRICT)
        ComponentResultFactory(province_result=province, component=component, score=d("3.5"))

        with translation.override("en"):
            assert [
                str(papi),
                str(component),
                str(province),
                str(ComponentResult.objects.get()),
                str(unit),
                str(UnitResultFactory(unit=unit, year=2018)),
                str(GradeThresholdsFactory(year=2015)),
            ] == [
                "PAPI",
                "Quản trị điện tử",
                "PAPI 2018",
                "Quản trị điện tử: 3.50",
                "UBND huyện Mường Tè",
                "UBND huyện Mường Tè 2018",
                "Grade thresholds from 2015",
            ]


class TestAbsoluteUrls:
    """The public pages of an index and of a unit (urls written alongside the views)."""

    def test_index_and_its_yearly_result_point_to_the_index_page(self):
        index = IndexFactory(code="PAR_INDEX")
        result = ProvinceResultFactory(index=index, year=2018)

        match = resolve(index.get_absolute_url())

        assert (match.namespace, match.url_name, match.kwargs) == (
            "indices",
            "index-detail",
            {"slug": "par-index"},
        )
        assert result.get_absolute_url() == f"{index.get_absolute_url()}?nam=2018"

    def test_unit_points_to_its_profile(self):
        unit = UnitFactory(name="UBND huyện Mường Tè")

        match = resolve(unit.get_absolute_url())

        assert (match.namespace, match.url_name, match.kwargs) == (
            "indices",
            "unit-detail",
            {"slug": "ubnd-huyen-muong-te"},
        )
