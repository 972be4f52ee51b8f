"""The roles exist in every database, with exactly their permissions."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from accounts.roles import EDITOR, PUBLISHER, ROLES, SITE_ADMIN, sync_roles

pytestmark = pytest.mark.django_db


def perms(group_name):
    group = Group.objects.get(name=group_name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def test_the_migrated_database_has_the_three_roles_with_vietnamese_names():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Biên tập viên",
        "Người duyệt tin",
        "Quản trị viên",
    }
    for role in ROLES.values():
        assert perms(role.name) == set(role.permissions) | {
            f"{p.content_type.app_label}.{p.codename}"
            for p in Permission.objects.filter(content_type__app_label__in=role.app_labels)
        }


def test_the_publisher_has_every_permission_of_categories_and_the_editor_does_not():
    category = {
        f"news.{p.codename}"
        for p in Permission.objects.filter(
            content_type__app_label="news", content_type__model="category"
        )
    }
    assert len(category) == 4
    assert category <= perms(PUBLISHER)
    assert perms(EDITOR) & category == {"news.view_category"}
    assert "news.publish_article" in perms(PUBLISHER) - perms(EDITOR)


def test_only_the_site_administrator_manages_users():
    for role in (EDITOR, PUBLISHER):
        assert not {p for p in perms(role) if p.startswith("auth.")}
    assert {"auth.add_user", "auth.change_user", "auth.view_user"} <= perms(SITE_ADMIN)
    assert "auth.delete_user" not in perms(SITE_ADMIN)
    assert not {p for p in perms(SITE_ADMIN) if p.endswith("_permission") or p.endswith("_group")}


def test_the_publisher_manages_every_model_of_the_indices_app():
    for model in apps.get_app_config("indices").get_models():
        name = model._meta.model_name
        for action in ("add", "change", "delete", "view"):
            assert f"indices.{action}_{name}" in perms(PUBLISHER)
    assert not any(permission.startswith("indices.") for permission in perms(EDITOR))


def test_the_sync_picks_up_permissions_of_the_indices_app_by_label_and_removes_strays():
    """A permission added to the indices app later reaches the publisher without code change."""
    content_type = ContentType.objects.create(app_label="indices", model="futuremodel")
    added = Permission.objects.create(
        content_type=content_type, codename="change_futuremodel", name="Can change future"
    )
    stray = Permission.objects.get(codename="delete_user")
    Group.objects.get(name=EDITOR).permissions.add(stray)

    sync_roles()

    assert "indices.change_futuremodel" in perms(PUBLISHER)
    assert added not in Group.objects.get(name=EDITOR).permissions.all()
    assert "auth.delete_user" not in perms(EDITOR)


def test_migrate_puts_the_roles_back():
    Group.objects.filter(name=PUBLISHER).delete()
    call_command("migrate", verbosity=0)
    assert "news.publish_article" in perms(PUBLISHER)
