"""Change versus an earlier year: derived from the two years' results, never typed in.

A rank compares only with a rank among as many peers: 58th of 63 and 30th of 34 say nothing
about each other. Province results then show no change; a unit, whose score is always known,
shows the change of its score instead, and says why (`ScoreChange.reason`)."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext

#: What a change compares, as open data names it (`change_basis`).
RANK = "rank"
SCORE = "score"


@dataclass(frozen=True)
class RankChange:
    """How a rank moved since the previous year. "Up" means a better (smaller) rank."""

    UP = "up"
    DOWN = "down"
    SAME = "same"
    basis = RANK

    direction: str
    places: int
    #: The year compared with when it is not the year just before (years without data lie
    #: between): pages then say "since 2018". None when it is the year before.
    since: int | None = None

    @property
    def symbol(self) -> str:
        return {self.UP: "▲", self.DOWN: "▼", self.SAME: "="}[self.direction]

    @property
    def label(self) -> str:
        """ "▲37", "▼1" or "=": the arrow with the number of places."""
        return self.symbol if self.direction == self.SAME else f"{self.symbol}{self.places}"

    @property
    def signed(self) -> int:
        """+37 for 37 places up, -1 for one down, 0 for the same rank."""
        return {self.UP: self.places, self.DOWN: -self.places, self.SAME: 0}[self.direction]

    def __str__(self):
        return self.label


@dataclass(frozen=True)
class ScoreChange:
    """How a unit's score moved since an earlier year whose ranking counted another number of
    units, so that the two ranks do not compare. "Up" means a higher score."""

    UP = RankChange.UP
    DOWN = RankChange.DOWN
    SAME = RankChange.SAME
    basis = SCORE

    direction: str
    #: The size of the change in percentage points, never negative (see `signed`).
    points: Decimal
    year: int
    ranked: int | None
    previous_year: int
    previous_ranked: int | None
    #: As on `RankChange`: the year compared with when it is not the year just before.
    since: int | None = None

    @property
    def signed(self) -> Decimal:
        """+2.35 for a score 2.35 points higher, -1.10 for one lower, 0.00 for the same."""
        return -self.points if self.direction == self.DOWN else self.points

    @property
    def label(self) -> str:
        """ "+2,35", "−1,10" (a real minus sign) or "±0,00", in the active language's digits."""
        sign = {self.UP: "+", self.DOWN: "\u2212", self.SAME: "±"}[self.direction]
        return sign + number_format(self.points, 2)

    @property
    def reason(self) -> str:
        """Why scores and not ranks are compared: the two years ranked different numbers of
        units (a unit added, merged or without a result)."""
        if self.ranked is None or self.previous_ranked is None:
            return gettext(
                "Scores compared: the ranks of %(year)d and %(previous_year)d do not compare"
            ) % {
                "year": self.year,
                "previous_year": self.previous_year,
            }
        return gettext(
            "Scores compared, as the number of units ranked differs: %(count)d in %(year)d, "
            "%(previous_count)d in %(previous_year)d"
        ) % {
            "count": self.ranked,
            "year": self.year,
            "previous_count": self.previous_ranked,
            "previous_year": self.previous_year,
        }

    def __str__(self):
        return self.label


def shared_reason(changes) -> str:
    """The reason shared by every score change among `changes`, when there are two or more and
    they give the same one: a table then states it once, in its caption, not on every row."""
    reasons = [change.reason for change in changes if change is not None and change.basis == SCORE]
    return reasons[0] if len(reasons) > 1 and len(set(reasons)) == 1 else ""


def ranks_compare(ranked: int | None, other_ranked: int | None) -> bool:
    """Whether two ranks compare: only when both rankings counted as many peers (units of one
    kind, or provinces). 3rd of 19 and 4th of 20 say nothing about each other. The one rule
    that change columns (`unit_change`, `ProvinceResult.previous_rank`) and rank charts
    (`indices.charts.rank_breaks`) share."""
    return ranked is not None and ranked == other_ranked


def _since(previous_year: int | None, year: int | None) -> int | None:
    return (
        previous_year
        if previous_year is not None and year is not None and previous_year != year - 1
        else None
    )


def rank_change(
    previous_rank: int | None,
    rank: int | None,
    *,
    previous_year: int | None = None,
    year: int | None = None,
) -> RankChange | None:
    """The change from `previous_rank` to `rank`; None when either year has no rank. Given both
    years, a comparison across a gap (2018 → 2022) carries the earlier year in `since`."""
    if previous_rank is None or rank is None:
        return None
    since = _since(previous_year, year)
    if rank < previous_rank:
        return RankChange(RankChange.UP, previous_rank - rank, since)
    if rank > previous_rank:
        return RankChange(RankChange.DOWN, rank - previous_rank, since)
    return RankChange(RankChange.SAME, 0, since)


def unit_change(
    *,
    year: int,
    rank: int | None,
    ranked: int | None,
    score: Decimal | None,
    previous_year: int | None,
    previous_rank: int | None,
    previous_ranked: int | None,
    previous_score: Decimal | None,
) -> RankChange | ScoreChange | None:
    """A unit's change versus its previous year with a result (`previous_year`, however many
    years back): the change of rank when both years ranked the same number of units, else the
    change of score. None when there is no earlier result."""
    if previous_year is None:
        return None
    if ranks_compare(ranked, previous_ranked):
        change = rank_change(previous_rank, rank, previous_year=previous_year, year=year)
        if change is not None:
            return change
    if score is None or previous_score is None:
        return None
    difference = score - previous_score
    direction = (
        ScoreChange.UP
        if difference > 0
        else ScoreChange.DOWN
        if difference < 0
        else ScoreChange.SAME
    )
    return ScoreChange(
        direction=direction,
        points=abs(difference),
        year=year,
        ranked=ranked,
        previous_year=previous_year,
        previous_ranked=previous_ranked,
        since=_since(previous_year, year),
    )
