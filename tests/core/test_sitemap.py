"""sitemap.xml: news, categories and the indices pages; only what the public may open."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from news.models import Article
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    IndexFactory,
    ProvinceResultFactory,
    UnitFactory,
    UnitResultFactory,
)

pytestmark = pytest.mark.django_db
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_paths(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{NS}urlset"
    prefix = "http://testserver"
    locations = [url.findtext(f"{NS}loc") for url in root.iter(f"{NS}url")]
    assert all(location.startswith(prefix) for location in locations)
    return [location.removeprefix(prefix) for location in locations]


def test_sitemap_lists_public_pages_and_the_indices_pages(client):
    category = CategoryFactory(slug="tin-tuc-su-kien")
    public = ArticleFactory(category=category)
    draft = ArticleFactory(category=category, draft=True)
    scheduled = ArticleFactory(category=category, published_at=timezone.now() + timedelta(days=1))
    withdrawn = ArticleFactory(category=category, status=Article.Status.UNPUBLISHED)
    par = IndexFactory(code="PAR_INDEX")
    ProvinceResultFactory(index=par, year=2018)
    department = UnitFactory(name="Sở Nội vụ")
    former = UnitFactory(name="Huyện cũ", is_active=False)
    UnitResultFactory(unit=department, year=2018)
    UnitResultFactory(unit=department, year=2019)
    UnitResultFactory(unit=former, year=2019)

    paths = sitemap_paths(client)

    assert public.get_absolute_url() in paths
    for hidden in (draft, scheduled, withdrawn):
        assert hidden.get_absolute_url() not in paths
    assert category.get_absolute_url() in paths
    for expected in (
        "/",
        "/tin-tuc/",
        "/en/",
        "/chi-so/",
        par.get_absolute_url(),
        "/chi-so/xep-hang/2018/",
        "/chi-so/xep-hang/2019/",
        department.get_absolute_url(),
        former.get_absolute_url(),
    ):
        assert expected in paths
    assert "/chi-so/xep-hang/2020/" not in paths
    assert len(paths) == len(set(paths))
    # Every listed address opens for an anonymous visitor.
    visitor = Client()
    for path in paths:
        assert visitor.get(path).status_code == 200, path
