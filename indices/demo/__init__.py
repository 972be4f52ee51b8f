"""Demo content for the indices app: the four indices and their components, the province's
results and targets, its units with their yearly scores and a few targets, and a first row of
grade thresholds.

`load()` can be run any number of times: every row is found by its natural key (an index by
its code, a component by index and name, a result by index or unit and year, a unit by its
name) and saved only when a value differs from the demo value, so `updated_at` does not move on
a re-run, and a row whose demo values changed (a component's years, when a method changed) is
updated in place, keeping its primary key and its slug. Published figures are loaded as they
are; every invented one has `is_sample=True` (see `content.py`).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from core.demo import Tally, sync_row
from indices.models import (
    DEFAULT_PROVINCES_RANKED,
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
)
from news.demo import CONFERENCE_SLUG
from news.models import Article

from .content import (
    COMPONENT_AVERAGES,
    GRADE_THRESHOLDS,
    INDICES,
    PROVINCE_RESULTS,
    PUBLISHED_UNIT_SCORES_2018,
    PUBLISHED_YEAR,
    RESPONSIBILITIES,
    TARGETS,
    UNIT_TARGETS,
    UNITS,
)

__all__ = ["load"]


@transaction.atomic
def load() -> dict[str, Tally]:
    """Write the indices demo content; return a tally per kind of row (label → Tally)."""
    indices, components, results, component_results = Tally(), Tally(), Tally(), Tally()
    units, unit_results, thresholds, targets = Tally(), Tally(), Tally(), Tally()
    responsibilities, unit_targets = Tally(), Tally()
    by_code = load_indices(indices=INDICES, tally=indices)
    parts = load_components(indices=INDICES, stored=by_code, tally=components)
    load_province_results(
        results=PROVINCE_RESULTS,
        stored=by_code,
        components=parts,
        tally=results,
        component_tally=component_results,
    )
    load_targets(targets=TARGETS, stored=by_code, tally=targets)
    load_units(units=UNITS, tally=units, result_tally=unit_results)
    load_unit_targets(targets=UNIT_TARGETS, tally=unit_targets)
    load_grade_thresholds(rows=GRADE_THRESHOLDS, tally=thresholds)
    for year, assignments in RESPONSIBILITIES.items():
        load_responsibilities(assignments=assignments, year=year, tally=responsibilities)
    return {
        _("Indices"): indices,
        _("Index components"): components,
        _("Province results"): results,
        _("Province targets"): targets,
        _("Component results"): component_results,
        _("Assessed units"): units,
        _("Unit results"): unit_results,
        _("Unit targets"): unit_targets,
        _("Grade thresholds"): thresholds,
        _("Responsibilities for components"): responsibilities,
    }


def load_indices(*, indices, tally: Tally) -> dict[str, Index]:
    return {
        demo.code: sync_row(
            Index,
            lookup={"code": demo.code},
            values={
                "slug": demo.slug,
                "name": demo.name,
                "abbreviation": demo.abbreviation,
                "description": demo.description,
                "publisher": demo.publisher,
                "score_unit": demo.score_unit,
                "maximum_score": demo.maximum,
                "order": demo.order,
            },
            tally=tally,
        )
        for demo in indices
    }


def load_components(*, indices, stored: dict[str, Index], tally: Tally):
    """Return each index's components in demo order: {code: [Component, …]}."""
    parts: dict[str, list[Component]] = {}
    for demo in indices:
        parts[demo.code] = [
            sync_row(
                Component,
                lookup={"index": stored[demo.code], "name": part.name},
                values={
                    "maximum_score": part.maximum,
                    "order": order,
                    "first_year": part.first_year,
                    "last_year": part.last_year,
                },
                tally=tally,
            )
            for order, part in enumerate(demo.components, start=1)
        ]
    return parts


def load_province_results(
    *, results, stored: dict[str, Index], components, tally: Tally, component_tally: Tally
) -> None:
    # The news loader runs first in `load_demo`; without it the results simply have no link.
    slugs = {CONFERENCE_SLUG} | {demo.article for demo in results if demo.article}
    articles = {article.slug: article for article in Article.objects.filter(slug__in=slugs)}
    for demo in results:
        if demo.article:
            article = articles.get(demo.article)
        else:
            article = articles.get(CONFERENCE_SLUG) if demo.announced else None
        result = sync_row(
            ProvinceResult,
            lookup={"index": stored[demo.code], "year": demo.year},
            values={
                "score": demo.score,
                "rank": demo.rank,
                "provinces_ranked": DEFAULT_PROVINCES_RANKED,
                "article": article,
                "note": demo.note,
                "is_sample": demo.is_sample,
            },
            tally=tally,
        )
        if not demo.components:
            continue
        # Scores are listed in component order, one per component the year's method used.
        applicable = [part for part in components[demo.code] if part.applies_in(demo.year)]
        if len(demo.components) != len(applicable):
            raise ValueError(
                f"{demo.code} {demo.year}: {len(demo.components)} component scores for"
                f" {len(applicable)} components"
            )
        averages = COMPONENT_AVERAGES.get((demo.code, demo.year), {})
        if unknown := set(averages) - {part.name for part in applicable}:
            raise ValueError(f"{demo.code} {demo.year}: averages of unknown components {unknown}")
        for part, score in zip(applicable, demo.components, strict=True):
            sync_row(
                ComponentResult,
                lookup={"province_result": result, "component": part},
                values={
                    "score": score,
                    "average_score": averages.get(part.name),
                    "is_sample": True,
                },
                tally=component_tally,
            )


def load_targets(*, targets, stored: dict[str, Index], tally: Tally) -> None:
    for demo in targets:
        sync_row(
            ProvinceTarget,
            lookup={"index": stored[demo.code], "year": demo.year},
            values={"score": demo.score, "rank": demo.rank, "is_sample": True},
            tally=tally,
        )


def load_units(*, units, tally: Tally, result_tally: Tally) -> None:
    demo_years = {year for demo in units for year in demo.sample_scores} | {PUBLISHED_YEAR}
    orders: dict[str, int] = {}
    for demo in units:
        orders[demo.kind] = orders.get(demo.kind, 0) + 1
        unit = sync_row(
            Unit,
            lookup={"name": demo.name},
            values={
                "kind": demo.kind,
                "is_active": demo.is_active,
                "end_year": demo.end_year,
                "order": orders[demo.kind],
            },
            tally=tally,
        )
        scores = {year: (score, True) for year, score in demo.sample_scores.items()}
        if demo.name in PUBLISHED_UNIT_SCORES_2018:
            if PUBLISHED_YEAR in scores:
                raise ValueError(f"{demo.name}: the published {PUBLISHED_YEAR} score is given")
            scores[PUBLISHED_YEAR] = (PUBLISHED_UNIT_SCORES_2018[demo.name], False)
        for year, (score, is_sample) in sorted(scores.items()):
            sync_row(
                UnitResult,
                lookup={"unit": unit, "year": year},
                values={"score": score, "is_sample": is_sample},
                tally=result_tally,
            )
        # An invented score the demo no longer gives (Ma Lù Thàng's 2016 from an earlier
        # version) goes; official rows and years outside the demo's stay.
        unit.results.filter(is_sample=True, year__in=demo_years).exclude(year__in=scores).delete()
    # Successors once every unit exists (a successor may come later in the list).
    by_name = {unit.name: unit for unit in Unit.objects.filter(name__in={d.name for d in units})}
    for demo in units:
        unit = by_name[demo.name]
        successor = by_name[demo.successor] if demo.successor else None
        if unit.successor_id != (successor.pk if successor else None):
            unit.successor = successor
            unit.save(update_fields=["successor"])


def load_unit_targets(*, targets, tally: Tally) -> None:
    units = {unit.name: unit for unit in Unit.objects.filter(name__in={t.unit for t in targets})}
    for demo in targets:
        sync_row(
            UnitTarget,
            lookup={"unit": units[demo.unit], "year": demo.year},
            values={"score": demo.score, "rank": demo.rank, "is_sample": True},
            tally=tally,
        )


def load_grade_thresholds(*, rows, tally: Tally) -> None:
    for row in rows:
        values = {name: value for name, value in row.items() if name != "year"}
        sync_row(GradeThresholds, lookup={"year": row["year"]}, values=values, tally=tally)


def load_responsibilities(*, assignments, year: int, tally: Tally) -> None:
    units = {unit.name: unit for unit in Unit.objects.all()}
    for code, rows in assignments.items():
        components = {c.name: c for c in Component.objects.filter(index__code=code)}
        for name, lead, supporting in rows:
            roles = [(lead, Responsibility.Role.LEAD)]
            roles += [(unit, Responsibility.Role.SUPPORT) for unit in supporting]
            for unit_name, role in roles:
                sync_row(
                    Responsibility,
                    lookup={"component": components[name], "year": year, "unit": units[unit_name]},
                    values={"role": role, "is_sample": True},
                    tally=tally,
                )
