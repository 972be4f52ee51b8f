"""Fair comparisons (issue 12): a unit's change compares its rank with that of its previous year
with a result only when both years ranked as many units of its kind; otherwise it shows the
change of score and says why, on the page and in the open data (the admin: test_admin.py)."""

import csv
import io
import json
from decimal import Decimal

import pytest

from core.models import SiteSettings
from indices.models import RankChange, ScoreChange, Unit, UnitResult, unit_change
from tests.factories import GradeThresholdsFactory, UnitFactory, UnitResultFactory
from tests.html_tools import Node, parse
from tests.indices.test_views import count_queries

pytestmark = pytest.mark.django_db
D = Decimal
WHY = (
    "So sánh điểm vì số đơn vị được xếp hạng khác nhau: {count} đơn vị năm {year}, "
    "{previous_count} đơn vị năm {previous_year}"
)


def scores(year: int, by_name: dict[str, str], kind=Unit.Kind.DEPARTMENT):
    for name, score in by_name.items():
        unit = Unit.objects.filter(name=name).first() or UnitFactory(name=name, kind=kind)
        UnitResultFactory(unit=unit, year=year, score=D(score))


def change_of(name: str, year: int):
    return UnitResult.objects.filter(unit__name=name, year=year).with_rank().get().change


def seen(node: Node) -> str:
    """What a sighted reader sees: text neither hidden from view nor only for screen readers."""
    return " ".join(_text(node, skip=("visually-hidden",), skip_aria_hidden=False).split())


def heard(node: Node) -> str:
    """What a screen reader reads: everything but aria-hidden text."""
    return " ".join(_text(node, skip=(), skip_aria_hidden=True).split())


def _text(node: Node, *, skip, skip_aria_hidden) -> str:
    classes = (node.attrs.get("class") or "").split()
    if any(name in classes for name in skip) or (
        skip_aria_hidden and node.attrs.get("aria-hidden") == "true"
    ):
        return ""
    return "".join(
        child
        if isinstance(child, str)
        else _text(child, skip=skip, skip_aria_hidden=skip_aria_hidden)
        for child in node.children
    )


def caption(response, caption_start: str) -> Node:
    tree = parse(response.content)
    return next(c for c in tree.find_all("caption") if c.text().startswith(caption_start))


def change_cells(response, caption_start: str) -> dict[str, Node]:
    """The change cell of each row of a ranking table, by unit name."""
    tree = parse(response.content)
    table = next(
        t
        for t in tree.find_all("table", class_="data-table")
        if t.find("caption").text().startswith(caption_start)
    )
    return {
        row.find("th").find("a").text(): row.element_children[-1]
        for row in table.find("tbody").find_all("tr")
    }


# ----------------------------------------------------------------------------------------------
# The rule (indices/models/changes.py)


class TestUnitChangeRule:
    def base(self, **overrides):
        values = {
            "year": 2018,
            "rank": 2,
            "ranked": 20,
            "score": D("80.00"),
            "previous_year": 2017,
            "previous_rank": 5,
            "previous_ranked": 20,
            "previous_score": D("77.65"),
        }
        return unit_change(**{**values, **overrides})

    def test_same_number_ranked_compares_ranks(self):
        assert self.base() == RankChange(RankChange.UP, 3, None)

    def test_another_number_ranked_compares_scores(self):
        change = self.base(previous_ranked=19)
        assert isinstance(change, ScoreChange)
        assert (change.basis, change.direction, change.points, change.signed) == (
            "score",
            "up",
            D("2.35"),
            D("2.35"),
        )
        assert change.label == "+2,35"
        assert change.reason == WHY.format(
            count=20, year=2018, previous_count=19, previous_year=2017
        )

    @pytest.mark.parametrize(
        ("previous_score", "direction", "label", "signed"),
        [
            ("81.10", "down", "\u22121,10", D("-1.10")),
            ("80.00", "same", "±0,00", D("0.00")),
        ],
    )
    def test_a_lower_or_equal_score(self, previous_score, direction, label, signed):
        change = self.base(previous_ranked=21, previous_score=D(previous_score))
        assert (change.direction, change.label, change.signed) == (direction, label, signed)

    def test_across_a_gap_the_earlier_year_is_named(self):
        assert self.base(previous_year=2015).since == 2015
        assert self.base(previous_year=2015, previous_ranked=3).since == 2015
        assert self.base(previous_ranked=3).since is None

    def test_no_earlier_result_no_change(self):
        assert self.base(previous_year=None, previous_rank=None, previous_score=None) is None


# ----------------------------------------------------------------------------------------------
# Through the ranking query: previous year with data, counts of units that existed


class TestAnnotations:
    def test_the_previous_year_with_a_result_skips_years_without_one(self):
        scores(2015, {"Sở Tài chính": "70.00", "Sở Y tế": "80.00"})
        scores(2017, {"Sở Y tế": "60.00", "Sở Nội vụ": "65.00"})  # Tài chính not assessed
        scores(2018, {"Sở Tài chính": "90.00", "Sở Y tế": "85.00"})

        result = UnitResult.objects.ranking(2018).get(unit__name="Sở Tài chính")

        assert (
            result.previous_year,
            result.previous_rank,
            result.previous_ranked_count,
            result.previous_score,
        ) == (2015, 2, 2, D("70.00"))
        assert result.change == RankChange(RankChange.UP, 1, since=2015)
        # Sở Y tế's previous year is 2017: 2nd of 2 then and now.
        health = UnitResult.objects.ranking(2018).get(unit__name="Sở Y tế")
        assert (health.previous_year, health.change) == (2017, RankChange(RankChange.SAME, 0))

    def test_a_merged_unit_leaves_the_later_years_counts(self):
        planning = UnitFactory(name="Sở Kế hoạch và Đầu tư", end_year=2024)
        UnitResultFactory(unit=planning, year=2024, score=D("90.00"))
        # A row after its last year (entered before the merger was recorded) is not counted.
        UnitResult.objects.create(unit=planning, year=2025, score=D("99.00"))
        scores(2024, {"Sở Tài chính": "80.00", "Sở Y tế": "70.00"})
        scores(2025, {"Sở Tài chính": "85.00", "Sở Y tế": "75.00"})
        scores(2026, {"Sở Tài chính": "84.00", "Sở Y tế": "86.00"})

        in_2025 = {r.unit.name: r for r in UnitResult.objects.ranking(2025)}
        assert set(in_2025) == {"Sở Tài chính", "Sở Y tế"}
        finance = in_2025["Sở Tài chính"]
        assert (finance.rank, finance.ranked_count) == (1, 2)
        assert (finance.previous_rank, finance.previous_ranked_count) == (2, 3)
        # 1st of 2 is not "up one place" from 2nd of 3: the score is compared.
        assert (finance.change.basis, finance.change.signed) == ("score", D("5.00"))
        # 2026 ranks 2, as 2025 did: ranks again.
        assert change_of("Sở Tài chính", 2026) == RankChange(RankChange.DOWN, 1, None)

    def test_one_unit_filtered_alone_keeps_its_counts(self):
        scores(2017, {"Sở Tài chính": "70.00", "Sở Y tế": "80.00"})
        scores(2018, {"Sở Tài chính": "90.00", "Sở Y tế": "85.00", "Sở Nội vụ": "50.00"})

        change = change_of("Sở Tài chính", 2018)

        assert (change.basis, change.signed, change.previous_ranked, change.ranked) == (
            "score",
            D("20.00"),
            2,
            3,
        )


# ----------------------------------------------------------------------------------------------
# Pages


@pytest.fixture
def ranking(db):
    """2016: 2 departments and 2 districts; 2017: none; 2018: 3 departments (Sở Nội vụ new)
    and the same 2 districts."""
    GradeThresholdsFactory(year=2015)
    scores(2016, {"Sở Tài chính": "80.00", "Sở Y tế": "82.50"})
    scores(2018, {"Sở Tài chính": "86.50", "Sở Y tế": "81.40", "Sở Nội vụ": "70.00"})
    districts = Unit.Kind.DISTRICT
    scores(2016, {"UBND huyện Mường Tè": "70.00", "UBND huyện Sìn Hồ": "75.00"}, districts)
    scores(2018, {"UBND huyện Mường Tè": "82.41", "UBND huyện Sìn Hồ": "74.00"}, districts)


class TestRankingPage:
    def test_same_set_size_shows_the_rank_arrow_since_the_earlier_year(self, client, ranking):
        cells = change_cells(client.get("/chi-so/xep-hang/2018/"), "UBND huyện")

        mường_tè = cells["UBND huyện Mường Tè"]
        assert seen(mường_tè) == "▲1 so với năm 2016"
        assert heard(mường_tè) == "tăng 1 bậc so với năm 2016"
        assert seen(cells["UBND huyện Sìn Hồ"]) == "▼1 so với năm 2016"

    def test_another_set_size_shows_the_score_change_and_why(self, client, ranking):
        response = client.get("/chi-so/xep-hang/2018/")
        cells = change_cells(response, "Sở, ban")

        why = WHY.format(count=3, year=2018, previous_count=2, previous_year=2016)
        finance, health = cells["Sở Tài chính"], cells["Sở Y tế"]
        assert seen(finance) == "+6,50 điểm"
        assert heard(finance) == "tăng 6,50 điểm phần trăm"
        assert seen(health) == "\u22121,10 điểm"
        assert heard(health) == "giảm 1,10 điểm phần trăm"
        assert "change--down" in health.find("span", class_="change").attrs["class"]
        assert seen(cells["Sở Nội vụ"]) == "—"  # no earlier result
        # Every row has the same reason: the table says it once, in its caption (plain visible
        # text that screen readers read with the table, not a tooltip).
        note = caption(response, "Sở, ban").find("span", class_="caption__note")
        assert note.text() == why
        assert not finance.find_all("span", class_="change__why")
        # The districts compare ranks: their caption has no note.
        assert not caption(response, "UBND huyện").find_all("span", class_="caption__note")

    def test_rows_with_different_reasons_each_say_theirs(self, client, ranking):
        scores(2017, {"Sở Tài chính": "83.00"})  # 1 department in 2017: Sở Y tế still 2016's
        response = client.get("/chi-so/xep-hang/2018/")
        cells = change_cells(response, "Sở, ban")

        assert seen(cells["Sở Tài chính"]) == "+3,50 điểm " + WHY.format(
            count=3, year=2018, previous_count=1, previous_year=2017
        )
        assert seen(cells["Sở Y tế"]) == "\u22121,10 điểm " + WHY.format(
            count=3, year=2018, previous_count=2, previous_year=2016
        )
        assert "title" not in cells["Sở Y tế"].find("span", class_="change__why").attrs
        assert not caption(response, "Sở, ban").find_all("span", class_="caption__note")

    def test_query_count_does_not_grow_with_the_change_basis(self, client, ranking):
        SiteSettings.load()  # the row exists on a running site; its first creation costs more
        few = count_queries(client, "/chi-so/xep-hang/2018/")
        for n in range(10):
            scores(2016, {f"Sở {n}": "60.00"})
            scores(2018, {f"Sở {n}": f"{50 + n}.00"})
        assert count_queries(client, "/chi-so/xep-hang/2018/") == few


class TestUnitProfile:
    def test_each_year_is_compared_with_the_previous_year_with_a_result(self, client, ranking):
        scores(2019, {"Sở Tài chính": "88.00", "Sở Y tế": "90.00", "Sở Nội vụ": "60.00"})
        unit = Unit.objects.get(name="Sở Tài chính")

        tree = parse(client.get(unit.get_absolute_url()).content)

        rows = {
            row.find("th").find("a").text(): row.element_children[-1]
            for row in tree.find("table", class_="data-table").find("tbody").find_all("tr")
        }
        assert seen(rows["2019"]) == "▼1"  # 3 and 3 ranked: ranks
        why = WHY.format(count=3, year=2018, previous_count=2, previous_year=2016)
        assert seen(rows["2018"]) == f"+6,50 điểm {why}"  # 3 and 2: scores, versus 2016
        assert seen(rows["2016"]) == "—"


class TestOpenData:
    def test_unit_json_carries_both_changes_the_basis_and_the_year(self, client, ranking):
        unit = Unit.objects.get(name="Sở Tài chính")
        document = json.loads(client.get(f"/chi-so/don-vi/{unit.slug}/du-lieu.json").content)

        picked = [
            {
                key: row[key]
                for key in (
                    "year",
                    "rank",
                    "units_ranked",
                    "rank_change",
                    "score_change",
                    "change_basis",
                    "compared_with_year",
                    "units_ranked_in_compared_year",
                )
            }
            for row in document["rows"]
        ]
        assert picked == [
            {
                "year": 2016,
                "rank": 2,
                "units_ranked": 2,
                "rank_change": None,
                "score_change": None,
                "change_basis": None,
                "compared_with_year": None,
                "units_ranked_in_compared_year": None,
            },
            {
                "year": 2018,
                "rank": 1,
                "units_ranked": 3,
                "rank_change": None,  # 1st of 3 does not compare with 2nd of 2
                "score_change": "6.50",
                "change_basis": "score",
                "compared_with_year": 2016,
                "units_ranked_in_compared_year": 2,
            },
        ]

    def test_ranking_csv_gives_the_rank_change_where_the_sets_match(self, client, ranking):
        content = client.get("/chi-so/xep-hang/2018/huyen-thanh-pho.csv").content
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
        header = rows[0]
        picked = [[row[header.index(label)] for label in header[4:10]] for row in rows[1:]]
        assert header[4:10] == [
            "Số đơn vị xếp hạng",
            "Thay đổi thứ hạng",
            "Thay đổi điểm (điểm phần trăm)",
            "So sánh theo (rank: thứ hạng, score: điểm)",
            "So với năm",
            "Số đơn vị được xếp hạng năm so sánh",
        ]
        assert picked == [
            ["2", "1", "12.41", "rank", "2016", "2"],
            ["2", "-1", "-1.00", "rank", "2016", "2"],
        ]
