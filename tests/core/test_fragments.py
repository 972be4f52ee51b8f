"""Fragments kept under the content version (core.fragments, `{% fragment %}`): with the page
cache off, a page drawn again runs (almost) no query, and still shows every change at once —
a write, or a scheduled article whose time comes with no write at all."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.template import Context, Template
from django.utils import timezone

from core import fragments, pagecache
from core.models import AgencyLink, SiteSettings
from tests.factories import (
    ArticleFactory,
    ArticleImageFactory,
    CategoryFactory,
    GradeThresholdsFactory,
    IndexFactory,
    ProvinceResultFactory,
    RelatedArticleFactory,
    UnitFactory,
    UnitResultFactory,
)
from tests.html_tools import parse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    # The page cache would answer the second visit itself: these tests are about what the
    # page costs and shows when it has to be rendered.
    settings.PAGE_CACHE_ENABLED = False
    SiteSettings.load()  # the footer's record and links exist and are cached, as on a live site
    AgencyLink.for_footer()


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def ranking_2018(db):
    GradeThresholdsFactory(year=2018)
    return [
        UnitResultFactory(unit=UnitFactory(name=f"Sở số {n}"), year=2018, score=Decimal(score))
        for n, score in enumerate(["91.50", "84.25", "77.00"])
    ]


@pytest.fixture
def index_2017_2018(db):
    index = IndexFactory(code="PAR_INDEX", abbreviation="PAR INDEX", slug="par-index")
    return [
        ProvinceResultFactory(index=index, year=2017, score=Decimal("70.11"), rank=60),
        ProvinceResultFactory(index=index, year=2018, score=Decimal("72.23"), rank=58),
    ]


class TestDrawnOnceUntilTheContentChanges:
    """A second render reads the fragments: fewer queries, the same page."""

    @pytest.mark.parametrize(
        ("url", "budget"),
        [
            # the page cache's content version only (site settings, menu: cached)
            ("/", 0),
            # (the ranking's years, which answer 404 for a year with no results: kept too)
            ("/chi-so/xep-hang/2018/", 0),
            ("/chi-so/", 0),
            # the index itself (its name is the page title)
            ("/chi-so/par-index/", 1),
            ("/chi-so/par-index/?nam=2017", 1),
        ],
    )
    def test_second_render_of_a_page_runs_at_most_its_budget(
        self, client, django_assert_max_num_queries, ranking_2018, index_2017_2018, url, budget
    ):
        for article in ArticleFactory.create_batch(5, is_featured=True):
            ArticleImageFactory.create_batch(2, article=article)
        first = get(client, url)

        with django_assert_max_num_queries(budget):
            second = get(client, url)

        assert second == first

    def test_second_render_of_an_article_runs_only_the_article_queries(
        self, client, django_assert_max_num_queries
    ):
        article = ArticleFactory()
        ArticleImageFactory.create_batch(3, article=article, after_paragraph=1)
        for other in ArticleFactory.create_batch(3):
            RelatedArticleFactory(from_article=article, to_article=other)
        first = get(client, article.get_absolute_url())

        # the article, its photos (the page's title, description and preview decision) and its
        # tags (the JSON-LD keywords in the page's head, outside the fragments)
        with django_assert_max_num_queries(3):
            second = get(client, article.get_absolute_url())

        assert second == first

    def test_each_article_has_its_own_fragments(self, client):
        one, other = ArticleFactory(body="<p>Nội dung bài một</p>"), ArticleFactory()
        get(client, one.get_absolute_url())

        page = get(client, other.get_absolute_url())

        assert "Nội dung bài một" not in page
        # The sidebar's latest news leaves out the article shown, so it differs per article.
        assert one.title in page


class TestChangesShowAtOnce:
    def test_edited_article_title_shows_on_the_home_page_and_the_article(self, client):
        article = ArticleFactory(title="Tiêu đề cũ", body="<p>Thân bài cũ</p>")
        get(client, "/")
        get(client, article.get_absolute_url())

        article.title = "Tiêu đề mới"
        article.body = "<p>Thân bài mới</p>"
        article.save()

        home = get(client, "/")
        assert "Tiêu đề mới" in home and "Tiêu đề cũ" not in home
        page = get(client, article.get_absolute_url())
        assert "Thân bài mới" in page and "Thân bài cũ" not in page

    def test_new_article_shows_on_the_home_page_and_in_other_articles_sidebars(self, client):
        older = ArticleFactory(published_at=timezone.now() - timedelta(days=1))
        get(client, "/")
        get(client, older.get_absolute_url())

        ArticleFactory(title="Tin vừa đăng")

        assert "Tin vừa đăng" in get(client, "/")
        assert "Tin vừa đăng" in get(client, older.get_absolute_url())

    def test_renamed_category_shows_in_the_home_sidebar(self, client):
        category = CategoryFactory(name="Chuyên mục cũ", show_in_menu=True)
        ArticleFactory(category=category)
        get(client, "/")

        category.name = "Chuyên mục mới"
        category.save()

        page = parse(get(client, "/"))
        for part in (page.find("aside", class_="layout__sidebar"), page.find("nav")):
            assert "Chuyên mục mới" in part.text()
            assert "Chuyên mục cũ" not in part.text()

    def test_changed_site_settings_show_in_the_footer_of_every_page(self, client):
        article = ArticleFactory()
        for url in ("/", article.get_absolute_url(), "/chi-so/"):
            get(client, url)

        site = SiteSettings.load()
        site.site_name = "Cổng thông tin mới"
        site.save()

        for url in ("/", article.get_absolute_url(), "/chi-so/"):
            footer = parse(get(client, url)).find("footer")
            assert "Cổng thông tin mới" in footer.text(), url

    def test_scheduled_article_shows_when_its_time_comes_with_no_write(self, client):
        now = timezone.now()
        ArticleFactory(title="Tin đã đăng", published_at=now - timedelta(hours=1))
        ArticleFactory(title="Tin hẹn giờ", published_at=now + timedelta(hours=1))
        with time_machine.travel(now, tick=False):
            assert "Tin hẹn giờ" not in get(client, "/")

        with time_machine.travel(now + timedelta(hours=2), tick=False):
            assert "Tin hẹn giờ" in get(client, "/")

    def test_saved_unit_result_shows_in_the_ranking(self, client, ranking_2018):
        url = "/chi-so/xep-hang/2018/"
        assert "84,25" in get(client, url)

        result = ranking_2018[1]
        result.score = Decimal("66.75")
        result.save()

        page = get(client, url)
        assert "66,75" in page
        assert "84,25" not in page

    def test_saved_province_result_shows_on_the_index_page_and_the_overview(
        self, client, index_2017_2018
    ):
        for url in ("/chi-so/par-index/", "/chi-so/"):
            page = get(client, url)
            assert "72,23" in page

        result = index_2017_2018[1]
        result.score = Decimal("79.04")
        result.save()

        for url in ("/chi-so/par-index/", "/chi-so/"):
            page = get(client, url)
            assert "79,04" in page, url

    def test_index_page_keeps_one_fragment_per_year_asked(self, client, index_2017_2018):
        get(client, "/chi-so/par-index/")  # the latest year, kept

        for year, other in ((2017, 2018), (2018, 2017)):
            page = get(client, f"/chi-so/par-index/?nam={year}")
            assert f'<strong aria-current="true">{year}</strong>' in page
            assert f'<strong aria-current="true">{other}</strong>' not in page

    def test_index_page_for_a_year_without_results_is_still_404(self, client, index_2017_2018):
        get(client, "/chi-so/par-index/")

        assert client.get("/chi-so/par-index/?nam=2016").status_code == 404
        assert client.get("/chi-so/par-index/?nam=abc").status_code == 404

    def test_a_new_year_opens_as_soon_as_its_results_are_saved(
        self, client, ranking_2018, index_2017_2018
    ):
        get(client, "/chi-so/xep-hang/2018/")
        get(client, "/chi-so/par-index/?nam=2018")
        assert client.get("/chi-so/xep-hang/2019/").status_code == 404
        assert client.get("/chi-so/par-index/?nam=2019").status_code == 404

        UnitResultFactory(unit=ranking_2018[0].unit, year=2019, score=Decimal("93.00"))
        ProvinceResultFactory(index=index_2017_2018[0].index, year=2019, score=Decimal("75.5"))

        assert "93,00" in get(client, "/chi-so/xep-hang/2019/")
        assert '<strong aria-current="true">2019</strong>' in get(
            client, "/chi-so/par-index/?nam=2019"
        )
        # and the year picker of an earlier year lists it
        assert '<option value="2019"' in get(client, "/chi-so/xep-hang/2018/")


class TestFragmentTag:
    TEMPLATE = Template('{% load fragments %}{% fragment "test" key %}{{ value }}{% endfragment %}')

    def render(self, **context):
        return self.TEMPLATE.render(Context(context))

    def test_kept_per_name_and_value_until_the_content_version_changes(self):
        assert self.render(key=1, value="một") == "một"
        assert self.render(key=1, value="hai") == "một"  # kept
        assert self.render(key=2, value="hai") == "hai"  # another value varied on

        pagecache.invalidate_all()
        assert self.render(key=1, value="ba") == "ba"

    def test_deferred_values_are_computed_once_and_only_when_drawn(self):
        calls = []

        def compute():
            calls.append(1)
            return {"value": "giá trị", "other": "khác"}

        context = fragments.deferred(compute, ["value", "other"])
        assert calls == []
        assert self.render(key=3, **context) == "giá trị"
        assert calls == [1]
        # Kept: drawing the page again computes nothing.
        context = fragments.deferred(compute, ["value", "other"])
        assert self.render(key=3, **context) == "giá trị"
        assert calls == [1]
