"""Revisions (django-reversion): every admin save keeps one, with the photos and related links;
publishers compare two and restore one, which is itself a new revision."""

import pytest
from django.urls import reverse
from reversion.models import Version

from audit.models import AuditEntry
from news.models import Article
from tests.admin_forms import article_change_form, inline_management
from tests.factories import ArticleFactory, CategoryFactory, uploaded_image
from tests.html_tools import texts

pytestmark = pytest.mark.django_db


def versions(article):
    return list(Version.objects.get_for_object(article).order_by("pk"))


@pytest.fixture
def edited_article(client, publisher):
    """An article saved three times in the admin: created with a photo, retitled, photo gone."""
    client.force_login(publisher)
    data = article_change_form(
        ArticleFactory.build(category=CategoryFactory(), title="Tiêu đề đầu tiên", slug=""),
        **inline_management("images", 1),
        **{"images-0-image": uploaded_image(), "images-0-alt_text": "Ảnh hội nghị",
           "images-0-caption": "Chú thích ban đầu", "images-0-order": "0"},
    )  # fmt: skip
    assert client.post(reverse("admin:news_article_add"), data).status_code == 302
    article = Article.objects.get()
    url = reverse("admin:news_article_change", args=[article.pk])
    image = article.images.get()
    data = article_change_form(
        article,
        title="Tiêu đề thứ hai",
        body="<p>Đoạn đã sửa.</p>",
        **inline_management("images", 1, initial=1),
        **{"images-0-id": str(image.pk), "images-0-article": str(article.pk),
           "images-0-alt_text": "Ảnh hội nghị", "images-0-caption": "Chú thích ban đầu",
           "images-0-order": "0"},
    )  # fmt: skip
    assert client.post(url, data).status_code == 302
    data.update({"images-0-DELETE": "on", "title": "Tiêu đề thứ ba"})
    assert client.post(url, data).status_code == 302
    article.refresh_from_db()
    return article


def test_every_admin_save_keeps_a_revision_with_the_photos(edited_article):
    first, second, third = versions(edited_article)
    assert first.field_dict["title"] == "Tiêu đề đầu tiên"
    assert second.field_dict["title"] == "Tiêu đề thứ hai"
    assert third.field_dict["title"] == "Tiêu đề thứ ba"
    assert first.revision.version_set.count() == 2  # the article and its photo
    assert third.revision.version_set.count() == 1  # the photo was deleted


def test_a_publisher_sees_what_changed_between_two_revisions(client, edited_article):
    first, _second, third = versions(edited_article)
    url = reverse("admin:news_article_compare", args=[edited_article.pk])
    response = client.get(url, {"from": first.pk, "to": third.pk})
    assert response.status_code == 200
    changed = {change.name for change in response.context["changes"]}
    assert changed == {"title", "body", "images"}
    removed = texts(response, "del")
    added = texts(response, "ins")
    assert "− Tiêu đề đầu tiên" in removed and "+ Tiêu đề thứ ba" in added
    assert "+ Đoạn đã sửa." in added
    assert any("Chú thích ban đầu" in line for line in removed)

    history = client.get(reverse("admin:news_article_history", args=[edited_article.pk]))
    assert len(history.context["action_list"]) == 3


def test_restoring_brings_back_the_content_as_a_new_revision_and_keeps_the_status(
    client, edited_article, publisher
):
    first = versions(edited_article)[0]
    assert edited_article.status == Article.Status.DRAFT
    url = reverse("admin:news_article_revision", args=[edited_article.pk, first.pk])
    preview = client.get(url)
    assert preview.status_code == 200
    assert {change.name for change in preview.context["changes"]} == {"title", "body", "images"}

    assert client.post(url).status_code == 302

    edited_article.refresh_from_db()
    assert edited_article.title == "Tiêu đề đầu tiên"
    assert edited_article.body == first.field_dict["body"]
    assert [image.caption for image in edited_article.images.all()] == ["Chú thích ban đầu"]
    assert edited_article.status == Article.Status.DRAFT
    assert len(versions(edited_article)) == 4
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.ARTICLE_RESTORED).get()
    assert entry.actor == publisher and entry.object_id == str(edited_article.pk)


def test_restoring_never_unpublishes_or_moves_a_published_article(client, edited_article):
    first = versions(edited_article)[0]
    Article.objects.filter(pk=edited_article.pk).update(status=Article.Status.PUBLISHED)
    old_slug = edited_article.slug
    url = reverse("admin:news_article_revision", args=[edited_article.pk, first.pk])
    assert client.post(url).status_code == 302
    edited_article.refresh_from_db()
    assert edited_article.status == Article.Status.PUBLISHED
    assert edited_article.slug == old_slug
    assert Article.objects.published().filter(pk=edited_article.pk).exists()


@pytest.mark.django_db(transaction=True)  # the foreign key is checked at commit
def test_a_revision_whose_category_was_deleted_is_refused_clearly(client, edited_article):
    first = versions(edited_article)[0]
    old_category = edited_article.category
    Article.objects.filter(pk=edited_article.pk).update(category=CategoryFactory())
    edited_article.refresh_from_db()
    old_category.delete()

    url = reverse("admin:news_article_revision", args=[edited_article.pk, first.pk])
    response = client.post(url, follow=True)

    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]][-1] == (
        "Không thể khôi phục phiên bản này nữa: chuyên mục của bài đã bị xoá. "
        "Hãy chọn một phiên bản mới hơn, hoặc sửa trực tiếp bài viết."
    )
    edited_article.refresh_from_db()
    assert edited_article.title == "Tiêu đề thứ ba"
    assert len(versions(edited_article)) == 3


def test_editors_may_not_compare_or_restore(client, edited_article, editor):
    first, _second, third = versions(edited_article)
    Article.objects.filter(pk=edited_article.pk).update(created_by=editor)
    client.force_login(editor)
    compare = reverse("admin:news_article_compare", args=[edited_article.pk])
    assert client.get(compare, {"from": first.pk, "to": third.pk}).status_code == 403
    restore = reverse("admin:news_article_revision", args=[edited_article.pk, first.pk])
    assert client.post(restore).status_code == 403
    edited_article.refresh_from_db()
    assert edited_article.title == "Tiêu đề thứ ba"


@pytest.mark.parametrize(
    ("who", "shown", "status"), [("editor", False, 403), ("publisher", True, 200)]
)
def test_recovering_deleted_articles_is_for_publishers(client, request, who, shown, status):
    client.force_login(request.getfixturevalue(who))
    listing = client.get(reverse("admin:news_article_changelist")).content.decode()
    recover = reverse("admin:news_article_recoverlist")
    assert (recover in listing) == shown
    assert client.get(recover).status_code == status


def test_a_recovered_article_comes_back_as_a_draft_and_the_trail_says_so(client, publisher):
    client.force_login(publisher)
    article = ArticleFactory(status=Article.Status.PUBLISHED, title="Bài đã đăng rồi bị xoá")
    change_url = reverse("admin:news_article_change", args=[article.pk])
    assert client.post(change_url, article_change_form(article)).status_code == 302
    delete_url = reverse("admin:news_article_delete", args=[article.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 302
    deleted = Version.objects.get_deleted(Article).get()

    recover_url = reverse("admin:news_article_recover", args=[deleted.pk])
    response = client.post(recover_url, article_change_form(article))

    assert response.status_code == 302
    recovered = Article.objects.get(pk=article.pk)
    assert recovered.status == Article.Status.DRAFT
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert list(
        AuditEntry.objects.filter(object_id=str(article.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )[-2:] == [AuditEntry.Action.ARTICLE_DELETED, AuditEntry.Action.ARTICLE_RESTORED]
