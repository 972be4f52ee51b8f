import re

import pytest
from django.core.files.storage import default_storage

from news.models import Article
from tests.factories import CategoryFactory, StaffFactory, image_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "mat-khau-thu-nghiem-2019"


@pytest.fixture
def logged_in_editor(page, live_server):
    StaffFactory(
        username="bientapvien",
        permissions=[
            "news.add_article",
            "news.change_article",
            "news.view_article",
            "news.view_category",
            "news.add_articleimage",
            "news.add_relatedarticle",
        ],
    )
    page.goto(live_server.url + "/quan-tri/login/")
    page.fill("#id_username", "bientapvien")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/quan-tri/$"))
    return page


def test_editor_writes_an_article_with_an_uploaded_image(logged_in_editor, live_server, tmp_path):
    page = logged_in_editor
    CategoryFactory(name="Kết quả CCHC")
    page.goto(live_server.url + "/quan-tri/news/article/add/")

    page.locator("#id_title").press_sequentially("Hội nghị trực tuyến phân tích chỉ số Đề án")
    # The admin's slug is prefilled as the server would make it (diacritics and đ handled).
    assert page.input_value("#id_slug") == "hoi-nghi-truc-tuyen-phan-tich-chi-so-de-an"

    page.select_option("#id_category", label="Kết quả CCHC")
    page.fill("#id_summary", "Tóm tắt hội nghị.")
    editable = page.locator(".ck-editor__editable").first
    editable.click()
    page.keyboard.type("Đoạn mở đầu của bài viết.")

    photo = tmp_path / "anh-hoi-nghi.png"
    photo.write_bytes(image_bytes("PNG", size=(320, 200)))
    page.locator(".ck-editor input[type=file]").first.set_input_files(str(photo))
    uploaded = page.locator(".ck-editor__editable img")
    uploaded.wait_for()
    page.wait_for_function(
        "() => { const i = document.querySelector('.ck-editor__editable img');"
        " return i && i.getAttribute('src').startsWith('/media/editor/'); }"
    )
    src = uploaded.get_attribute("src")

    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r"/quan-tri/news/article/$"))

    article = Article.objects.get()
    assert article.slug == "hoi-nghi-truc-tuyen-phan-tich-chi-so-de-an"
    assert "Đoạn mở đầu của bài viết." in article.body
    assert f'src="{src}"' in article.body
    assert default_storage.exists(src.removeprefix("/media/"))
