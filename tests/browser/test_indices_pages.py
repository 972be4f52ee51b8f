from decimal import Decimal

import pytest

from core.models import SiteSettings
from indices.models import Unit
from tests.factories import (
    ComponentResultFactory,
    GradeThresholdsFactory,
    IndexFactory,
    ProvinceResultFactory,
    UnitFactory,
    UnitResultFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PATHS = {
    "overview": "/chi-so/",
    "index": "/chi-so/par-index/",
    "ranking": "/chi-so/xep-hang/2018/",
    "unit": "/chi-so/don-vi/ban-quan-ly-khu-kinh-te-cua-khau-ma-lu-thang/",
}


@pytest.fixture
def indices():
    SiteSettings.objects.create(email="cchc@laichau.gov.vn")
    GradeThresholdsFactory(year=2016)
    par = IndexFactory(code="PAR_INDEX", abbreviation="PAR INDEX")
    for year, score, rank in [(2016, "70.10", 56), (2017, None, 57), (2018, "72.23", 58)]:
        result = ProvinceResultFactory(
            index=par, year=year, score=score and Decimal(score), rank=rank
        )
    for _ in range(8):
        ComponentResultFactory(province_result=result, component__name="Cải cách " * 6)
    long_name = UnitFactory(name="Ban Quản lý Khu kinh tế cửa khẩu Ma Lù Thàng")
    for year in (2017, 2018):
        UnitResultFactory(unit=long_name, year=year, score=Decimal("68.57"), is_sample=True)
        for number in range(20):
            UnitResultFactory(
                unit=UnitFactory(name=f"Sở thử nghiệm {number}")
                if year == 2017
                else Unit.objects.get(name=f"Sở thử nghiệm {number}"),
                year=year,
                score=Decimal(60 + number),
            )


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("name", PATHS)
def test_index_pages_fit_the_screen_and_draw_their_charts(page, live_server, indices, width, name):
    page.set_viewport_size({"width": width, "height": 800})
    requested, errors = [], []
    page.on("request", lambda request: requested.append(request.url))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    response = page.goto(live_server.url + PATHS[name])
    page.wait_for_load_state("networkidle")

    assert response.status == 200
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} is {overflow}px wider than a {width}px screen"
    # Each chart is drawn wide and narrow; the stylesheet shows the one that fits.
    charts = page.locator("svg.chart__svg:visible")
    assert charts.count() == {"overview": 0, "index": 3, "ranking": 1, "unit": 2}[name]
    for number in range(charts.count()):
        box = charts.nth(number).bounding_box()
        assert box["width"] > 200 and box["height"] > 100, box
        assert box["x"] + box["width"] <= width
    # The charts are part of the page: nothing is fetched, nothing blocked by the CSP.
    assert all(url.startswith(live_server.url) for url in requested), requested
    assert errors == []


def test_charts_and_tables_stay_when_printed(page, live_server, indices):
    page.goto(live_server.url + PATHS["index"])
    page.emulate_media(media="print")
    assert page.locator("svg.chart__svg:visible").count() == 3
    assert page.locator("table.data-table").first.is_visible()
    assert not page.locator(".data-links").first.is_visible()
