"""Site search: the registry of searchable content types, and the search over all of them.

Each app joins from its `apps.py` `ready()`:

    search.register(Article.objects.published, key="news", label=_("News"),
                    fields={"title": "A", "summary": "B", "body": "C"}, date="published_at", …)

A registered type names the callable giving its public queryset (the model's own
`published()`, so "what is public" stays decided in one place), its searched fields with their
weights (A: title, B: summary, C: body), and how a hit is shown. Each searched field has a
folded copy on the model (`core.fields.SearchTextField`): words without diacritics or case,
đ = d, one space apart. A query is folded the same way (`core.text.search_words`) and matches
when **every** word is a whole word of some searched field.

- SQLite (and any other database): `LIKE '% word %'` on the folded columns.
- PostgreSQL: full-text search with the `simple` configuration (no stemming, no stop words) on
  the same folded columns, weighted A/B/C: for a large table a stored generated `tsvector`
  column with a GIN index (`add_postgresql_search_vector`, see the README, "Site search"),
  for a small one the vector computed per row. The folded text holds only words and single
  spaces, so PostgreSQL's parser reads exactly the words Python wrote: both databases give the
  same results.

Hits are ranked by tier — every word in the A fields, else in the A and B fields, else anywhere
(computed with LIKE on the short A and B columns only) — then newer first.
"""

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import reduce
from operator import and_, or_
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import connections, models
from django.db.models import Case, F, Max, Min, Q, Value, When
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .fields import RichTextField, SearchTextField
from .text import fold_with_origins, html_to_text, search_words

# A query is cut to this many characters, and to this many distinct words (the page says so).
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 20
# About this many characters of text around the matched words.
SNIPPET_LENGTH = 220
# The PostgreSQL text-search configuration: the text is folded already, so no dictionary.
TEXT_SEARCH_CONFIG = "simple"
WEIGHTS = ("A", "B", "C", "D")


@dataclass(frozen=True)
class SearchType:
    """A registered content type. Build it with `register()`."""

    key: str
    label: str
    model: type[models.Model]
    public: Callable[[], models.QuerySet]
    fields: tuple[tuple[str, str], ...]  # (source field, weight), in the order of the index
    columns: dict[str, str]  # source field → its folded SearchTextField
    html_sources: frozenset[str]  # the source fields holding rich text (HTML)
    date: str | None
    snippet_from: tuple[str, ...]
    listing: Callable[[models.QuerySet], models.QuerySet] | None
    categories: Callable[[], Iterable[tuple[str, str]]] | None
    in_category: Callable[[models.QuerySet, str], models.QuerySet] | None
    title: Callable[[models.Model], str]
    url: Callable[[models.Model], str]
    vector_column: str | None = None
    tier_vector_columns: tuple[str, ...] = ()

    @property
    def tiers(self) -> list[str]:
        """The distinct weights, best first: a hit's tier is the first whose fields (with
        those of the better tiers) hold every word."""
        return sorted({weight for _, weight in self.fields})

    def vector(self):
        """The text-search vector of the folded columns (PostgreSQL only): the stored column
        `vector_column` when the type has one (large tables), else computed per row."""
        from django.contrib.postgres.search import SearchVector, SearchVectorField

        if self.vector_column:
            return _StoredColumn(self.vector_column, output_field=SearchVectorField())
        vectors = [
            SearchVector(self.columns[source], weight=weight, config=TEXT_SEARCH_CONFIG)
            for source, weight in self.fields
        ]
        return reduce(lambda left, right: left + right, vectors)

    def vector_sql(self, quote_name, tier: int | None = None) -> str:
        """SQL of the same weighted vector, for the generated column: each folded column's
        words (the `simple` configuration only lower-cases) with its weight, A (title) to D.
        With `tier`: the words of that tier's fields and of the better ones only."""
        weights = self.tiers[: tier + 1] if tier is not None else WEIGHTS
        return " || ".join(
            f"setweight(to_tsvector('{TEXT_SEARCH_CONFIG}'::regconfig, "
            f"coalesce({quote_name(self.columns[source])}, '')), '{weight}')"
            for source, weight in self.fields
            if weight in weights
        )


class _StoredColumn(models.Expression):
    """A column of the queried table that the model does not declare: the generated
    text-search vector that exists on PostgreSQL only (`add_postgresql_search_vector`)."""

    def __init__(self, column: str, output_field):
        super().__init__(output_field=output_field)
        self.column = column

    def as_sql(self, compiler, connection):
        alias = next(iter(compiler.query.alias_map))  # the queried table, however aliased
        quote = connection.ops.quote_name
        return f"{compiler.quote_name_unless_alias(alias)}.{quote(self.column)}", []


_registry: dict[str, SearchType] = {}


def register(
    public: Callable[[], models.QuerySet],
    *,
    key: str,
    label,
    fields: dict[str, str],
    date: str | None = None,
    snippet_from: tuple[str, ...] = (),
    listing: Callable[[models.QuerySet], models.QuerySet] | None = None,
    categories: Callable[[], Iterable[tuple[str, str]]] | None = None,
    in_category: Callable[[models.QuerySet, str], models.QuerySet] | None = None,
    title: Callable[[models.Model], str] = str,
    url: Callable[[models.Model], str] = lambda instance: instance.get_absolute_url(),
    vector_column: str | None = None,
    tier_vector_columns: tuple[str, ...] = (),
) -> SearchType:
    """Make a content type searchable.

    - `public`: gives the queryset of what visitors may see (e.g. `Article.objects.published`).
    - `fields`: source field → weight, "A" (title) to "C" (body); each source needs a
      `SearchTextField(source=…)` on the model.
    - `date`: the field that orders hits (newer first) and that the year filter reads. Every
      public row must have one (the ranking takes each tier's newest rows in the order of
      the date's index, where PostgreSQL puts empty dates first).
    - `snippet_from`: source fields whose text a hit quotes around the matched words, in order
      of preference (rich text is quoted without its markup).
    - `listing`: adds what showing a hit needs (`select_related`…) to a queryset.
    - `categories` / `in_category`: the category filter's choices (value, label) and how it
      narrows the queryset; a type without them is left out when a category is chosen, and a
      type without `date` when a year is.
    - `title` / `url`: how a hit is named and where it links.
    - `vector_column`: on PostgreSQL, the stored vector column that the type's migration added
      with `add_postgresql_search_vector` (needed for a large table: the GIN index is on it,
      and no row's text is parsed again at search time). Without it the vector is computed
      for each row searched: fine for a few hundred rows.
    - `tier_vector_columns`: on PostgreSQL, for a large table, the stored vectors of the
      better tiers' fields (the title; the title and summary), each with a GIN index, added
      with `add_postgresql_search_vector(…, tier=n)`: the best matches of each tier are then
      found through an index too ("At scale" below). Without them a tier is found with LIKE.
    """
    model = public().model
    columns, html_sources = {}, set()
    folded_fields = [f for f in model._meta.concrete_fields if isinstance(f, SearchTextField)]
    for source, weight in fields.items():
        column = next((f for f in folded_fields if f.source == source), None)
        if column is None:
            raise ImproperlyConfigured(
                f"{model.__name__}.{source} is searched but the model has no "
                f"SearchTextField(source={source!r})."
            )
        if weight not in WEIGHTS:
            raise ImproperlyConfigured(f"Search weight {weight!r} is not one of {WEIGHTS}.")
        columns[source] = column.name
        if column.html:
            html_sources.add(source)
    html_sources |= {
        source
        for source in snippet_from
        if isinstance(model._meta.get_field(source), RichTextField)
    }
    if (categories is None) != (in_category is None):
        raise ImproperlyConfigured("A category filter needs both `categories` and `in_category`.")
    search_type = SearchType(
        key=key,
        label=label,
        model=model,
        public=public,
        fields=tuple(fields.items()),
        columns=columns,
        html_sources=frozenset(html_sources),
        date=date,
        snippet_from=tuple(snippet_from),
        listing=listing,
        categories=categories,
        in_category=in_category,
        title=title,
        url=url,
        vector_column=vector_column,
        tier_vector_columns=tuple(tier_vector_columns),
    )
    _registry[key] = search_type
    return search_type


def registered() -> list[SearchType]:
    """The searchable types, in the order they registered (apps' order in INSTALLED_APPS)."""
    return list(_registry.values())


def type_for_model(model: type[models.Model]) -> SearchType:
    for search_type in _registry.values():
        if search_type.model is model:
            return search_type
    raise ImproperlyConfigured(f"{model.__name__} is not registered with core.search.")


def fill_search_columns(app_label: str, model_name: str):
    """A migration operation computing the folded search columns of the rows already stored
    (new and changed rows get them on save)."""
    from django.db import migrations

    def forwards(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        columns = [f for f in model._meta.concrete_fields if isinstance(f, SearchTextField)]
        sources = {column.source for column in columns}
        rows = model._default_manager.using(schema_editor.connection.alias).order_by("pk")
        if not rows.exists():
            return
        if not sources <= {field.name for field in model._meta.concrete_fields}:
            # A method source is code the historical model lacks: use the model's own class.
            from django.apps import apps as current_apps

            model = current_apps.get_model(app_label, model_name)
            rows, sources = model._default_manager.using(rows.db).order_by("pk"), set()
        batch = []
        for row in (rows.only("pk", *sources) if sources else rows).iterator(500):
            for column in columns:
                setattr(row, column.attname, column.folded(row))
            batch.append(row)
            if len(batch) == 500:
                model._default_manager.bulk_update(batch, [c.name for c in columns])
                batch = []
        model._default_manager.bulk_update(batch, [c.name for c in columns])

    return migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)


def add_postgresql_search_vector(
    app_label: str, model_name: str, *, key: str, column: str, index: str, tier: int | None = None
):
    """A migration operation for a large registered type, on PostgreSQL only: a stored
    generated column `column` holding the weighted text-search vector of the folded columns
    (PostgreSQL keeps it current on every insert and update, `QuerySet.update()` included),
    and a GIN index `index` on it. SQLite, which compares the folded columns with LIKE, gets
    neither. The model does not declare the column: Django never reads or writes it.
    With `tier`, the vector holds the words of that tier's fields and the better ones only
    (`register(tier_vector_columns=…)`)."""
    from django.db import migrations

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        table = schema_editor.quote_name(apps.get_model(app_label, model_name)._meta.db_table)
        quote = schema_editor.quote_name
        expression = _registry[key].vector_sql(quote, tier)
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN {quote(column)} tsvector "
            f"GENERATED ALWAYS AS ({expression}) STORED"
        )
        schema_editor.execute(f"CREATE INDEX {quote(index)} ON {table} USING gin ({quote(column)})")

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        table = schema_editor.quote_name(apps.get_model(app_label, model_name)._meta.db_table)
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(index)}")
        schema_editor.execute(
            f"ALTER TABLE {table} DROP COLUMN IF EXISTS {schema_editor.quote_name(column)}"
        )

    return migrations.RunPython(forwards, backwards, elidable=False)


# ----------------------------------------------------------------------------------------------
# Queries


def _is_postgresql(queryset: models.QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def _every_word_in(
    search_type: SearchType, words: list[str], weights: Iterable[str], prefix: bool = False
) -> Q:
    """Every word is a whole word of one of the folded columns of these weights (with
    `prefix`, the last word only begins one: what is being typed)."""
    columns = [search_type.columns[s] for s, weight in search_type.fields if weight in weights]
    last = len(words) - 1
    return reduce(
        and_,
        (
            reduce(
                or_,
                (
                    Q(
                        **{
                            f"{column}__contains": f" {word}"
                            if prefix and n == last
                            else f" {word} "
                        }
                    )
                    for column in columns
                ),
            )
            for n, word in enumerate(words)
        ),
    )


def _tsquery(words: list[str], prefix: bool = False):
    from django.contrib.postgres.search import SearchQuery

    # Words are runs of letters and digits only: nothing in them is tsquery syntax.
    query = " & ".join(words) + (":*" if prefix else "")
    return SearchQuery(query, search_type="raw", config=TEXT_SEARCH_CONFIG)


def matching(queryset: models.QuerySet, words: list[str]) -> models.QuerySet:
    """`queryset` narrowed to the rows holding every word, annotated with `search_tier`
    (0 best) and ordered best tier first, then newer first."""
    search_type = type_for_model(queryset.model)
    if not words:
        return queryset.none()
    tiers = search_type.tiers
    if _is_postgresql(queryset):
        # The GIN index finds the rows; the whole words of the folded columns are the same.
        queryset = queryset.alias(search_vector=search_type.vector()).filter(
            search_vector=_tsquery(words)
        )
    else:
        queryset = queryset.filter(_every_word_in(search_type, words, tiers))
    # The tier reads only the better fields (titles, summaries: short), never the last ones
    # (bodies), with LIKE on both databases: no text-search vector is rebuilt per row.
    conditions = [
        _every_word_in(search_type, words, tiers[: number + 1]) for number in range(len(tiers) - 1)
    ]
    tier = Case(
        *(When(condition, then=Value(number)) for number, condition in enumerate(conditions)),
        default=Value(len(tiers) - 1),
        output_field=models.IntegerField(),
    )
    ordering = [F("search_tier").asc()]
    if search_type.date:
        ordering.append(F(search_type.date).desc(nulls_last=True))
    return queryset.annotate(search_tier=tier).order_by(*ordering, "-pk")


# ----------------------------------------------------------------------------------------------
# At scale: the best matches only, and a count that need not read every match
#
# Ranking every match of a word found in nearly every row means reading and sorting all of
# them (at 100,000 articles, a second per query). A visitor reads the first pages only, so
# only the best `SEARCH_RANKED_RESULTS` are ranked: for each tier, the newest that many rows of
# that tier *or a better one* (one `ORDER BY date DESC LIMIT n` each, which PostgreSQL answers
# from the GIN index when the words are rare and by walking the date index until it has n
# rows when they are common), merged in Python. The first n of the merge are exactly the
# first n of the full ranking: a tier's newest n rows, less those of better tiers, are that
# tier's newest rows, as many as the better tiers leave room for. A tier runs only when the
# better ones found fewer than n (`_ranked_rows`), and each asks for n + 1 rows: one more
# than shown tells whether the list was cut.
#
# The count: a type whose ranking was not cut was read whole, so its count is known. A cut
# one is counted exactly up to `SEARCH_EXACT_COUNT_UP_TO` when that is above n (a `LIMIT
# bound + 1` subquery), and beyond that is PostgreSQL's own row estimate (EXPLAIN, no row
# read), shown as "about …": exact to the row would mean reading every match again.


@dataclass(frozen=True)
class MatchCount:
    """How many rows match: `value` exactly when `exact`; otherwise an estimate that is more
    than the exact-count bound."""

    value: int
    exact: bool = True

    @property
    def shown(self) -> int:
        """The value to show: an estimate rounded to two significant figures (98,000)."""
        if self.exact or self.value < 100:
            return self.value
        step = 10 ** (len(str(self.value)) - 2)
        return round(self.value / step) * step

    def __add__(self, other: "MatchCount") -> "MatchCount":
        return MatchCount(self.value + other.value, self.exact and other.exact)


def ranked_results() -> int:
    """How many of the best matches a search ranks and lists (the setting)."""
    return max(1, settings.SEARCH_RANKED_RESULTS)


def exact_count_bound() -> int:
    return max(0, settings.SEARCH_EXACT_COUNT_UP_TO)


def _matched(search_type: SearchType, queryset: models.QuerySet, words: list[str]):
    """`queryset` narrowed to the rows holding every word (no ordering, no annotation)."""
    if _is_postgresql(queryset):
        return queryset.alias(search_vector=search_type.vector()).filter(
            search_vector=_tsquery(words)
        )
    return queryset.filter(_every_word_in(search_type, words, search_type.tiers))


def _in_tier(
    search_type: SearchType,
    queryset: models.QuerySet,
    words: list[str],
    tier: int,
    prefix: bool = False,
):
    """`queryset` narrowed to the rows with every word in the fields of `tier` or better:
    through the tier's stored vector and its GIN index on PostgreSQL when the type has one,
    else with LIKE on the folded columns (short ones: titles, summaries). With `prefix`, the
    last word only begins a word."""
    if tier < len(search_type.tier_vector_columns) and _is_postgresql(queryset):
        from django.contrib.postgres.search import SearchVectorField

        name = f"search_vector_tier{tier}"
        column = _StoredColumn(search_type.tier_vector_columns[tier], SearchVectorField())
        return queryset.alias(**{name: column}).filter(**{name: _tsquery(words, prefix)})
    weights = search_type.tiers[: tier + 1]
    return queryset.filter(_every_word_in(search_type, words, weights, prefix))


def in_tier(queryset: models.QuerySet, query: str, tier: int) -> models.QuerySet:
    """`queryset` narrowed to the rows holding every word of `query` (folded: any case and
    diacritics) in the fields of `tier` and the better ones — tier 1 of news is "in the title
    or the summary" — through that tier's GIN index on PostgreSQL; the last word may be the
    beginning of one ("chi so sip" finds "Chỉ số SIPAS"), as in a box being typed in. For the
    admin's search and autocomplete, which show drafts too, so they cannot use the public
    ranking. A query with no word: none."""
    words = Search(query).words
    if not words:
        return queryset.none()
    return _in_tier(type_for_model(queryset.model), queryset, words, tier, prefix=True)


def _tier_branches(
    search_type: SearchType, queryset: models.QuerySet, words: list[str], limit: int, kind=None
) -> list[models.QuerySet]:
    """One query per tier: the newest `limit` matches with every word in the fields of that
    tier or of a better one (the last tier: anywhere), as (kind, pk, tier, date) rows (kind:
    `kind`, or None)."""
    tiers = search_type.tiers
    date_type = models.DateTimeField()
    if search_type.date:
        search_date = Cast(search_type.date, output_field=date_type)
        # The order of the list indexes (DESC, nulls first on PostgreSQL), so that PostgreSQL
        # may walk one and stop at `limit`; the merge puts rows with no date last anyway.
        ordering = [F(search_type.date).desc(), F("pk").desc()]
    else:
        search_date = Cast(Value(None), output_field=date_type)
        ordering = [F("pk").desc()]
    branches = []
    for number in range(len(tiers)):
        if number < len(tiers) - 1:
            # Every word in the better fields: a match already, whatever the rest.
            branch = _in_tier(search_type, queryset, words, number)
        else:  # the last tier is every match
            branch = _matched(search_type, queryset, words)
        branch = branch.annotate(
            search_kind=Value(kind, output_field=models.CharField()),
            search_tier=Value(number, output_field=models.IntegerField()),
            search_date=search_date,
        )
        fields = ("search_kind", "pk", "search_tier", "search_date")
        branches.append(branch.order_by(*ordering).values_list(*fields)[:limit])
    return branches


def _sql(queryset: models.QuerySet) -> tuple[str, tuple] | None:
    """The SQL of `queryset`, or None when it can match nothing (`.none()`)."""
    try:
        return queryset.query.get_compiler(using=queryset.db).as_sql()
    except EmptyResultSet:
        return None


def _ranked_rows(groups: list[list[models.QuerySet]], limit: int) -> list[tuple]:
    """The rows of each group's tier queries (`_tier_branches`), in one query; a tier's query
    runs only when the one before it (which holds the better tiers) found fewer than `limit`
    rows: the best `limit` are all in the better tiers otherwise. A word in most titles then
    costs one index read, not three.

        WITH ranked_0_0 AS (…tier 0…), ranked_0_1 AS (…tier 1…), …
        SELECT * FROM ranked_0_0
        UNION ALL SELECT * FROM ranked_0_1 WHERE (SELECT count(*) FROM ranked_0_0) < limit
        UNION ALL SELECT * FROM ranked_0_2 WHERE (… ranked_0_0) < limit AND (… ranked_0_1) < limit

    (PostgreSQL evaluates such a condition once, before the query it guards, and reads a
    `WITH` query only when it is scanned.)"""
    ctes, selects, params, db = [], [], [], None
    for group_number, branches in enumerate(groups):
        compiled = [_sql(branch) for branch in branches]
        if not branches or any(part is None for part in compiled):  # `.none()`: no rows
            continue
        db = branches[0].db
        for tier, (sql, branch_params) in enumerate(compiled):
            name = f"ranked_{group_number}_{tier}"
            ctes.append(f"{name} AS ({sql})")
            params.extend(branch_params)
            gates = [
                f"(SELECT count(*) FROM ranked_{group_number}_{better}) < {int(limit)}"
                for better in range(tier)
            ]
            # Every better tier's count, in order: the first that is full stops the rest.
            where = f" WHERE {' AND '.join(gates)}" if gates else ""
            selects.append(f"SELECT * FROM {name}{where}")
    if not selects:
        return []
    sql = "WITH " + ", ".join(ctes) + " " + " UNION ALL ".join(selects)
    with connections[db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _best(rows: Iterable[tuple], limit: int) -> tuple[list[tuple], dict]:
    """The first `limit` distinct (kind, pk) of `rows` ranked: tier, newer first (no date
    last), kind, then the newer key; each row in its best tier. And how many distinct rows
    each kind had before the cut."""
    best: dict[tuple, tuple] = {}
    for row in rows:
        kind, pk, tier, _date = row
        if (kind, pk) not in best or tier < best[(kind, pk)][2]:
            best[(kind, pk)] = row
    found: dict = {}
    for kind, _pk in best:
        found[kind] = found.get(kind, 0) + 1
    ranked = sorted(best.values(), key=lambda row: row[1], reverse=True)
    ranked.sort(key=lambda row: row[0] or "")
    ranked.sort(key=lambda row: (row[3] is not None, row[3]), reverse=True)
    ranked.sort(key=lambda row: row[2])
    return ranked[:limit], found


@dataclass
class Ranked:
    """A search's best matches of one type (`best_matches`): `rows` as (pk, tier, date),
    best first, and how many matches there are (`count()`)."""

    rows: list[tuple]
    matched: models.QuerySet | None = None  # every match (for the count), None: no words
    found: int = 0  # distinct matches the ranking saw (all of them when under the limit)
    limit: int = 0

    def count(self) -> "MatchCount":
        if self.matched is None:
            return MatchCount(0)
        return _counts([(self.matched, self.found)], self.limit)[0]


def best_matches(queryset: models.QuerySet, words: list[str], limit: int | None = None):
    """The best `limit` (default: the setting) rows of `queryset` holding every word, ranked
    as `matching()` ranks them, in one query however many match: a `Ranked`."""
    if not words:
        return Ranked([])
    limit = limit or ranked_results()
    search_type = type_for_model(queryset.model)
    fetch = limit + 1  # one more than shown tells whether there are more
    rows, found = _best(
        _ranked_rows([_tier_branches(search_type, queryset, words, fetch)], fetch), limit
    )
    return Ranked(
        rows=[(pk, tier, date) for _kind, pk, tier, date in rows],
        matched=_matched(search_type, queryset, words),
        found=found.get(None, 0),
        limit=limit,
    )


def _counts(matches: list[tuple[models.QuerySet, int]], limit: int) -> list["MatchCount"]:
    """How many rows each query of `matches` has, given how many the ranking found (`found`).

    A type the ranking did not fill (it asks for `limit` + 1) was read whole: `found` is its
    exact count, and costs nothing. A filled one is counted exactly up to
    `SEARCH_EXACT_COUNT_UP_TO` when that is more than `limit` (one query for all of them), and
    beyond that estimated: PostgreSQL's estimate (an EXPLAIN: no row is read), at least what
    was found; elsewhere (SQLite, small sites) counted."""
    bound = exact_count_bound()
    counts: list[MatchCount | None] = [
        MatchCount(found) if found <= limit else None for _query, found in matches
    ]
    filled = [number for number, count in enumerate(counts) if count is None]
    exact = {}
    if filled and bound > limit:
        parts = {number: _bounded_count_sql(matches[number][0], bound) for number in filled}
        present = [(number, part) for number, part in parts.items() if part is not None]
        with connections[matches[filled[0]][0].db].cursor() as cursor:
            cursor.execute(
                "SELECT " + ", ".join(sql for _n, (sql, _p) in present),
                [param for _n, (_sql, params) in present for param in params],
            )
            exact = dict(zip((number for number, _part in present), cursor.fetchone(), strict=True))
    for number in filled:
        query, found = matches[number]
        if number in exact and exact[number] <= bound:
            counts[number] = MatchCount(exact[number])
        elif connections[query.db].vendor == "postgresql":
            least = max(found, exact.get(number, 0))
            counts[number] = MatchCount(max(least, _estimated_rows(query)), exact=False)
        else:
            counts[number] = MatchCount(query.count())
    return counts


def _bounded_count_sql(query: models.QuerySet, bound: int) -> tuple[str, tuple] | None:
    compiled = _sql(query.order_by().values("pk")[: bound + 1])
    if compiled is None:
        return None
    return f"(SELECT count(*) FROM ({compiled[0]}) counted)", compiled[1]


def _estimated_rows(queryset: models.QuerySet) -> int:
    """The planner's estimate of the rows `queryset` gives (PostgreSQL; nothing is read)."""
    from .pagination import planner_estimate

    return planner_estimate(queryset)


# ----------------------------------------------------------------------------------------------
# The search a visitor makes


@dataclass(frozen=True)
class Hit:
    kind: SearchType
    object: models.Model
    title: SafeString  # escaped, the matched words in <mark>
    url: str
    date: datetime | None
    snippet: SafeString  # escaped, the matched words in <mark>; may be empty

    @property
    def label(self):
        return self.kind.label

    @property
    def has_time(self) -> bool:
        """A publication time (news) rather than a day (a document's date of issue)."""
        return isinstance(self.date, datetime)


@dataclass
class Search:
    """What a visitor asked: the words of `query` and the optional filters."""

    MAX_QUERY_LENGTH: ClassVar[int] = MAX_QUERY_LENGTH
    MAX_QUERY_WORDS: ClassVar[int] = MAX_QUERY_WORDS

    query: str
    category: str = ""
    year: int | None = None
    words: list[str] = field(init=False)
    words_dropped: bool = field(init=False)

    def __post_init__(self):
        words = search_words(self.query[:MAX_QUERY_LENGTH])
        self.words = words[:MAX_QUERY_WORDS]
        self.words_dropped = len(words) > MAX_QUERY_WORDS

    def types(self) -> list[SearchType]:
        """The types this search covers: a category filter keeps those that have categories,
        a year filter those that have a date."""
        return [
            search_type
            for search_type in registered()
            if (not self.category or search_type.in_category)
            and (self.year is None or search_type.date)
        ]

    def _queryset(self, search_type: SearchType) -> models.QuerySet:
        """The public rows of `search_type` that the filters keep."""
        queryset = search_type.public()
        if self.category:
            queryset = search_type.in_category(queryset, self.category)
        if self.year is not None:
            queryset = queryset.filter(**{f"{search_type.date}__year": self.year})
        return queryset

    def rows(self) -> list[tuple]:
        """The best hits (at most `SEARCH_RANKED_RESULTS`) as (kind, pk, tier, date), best
        first, in one query over all types (see "At scale" above), to be paginated; `hits()`
        then turns a page of rows into `Hit`s."""
        if not self.words:
            return []
        limit = ranked_results()
        groups = [
            _tier_branches(
                search_type,
                self._queryset(search_type),
                self.words,
                limit + 1,
                kind=search_type.key,
            )
            for search_type in self.types()
        ]
        # One row more than shown per type tells whether there are more.
        rows, self._found = _best(_ranked_rows(groups, limit + 1), limit)
        return rows

    def count(self) -> MatchCount:
        """How many hits there are in all (more than `rows()` holds when it was cut): exact for
        every type the ranking read whole, else counted up to `SEARCH_EXACT_COUNT_UP_TO` or
        estimated (`_counts`). Call after `rows()`: nothing to query when few rows match."""
        if not self.words:
            return MatchCount(0)
        if not hasattr(self, "_found"):
            self.rows()
        matches = [
            (
                _matched(search_type, self._queryset(search_type), self.words),
                self._found.get(search_type.key, 0),
            )
            for search_type in self.types()
        ]
        return sum(_counts(matches, ranked_results()), MatchCount(0))

    def hits(self, rows: Iterable[tuple]) -> list[Hit]:
        """The `Hit`s of a page of `rows`: one query per type present on the page."""
        rows = list(rows)
        wanted: dict[str, list] = {}
        for kind, pk, _tier, _date in rows:
            wanted.setdefault(kind, []).append(pk)
        found = {}
        for kind, pks in wanted.items():
            search_type = _registry[kind]
            queryset = search_type.public().filter(pk__in=pks)
            if search_type.listing:
                queryset = search_type.listing(queryset)
            found.update({(kind, obj.pk): obj for obj in queryset})
        hits = []
        for kind, pk, _tier, _date in rows:
            obj = found.get((kind, pk))
            if obj is not None:  # unpublished in between: left out
                hits.append(self.hit(_registry[kind], obj))
        return hits

    def hit(self, search_type: SearchType, obj: models.Model) -> Hit:
        return Hit(
            kind=search_type,
            object=obj,
            title=highlight(search_type.title(obj), self.words),
            url=search_type.url(obj),
            date=getattr(obj, search_type.date) if search_type.date else None,
            snippet=self.snippet(search_type, obj),
        )

    def snippet(self, search_type: SearchType, obj: models.Model) -> SafeString:
        """A short quote of the snippet field holding the most query words (the first, on a
        tie), around them; rich text is quoted without its markup."""
        texts = []
        for source in search_type.snippet_from:
            text = getattr(obj, source) or ""
            if source in search_type.html_sources:
                text = html_to_text(text)
            if text.strip():
                texts.append(text)
        if not texts:
            return mark_safe("")
        best = max(texts, key=lambda text: len({word for *_, word in _matches(text, self.words)}))
        return snippet(best, self.words)


def year_choices() -> list[int]:
    """The years that the dated types have public content in, newest first."""
    first, last = None, None
    for search_type in registered():
        if not search_type.date:
            continue
        bounds = search_type.public().aggregate(
            first=Min(search_type.date), last=Max(search_type.date)
        )
        if bounds["first"] is None:
            continue
        low, high = _local_year(bounds["first"]), _local_year(bounds["last"])
        first = low if first is None else min(first, low)
        last = high if last is None else max(last, high)
    return list(range(last, first - 1, -1)) if first is not None else []


def category_choices() -> list[tuple[str, str]]:
    """The category filter's choices, from every type that has categories (first label wins)."""
    choices: dict[str, str] = {}
    for search_type in registered():
        if search_type.categories:
            for value, label in search_type.categories():
                choices.setdefault(value, label)
    return list(choices.items())


def _local_year(value) -> int:
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.year


# ----------------------------------------------------------------------------------------------
# Highlighting: found in the folded text, shown in the original text, escaped.


@functools.lru_cache(maxsize=256)
def _words_pattern(words: tuple[str, ...]) -> re.Pattern:
    """Any of `words` (letters and digits only) as a whole word of folded text."""
    return re.compile(rf"(?<![^\W_])(?:{'|'.join(map(re.escape, words))})(?![^\W_])")


def _matches(text: str, words: Iterable[str]) -> list[tuple[int, int, str]]:
    """Where the query words occur in `text` as whole words: (start, end, word) in `text`'s
    own positions, found in its folded form."""
    wanted = sorted(set(words), key=len, reverse=True)
    if not wanted:
        return []
    folded, origins = fold_with_origins(text)
    spans = []
    # Only the wanted words, each a whole run of WORD_PATTERN (not inside a longer word):
    # the same spans as testing every word of the text, without a Python step per word.
    for match in _words_pattern(tuple(wanted)).finditer(folded):
        start, end = origins[match.start()], origins[match.end() - 1] + 1
        # Combining marks after the last letter (decomposed input) belong to it.
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        spans.append((start, end, match.group()))
    return spans


def _marked(text: str, spans: list[tuple[int, int, str]], offset: int = 0) -> str:
    """`text` escaped, with the `spans` (positions + `offset` in `text`) in <mark>."""
    parts, position = [], 0
    for start, end, _ in spans:
        start, end = start - offset, end - offset
        parts.append(escape(text[position:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    parts.append(escape(text[position:]))
    return "".join(parts)


def highlight(text: str, words: Iterable[str]) -> SafeString:
    """All of `text`, escaped, with the query words in <mark>."""
    return mark_safe(_marked(text, _matches(text, words)))  # escaped in _marked


def snippet(text: str, words: Iterable[str], length: int = SNIPPET_LENGTH) -> SafeString:
    """About `length` characters of `text` from a little before the place where most query
    words occur, cut between words, "…" where text was left out; escaped, words in <mark>."""
    text = " ".join(text.split())
    spans = _matches(text, words)
    start, end = 0, len(text)
    if len(text) > length:
        if spans:

            def distinct_words_after(span):
                return len({word for s, _, word in spans if span[0] <= s < span[0] + length})

            anchor = max(spans, key=distinct_words_after)[0]  # the first, on a tie
            start = max(0, anchor - length // 4)
            if start:
                space = text.rfind(" ", 0, start + 1)
                start = space + 1 if space != -1 and start - space < 30 else start
        end = min(len(text), start + length)
        if end < len(text):
            space = text.rfind(" ", start, end + 1)
            end = space if space > start else end
    inside = [span for span in spans if span[0] >= start and span[1] <= end]
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    body = _marked(text[start:end], inside, offset=start)
    return mark_safe(f"{prefix}{body}{suffix}")  # escaped in _marked
