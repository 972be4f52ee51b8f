"""Canonical page-cache keys: a view is keyed (and rendered) by the query parameters it reads,
so `utm_*`, `fbclid` and random parameters make no new page, and a page that depends on a
parameter is never served another value's page."""

import uuid

import pytest
from django.http import QueryDict
from django.urls import URLPattern, URLResolver, get_resolver

from core import pagecache
from core.models import SiteSettings
from core.pagecache import HEADER
from tests.documents.factories import DocumentFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site_settings_exist():
    SiteSettings.load()


def state(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response[HEADER]


def test_a_flood_of_random_tracking_parameters_is_all_cache_hits(client, django_assert_num_queries):
    ArticleFactory.create_batch(3)
    assert state(client, "/") == "miss"
    renders = 0
    with django_assert_num_queries(0):
        for _ in range(50):
            token = uuid.uuid4().hex
            url = f"/?utm_source={token}&fbclid={token}&gclid=x&{token}=1"
            renders += state(client, url) == "miss"
    assert renders == 0


@pytest.mark.parametrize(
    ("first", "same"),
    [
        ("/tin-tuc/", "/tin-tuc/?page=1"),
        ("/tin-tuc/", "/tin-tuc/?q=&page="),
        ("/tin-tuc/?page=2", "/tin-tuc/?page=02&utm_medium=email"),
        ("/tin-tuc/?q=chỉ+số&page=2", "/tin-tuc/?page=2&q=chỉ+số"),
        ("/van-ban/", "/van-ban/?q=&loai=&co_quan=&linh_vuc=&nam=&hieu_luc="),
        ("/van-ban/?nam=2019&q=quyết", "/van-ban/?q=quyết&nam=2019&fbclid=abc"),
        ("/tim-kiem/?q=chỉ+số", "/tim-kiem/?q=chỉ+số&nam=&chuyen_muc=&page=1"),
        ("/chi-so/", "/chi-so/?nam=2018"),  # the overview reads no parameter
    ],
)
def test_equivalent_addresses_are_one_page(client, first, same):
    ArticleFactory.create_batch(21, title="Chỉ số cải cách")
    DocumentFactory(summary="Quyết định")
    assert state(client, first) == "miss"
    assert state(client, same) == "hit"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("/tin-tuc/?q=cải+cách", "/tin-tuc/?q=chỉ+số"),
        ("/tin-tuc/", "/tin-tuc/?page=2"),
        ("/van-ban/", "/van-ban/?nam=2019"),
        # The comparison's first unit is its first column: the order of values is kept.
        ("/chi-so/so-sanh/?don-vi=a&don-vi=b", "/chi-so/so-sanh/?don-vi=b&don-vi=a"),
    ],
)
def test_pages_that_depend_on_a_parameter_are_never_shared(client, one, other):
    ArticleFactory.create_batch(21, title="Chỉ số cải cách")
    state(client, one)
    assert state(client, one) == "hit"
    assert state(client, other) == "miss"


def test_each_search_gets_its_own_results(client):
    ArticleFactory(title="Cải cách thủ tục hành chính")
    ArticleFactory(title="Chỉ số hài lòng")
    first = client.get("/tin-tuc/?q=thủ+tục").content.decode()
    second = client.get("/tin-tuc/?q=hài+lòng&utm_source=x").content.decode()
    assert "Cải cách thủ tục hành chính" in first and "Chỉ số hài lòng" not in first
    assert "Chỉ số hài lòng" in second and "Cải cách thủ tục hành chính" not in second


def test_a_parameter_left_out_of_the_key_never_reaches_the_page(client):
    """The register's links repeat its query string: a tracking value echoed there would be
    cached and shown to everyone who comes next."""
    DocumentFactory()
    page = client.get("/van-ban/?nam=2019&utm_source=DAU_VET_LA").content.decode()
    assert "DAU_VET_LA" not in page
    assert "nam=2019" in page  # the parameter the register reads is still in its links


def test_every_public_view_declares_its_query_parameters():
    """A view that declares nothing is keyed by its whole query string — safe, but a flood of
    random parameters then renders it each time. So each public view must say."""
    undeclared = []

    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if route.startswith("quan-tri/"):
                continue  # the admin is never cached
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                view = pattern.callback
                declared = getattr(view, pagecache.QUERY_ATTRIBUTE, None)
                if declared is None:
                    declared = getattr(
                        getattr(view, "view_class", None), pagecache.QUERY_ATTRIBUTE, None
                    )
                if declared is None:
                    undeclared.append(route)

    walk(get_resolver().url_patterns)
    assert not undeclared


class TestCanonicalQuery:
    def canonical(self, query, declared) -> str:
        return pagecache.canonical_query(QueryDict(query), declared).urlencode()

    def test_declared_parameters_only_blank_and_page_one_dropped(self):
        declared = {"q", "page", "nam"}
        assert self.canonical("utm_source=x&q=a&nam=&page=1", declared) == "q=a"
        assert self.canonical("page=0003&q=b&fbclid=1", declared) == "page=3&q=b"
        # Not a page number: left to the view (it answers 404), never made into one.
        assert self.canonical("page=²", declared) == "page=%C2%B2"
        assert self.canonical("page=last", declared) == "page=last"

    def test_the_visitors_order_is_kept_for_the_page_and_sorted_for_the_key(self, rf):
        assert self.canonical("q=a&nam=2018", {"q", "nam"}) == "q=a&nam=2018"
        one = rf.get("/tim-kiem/?q=a&nam=2018&chuyen_muc=x")
        other = rf.get("/tim-kiem/?chuyen_muc=x&nam=2018&q=a")
        assert pagecache.page_key(one, "v") == pagecache.page_key(other, "v")

    def test_repeated_values_keep_their_order(self, rf):
        assert self.canonical("nam=2018&don-vi=b&don-vi=a", {"don-vi", "nam"}) == (
            "nam=2018&don-vi=b&don-vi=a"
        )
        assert pagecache.page_key(rf.get("/?a=1&a=2"), "v") != pagecache.page_key(
            rf.get("/?a=2&a=1"), "v"
        )

    def test_a_view_that_declares_nothing_keeps_everything(self):
        assert self.canonical("z=1&a=&page=1", None) == "z=1&a=&page=1"

    def test_an_address_no_view_answers_keeps_its_query(self, rf):
        request = rf.get("/khong-co-trang-nay/?b=1&a=&page=1")
        pagecache.make_query_canonical(request)
        assert request.META["QUERY_STRING"] == "b=1&a=&page=1"
