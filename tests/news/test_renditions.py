"""Renditions of article photos: made once after commit, read from the row, never orphaned."""

import io
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from PIL import Image

from core.images import RENDITION_VERSION, rendition_plan
from news.models import ArticleImage
from news.services import refresh_renditions
from tests.factories import ArticleFactory, ArticleImageFactory, uploaded_image
from tests.html_tools import attributes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(root) -> set[str]:
    return {str(path.relative_to(root)) for path in Path(root).rglob("*") if path.is_file()}


def open_stored(name):
    with default_storage.open(name) as file:
        image = Image.open(io.BytesIO(file.read()))
        image.load()
        return image


@pytest.fixture
def photo(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        made = ArticleImageFactory(image=uploaded_image("anh.jpg", "JPEG", size=(1200, 800)))
    made.refresh_from_db()
    return made


def test_the_plan_never_enlarges_and_never_repeats_a_width():
    assert rendition_plan(4000) == [(480, 480), (960, 960), (1600, 1600)]
    assert rendition_plan(1200) == [(480, 480), (960, 960), (1600, 1200)]
    assert rendition_plan(300) == [(480, 300)]


def test_saving_a_photo_makes_webp_and_jpeg_at_each_width_after_commit(photo):
    record = photo.renditions
    assert record["source"] == photo.image.name
    assert record["version"] == RENDITION_VERSION
    assert [(f["width"], f["height"]) for f in record["files"]] == [
        (480, 320),
        (960, 640),
        (1200, 800),
    ]
    for file in record["files"]:
        assert open_stored(file["webp"]).format == "WEBP"
        assert open_stored(file["jpg"]).format == "JPEG"
        assert open_stored(file["webp"]).size == (file["width"], file["height"])
    assert photo.thumbnail.name == record["files"][0]["jpg"]


def test_nothing_is_made_before_commit_and_pages_show_the_photo_meanwhile(client, media_root):
    photo = ArticleImageFactory(image=uploaded_image("anh.jpg", "JPEG", size=(1200, 800)))
    before = stored_files(media_root)
    page = client.get(photo.article.get_absolute_url())
    assert stored_files(media_root) == before  # a GET makes no image
    assert [img["src"] for img in attributes(page, "img", "article-figure")] == [photo.image.url]


def test_the_article_page_offers_renditions_with_sizes_and_dimensions(client, photo):
    page = client.get(photo.article.get_absolute_url())
    (source,) = attributes(page, "source", "article-figure")
    (img,) = attributes(page, "img", "article-figure")
    assert source["type"] == "image/webp"
    urls = [entry.split()[0] for entry in source["srcset"].split(", ")]
    assert urls == [default_storage.url(f["webp"]) for f in photo.renditions["files"]]
    assert source["srcset"].endswith(" 1200w") and "sizes" in source
    assert (img["width"], img["height"]) == ("1200", "800")
    assert img["src"] == default_storage.url(photo.renditions["files"][1]["jpg"])  # the 960
    assert photo.image.url not in source["srcset"] + img["srcset"] + img["src"]


def test_list_cards_offer_renditions(client, photo):
    page = client.get(reverse("news:article-list"))
    (source,) = attributes(page, "source", "card__media")
    (img,) = attributes(page, "img", "card__media")
    assert default_storage.url(photo.renditions["files"][0]["webp"]) in source["srcset"]
    assert img["src"] == photo.thumbnail.url and img["sizes"]


def test_a_replaced_photo_leaves_no_orphan_files(
    photo, media_root, django_capture_on_commit_callbacks
):
    old = stored_files(media_root)
    with django_capture_on_commit_callbacks(execute=True):
        photo.image = uploaded_image("moi.png", "PNG", size=(800, 600))
        photo.save()
    photo.refresh_from_db()
    expected = {photo.image.name, photo.thumbnail.name} | {
        f[ext] for f in photo.renditions["files"] for ext in ("webp", "jpg")
    }
    assert stored_files(media_root) == expected
    assert not old & stored_files(media_root)


def test_a_deleted_photo_or_article_leaves_no_files(
    photo, media_root, django_capture_on_commit_callbacks
):
    other = ArticleFactory()
    with django_capture_on_commit_callbacks(execute=True):
        second = ArticleImageFactory(article=other, image=uploaded_image(size=(900, 600)))
    assert len(stored_files(media_root)) == 7 + 5  # each photo, its widths × WebP and JPEG
    with django_capture_on_commit_callbacks(execute=True):
        photo.delete()
    assert stored_files(media_root) == {
        second.image.name,
        *(f[e] for f in ArticleImage.objects.get().renditions["files"] for e in ("webp", "jpg")),
    }
    with django_capture_on_commit_callbacks(execute=True):
        other.delete()
    assert stored_files(media_root) == set()


def test_a_file_shared_by_two_rows_stays_while_one_shows_it(
    photo, media_root, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        twin = ArticleImage.objects.create(
            article=ArticleFactory(), image=photo.image.name, alt_text="Ảnh"
        )
    twin.refresh_from_db()
    assert twin.renditions == photo.renditions
    before = stored_files(media_root)
    with django_capture_on_commit_callbacks(execute=True):
        photo.delete()
    assert stored_files(media_root) == before


@translation.override("en")
def test_the_command_rebuilds_missing_and_stale_renditions_only(photo, media_root):
    out = io.StringIO()
    call_command("rebuild_renditions", stdout=out)
    assert "0 given new renditions" in out.getvalue()

    missing = photo.renditions["files"][1]["webp"]
    default_storage.delete(missing)
    call_command("rebuild_renditions", stdout=out)
    assert default_storage.exists(missing)

    ArticleImage.objects.filter(pk=photo.pk).update(renditions={"version": 0})
    out = io.StringIO()
    call_command("rebuild_renditions", stdout=out)
    assert "1 given new renditions" in out.getvalue()
    photo.refresh_from_db()
    assert photo.renditions["version"] == RENDITION_VERSION
    assert len(stored_files(media_root)) == 7


def test_an_unreadable_photo_keeps_no_renditions(caplog):
    photo = ArticleImageFactory()
    name = default_storage.save("news/broken.png", ContentFile(b"not an image"))
    ArticleImage.objects.filter(pk=photo.pk).update(image=name)
    assert refresh_renditions(image_id=photo.pk) is False
    photo.refresh_from_db()
    assert photo.renditions == {} and not photo.rendition_files
