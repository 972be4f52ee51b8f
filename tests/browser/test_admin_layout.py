"""The article form fits: no sideways scroll at 1280 px, usable at 1024 px, and each photo row
shows its thumbnail (saved photos and a photo just chosen alike)."""

import re

import pytest

from tests.factories import (
    ArticleFactory,
    ArticleImageFactory,
    RelatedArticleFactory,
    image_bytes,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "mat-khau-thu-nghiem-2019"
NO_SIDEWAYS_SCROLL = """() => {
  const root = document.documentElement;
  const wide = [...document.querySelectorAll('#article_form *')]
    .filter(el => el.getBoundingClientRect().right > root.clientWidth + 1)
    .map(el => el.tagName + '#' + el.id + '.' + el.className).slice(0, 5);
  return {scroll: root.scrollWidth, client: root.clientWidth, wide: wide};
}"""


@pytest.fixture
def article_page(page, live_server, django_user_model):
    django_user_model.objects.create_superuser("quantri", "qt@laichau.gov.vn", PASSWORD)
    article = ArticleFactory(title="Hội nghị trực tuyến " * 8)
    for number in range(3):
        ArticleImageFactory(
            article=article,
            caption=f"Chú thích dài của ảnh số {number} " * 4,
            alt_text="Toàn cảnh hội nghị trực tuyến tại điểm cầu tỉnh",
        )
    RelatedArticleFactory(from_article=article)
    page.goto(live_server.url + "/quan-tri/login/")
    page.fill("#id_username", "quantri")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/quan-tri/$"))
    page.url_of_article = f"{live_server.url}/quan-tri/news/article/{article.pk}/change/"
    return page


@pytest.mark.parametrize("width", [1280, 1024])
def test_the_article_form_has_no_sideways_scroll(article_page, width):
    page = article_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(page.url_of_article)
    page.locator(".ck-editor__editable").first.wait_for()
    measured = page.evaluate(NO_SIDEWAYS_SCROLL)
    assert measured["scroll"] <= measured["client"], measured
    # Usable: the photo fields and the save button are on screen, not cut off.
    for selector in ["#id_images-0-caption", "#id_images-0-alt_text", "input[name=_save]"]:
        box = page.locator(selector).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, selector


def test_each_photo_row_shows_its_thumbnail(article_page, tmp_path):
    page = article_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(page.url_of_article)
    thumbnails = page.locator("#images-group tr.has_original .field-preview img")
    assert thumbnails.count() == 3
    for index in range(3):
        assert thumbnails.nth(index).evaluate("img => img.complete && img.naturalWidth > 0")
    # A photo just chosen shows in its row before saving.
    photo = tmp_path / "anh-moi.png"
    photo.write_bytes(image_bytes("PNG", size=(320, 200)))
    page.set_input_files("#id_images-3-image", str(photo))
    chosen = page.locator("#images-3 .field-preview img")
    chosen.wait_for()
    assert chosen.evaluate("img => img.src.startsWith('blob:')")
