"""Each role × each action, through the admin with real POSTs: allowed, or refused (403) with
nothing changed. The pages may hide buttons; these tests forge the POSTs the buttons would send."""

import pytest
import reversion
from django.contrib.auth import get_user_model
from django.urls import reverse
from reversion.models import Version

from accounts.roles import EDITOR, PUBLISHER, SITE_ADMIN
from news.models import Article
from tests.admin_forms import article_change_form, article_form
from tests.factories import ArticleFactory, CategoryFactory, StaffFactory

pytestmark = pytest.mark.django_db
Status = Article.Status


def change_url(article):
    return reverse("admin:news_article_change", args=[article.pk])


def create(client, actor):
    data = article_form(CategoryFactory(), title="Bài mới của ma trận quyền")
    response = client.post(reverse("admin:news_article_add"), data)
    return response, Article.objects.filter(title="Bài mới của ma trận quyền").exists()


def edit_own_draft(client, actor):
    article = ArticleFactory(draft=True, created_by=actor)
    response = client.post(change_url(article), article_change_form(article, title="Đã sửa"))
    article.refresh_from_db()
    return response, article.title == "Đã sửa"


def edit_others_article(client, actor):
    article = ArticleFactory(draft=True, created_by=StaffFactory(role=EDITOR))
    response = client.post(change_url(article), article_change_form(article, title="Đã sửa"))
    article.refresh_from_db()
    return response, article.title == "Đã sửa"


def submit(client, actor):
    article = ArticleFactory(draft=True, created_by=actor)
    response = client.post(change_url(article), article_change_form(article, _submit="1"))
    article.refresh_from_db()
    return response, article.status == Status.PENDING


def publish(client, actor):
    article = ArticleFactory(status=Status.PENDING, published_at=None)
    response = client.post(change_url(article), article_change_form(article, _publish="1"))
    return response, Article.objects.published().filter(pk=article.pk).exists()


def schedule(client, actor):
    article = ArticleFactory(status=Status.PENDING, published_at=None)
    data = article_change_form(
        article, published_at_0="2999-01-01", published_at_1="08:00:00", _publish="1"
    )
    response = client.post(change_url(article), data)
    article.refresh_from_db()
    return response, article.status == Status.PUBLISHED and article.published_at.year == 2999


def unpublish(client, actor):
    article = ArticleFactory(created_by=actor)
    response = client.post(change_url(article), article_change_form(article, _unpublish="1"))
    article.refresh_from_db()
    return response, article.status == Status.UNPUBLISHED


def delete_published(client, actor):
    article = ArticleFactory(created_by=actor)
    url = reverse("admin:news_article_delete", args=[article.pk])
    response = client.post(url, {"post": "yes"})
    return response, not Article.objects.filter(pk=article.pk).exists()


def restore_revision(client, actor):
    with reversion.create_revision():
        article = ArticleFactory(title="Tiêu đề ban đầu", created_by=actor, draft=True)
    with reversion.create_revision():
        article.title = "Tiêu đề sửa sau"
        article.save()
    first = Version.objects.get_for_object(article).order_by("pk").first()
    url = reverse("admin:news_article_revision", args=[article.pk, first.pk])
    response = client.post(url)
    article.refresh_from_db()
    return response, article.title == "Tiêu đề ban đầu"


def manage_users(client, actor):
    data = {
        "username": "nhanvienmoi",
        "first_name": "Lò Văn",
        "last_name": "Minh",
        "email": "minh@laichau.gov.vn",
        "role": str(group_id(EDITOR)),
        "password1": "Lai-Chau-mat-khau-2019",
        "password2": "Lai-Chau-mat-khau-2019",
    }
    response = client.post(reverse("admin:auth_user_add"), data)
    return response, get_user_model().objects.filter(username="nhanvienmoi").exists()


def group_id(name):
    from django.contrib.auth.models import Group

    return Group.objects.get(name=name).pk


ACTIONS = {
    "create": create,
    "edit own draft": edit_own_draft,
    "edit other's article": edit_others_article,
    "submit": submit,
    "publish": publish,
    "schedule": schedule,
    "unpublish": unpublish,
    "delete published": delete_published,
    "restore revision": restore_revision,
    "manage users": manage_users,
}

#                         editor  publisher  site admin
MATRIX = {
    "create":               (True,  True,      False),
    "edit own draft":       (True,  True,      False),
    "edit other's article": (False, True,      False),
    "submit":               (True,  True,      False),
    "publish":              (False, True,      False),
    "schedule":             (False, True,      False),
    "unpublish":            (False, True,      False),
    "delete published":     (False, True,      False),
    "restore revision":     (False, True,      False),
    "manage users":         (False, False,     True),
}  # fmt: skip
ROLES = {"editor": EDITOR, "publisher": PUBLISHER, "site_admin": SITE_ADMIN}
CASES = [
    pytest.param(role, action, allowed, id=f"{label}-{action}")
    for action, row in MATRIX.items()
    for (label, role), allowed in zip(ROLES.items(), row, strict=True)
]


@pytest.mark.parametrize(("role", "action", "allowed"), CASES)
def test_role_may_or_may_not(client, role, action, allowed):
    actor = StaffFactory(username="nguoithu", role=role)
    client.force_login(actor)

    response, done = ACTIONS[action](client, actor)

    if allowed:
        assert response.status_code == 302, getattr(response, "context", None) and (
            response.context.get("errors")
        )
        assert done
    else:
        assert response.status_code == 403
        assert not done


def test_every_role_and_action_is_in_the_matrix():
    assert set(MATRIX) == set(ACTIONS)
