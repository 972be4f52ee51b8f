"""The one record of site-wide facts: created on first use, cached, shown in every footer."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import SiteSettings
from tests.factories import StaffFactory
from tests.html_tools import parse

FACTS = {
    "site_name": "Trang thông tin điện tử cải cách hành chính tỉnh Lai Châu",
    "owner": "Ủy ban nhân dân tỉnh Lai Châu",
    "responsible_person": "Giám đốc Sở Nội vụ tỉnh Lai Châu",
    "address": "Tầng 4, Tòa nhà Trung tâm Hành chính - Chính trị tỉnh Lai Châu",
    "phone": "0213 3876 543",
    "email": "cchc@laichau.gov.vn",
    "domain": "cchc.laichau.gov.vn",
}


def footer(response) -> dict:
    """The footer as a reader sees it: its name line and its label → value facts."""
    assert response.status_code == 200
    element = parse(response.content).find("footer")
    labels = [dt.text().rstrip(":").strip() for dt in element.find_all("dt")]
    values = [dd.text() for dd in element.find_all("dd")]
    assert len(labels) == len(values)
    facts = dict(zip(labels, values, strict=True))
    links = {a.attrs.get("href") for a in element.find_all("a")}
    return {"name": element.find(class_="site-footer__name").text(), "facts": facts, "links": links}


def edit_site_settings(**values) -> SiteSettings:
    site_settings = SiteSettings.objects.get(pk=SiteSettings.load().pk)
    for name, value in values.items():
        setattr(site_settings, name, value)
    site_settings.save()
    return site_settings


def test_load_creates_the_record_with_defaults_on_first_use(db):
    assert not SiteSettings.objects.exists()

    site_settings = SiteSettings.load()

    assert SiteSettings.objects.count() == 1
    assert site_settings.pk is not None
    assert site_settings.site_name == SiteSettings._meta.get_field("site_name").default


def test_load_reuses_the_record_and_then_the_cache(db, django_assert_num_queries):
    first = SiteSettings.load()
    cache.clear()

    with django_assert_num_queries(1):
        second = SiteSettings.load()
    with django_assert_num_queries(0):
        third = SiteSettings.load()

    assert first.pk == second.pk == third.pk
    assert SiteSettings.objects.count() == 1


def test_load_returns_the_existing_record(db):
    existing = SiteSettings.objects.create(site_name="Cổng CCHC Lai Châu")
    assert SiteSettings.load().pk == existing.pk
    assert SiteSettings.load().site_name == "Cổng CCHC Lai Châu"


def test_footer_shows_the_edited_settings(client, db):
    edit_site_settings(**FACTS)

    shown = footer(client.get(reverse("news:home")))

    assert shown["name"] == FACTS["site_name"]
    assert shown["facts"] == {
        "Cơ quan chủ quản": FACTS["owner"],
        "Chịu trách nhiệm nội dung": FACTS["responsible_person"],
        "Địa chỉ": FACTS["address"],
        "Điện thoại": FACTS["phone"],
        "Thư điện tử": FACTS["email"],
        "Tên miền": FACTS["domain"],
    }
    assert {"tel:02133876543", "mailto:cchc@laichau.gov.vn"} <= shown["links"]


def test_footer_leaves_out_empty_facts(client, db):
    edit_site_settings(site_name="Cổng CCHC", address="Lai Châu")

    shown = footer(client.get(reverse("news:home")))

    assert shown["facts"] == {"Địa chỉ": "Lai Châu"}


def test_footer_escapes_the_settings(client, db):
    edit_site_settings(site_name="<script>alert(1)</script>Cổng", domain="<b>x</b>")

    response = client.get(reverse("news:home"))

    tree = parse(response.content)
    assert not [node for node in tree.iter() if node.tag == "script" and "alert" in node.text()]
    assert footer(response)["name"] == "<script>alert(1)</script>Cổng"


def test_the_next_request_shows_new_values_after_a_save(client, db):
    edit_site_settings(**FACTS)
    assert footer(client.get(reverse("news:home")))["facts"]["Địa chỉ"] == FACTS["address"]
    assert cache.get(SiteSettings.CACHE_KEY) is not None  # the page filled the cache

    edit_site_settings(address="Phường Tân Phong, thành phố Lai Châu", phone="0213 3800 000")

    shown = footer(client.get(reverse("news:home")))
    assert shown["facts"]["Địa chỉ"] == "Phường Tân Phong, thành phố Lai Châu"
    assert shown["facts"]["Điện thoại"] == "0213 3800 000"


def test_commit_clears_a_copy_cached_while_the_transaction_was_open(
    db, django_capture_on_commit_callbacks
):
    stale = SiteSettings.load()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        edit_site_settings(site_name="Tên mới")
        # Another request, not seeing the uncommitted row, caches the old one again.
        cache.set(SiteSettings.CACHE_KEY, stale, timeout=None)
        assert SiteSettings.load().site_name == stale.site_name

    assert callbacks
    assert SiteSettings.load().site_name == "Tên mới"


def test_deleting_the_record_clears_the_cache(db):
    SiteSettings.load().delete()

    fresh = SiteSettings.load()

    assert SiteSettings.objects.filter(pk=fresh.pk).exists()
    assert SiteSettings.objects.count() == 1


def test_home_page_does_not_query_site_settings_once_cached(client, db):
    client.get(reverse("news:home"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("news:home"))

    assert response.status_code == 200
    table = SiteSettings._meta.db_table
    assert not [query for query in queries.captured_queries if table in query["sql"]]


# Admin: one record, reached from the list page, never added or deleted.


@pytest.fixture
def admin_client_(client, db):
    client.force_login(StaffFactory(username="quantri", is_superuser=True))
    return client


def test_changelist_redirects_to_the_single_record(admin_client_):
    response = admin_client_.get(reverse("admin:core_sitesettings_changelist"))

    site_settings = SiteSettings.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "admin:core_sitesettings_change", args=[site_settings.pk]
    )
    assert admin_client_.get(response["Location"]).status_code == 200


def test_changelist_redirects_to_an_existing_record_without_creating_another(admin_client_):
    existing = SiteSettings.objects.create(site_name="Có sẵn")

    response = admin_client_.get(reverse("admin:core_sitesettings_changelist"))

    assert response["Location"] == reverse("admin:core_sitesettings_change", args=[existing.pk])
    assert SiteSettings.objects.count() == 1


def test_adding_is_refused(admin_client_):
    SiteSettings.load()

    assert admin_client_.get(reverse("admin:core_sitesettings_add")).status_code == 403
    response = admin_client_.post(reverse("admin:core_sitesettings_add"), {"site_name": "Thứ hai"})
    assert response.status_code == 403
    assert SiteSettings.objects.count() == 1


def test_deleting_is_refused(admin_client_):
    site_settings = SiteSettings.load()
    url = reverse("admin:core_sitesettings_delete", args=[site_settings.pk])

    assert admin_client_.get(url).status_code == 403
    assert admin_client_.post(url, {"post": "yes"}).status_code == 403
    assert SiteSettings.objects.filter(pk=site_settings.pk).exists()


def test_change_form_offers_neither_add_nor_delete(admin_client_):
    site_settings = SiteSettings.load()

    response = admin_client_.get(reverse("admin:core_sitesettings_change", args=[site_settings.pk]))

    tree = parse(response.content)
    hrefs = {a.attrs.get("href") for a in tree.find_all("a")}
    assert reverse("admin:core_sitesettings_delete", args=[site_settings.pk]) not in hrefs
    assert reverse("admin:core_sitesettings_add") not in hrefs
    assert not [i for i in tree.find_all("input") if i.attrs.get("name") == "_addanother"]


def test_saving_in_the_admin_updates_the_next_page(admin_client_):
    site_settings = SiteSettings.load()
    admin_client_.get(reverse("news:home"))  # cache the current settings

    response = admin_client_.post(
        reverse("admin:core_sitesettings_change", args=[site_settings.pk]),
        {**FACTS, "short_name": "CCHC Lai Châu", "_save": "Lưu"},
    )

    assert response.status_code == 302
    shown = footer(admin_client_.get(reverse("news:home")))
    assert shown["name"] == FACTS["site_name"]
    assert shown["facts"]["Chịu trách nhiệm nội dung"] == FACTS["responsible_person"]
    assert shown["facts"]["Tên miền"] == FACTS["domain"]
