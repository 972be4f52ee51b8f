"""Decree 42 reading features in a real browser: JSON-LD next to the CSP, the print button and
the print layout, and text enlarged to 200 %."""

import json

import pytest

from core.models import AgencyLink, SiteSettings
from tests.factories import ArticleFactory, ArticleImageFactory, CategoryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def article():
    SiteSettings.objects.create(site_name="CCHC Lai Châu", email="cchc@laichau.gov.vn")
    AgencyLink.objects.create(name="Cổng Dịch vụ công quốc gia", url="https://dichvucong.gov.vn/")
    category = CategoryFactory(name="Tin tức – Sự kiện")
    article = ArticleFactory(
        title="Tin </script> về cải cách hành chính & một cửa",
        category=category,
        body="<p>Đoạn một " + "chữ " * 60 + "</p><p>Đoạn hai.</p>",
    )
    ArticleImageFactory(article=article, after_paragraph=1)
    ArticleFactory.create_batch(3, category=category)
    return article


def open_article(page, live_server, article):
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(live_server.url + article.get_absolute_url())
    page.wait_for_load_state("networkidle")
    assert response.status == 200
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp
    return errors


def test_json_ld_is_data_the_csp_does_not_block(page, live_server, article):
    errors = open_article(page, live_server, article)
    blocks = page.eval_on_selector_all(
        'script[type="application/ld+json"]', "nodes => nodes.map(n => n.textContent)"
    )
    data = [json.loads(block) for block in blocks]
    assert [item["@type"] for item in data] == ["NewsArticle", "BreadcrumbList"]
    assert data[0]["headline"] == article.title
    # The title's "</script>" did not end the block: nothing spilled into the page.
    assert "ld+json" not in page.locator("body").inner_text()
    # No CSP report, no script error: the data block is not executed, so not blocked.
    assert errors == []


def test_print_button_opens_the_print_dialog(page, live_server, article):
    errors = open_article(page, live_server, article)
    # A stand-in for the dialog, which a headless browser cannot show.
    page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }")
    button = page.get_by_role("button", name="In bài")
    assert button.is_visible()
    button.click()
    assert page.evaluate("window.printed") == 1
    assert errors == []


def test_print_layout_keeps_the_article_its_date_and_address_only(page, live_server, article):
    open_article(page, live_server, article)
    page.emulate_media(media="print")
    for selector in (".site-nav", ".site-search", ".site-footer", ".layout__sidebar",
                     ".breadcrumb", ".print-button", "#related-title"):  # fmt: skip
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("h1.article__title").is_visible()
    assert page.locator(".article__date").is_visible()
    source = page.locator(".article__print-source")
    assert source.is_visible()
    assert live_server.url + article.get_absolute_url() in source.inner_text()
    assert page.locator(".article__body img").first.is_visible()

    page.emulate_media(media="screen")
    assert not source.is_visible()
    assert page.locator(".site-footer").is_visible()


@pytest.mark.parametrize("path", ["article", "home", "english"])
def test_text_at_200_percent_fits_without_sideways_scrolling(page, live_server, article, path):
    url = {"article": article.get_absolute_url(), "home": "/", "english": "/en/"}[path]
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + url)
    normal = page.eval_on_selector("h1", "h => parseFloat(getComputedStyle(h).fontSize)")
    # What a reader's "text size 200 %" does: the root font size doubles.
    page.add_style_tag(content="html { font-size: 200% !important; }")
    enlarged = page.eval_on_selector("h1", "h => parseFloat(getComputedStyle(h).fontSize)")
    assert enlarged == pytest.approx(2 * normal, rel=0.01)  # sizes are in rem: they follow
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    # Zoom 200 % of a 1280 px window: a 640 px layout, still without sideways scrolling.
    page.set_viewport_size({"width": 640, "height": 900})
    page.add_style_tag(content="html { font-size: 100% !important; }")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
