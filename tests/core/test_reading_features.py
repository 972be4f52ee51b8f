"""Decree 42 reading features in core: the footer's links to related agencies' portals
(ordered, editable in the admin, cached) and the English page at /en/."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import SITE_ADMIN
from core.models import AgencyLink, EnglishPage
from tests.factories import StaffFactory
from tests.html_tools import parse

pytestmark = pytest.mark.django_db


def footer_links(client) -> list[tuple[str, str]]:
    response = client.get(reverse("news:home"))
    assert response.status_code == 200
    nav = parse(response.content).find("footer").find_all("nav", class_="site-footer__links")
    if not nav:
        return []
    return [(a.text(), a.attrs["href"]) for a in nav[0].find_all("a")]


def test_footer_lists_the_shown_links_in_their_order(client):
    AgencyLink.objects.create(name="Bộ Nội vụ", url="https://moha.gov.vn/", order=2)
    AgencyLink.objects.create(name="Chính phủ", url="https://chinhphu.vn/", order=1)
    AgencyLink.objects.create(name="Cổng cũ", url="https://cu.example.vn/", is_active=False)

    assert footer_links(client) == [
        ("Chính phủ", "https://chinhphu.vn/"),
        ("Bộ Nội vụ", "https://moha.gov.vn/"),
    ]


def test_links_are_cached_and_a_change_shows_at_once(client):
    link = AgencyLink.objects.create(name="Chính phủ", url="https://chinhphu.vn/")
    footer_links(client)
    with CaptureQueriesContext(connection) as queries:
        AgencyLink.for_footer()
    assert len(queries) == 0

    link.name = "Cổng TTĐT Chính phủ"
    link.save()
    assert footer_links(client) == [("Cổng TTĐT Chính phủ", "https://chinhphu.vn/")]
    link.delete()
    assert footer_links(client) == []


@pytest.fixture
def site_admin_client(client):
    client.force_login(StaffFactory(username="quantri", role=SITE_ADMIN))
    return client


@pytest.mark.parametrize(
    ("url", "accepted"),
    [
        ("https://dichvucong.gov.vn/", True),
        ("http://laichau.gov.vn/", True),
        ("javascript:alert(1)", False),
        ("ftp://files.laichau.gov.vn/", False),
        ("data:text/html,hi", False),
    ],
)
def test_the_admin_accepts_http_and_https_links_only(site_admin_client, url, accepted):
    response = site_admin_client.post(
        reverse("admin:core_agencylink_add"),
        {"name": "Cổng", "url": url, "order": "1", "is_active": "on"},
    )
    assert AgencyLink.objects.filter(url=url).exists() is accepted
    if not accepted:
        assert response.status_code == 200
        assert response.context["adminform"].form.errors["url"]


def test_editors_cannot_manage_agency_links(client, editor):
    client.force_login(editor)
    assert client.get(reverse("admin:core_agencylink_changelist")).status_code == 403


def test_english_page_is_in_english_and_edited_in_the_admin(client, site_admin_client):
    page = EnglishPage.load_or_create()
    change_url = reverse("admin:core_englishpage_change", args=[page.pk])
    assert site_admin_client.get(reverse("admin:core_englishpage_changelist")).url == change_url
    response = site_admin_client.post(
        change_url,
        {
            "title": "Lai Chau Administrative Reform Portal",
            "description": "The office and how to reach it.",
            "introduction": '<p onclick="steal()">Welcome.</p><script>alert("x")</script>',
        },
    )
    assert response.status_code == 302

    response = client.get("/en/")
    assert response.status_code == 200
    tree = parse(response.content)
    html = tree.find("html")
    assert html.attrs["lang"] == "en"
    # The Vietnamese site chrome around it says it is Vietnamese.
    assert tree.find("header").attrs["lang"] == "vi"
    assert tree.find("footer").attrs["lang"] == "vi"
    main = tree.find("main")
    assert main.find("h1").text() == "Lai Chau Administrative Reform Portal"
    assert "Welcome." in main.text()
    body = response.content.decode()
    assert "alert(" not in body and "steal()" not in body
    meta = {m.attrs.get("name"): m.attrs.get("content") for m in tree.find("head").find_all("meta")}
    assert meta["description"] == "The office and how to reach it."


def test_other_pages_stay_vietnamese_and_link_to_the_english_page(client):
    tree = parse(client.get(reverse("news:home")).content)
    assert tree.find("html").attrs["lang"] == "vi"
    assert "lang" not in tree.find("header").attrs
    english = [a for a in tree.find("footer").find_all("a") if a.attrs.get("href") == "/en/"]
    assert english and english[0].attrs["lang"] == "en"


def test_a_visit_to_the_english_page_never_writes(client):
    # A write on a visit would change the content version and drop every cached page.
    assert client.get("/en/").status_code == 200
    assert not EnglishPage.objects.exists()


def test_editors_cannot_change_the_english_page(client, editor):
    client.force_login(editor)
    page = EnglishPage.load_or_create()
    assert client.get(reverse("admin:core_englishpage_change", args=[page.pk])).status_code == 403


def test_load_demo_writes_links_and_the_english_page_once(client):
    call_command("load_demo", verbosity=0)
    links = [model_to_dict(link) for link in AgencyLink.objects.order_by("pk")]
    page = model_to_dict(EnglishPage.load())
    updated_at = EnglishPage.load().updated_at

    call_command("load_demo", verbosity=0)

    assert [model_to_dict(link) for link in AgencyLink.objects.order_by("pk")] == links
    assert model_to_dict(EnglishPage.load()) == page
    assert EnglishPage.load().updated_at == updated_at
    assert EnglishPage.objects.count() == 1
    assert len(links) >= 4
    assert all(link["url"].startswith("https://") for link in links)
    assert len(footer_links(client)) == len(links)
    english = client.get("/en/").content.decode()
    assert "Department of Home Affairs" in english
