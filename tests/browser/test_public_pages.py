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
