from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext

from indices.models import ComponentResult, Grade, ProvinceResult, Unit, UnitResult
from tests.factories import (
    ArticleFactory,
    ComponentFactory,
    ComponentResultFactory,
    GradeThresholdsFactory,
    IndexFactory,
    ProvinceResultFactory,
    UnitFactory,
    UnitResultFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PROVINCE_CHANGELIST = reverse("admin:indices_provinceresult_changelist")
UNIT_CHANGELIST = reverse("admin:indices_unitresult_changelist")


@pytest.fixture
def admin_user(db):
    return UserFactory(username="quantri", is_staff=True, is_superuser=True)


def inline_management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def count_queries(client, url):
    client.get(url)  # warm up: session, content types, caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def column(response, name):
    """The values of one list_display column of a changelist, top to bottom."""
    index = list(response.context["cl"].list_display).index(name)
    from django.contrib.admin.templatetags.admin_list import results

    return [strip_tags(list(row)[index]) for row in results(response.context["cl"])]


class TestYearFilters:
    @pytest.mark.parametrize("value", ["²²²²", "abc", "2018\x00", "٢٠١٨"])
    def test_an_odd_year_in_the_filter_is_ignored(self, client, admin_user, value):
        ProvinceResultFactory(index=IndexFactory(code="PAR_INDEX"), year=2018)
        client.force_login(admin_user)
        for url in (PROVINCE_CHANGELIST, UNIT_CHANGELIST):
            assert client.get(url, {"year": value}).status_code == 200


class TestProvinceResultChangelist:
    def test_rank_out_of_ranked_and_change_arrow(self, client, admin_user):
        par = IndexFactory(code="PAR_INDEX", abbreviation="PAR INDEX")
        ProvinceResultFactory(index=par, year=2017, rank=57)
        ProvinceResultFactory(index=par, year=2018, rank=58, score=Decimal("72.23"))
        papi = IndexFactory(code="PAPI", abbreviation="PAPI", maximum_score=Decimal("80"))
        ProvinceResultFactory(index=papi, year=2017, rank=63, score=None)
        ProvinceResultFactory(index=papi, year=2018, rank=26, score=Decimal("44.42"))
        client.force_login(admin_user)

        response = client.get(PROVINCE_CHANGELIST)

        assert column(response, "rank_display") == ["58/63", "57/63", "26/63", "63/63"]
        assert column(response, "change_display") == ["▼1", "—", "▲37", "—"]

    def test_filters_by_year_and_index(self, client, admin_user):
        par = IndexFactory(code="PAR_INDEX")
        for year in (2016, 2018):
            ProvinceResultFactory(index=par, year=year)
        client.force_login(admin_user)
        response = client.get(PROVINCE_CHANGELIST, {"year": "2018"})
        assert [r.year for r in response.context["cl"].result_list] == [2018]
        year_filter = next(
            f for f in response.context["cl"].filter_specs if f.parameter_name == "year"
        )
        assert [value for value, _ in year_filter.lookup_choices] == ["2018", "2016"]
        assert client.get(PROVINCE_CHANGELIST, {"year": "abc"}).status_code == 200

    @pytest.mark.parametrize("years", [2, 10])
    def test_query_count_does_not_grow_with_rows(
        self, client, admin_user, years, django_assert_max_num_queries
    ):
        for code in ("PAR_INDEX", "SIPAS", "PAPI"):
            index = IndexFactory(code=code)
            for year in range(2010, 2010 + years):
                ProvinceResultFactory(index=index, year=year)
        client.force_login(admin_user)
        with django_assert_max_num_queries(10):
            response = client.get(PROVINCE_CHANGELIST)
        assert response.status_code == 200

    def test_same_query_count_for_few_and_many_rows(self, client, admin_user):
        index = IndexFactory(code="PAR_INDEX")
        ProvinceResultFactory(index=index, year=2010)
        client.force_login(admin_user)
        few = count_queries(client, PROVINCE_CHANGELIST)
        for year in range(2011, 2025):
            ProvinceResultFactory(index=index, year=year)
        assert count_queries(client, PROVINCE_CHANGELIST) == few


class TestProvinceResultForm:
    def change_form(self, result, components, **overrides):
        data = {
            "index": str(result.index_id),
            "year": str(result.year),
            "score": str(result.score or ""),
            "rank": str(result.rank or ""),
            "provinces_ranked": "63",
            "article": "",
            "note": "",
            **inline_management("component_results", len(components)),
        }
        for i, (component, score) in enumerate(components):
            data[f"component_results-{i}-component"] = str(component.pk)
            data[f"component_results-{i}-score"] = score
        data.update(overrides)
        return data

    def test_component_list_holds_only_the_results_index(self, client, admin_user):
        result = ProvinceResultFactory()
        mine = ComponentFactory(index=result.index, name="Cải cách thể chế")
        ComponentFactory(name="Thành phần của chỉ số khác")
        client.force_login(admin_user)

        response = client.get(reverse("admin:indices_provinceresult_change", args=[result.pk]))

        formset = response.context["inline_admin_formsets"][0].formset
        choices = [label for value, label in formset.forms[0].fields["component"].choices if value]
        assert choices == [mine.name]

    def test_a_component_of_another_index_is_not_a_choice(self, client, admin_user):
        result = ProvinceResultFactory()
        other = ComponentFactory(name="Thành phần của chỉ số khác")
        client.force_login(admin_user)

        response = client.post(
            reverse("admin:indices_provinceresult_change", args=[result.pk]),
            self.change_form(result, [(other, "5")]),
        )

        assert response.status_code == 200
        errors = response.context["inline_admin_formsets"][0].formset.errors
        assert list(errors[0]) == ["component"]
        assert not ComponentResult.objects.exists()

    def test_model_validation_of_components_shows_next_to_the_field(self, client, admin_user):
        result = ProvinceResultFactory(year=2018)
        retired = ComponentFactory(index=result.index, last_year=2017, name="Đã bỏ")
        current = ComponentFactory(index=result.index, name="Vẫn dùng")
        other_index = IndexFactory()
        client.force_login(admin_user)
        url = reverse("admin:indices_provinceresult_change", args=[result.pk])

        response = client.post(url, self.change_form(result, [(retired, "5"), (current, "11")]))

        errors = response.context["inline_admin_formsets"][0].formset.errors
        assert errors == [
            {
                "component": [
                    gettext("This component was not part of the index in %(year)d.")
                    % {"year": 2018}
                ]
            },
            {
                "score": [
                    gettext("The score must be between 0 and %(maximum)s.") % {"maximum": "10"}
                ]
            },
        ]

        # Moving the result to another index leaves its components behind: refused as well.
        response = client.post(
            url, self.change_form(result, [(current, "5")], index=str(other_index.pk))
        )
        errors = response.context["inline_admin_formsets"][0].formset.errors
        assert errors == [{"component": [gettext("This component belongs to another index.")]}]
        assert not ComponentResult.objects.exists()
        result.refresh_from_db()
        assert result.index != other_index

    def test_adding_a_result_checks_its_components_too(self, client, admin_user):
        index = IndexFactory()
        old = ComponentFactory(index=index, last_year=2017)
        other = ComponentFactory()
        fine = ComponentFactory(index=index, maximum_score=Decimal("10"))
        client.force_login(admin_user)
        data = {
            "index": str(index.pk),
            "year": "2018",
            "score": "70",
            "rank": "20",
            "provinces_ranked": "63",
            "article": "",
            "note": "",
            **inline_management("component_results", 3),
            "component_results-0-component": str(other.pk),
            "component_results-0-score": "5",
            "component_results-1-component": str(old.pk),
            "component_results-1-score": "5",
            "component_results-2-component": str(fine.pk),
            "component_results-2-score": "10,5",
        }

        response = client.post(reverse("admin:indices_provinceresult_add"), data)

        assert response.status_code == 200
        errors = response.context["inline_admin_formsets"][0].formset.errors
        assert errors[0] == {"component": [gettext("This component belongs to another index.")]}
        assert errors[1] == {
            "component": [
                gettext("This component was not part of the index in %(year)d.") % {"year": 2018}
            ]
        }
        assert "score" in errors[2]
        assert not ProvinceResult.objects.exists()

    def test_saving_fills_who_created_and_changed(self, client, admin_user):
        index = IndexFactory()
        component = ComponentFactory(index=index)
        article = ArticleFactory(title="Công bố PAR INDEX 2018")
        client.force_login(admin_user)
        data = {
            "index": str(index.pk),
            "year": "2018",
            "score": "72,23",
            "rank": "58",
            "provinces_ranked": "63",
            "article": str(article.pk),
            "note": "",
            **inline_management("component_results", 1),
            "component_results-0-component": str(component.pk),
            "component_results-0-score": "5.5",
        }
        response = client.post(reverse("admin:indices_provinceresult_add"), data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        result = ProvinceResult.objects.get()
        assert (result.created_by, result.updated_by, result.article) == (
            admin_user,
            admin_user,
            article,
        )
        assert result.component_results.get().score == Decimal("5.5")

    def test_article_is_chosen_by_autocomplete(self, client, admin_user):
        ArticleFactory(title="Công bố chỉ số PAPI 2018")
        client.force_login(admin_user)
        response = client.get(
            reverse("admin:autocomplete"),
            {
                "term": "PAPI",
                "app_label": "indices",
                "model_name": "provinceresult",
                "field_name": "article",
            },
        )
        assert [r["text"] for r in response.json()["results"]] == ["Công bố chỉ số PAPI 2018"]

    @pytest.mark.parametrize("view", ["change", "add"])
    def test_form_query_count_does_not_grow_with_components(self, client, admin_user, view):
        def url(result):
            if view == "add":
                return reverse("admin:indices_provinceresult_add")
            return reverse("admin:indices_provinceresult_change", args=[result.pk])

        client.force_login(admin_user)
        few = ProvinceResultFactory(year=2017)
        for _ in range(2):
            ComponentResultFactory(province_result=few)
        few_count = count_queries(client, url(few))
        many = ProvinceResultFactory(year=2018)
        for _ in range(12):
            ComponentResultFactory(province_result=many)
        assert count_queries(client, url(many)) == few_count


class TestUnitResultChangelist:
    def make_year(self, year, scores, kind=Unit.Kind.DEPARTMENT):
        for name, score in scores.items():
            unit = Unit.objects.filter(name=name).first() or UnitFactory(name=name, kind=kind)
            UnitResultFactory(unit=unit, year=year, score=Decimal(score))

    def test_rank_change_and_grade(self, client, admin_user):
        GradeThresholdsFactory(year=2015)  # good 80, fair 70, average 50
        self.make_year(2017, {"Sở Tài chính": "75", "Sở Y tế": "85"})
        self.make_year(2018, {"Sở Tài chính": "86.50", "Sở Y tế": "70", "Sở Xây dựng": "49.99"})
        districts = {"UBND huyện Mường Tè": "90", "UBND huyện Sìn Hồ": "80"}
        self.make_year(2016, districts, kind=Unit.Kind.DISTRICT)
        self.make_year(2018, {**districts, "UBND huyện Sìn Hồ": "95"}, kind=Unit.Kind.DISTRICT)
        client.force_login(admin_user)

        response = client.get(UNIT_CHANGELIST, {"year": "2018", "unit__kind": "department"})

        assert column(response, "unit") == ["Sở Tài chính", "Sở Y tế", "Sở Xây dựng"]
        assert column(response, "rank_display") == ["1", "2", "3"]
        # 3 departments ranked in 2018, 2 in 2017: the scores are compared, and why.
        points = gettext("%(change)s points (%(reason)s)")
        reason = gettext(
            "Scores compared, as the number of units ranked differs: %(count)d in %(year)d, "
            "%(previous_count)d in %(previous_year)d"
        ) % {"count": 3, "year": 2018, "previous_count": 2, "previous_year": 2017}
        assert column(response, "change_display") == [
            points % {"change": "+11,50", "reason": reason},
            points % {"change": "\u221215,00", "reason": reason},
            "—",
        ]
        assert column(response, "grade_display") == [
            str(Grade.GOOD.label),
            str(Grade.FAIR.label),
            str(Grade.WEAK.label),
        ]
        # 2 districts in 2016 and in 2018 (none in 2017): ranks compared across the gap.
        response = client.get(UNIT_CHANGELIST, {"year": "2018", "unit__kind": "district"})
        in_year = gettext("%(change)s (rank %(rank)d in %(year)d)")
        assert column(response, "change_display") == [
            in_year % {"change": "▲1", "rank": 2, "year": 2016},
            in_year % {"change": "▼1", "rank": 1, "year": 2016},
        ]

    def test_year_filter_lists_the_years_present_and_search_by_unit(self, client, admin_user):
        self.make_year(2017, {"Sở Tài chính": "75"})
        self.make_year(2019, {"Sở Tài chính": "80", "Sở Y tế": "70"})
        client.force_login(admin_user)
        response = client.get(UNIT_CHANGELIST, {"q": "Y tế"})
        assert [str(r) for r in response.context["cl"].result_list] == ["Sở Y tế 2019"]
        year_filter = next(
            f for f in response.context["cl"].filter_specs if f.parameter_name == "year"
        )
        assert [value for value, _ in year_filter.lookup_choices] == ["2019", "2017"]
        assert client.get(UNIT_CHANGELIST, {"q": "Y\x00 tế"}).status_code == 200

    @pytest.mark.parametrize("units", [3, 30])
    def test_query_budget_with_few_and_many_units(
        self, client, admin_user, units, django_assert_max_num_queries
    ):
        GradeThresholdsFactory(year=2015)
        GradeThresholdsFactory(year=2019, good_from=Decimal("85"))
        for n in range(units):
            unit = UnitFactory(kind=Unit.Kind.DEPARTMENT if n % 2 else Unit.Kind.DISTRICT)
            for year in (2018, 2019):
                UnitResultFactory(unit=unit, year=year, score=Decimal(50 + n))
        client.force_login(admin_user)
        with django_assert_max_num_queries(11):
            response = client.get(UNIT_CHANGELIST)
        assert response.status_code == 200

    def test_same_query_count_for_few_and_many_units(self, client, admin_user):
        GradeThresholdsFactory(year=2015)
        UnitResultFactory()
        client.force_login(admin_user)
        few = count_queries(client, UNIT_CHANGELIST)
        for n in range(30):
            UnitResultFactory(year=2017 + n % 3, score=Decimal(40 + n))
        assert count_queries(client, UNIT_CHANGELIST) == few


class TestOtherAdminPages:
    @pytest.mark.parametrize(
        "name", ["index", "unit", "gradethresholds", "provinceresult", "unitresult"]
    )
    def test_changelist_and_add_pages_open(self, client, admin_user, name):
        client.force_login(admin_user)
        assert client.get(reverse(f"admin:indices_{name}_changelist")).status_code == 200
        assert client.get(reverse(f"admin:indices_{name}_add")).status_code == 200

    def test_index_with_ordered_components(self, client, admin_user):
        index = IndexFactory(code="PAPI")
        ComponentFactory(index=index, name="Thứ hai", order=2)
        ComponentFactory(index=index, name="Thứ nhất", order=1, first_year=2018)
        client.force_login(admin_user)
        response = client.get(reverse("admin:indices_index_change", args=[index.pk]))
        formset = response.context["inline_admin_formsets"][0].formset
        assert [form.instance.name for form in formset.initial_forms] == ["Thứ nhất", "Thứ hai"]

    def test_unit_slug_made_from_the_name_when_left_empty(self, client, admin_user):
        client.force_login(admin_user)
        response = client.post(
            reverse("admin:indices_unit_add"),
            {
                "name": "Sở Tư pháp",
                "kind": "department",
                "slug": "",
                "is_active": "on",
                "order": "3",
            },
        )
        assert response.status_code == 302
        assert Unit.objects.get().slug == "so-tu-phap"

    def test_unit_result_records_who_saved_it(self, client, admin_user):
        unit = UnitFactory()
        client.force_login(admin_user)
        response = client.post(
            reverse("admin:indices_unitresult_add"),
            {"unit": str(unit.pk), "year": "2019", "score": "101", "note": ""},
        )
        assert response.status_code == 200
        assert "score" in response.context["adminform"].form.errors
        response = client.post(
            reverse("admin:indices_unitresult_add"),
            {"unit": str(unit.pk), "year": "2019", "score": "86,5", "note": ""},
        )
        assert response.status_code == 302
        result = UnitResult.objects.get()
        assert (result.score, result.created_by) == (Decimal("86.50"), admin_user)

    @pytest.mark.parametrize("rows", [3, 30])
    def test_unit_changelist_budget(self, client, admin_user, rows, django_assert_max_num_queries):
        for _ in range(rows):
            UnitFactory()
        client.force_login(admin_user)
        with django_assert_max_num_queries(8):
            response = client.get(reverse("admin:indices_unit_changelist"))
        assert response.status_code == 200
