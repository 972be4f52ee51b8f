"""A phone at 360 px downloads a small rendition of each photo, never the 1,200-px original."""

import pytest
from django.core.files.storage import default_storage

from tests.factories import ArticleFactory, ArticleImageFactory, uploaded_image

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def photo():
    article = ArticleFactory(
        title="Hội nghị đánh giá chỉ số cải cách hành chính",
        body="<p>Đoạn một.</p><p>Đoạn hai.</p>",
    )
    # transaction=True: the save commits at once, so the renditions are made right away.
    made = ArticleImageFactory(
        article=article, image=uploaded_image("anh.jpg", "JPEG", size=(1200, 800))
    )
    made.refresh_from_db()
    assert made.rendition_files, "renditions are made when the photo's save commits"
    return made


def image_requests(page, url) -> list[str]:
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(url)
    # Photos load lazily: bring every one into view before reading what was asked for.
    for image in page.locator("main img").all():
        image.scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    return [url for url in requested if "/media/" in url]


@pytest.mark.parametrize("path", ["article", "list"])
def test_a_phone_gets_the_480_webp_not_the_original(page, live_server, photo, path):
    page.set_viewport_size({"width": 360, "height": 640})
    url = {"article": photo.article.get_absolute_url(), "list": "/tin-tuc/"}[path]
    requested = image_requests(page, live_server.url + url)

    smallest = default_storage.url(photo.rendition_files[0]["webp"])
    assert [u.removeprefix(live_server.url) for u in requested] == [smallest]
    assert not any(photo.image.url in u for u in requested)


def test_a_wide_screen_gets_a_larger_rendition_still_not_the_original(page, live_server, photo):
    page.set_viewport_size({"width": 1280, "height": 900})
    requested = image_requests(page, live_server.url + photo.article.get_absolute_url())
    larger = default_storage.url(photo.rendition_files[1]["webp"])  # 960 for an 800-px column
    assert [u.removeprefix(live_server.url) for u in requested] == [larger]
