import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image

from core.images import make_thumbnail, thumbnail_name
from news.models import ArticleImage
from news.services import refresh_thumbnail
from tests.factories import ArticleFactory, ArticleImageFactory, image_bytes, uploaded_image

pytestmark = pytest.mark.django_db


def decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


class TestMakeThumbnail:
    def test_a_large_photo_shrinks_to_480_wide_keeping_its_shape(self):
        thumbnail = decoded(make_thumbnail(io.BytesIO(image_bytes("PNG", size=(1200, 800)))))
        assert (thumbnail.format, thumbnail.size) == ("JPEG", (480, 320))

    def test_a_small_photo_is_never_enlarged(self):
        thumbnail = decoded(make_thumbnail(io.BytesIO(image_bytes("GIF", size=(64, 48)))))
        assert thumbnail.size == (64, 48)

    def test_transparency_is_laid_on_white(self):
        buffer = io.BytesIO()
        Image.new("RGBA", (10, 10), (0, 0, 0, 0)).save(buffer, "PNG")
        thumbnail = decoded(make_thumbnail(buffer))
        assert thumbnail.mode == "RGB"
        assert all(channel > 245 for channel in thumbnail.getpixel((5, 5)))

    def test_exif_rotation_is_applied(self):
        buffer = io.BytesIO()
        exif = Image.Exif()
        exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
        Image.new("RGB", (600, 300), "red").save(buffer, "JPEG", exif=exif)
        assert decoded(make_thumbnail(buffer)).size == (300, 600)

    def test_the_name_is_derived_from_the_photo(self):
        assert thumbnail_name("news/2019/07/abc.png") == "thumbnails/news/2019/07/abc-480.jpg"


class TestRefreshThumbnail:
    def test_saving_a_photo_makes_its_thumbnail_after_commit(
        self, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            photo = ArticleImageFactory(image=uploaded_image(size=(1600, 1200)))
        photo.refresh_from_db()
        assert photo.thumbnail.name == thumbnail_name(photo.image.name)
        with default_storage.open(photo.thumbnail.name) as file:
            assert Image.open(file).size == (480, 360)
        assert photo.list_url == default_storage.url(photo.thumbnail.name)

    def test_nothing_is_made_before_the_transaction_commits(self):
        photo = ArticleImageFactory()
        photo.refresh_from_db()
        assert not photo.thumbnail
        assert photo.list_url == photo.image.url

    def test_an_unreadable_photo_keeps_no_thumbnail_and_is_logged(self, caplog):
        photo = ArticleImageFactory()
        name = default_storage.save("news/broken.png", ContentFile(b"not an image"))
        ArticleImage.objects.filter(pk=photo.pk).update(image=name)

        refresh_thumbnail(image_id=photo.pk)

        photo.refresh_from_db()
        assert not photo.thumbnail
        assert "Could not make a thumbnail" in caplog.text

    def test_running_again_writes_nothing_new(self, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            photo = ArticleImageFactory()
        photo.refresh_from_db()
        before = default_storage.listdir("thumbnails/" + photo.image.name.rsplit("/", 1)[0])[1]
        refresh_thumbnail(image_id=photo.pk)
        after = default_storage.listdir("thumbnails/" + photo.image.name.rsplit("/", 1)[0])[1]
        assert before == after

    def test_list_pages_show_the_thumbnail(self, client, django_capture_on_commit_callbacks):
        article = ArticleFactory()
        with django_capture_on_commit_callbacks(execute=True):
            photo = ArticleImageFactory(article=article, image=uploaded_image(size=(1000, 500)))
        photo.refresh_from_db()
        content = client.get(reverse("news:article-list")).content.decode()
        assert f'src="{photo.thumbnail.url}"' in content
        article_page = client.get(article.get_absolute_url()).content.decode()
        assert f'src="{photo.image.url}"' not in article_page  # renditions, not the original
