"""The reform indices: how the province scores among all provinces, and how its own units
score in the province's yearly assessment.

Values that follow from others are derived, never typed in: a unit's rank comes from the scores
of its year and kind, its grade from that year's thresholds, and every change from the previous
year with data (`changes.py`: ranks only when both years ranked as many, else a unit's score).

The modules depend one way, from the bottom up (a test reads their imports and finds no circle):

- `years`, `changes`, `target_checks`, `results`: helpers that know no model of this app;
- `index` (indices and components) and `units` (units and grade thresholds): what is measured;
- `targets` and `responsibility`: set for an index, a component or a unit;
- `province` and `unit_results`: the results, which read their year's target and lead units;
- `accountability`: component results read together with who answers for them.
"""

from .accountability import (
    component_history,
    components_led_by,
    weakest,
    weakest_of_latest_year,
)
from .changes import RankChange, ScoreChange, rank_change, ranks_compare, unit_change
from .index import DEFAULT_PROVINCES_RANKED, Component, Index
from .province import ComponentResult, ProvinceResult
from .responsibility import (
    Responsibility,
    assignments_are_sample,
    with_lead,
    with_supporting_units,
)
from .targets import ProvinceTarget, TargetCheck, UnitTarget, rank_check, score_check
from .unit_results import UnitResult
from .units import Grade, GradeLookup, GradeThresholds, Unit
from .years import FIRST_YEAR, latest_allowed_year, parse_year, validate_year

__all__ = [
    "DEFAULT_PROVINCES_RANKED",
    "FIRST_YEAR",
    "Component",
    "ComponentResult",
    "Grade",
    "GradeLookup",
    "GradeThresholds",
    "Index",
    "ProvinceResult",
    "ProvinceTarget",
    "RankChange",
    "Responsibility",
    "ScoreChange",
    "TargetCheck",
    "Unit",
    "UnitResult",
    "UnitTarget",
    "assignments_are_sample",
    "component_history",
    "components_led_by",
    "latest_allowed_year",
    "parse_year",
    "rank_change",
    "rank_check",
    "ranks_compare",
    "score_check",
    "unit_change",
    "validate_year",
    "weakest",
    "weakest_of_latest_year",
    "with_lead",
    "with_supporting_units",
]
