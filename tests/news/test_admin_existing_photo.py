import pytest
from django.urls import reverse

from tests.admin_forms import article_change_form, inline_management
from tests.factories import ArticleFactory, ArticleImageFactory

pytestmark = pytest.mark.django_db


def test_an_article_with_a_stored_photo_can_be_saved_again(client, admin_user):
    """The stored photo is not parsed again (its file handle was closed: a 500 before)."""
    article = ArticleFactory(draft=True)
    image = ArticleImageFactory(article=article)
    client.force_login(admin_user)
    data = article_change_form(
        article,
        title="Tiêu đề mới",
        **inline_management("images", 1, initial=1),
        **{"images-0-id": str(image.pk), "images-0-article": str(article.pk),
           "images-0-alt_text": "Ảnh hội nghị", "images-0-caption": "Chú thích mới",
           "images-0-order": "0"},
    )  # fmt: skip
    response = client.post(reverse("admin:news_article_change", args=[article.pk]), data)
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.caption == "Chú thích mới"
