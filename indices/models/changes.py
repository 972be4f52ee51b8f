"""Change of rank versus the previous year: derived from two ranks, never typed in."""

from dataclasses import dataclass


@dataclass(frozen=True)
class RankChange:
    """How a rank moved since the previous year. "Up" means a better (smaller) rank."""

    UP = "up"
    DOWN = "down"
    SAME = "same"

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

    def __str__(self):
        return self.label


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
    since = (
        previous_year
        if previous_year is not None and year is not None and previous_year != year - 1
        else None
    )
    if rank < previous_rank:
        return RankChange(RankChange.UP, previous_rank - rank, since)
    if rank > previous_rank:
        return RankChange(RankChange.DOWN, rank - previous_rank, since)
    return RankChange(RankChange.SAME, 0, since)
