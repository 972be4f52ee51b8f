"""Saving an article in the admin — its text, photos and related links, revision and audit
entries — is one transaction. A failure at any step leaves the previous version as it was, no
new rows and no new files, and the form comes back with the reason (never a 500).

A full or unwritable media folder is simulated with a storage class that fails (after writing
part of the file, as a full disk does): the tests run as root, and root writes through any
`chmod`, so a read-only MEDIA_ROOT would not stop it.
"""

import errno
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage, default_storage
from django.db.models.signals import pre_save
from django.urls import reverse
from reversion.models import Revision, Version

from audit.models import AuditEntry
from core.files import discard_stored_files_on_error, save_to_storage
from news.models import Article, ArticleImage, RelatedArticle
from tests.admin_forms import article_form
from tests.factories import (
    ArticleFactory,
    ArticleImageFactory,
    CategoryFactory,
    RelatedArticleFactory,
    uploaded_image,
)

pytestmark = pytest.mark.django_db
ADD_URL = reverse("admin:news_article_add")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media_root) -> list[str]:
    return sorted(
        p.relative_to(media_root).as_posix() for p in Path(media_root).rglob("*") if p.is_file()
    )


class FullDiskStorage(FileSystemStorage):
    """A real file-system storage whose disk fills up at the `fail_at`-th file: it writes
    part of that file, then fails as the operating system does."""

    def __init__(self, *args, fail_at=1, **kwargs):
        super().__init__(*args, **kwargs)
        self.fail_at = fail_at
        self.saves = 0

    def _save(self, name, content):
        self.saves += 1
        if self.saves < self.fail_at:
            return super()._save(name, content)
        path = Path(self.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.read()[:10])
        raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture
def full_disk(monkeypatch, media_root):
    """Make the photo field's storage fail at its second write from now."""
    storage = FullDiskStorage(location=media_root, fail_at=2)
    monkeypatch.setattr(ArticleImage._meta.get_field("image"), "storage", storage)
    return storage


@pytest.fixture
def article(db):
    """An article as it stands before the failed save: one photo, one related link."""
    article = ArticleFactory(draft=True, title="Tiêu đề cũ", body="<p>Nội dung cũ.</p>")
    ArticleImageFactory(article=article, alt_text="Ảnh cũ", caption="Chú thích cũ")
    RelatedArticleFactory(from_article=article, to_article=ArticleFactory(title="Tin liên quan"))
    return article


def change_data(article, *, new_photos=0, related_to=None):
    """The change form of `article` with a new title and body, its photo and link kept, and
    `new_photos` new photos (and a new related link to `related_to`)."""
    photo = article.images.get()
    link = article.related_links.get()
    data = article_form(
        article.category,
        title="Tiêu đề mới",
        slug=article.slug,
        summary=article.summary,
        body="<p>Nội dung mới.</p>",
    )
    data.update({
        "images-TOTAL_FORMS": str(1 + new_photos), "images-INITIAL_FORMS": "1",
        "images-0-id": str(photo.pk), "images-0-article": str(article.pk),
        "images-0-alt_text": photo.alt_text, "images-0-caption": "Chú thích mới",
        "images-0-order": "0",
        "related_links-TOTAL_FORMS": "2" if related_to else "1", "related_links-INITIAL_FORMS": "1",
        "related_links-0-id": str(link.pk), "related_links-0-from_article": str(article.pk),
        "related_links-0-to_article": str(link.to_article_id), "related_links-0-order": "0",
    })  # fmt: skip
    for index in range(1, 1 + new_photos):
        data.update({
            f"images-{index}-image": uploaded_image(f"moi-{index}.png", color=(index, 0, 0)),
            f"images-{index}-alt_text": f"Ảnh mới {index}",
            f"images-{index}-caption": f"Ảnh mới {index}", f"images-{index}-order": str(index),
        })  # fmt: skip
    if related_to:
        data.update({
            "related_links-1-to_article": str(related_to.pk), "related_links-1-order": "1",
        })  # fmt: skip
    return data


def snapshot(article):
    article.refresh_from_db()
    return {
        "article": (article.title, article.body, article.status),
        "photos": sorted(ArticleImage.objects.values_list("pk", "image", "caption")),
        "links": sorted(RelatedArticle.objects.values_list("pk", "from_article", "to_article")),
        "articles": Article.objects.count(),
        "revisions": (Revision.objects.count(), Version.objects.count()),
        "audit": AuditEntry.objects.count(),
    }


def form_errors(response) -> str:
    return " ".join(response.context["adminform"].form.non_field_errors())


def test_a_full_media_folder_while_writing_a_photo_leaves_the_previous_version(
    client, publisher, article, full_disk, media_root
):
    client.force_login(publisher)
    before, files_before = snapshot(article), stored_files(media_root)

    # Two new photos: the first is written, the disk is full for the second.
    response = client.post(
        reverse("admin:news_article_change", args=[article.pk]), change_data(article, new_photos=2)
    )

    assert response.status_code == 200
    assert "không lưu được ảnh" in form_errors(response)
    assert "Chưa có gì thay đổi" in form_errors(response)
    assert full_disk.saves == 2
    assert snapshot(article) == before
    # The first new photo and the half-written second one were deleted again.
    assert stored_files(media_root) == files_before
    # The form is shown as sent, so the editor loses nothing they typed.
    assert response.context["adminform"].form["title"].value() == "Tiêu đề mới"


def test_a_database_error_on_the_related_links_leaves_the_previous_version(
    client, publisher, article, media_root
):
    def break_the_row(sender, instance, **kwargs):
        # Passed the form's checks, refused by the database: its CHECK constraint forbids an
        # article related to itself.
        instance.to_article_id = instance.from_article_id

    client.force_login(publisher)
    before, files_before = snapshot(article), stored_files(media_root)
    pre_save.connect(break_the_row, sender=RelatedArticle)
    try:
        response = client.post(
            reverse("admin:news_article_change", args=[article.pk]),
            change_data(article, new_photos=1, related_to=ArticleFactory()),
        )
    finally:
        pre_save.disconnect(break_the_row, sender=RelatedArticle)

    assert response.status_code == 200
    assert "lỗi cơ sở dữ liệu" in form_errors(response)
    after = snapshot(article)
    after["articles"] -= 1  # the article chosen as the new related link
    assert after == before
    # The new photo, written before the related links were saved, is gone again.
    assert stored_files(media_root) == files_before


def test_a_failed_new_article_leaves_no_article_no_photo_and_no_file(
    client, publisher, monkeypatch, media_root
):
    storage = FullDiskStorage(location=media_root, fail_at=3)
    monkeypatch.setattr(ArticleImage._meta.get_field("image"), "storage", storage)
    client.force_login(publisher)
    data = article_form(CategoryFactory(), **{"images-TOTAL_FORMS": "3"})
    for index in range(3):
        data.update({
            f"images-{index}-image": uploaded_image(f"anh-{index}.png", color=(index, 9, 9)),
            f"images-{index}-alt_text": "Ảnh", f"images-{index}-order": str(index),
        })  # fmt: skip

    response = client.post(ADD_URL, data)

    assert response.status_code == 200
    assert "không lưu được ảnh" in form_errors(response)
    assert storage.saves == 3
    assert not Article.objects.exists()
    assert not ArticleImage.objects.exists()
    assert not Version.objects.exists()
    assert not AuditEntry.objects.exists()
    assert stored_files(media_root) == []


def test_the_same_save_succeeds_once_the_disk_has_room(client, publisher, article, media_root):
    """The safety net changes nothing when nothing fails."""
    client.force_login(publisher)

    response = client.post(
        reverse("admin:news_article_change", args=[article.pk]), change_data(article, new_photos=2)
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Tiêu đề mới"
    assert article.images.count() == 3
    assert len([f for f in stored_files(media_root) if f.startswith("news/")]) == 3


def test_the_editor_upload_reports_a_full_disk_and_leaves_no_partial_file(
    client, editor, monkeypatch, media_root
):
    import core.views

    storage = FullDiskStorage(location=media_root, fail_at=1)
    monkeypatch.setattr(core.views, "default_storage", storage)
    client.force_login(editor)

    response = client.post(
        reverse("core:editor-image-upload"), {"upload": uploaded_image("anh.png")}
    )

    assert response.status_code == 503
    assert "thư mục lưu tệp đã đầy" in response.json()["error"]["message"]
    assert stored_files(media_root) == []


def test_files_noted_in_a_block_that_succeeded_are_deleted_when_the_outer_block_fails(
    media_root,
):
    with pytest.raises(RuntimeError), discard_stored_files_on_error():
        with discard_stored_files_on_error():
            inner = save_to_storage(default_storage, "a/inner.txt", uploaded_image())
        outer = save_to_storage(default_storage, "a/outer.txt", uploaded_image())
        assert default_storage.exists(inner) and default_storage.exists(outer)
        raise RuntimeError("a later step fails")

    assert stored_files(media_root) == []


def test_files_outside_a_block_are_left_alone(media_root):
    name = save_to_storage(default_storage, "a/kept.txt", uploaded_image())
    with pytest.raises(RuntimeError), discard_stored_files_on_error():
        raise RuntimeError
    assert default_storage.exists(name)
