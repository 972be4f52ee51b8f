import pytest

from core.models import SiteSettings
from tests.factories import ArticleFactory, ArticleImageFactory, CategoryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site():
    SiteSettings.objects.create(
        site_name="Trang thông tin điện tử cải cách hành chính tỉnh Lai Châu",
        address="Tầng 5, Khu hành chính tỉnh, phường Đông Phong, thành phố Lai Châu",
        email="cchc@laichau.gov.vn",
    )
    category = CategoryFactory(name="Kết quả CCHC")
    article = ArticleFactory(
        title="Hội nghị trực tuyến phân tích, đánh giá các chỉ số cải cách hành chính năm 2018",
        category=category,
        body="<p>Đoạn một khá dài " + "chữ " * 80 + "</p>"
        '<figure class="table"><table><tr>' + "<td>72,23</td>" * 8 + "</tr></table></figure>",
        is_featured=True,
    )
    ArticleImageFactory(article=article, caption="Toàn cảnh hội nghị", after_paragraph=1)
    ArticleFactory.create_batch(4, category=category)
    return article


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("path", ["home", "article", "list"])
def test_pages_fit_the_screen_without_sideways_scrolling(page, live_server, site, width, path):
    urls = {"home": "/", "article": site.get_absolute_url(), "list": "/tin-tuc/"}
    page.set_viewport_size({"width": width, "height": 800})
    requested, errors = [], []
    page.on("request", lambda request: requested.append(request.url))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    response = page.goto(live_server.url + urls[path])
    page.wait_for_load_state("networkidle")

    assert response.status == 200
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{path} is {overflow}px wider than a {width}px screen"
    assert page.locator("footer").inner_text().count("cchc@laichau.gov.vn") == 1
    # No CDN, no web fonts, no analytics: every resource comes from the portal itself.
    assert requested and all(url.startswith(live_server.url) for url in requested), requested
    # Nothing broken or blocked by the Content Security Policy.
    assert errors == []


def test_article_page_shows_the_figure_between_paragraphs(page, live_server, site):
    page.goto(live_server.url + site.get_absolute_url())
    blocks = page.locator(".article__body > *")
    tags = [blocks.nth(i).evaluate("e => e.tagName") for i in range(blocks.count())]
    assert tags == ["P", "FIGURE", "FIGURE"]  # paragraph, the photo, then the table
    assert page.locator(".article__body figcaption").inner_text() == "Toàn cảnh hội nghị"


# "Giới thiệu" (/gioi-thieu/, issue 19) joins the menu as its first item after the home page:
# the check adds it when the page does not have it yet, so the menu keeps room for it.
ADD_ABOUT_UNLESS_PRESENT = """() => {
    const list = document.querySelector(".site-nav__list");
    if ([...list.querySelectorAll("a")].some((a) => a.textContent.trim() === "Giới thiệu")) return;
    const item = document.createElement("li");
    const link = item.appendChild(document.createElement("a"));
    link.href = "/gioi-thieu/";
    link.textContent = "Giới thiệu";
    list.insertBefore(item, list.children[1]);
}"""
MENU_ITEMS = """() => Array.from(document.querySelectorAll(".site-nav__list > li"),
    (item) => [item.textContent.trim(), item.offsetTop, item.getBoundingClientRect().right])"""


def test_main_menu_fits_one_line_at_1280px(page, live_server):
    """The demo's menu categories, the apps' items and "Giới thiệu": one line, none hidden."""
    from news.demo.content import CATEGORIES

    for category in CATEGORIES:
        if category.parent is None:
            CategoryFactory(name=category.name, slug=category.slug, order=category.order)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/")
    page.evaluate(ADD_ABOUT_UNLESS_PRESENT)
    items = page.evaluate(MENU_ITEMS)

    assert [name for name, _top, _right in items][:3] == [
        "Trang chủ",
        "Giới thiệu",
        "Tin tức – Sự kiện",
    ]
    assert len(items) == 11
    assert len({top for _name, top, _right in items}) == 1, items
    assert max(right for _name, _top, right in items) <= 1280
    assert page.locator(".site-nav__list a:visible").count() == len(items)
