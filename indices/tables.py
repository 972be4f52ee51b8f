"""The indices' tables that pages show, as open data (`core.opendata`): the same rows as CSV
and as JSON.

Each builder takes the rows a page already fetched, so the download holds exactly the numbers
on the page.
"""

from django.utils.translation import gettext as _

from core.opendata import Column, Table

from .models import assignments_are_sample, rank_check, score_check
from .models.changes import RANK


def contains_sample_data(*groups) -> bool:
    """Whether any row of these groups is sample data, or shows a sample target: the page
    must then say so."""
    return any(
        row.is_sample or getattr(row, "has_sample_target", False)
        for group in groups
        for row in group
    )


def target_margin(check):
    """A result against its target as a signed number: above (+) or short of (-) the target,
    in points or percent for a score, in places for a rank; None without target or result."""
    return None if check is None else check.signed_margin


def target_columns() -> list[Column]:
    return [
        Column("target_score", _("Target score")),
        Column("target_score_met", _("Target score met")),
        Column("target_score_margin", _("Above (+) or below (-) the target score")),
        Column("target_rank", _("Target rank")),
        Column("target_rank_met", _("Target rank met")),
        Column("target_rank_margin", _("Places better (+) or worse (-) than the target")),
        Column("target_is_sample", _("Sample target")),
    ]


def target_values(result) -> dict:
    score, rank = result.score_target, result.rank_target
    return {
        "target_score": result.target_score,
        "target_score_met": score.met if score else None,
        "target_score_margin": target_margin(score),
        "target_rank": getattr(result, "target_rank", None),
        "target_rank_met": rank.met if rank else None,
        "target_rank_margin": target_margin(rank),
        "target_is_sample": result.has_sample_target if result.has_target else None,
    }


def signed_change(change) -> int | None:
    """A rank change as a number: +37 for 37 places up, -1 for one down, 0 for the same; None
    without a rank change (a unit's score change is not a number of places)."""
    return change.signed if change is not None and change.basis == RANK else None


def unit_change_columns() -> list[Column]:
    """A unit's change, told honestly: the rank change only where the two years ranked as many
    units, the score change always, which of the two the pages show, and versus which year."""
    return [
        Column("rank_change", _("Change of rank")),
        Column("score_change", _("Change of score (percentage points)")),
        Column("change_basis", _("Change compares (rank or score)")),
        Column("compared_with_year", _("Compared with year")),
        Column("units_ranked_in_compared_year", _("Units ranked in the year compared with")),
    ]


def unit_change_values(result) -> dict:
    change = result.change
    return {
        "rank_change": signed_change(change),
        "score_change": result.score_change,
        "change_basis": change.basis if change else None,
        "compared_with_year": getattr(result, "previous_year", None),
        "units_ranked_in_compared_year": getattr(result, "previous_ranked_count", None),
    }


# ----------------------------------------------------------------------------------------------
# Builders, one per page table


def province_targets_table(targets, results, article_url) -> Table:
    """Every target of the province, assessed or not: `targets` (with `with_public_article()`),
    `results` the province results by (index id, year), `article_url` the absolute address of
    an article. A target not yet assessed (or of a year without data) has no result."""
    rows = []
    for target in targets:
        result = results.get((target.index_id, target.year))
        score = score_check(result.score, target.score) if result else None
        rank = rank_check(result.rank, target.rank) if result else None
        rows.append(
            {
                "index": target.index.code,
                "year": target.year,
                "target_score": target.score,
                "target_rank": target.rank,
                "set_in": article_url(target.public_article) if target.public_article else None,
                "assessed": result is not None,
                "score": result.score if result else None,
                "rank": result.rank if result else None,
                "target_score_met": score.met if score else None,
                "target_score_margin": target_margin(score),
                "target_rank_met": rank.met if rank else None,
                "target_rank_margin": target_margin(rank),
                "target_is_sample": target.is_sample,
            }
        )
    return Table(
        title=_("The province's targets"),
        filename="muc-tieu-cua-tinh",
        columns=[
            Column("index", _("Index")),
            Column("year", _("Year")),
            Column("target_score", _("Target score")),
            Column("target_rank", _("Target rank")),
            Column("set_in", _("Set in (address of the article)")),
            Column("assessed", _("Result published")),
            Column("score", _("Score")),
            Column("rank", _("Rank")),
            Column("target_score_met", _("Target score met")),
            Column("target_score_margin", _("Above (+) or below (-) the target score")),
            Column("target_rank_met", _("Target rank met")),
            Column("target_rank_margin", _("Places better (+) or worse (-) than the target")),
            Column("target_is_sample", _("Sample target")),
        ],
        rows=rows,
    )


def overview_table(results) -> Table:
    return Table(
        title=_("Latest result of each index"),
        filename="chi-so-moi-nhat",
        columns=[
            Column("index", _("Index")),
            Column("year", _("Year")),
            Column("score", _("Score")),
            Column("maximum_score", _("Maximum")),
            Column("rank", _("Rank")),
            Column("provinces_ranked", _("Provinces ranked")),
            Column("rank_change", _("Change of rank")),
            Column("compared_with_year", _("Compared with year")),
            *target_columns(),
            Column("is_sample", _("Sample data")),
        ],
        rows=[
            {
                "index": result.index.code,
                "year": result.year,
                "score": result.score,
                "maximum_score": result.index.maximum_score,
                "rank": result.rank,
                "provinces_ranked": result.provinces_ranked,
                "rank_change": signed_change(result.change),
                "compared_with_year": result.previous_year if result.change else None,
                **target_values(result),
                "is_sample": result.is_sample,
            }
            for result in results
        ],
    )


def index_table(index, results) -> Table:
    return Table(
        title=_("%(index)s: results by year") % {"index": index.abbreviation},
        filename=f"{index.slug}-theo-nam",
        columns=[
            Column("year", _("Year")),
            Column("score", _("Score")),
            Column("rank", _("Rank")),
            Column("provinces_ranked", _("Provinces ranked")),
            Column("rank_change", _("Change of rank")),
            Column("compared_with_year", _("Compared with year")),
            *target_columns(),
            Column("announced_in", _("Announced in")),
            Column("is_sample", _("Sample data")),
        ],
        rows=[
            {
                "year": result.year,
                "score": result.score,
                "rank": result.rank,
                "provinces_ranked": result.provinces_ranked,
                "rank_change": signed_change(result.change),
                "compared_with_year": result.previous_year if result.change else None,
                **target_values(result),
                "announced_in": result.public_article.get_absolute_url()
                if result.public_article
                else None,
                "is_sample": result.is_sample,
            }
            for result in results
        ],
    )


def responsibility_columns() -> list[Column]:
    return [
        Column("lead_unit", _("Lead unit")),
        Column("supporting_units", _("Supporting units")),
        Column("assignments_are_sample", _("Sample assignment")),
    ]


def responsibility_values(item) -> dict:
    """The lead and supporting units of a component result (from `with_lead` and
    `with_supporting_units`); a list of names, written "A; B" in a CSV cell."""
    return {
        "lead_unit": item.lead_name,
        "supporting_units": [row.unit.name for row in item.supporting_units],
        "assignments_are_sample": assignments_are_sample(item),
    }


def average_columns() -> list[Column]:
    return [
        Column("average_score", _("Provincial average")),
        Column("difference_from_average", _("Above (+) or below (-) the provincial average")),
    ]


def average_values(item) -> dict:
    return {
        "average_score": item.average_score,
        "difference_from_average": item.difference_from_average,
    }


def components_table(result, component_results) -> Table:
    """One year's components (from `with_lead` and `with_supporting_units`)."""
    return Table(
        title=_("%(index)s %(year)d: components")
        % {"index": result.index.abbreviation, "year": result.year},
        filename=f"{result.index.slug}-{result.year}-thanh-phan",
        columns=[
            Column("component", _("Component")),
            Column("score", _("Score")),
            Column("maximum_score", _("Maximum")),
            Column("share_of_maximum", _("Share of the maximum (%)")),
            *average_columns(),
            *responsibility_columns(),
            Column("is_sample", _("Sample data")),
        ],
        rows=[
            {
                "component": item.component.name,
                "score": item.score,
                "maximum_score": item.component.maximum_score,
                "share_of_maximum": item.share_of_maximum,
                **average_values(item),
                **responsibility_values(item),
                "is_sample": item.is_sample,
            }
            for item in component_results
        ],
    )


def component_table(component, results) -> Table:
    """One component's results by year (from `component_history`)."""
    return Table(
        title=_("%(index)s, %(component)s: results by year")
        % {"index": component.index.abbreviation, "component": component.name},
        filename=f"{component.index.slug}-{component.slug}-theo-nam",
        columns=[
            Column("year", _("Year")),
            Column("score", _("Score")),
            Column("maximum_score", _("Maximum")),
            Column("share_of_maximum", _("Share of the maximum (%)")),
            *average_columns(),
            *responsibility_columns(),
            Column("is_sample", _("Sample data")),
        ],
        rows=[
            {
                "year": item.year,
                "score": item.score,
                "maximum_score": component.maximum_score,
                "share_of_maximum": item.share_of_maximum,
                **average_values(item),
                **responsibility_values(item),
                "is_sample": item.is_sample,
            }
            for item in results
        ],
    )


def ranking_table(year: int, kind_label: str, kind_slug: str, results) -> Table:
    return Table(
        title=_("Ranking %(year)d: %(kind)s") % {"year": year, "kind": kind_label},
        filename=f"xep-hang-{year}-{kind_slug}",
        columns=[
            Column("rank", _("Rank")),
            Column("unit", _("Unit")),
            Column("score", _("Score (%)")),
            Column("grade", _("Grade")),
            Column("units_ranked", _("Units ranked")),
            *unit_change_columns(),
            *target_columns(),
            Column("is_sample", _("Sample data")),
        ],
        rows=[
            {
                "rank": result.rank,
                "unit": result.unit.name,
                "score": result.score,
                "grade": str(result.grade.label) if result.grade else None,
                "units_ranked": result.ranked_count,
                **unit_change_values(result),
                **target_values(result),
                "is_sample": result.is_sample,
            }
            for result in results
        ],
    )


def unit_table(unit, results) -> Table:
    return Table(
        title=_("%(unit)s: results by year") % {"unit": unit.name},
        filename=f"{unit.slug}-theo-nam",
        columns=[
            Column("year", _("Year")),
            Column("score", _("Score (%)")),
            Column("rank", _("Rank")),
            Column("units_ranked", _("Units ranked")),
            Column("grade", _("Grade")),
            *unit_change_columns(),
            *target_columns(),
            Column("is_sample", _("Sample data")),
        ],
        rows=[
            {
                "year": result.year,
                "score": result.score,
                "rank": result.rank,
                "units_ranked": result.ranked_count,
                "grade": str(result.grade.label) if result.grade else None,
                **unit_change_values(result),
                **target_values(result),
                "is_sample": result.is_sample,
            }
            for result in results
        ],
    )
