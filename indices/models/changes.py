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

    @property
    def symbol(self) -> str:
        return {self.UP: "▲", self.DOWN: "▼", self.SAME: "="}[self.direction]

    @property
    def label(self) -> str:
        """ "▲37", "▼1" or "=": the arrow with the number of places."""
        return self.symbol if self.direction == self.SAME else f"{self.symbol}{self.places}"

    def __str__(self):
        return self.label


def rank_change(previous_rank: int | None, rank: int | None) -> RankChange | None:
    """The change from `previous_rank` to `rank`; None when either year has no rank."""
    if previous_rank is None or rank is None:
        return None
    if rank < previous_rank:
        return RankChange(RankChange.UP, previous_rank - rank)
    if rank > previous_rank:
        return RankChange(RankChange.DOWN, rank - previous_rank)
    return RankChange(RankChange.SAME, 0)
