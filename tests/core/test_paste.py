"""Paste from Word and Google Docs: clipboard HTML as each produces it (tests/fixtures/clipboard)
keeps its headings, emphasis, lists, tables and links through the server's sanitizer and the
admin form; Office markup is dropped; pasted images are refused with a message."""

from pathlib import Path

import pytest

from core.sanitizer import images_without_alt, sanitize_html
from news.models import Article
from tests.admin_forms import article_form
from tests.factories import CategoryFactory
from tests.html_tools import parse

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "clipboard"


def clipboard(name: str) -> str:
    return (FIXTURES / f"{name}.html").read_text(encoding="utf-8")


def texts(root, tag):
    return [" ".join(node.text().split()) for node in root.find_all(tag)]


@pytest.mark.parametrize("source", ["word", "google_docs"])
def test_structure_survives_the_sanitizer(source):
    root = parse(sanitize_html(clipboard(source)))
    assert texts(root, "h2")[:2] in (
        ["Kết quả Chỉ số cải cách hành chính năm 2019", "Những kết quả chính"],
        ["Kết quả Chỉ số SIPAS năm 2019", "Những kết quả chính"],
    )
    bullets = root.find("ul")
    assert [" ".join(li.text().split()) for li in bullets.find_all("li")] == [
        "Chỉ số PAR INDEX tăng 5 bậc",
        "Chỉ số SIPAS đạt 85,5%",
    ]
    assert "Rà soát thủ tục hành chính" in texts(root, "ol")[0]
    assert texts(root, "td")[:2] == ["Chỉ số", "Điểm"]
    assert root.find("td").find_all("strong") or root.find("td").find_all("b")
    assert root.find_all("em") or root.find_all("i")
    link = root.find("a")
    assert link.attrs["href"] == "https://sonoivu.laichau.gov.vn/"


@pytest.mark.parametrize("source", ["word", "google_docs", "word_with_image"])
def test_office_markup_is_dropped(source):
    clean = sanitize_html(clipboard(source))
    for leftover in [
        "class=",
        "style=",
        "<!--",
        "[if",
        "<o:p",
        "o:p>",
        "<span",
        "mso-",
        "docs-internal-guid",
        "<meta",
        "font-family",
        "·",
        "lang=",
    ]:
        assert leftover not in clean, leftover


def test_word_list_bullets_typed_by_word_are_not_kept_as_text():
    clean = sanitize_html(clipboard("word"))
    root = parse(clean)
    items = [" ".join(li.text().split()) for li in root.find_all("li")]
    assert not any(item.startswith(("·", "1.", "2.")) for item in items)


def test_google_docs_wrapper_does_not_make_everything_bold():
    root = parse(sanitize_html(clipboard("google_docs")))
    assert texts(root, "strong") == ["Mức độ hài lòng", "Chỉ số", "Điểm"]
    assert root.find_all("b") == []
    assert root.find_all("u") == []  # a link's underline is the link's, not emphasis


@pytest.mark.django_db
class TestThroughTheAdminForm:
    @pytest.fixture
    def category(self):
        return CategoryFactory()

    @pytest.fixture
    def editor_client(self, client, editor):
        client.force_login(editor)
        return client

    def test_a_word_paste_is_saved_with_its_structure(self, editor_client, category):
        response = editor_client.post(
            "/quan-tri/news/article/add/", article_form(category, body=clipboard("word"))
        )
        assert response.status_code == 302
        body = Article.objects.get().body
        root = parse(body)
        assert len(root.find_all("li")) == 4
        assert root.find("table") is not None
        assert "MsoNormal" not in body and "<o:p>" not in body

    @pytest.mark.parametrize(
        ("source", "count"),
        [("google_docs", "1 ảnh dán vào chưa được tải lên"), ("word_with_image", "1 ảnh")],
    )
    def test_pasted_images_are_refused_with_a_message(self, editor_client, category, source, count):
        response = editor_client.post(
            "/quan-tri/news/article/add/", article_form(category, body=clipboard(source))
        )
        assert response.status_code == 200
        errors = " ".join(response.context["adminform"].form.errors["body"])
        assert count in errors
        assert "nút chèn ảnh" in errors
        assert not Article.objects.exists()

    def test_an_image_without_alt_text_cannot_be_submitted(self, editor_client, category):
        body = (
            '<figure class="image"><img src="/media/editor/a.png">'
            "<figcaption>Hội nghị</figcaption></figure>"
        )
        data = article_form(category, body=body)
        # Saved as a draft, it is kept (the author may add the text later) ...
        assert editor_client.post("/quan-tri/news/article/add/", data).status_code == 302
        article = Article.objects.get()
        # ... but not sent for review.
        response = editor_client.post(
            f"/quan-tri/news/article/{article.pk}/change/",
            {**data, "slug": article.slug, "_submit": "1"},
        )
        assert response.status_code == 200
        assert "không có văn bản thay thế" in " ".join(
            response.context["adminform"].form.errors["body"]
        )
        article.refresh_from_db()
        assert article.status == Article.Status.DRAFT

        described = body.replace("<img ", '<img alt="Toàn cảnh hội nghị" ')
        response = editor_client.post(
            f"/quan-tri/news/article/{article.pk}/change/",
            {**data, "body": described, "slug": article.slug, "_submit": "1"},
        )
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.status == Article.Status.PENDING


def test_images_without_alt_are_counted():
    assert images_without_alt('<img src="/a.png" alt=" "><img src="/b.png" alt="Ảnh">') == 1
