"""Paste from Word into the editor (CKEditor's own paste handling, then the server's), and body
images shown like the article's photos."""

import re
from pathlib import Path

import pytest

from accounts.roles import EDITOR
from news.models import Article
from tests.factories import ArticleFactory, ArticleImageFactory, CategoryFactory, StaffFactory
from tests.html_tools import parse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "mat-khau-thu-nghiem-2019"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "clipboard"
PASTE = """(html) => {
  const editable = document.querySelector('.ck-editor__editable');
  editable.focus();
  const data = new DataTransfer();
  data.setData('text/html', html);
  data.setData('text/plain', editable.innerText);
  editable.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true,
                                                     cancelable: true}));
}"""


def test_an_editor_pastes_from_word_and_saves(page, live_server):
    StaffFactory(username="bientapvien", role=EDITOR)
    CategoryFactory(name="Kết quả CCHC")
    page.goto(live_server.url + "/quan-tri/login/")
    page.fill("#id_username", "bientapvien")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/quan-tri/$"))

    page.goto(live_server.url + "/quan-tri/news/article/add/")
    page.locator("#id_title").press_sequentially("Bài dán từ Word")
    page.select_option("#id_category", label="Kết quả CCHC")
    page.fill("#id_summary", "Tóm tắt.")
    page.locator(".ck-editor__editable").first.click()
    page.evaluate(PASTE, (FIXTURES / "word.html").read_text(encoding="utf-8"))
    page.locator(".ck-editor__editable table").wait_for()
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r"/quan-tri/news/article/$"))

    body = Article.objects.get().body
    root = parse(body)
    assert [" ".join(h.text().split()) for h in root.find_all("h2")][:1] == [
        "Kết quả Chỉ số cải cách hành chính năm 2019"
    ]
    items = [" ".join(li.text().split()) for li in root.find_all("li")]
    assert items == [
        "Chỉ số PAR INDEX tăng 5 bậc",
        "Chỉ số SIPAS đạt 85,5%",
        "Rà soát thủ tục hành chính",
        "Báo cáo Ủy ban nhân dân tỉnh",
    ]
    assert root.find("ol") is not None and root.find("table") is not None
    assert root.find("a").attrs["href"] == "https://sonoivu.laichau.gov.vn/"
    assert root.find_all("strong") or root.find_all("b")
    for leftover in ["Mso", "mso-", "style=", "<o:p", "<span"]:
        assert leftover not in body


def test_a_body_image_looks_like_an_article_photo(page, live_server):
    article = ArticleFactory(
        body='<p>Mở đầu.</p><figure class="image"><img src="/static/favicon.svg" '
        'alt="Biểu trưng"><figcaption>Chú thích trong nội dung</figcaption></figure>'
    )
    ArticleImageFactory(article=article, caption="Chú thích ảnh bài viết")
    page.goto(live_server.url + article.get_absolute_url())
    style = """(selector) => { const s = getComputedStyle(document.querySelector(selector));
        return [s.fontStyle, s.fontSize, s.color, s.marginTop].join(' '); }"""
    assert page.evaluate(style, ".rich-text figure.image figcaption") == page.evaluate(
        style, ".article-figure figcaption"
    )
