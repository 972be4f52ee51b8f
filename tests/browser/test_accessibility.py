"""Accessibility in a real browser, on the demo content: axe-core finds no moderate, serious or
critical violation; every search form and navigation has a name of its own; at 360 px nothing
scrolls sideways, chart text stays at 12 px or more and no table caption is cut.

axe-core comes inside the `axe-playwright-python` package (requirements-dev.txt): it is
injected into the page from that file, never fetched.
"""

import json

import pytest

# The pages only read the demo content: `demo_server` loads it once for the module.
pytestmark = [pytest.mark.browser]

# Every public page the checks visit, as (name, address) on the demo content. A new page is one
# line here.
PAGES = [
    ("home", "/"),
    ("news", "/tin-tuc/"),
    ("category", "/chuyen-muc/ket-qua-cchc/"),
    ("article", "/tin-tuc/chi-so-cai-cach-hanh-chinh-nam-2022-cua-tinh-xep-thu-24/"),
    ("archive-year", "/tin-tuc/2019/"),
    ("archive-month", "/tin-tuc/2019/07/"),
    (
        "expired-article",
        "/tin-tuc/thong-bao-nhan-y-kien-du-thao-ke-hoach-cai-cach-hanh-chinh-nam-2023/",
    ),
    ("indices", "/chi-so/"),
    ("index", "/chi-so/par-index/"),
    ("component", "/chi-so/pci/thanh-phan/gia-nhap-thi-truong/"),
    ("ranking", "/chi-so/xep-hang/2018/"),
    # 2017 compares the departments' scores, not ranks, and says why under each change.
    ("ranking-scores", "/chi-so/xep-hang/2017/"),
    ("unit", "/chi-so/don-vi/ban-quan-ly-khu-kinh-te-cua-khau-ma-lu-thang/"),
    ("compare", "/chi-so/so-sanh/?don-vi=so-noi-vu&don-vi=so-tai-chinh"),
    ("admin-login", "/quan-tri/login/"),
    ("search", "/tim-kiem/?q=cai+cach"),
    ("english", "/en/"),
    ("documents", "/van-ban/"),
    ("document", "/van-ban/15-kh-ubnd/"),
    ("questions", "/hoi-dap/"),
    ("ask", "/hoi-dap/gui-cau-hoi/"),
    ("feedback", "/hoi-dap/phan-anh-kien-nghi/"),
    ("lookup", "/tra-cuu/"),
    ("drafts", "/gop-y-du-thao/"),
    ("topics", "/dong-su-kien/"),
    ("topic", "/dong-su-kien/cong-bo-chi-so-cai-cach-hanh-chinh-hang-nam/"),
    ("tag", "/the/par-index/"),
    ("about", "/gioi-thieu/"),
    ("about-unit", "/gioi-thieu/don-vi/so-noi-vu/"),
    ("about-merged-unit", "/gioi-thieu/don-vi/so-ke-hoach-va-dau-tu/"),
]
# Impacts that fail the test; "minor" ones are reported by axe but do not.
FAILING_IMPACTS = {"moderate", "serious", "critical"}
NARROW, WIDE = 360, 1280
SMALLEST_CHART_TEXT = 12  # px, as rendered on the screen


@pytest.fixture(scope="session")
def axe():
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        from tests.conftest import skip_or_fail

        skip_or_fail("axe-playwright-python is not installed (requirements-dev.txt)")
    return Axe()


def violations(axe, page):
    """axe-core's violations of the impacts that fail, as readable lines."""
    results = axe.run(page).response
    assert results["passes"], "axe-core checked nothing"
    found = results["violations"]
    return [
        f"{item['impact']} {item['id']}: {item['help']} — "
        + "; ".join(node["html"][:160] for node in item["nodes"][:3])
        for item in found
        if item["impact"] in FAILING_IMPACTS
    ]


def open_page(page, url, width):
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    assert response.status == 200, url


# Rendered size of every visible text of the server-drawn charts: the font size in SVG units
# times the scale from those units to screen pixels.
CHART_TEXT_SIZES = """() => Array.from(document.querySelectorAll("svg.chart__svg text"))
    .filter((text) => text.checkVisibility())
    .map((text) => {
        const m = text.getScreenCTM();
        const size = parseFloat(getComputedStyle(text).fontSize);
        return [text.textContent.trim(), size * Math.hypot(m.a, m.b)];
    })"""
# The search forms and navigations with their role and accessible name (aria-label, or the text
# that aria-labelledby points to). axe checks that named landmarks are unique, but passes over a
# form without a name: a page with two unnamed search forms would pass it, while a screen
# reader lists two "search" landmarks it cannot tell apart.
LANDMARKS = """() => Array.from(document.querySelectorAll("[role=search], nav")).map((element) => {
    const ids = (element.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean);
    const name = ids.length
        ? ids.map((id) => document.getElementById(id)?.textContent || "").join(" ")
        : element.getAttribute("aria-label") || "";
    return [element.getAttribute("role") || element.localName, name.trim()];
})"""
# A caption is cut when its text reaches past the box that shows the table.
CUT_CAPTIONS = """() => Array.from(document.querySelectorAll("table caption")).filter((caption) => {
    const box = caption.closest(".table-wrap") || document.documentElement;
    const view = box.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(caption);
    const text = range.getBoundingClientRect();
    return text.left < view.left - 1 || text.right > Math.min(view.right, window.innerWidth) + 1;
}).map((caption) => caption.textContent.trim())"""


@pytest.mark.parametrize(("name", "path"), PAGES, ids=[name for name, _ in PAGES])
def test_page_passes_axe_and_stays_readable_on_a_phone(page, demo_server, axe, name, path):
    # One test per page: axe on a desktop and on a phone, then what axe does not measure on
    # the phone.
    open_page(page, demo_server.url + path, WIDE)
    found = {WIDE: violations(axe, page)}
    open_page(page, demo_server.url + path, NARROW)
    found[NARROW] = violations(axe, page)
    assert found == {WIDE: [], NARROW: []}, json.dumps(found, ensure_ascii=False, indent=1)
    landmarks = page.evaluate(LANDMARKS)
    assert [landmark for landmark in landmarks if not landmark[1]] == [], name
    assert len(set(map(tuple, landmarks))) == len(landmarks), landmarks

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} is {overflow}px wider than a {NARROW}px screen"
    sizes = page.evaluate(CHART_TEXT_SIZES)
    if page.locator("svg.chart__svg").count():
        assert sizes, f"{name} has charts but none is shown at {NARROW}px"
    small = [(text, round(size, 1)) for text, size in sizes if size < SMALLEST_CHART_TEXT - 0.05]
    assert small == [], f"chart text under {SMALLEST_CHART_TEXT}px on {name}"
    assert page.evaluate(CUT_CAPTIONS) == []
