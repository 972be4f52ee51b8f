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


def test_a_superuser_adds_an_article_with_two_photos_publishes_it_and_sees_it_on_home(
    page, live_server, tmp_path, django_user_model
):
    django_user_model.objects.create_superuser("quantri", "qt@laichau.gov.vn", PASSWORD)
    CategoryFactory(name="Kết quả CCHC")
    page.goto(live_server.url + "/quan-tri/login/")
    page.fill("#id_username", "quantri")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/quan-tri/$"))

    page.goto(live_server.url + "/quan-tri/news/article/add/")
    page.locator("#id_title").press_sequentially("Kết quả chỉ số SIPAS năm 2019")
    page.select_option("#id_category", label="Kết quả CCHC")
    page.fill("#id_summary", "Mức độ hài lòng của người dân tăng.")
    page.locator(".ck-editor__editable").first.click()
    page.keyboard.type("Nội dung bài viết.")

    photos = []
    for number in (1, 2):
        photo = tmp_path / f"anh-{number}.png"
        photo.write_bytes(image_bytes("PNG", size=(800, 600)))
        photos.append(photo)
    page.locator("#images-group .add-row a").click()  # a second empty photo row
    for index, photo in enumerate(photos):
        page.set_input_files(f"#id_images-{index}-image", str(photo))
        page.fill(f"#id_images-{index}-alt_text", f"Ảnh số {index + 1}")
        page.fill(f"#id_images-{index}-caption", f"Chú thích ảnh {index + 1}")
        page.fill(f"#id_images-{index}-order", str(index))
    page.click("input[name=_publish]")  # the workflow button: save and publish now
    page.wait_for_url(re.compile(r"/quan-tri/news/article/$"))
    assert page.locator(".messagelist .success").count() == 2  # saved; published

    article = Article.objects.get()
    assert article.images.count() == 2
    page.goto(live_server.url + "/")
    assert page.get_by_role("link", name="Kết quả chỉ số SIPAS năm 2019").first.is_visible()
    page.goto(live_server.url + article.get_absolute_url())
    assert page.locator("figcaption").all_inner_texts() == ["Chú thích ảnh 1", "Chú thích ảnh 2"]
    assert re.fullmatch(
        r"\(Ngày đăng: \d{2}/\d{2}/\d{4} \d{1,2}:\d{2}:\d{2} (SA|CH)\)",
        page.locator(".article__date").inner_text(),
    )
