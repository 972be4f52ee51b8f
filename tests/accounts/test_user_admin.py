"""Staff accounts in the admin: a site administrator gives one of three roles, never more."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse

from accounts.roles import EDITOR, PUBLISHER, SITE_ADMIN
from audit.models import AuditEntry
from news.models import Article
from tests.factories import ArticleFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()
PASSWORD = "Lai-Chau-mat-khau-2019"


def role(name):
    return str(Group.objects.get(name=name).pk)


def change_data(user, **overrides):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on" if user.is_active else "",
        "role": role(EDITOR),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value != ""}


def change_url(user):
    return reverse("admin:auth_user_change", args=[user.pk])


class TestSiteAdministrator:
    def test_creates_an_account_with_one_role_and_the_audit_says_who(self, client, site_admin):
        client.force_login(site_admin)
        page = client.get(reverse("admin:auth_user_add"))
        fields = set(page.context["adminform"].form.fields)
        assert fields == {"username", "first_name", "last_name", "email", "role", "password1",
                          "password2"}  # fmt: skip
        data = {
            "username": "lovanminh",
            "first_name": "Minh",
            "last_name": "Lò Văn",
            "email": "minh@laichau.gov.vn",
            "role": role(PUBLISHER),
            "password1": PASSWORD,
            "password2": PASSWORD,
        }
        assert client.post(reverse("admin:auth_user_add"), data).status_code == 302
        user = User.objects.get(username="lovanminh")
        assert user.is_staff and not user.is_superuser
        assert list(user.groups.values_list("name", flat=True)) == [PUBLISHER]
        actions = set(AuditEntry.objects.filter(actor=site_admin).values_list("action", flat=True))
        assert actions == {"account_created", "role_changed"}

    def test_the_change_form_offers_no_superuser_flag_permissions_or_groups(
        self, client, site_admin
    ):
        client.force_login(site_admin)
        page = client.get(change_url(StaffFactory(role=EDITOR)))
        fields = set(page.context["adminform"].form.fields)
        assert not fields & {"is_superuser", "user_permissions", "groups", "is_staff"}
        # The three staff roles and the handling of citizens' submissions (participation).
        assert page.context["adminform"].form.fields["role"].queryset.count() == 4

    def test_a_forged_post_cannot_make_a_superuser_or_grant_raw_permissions(
        self, client, site_admin
    ):
        other_group = Group.objects.create(name="Nhóm khác")
        target = StaffFactory(role=EDITOR)
        client.force_login(site_admin)
        forged = change_data(
            target,
            role=role(PUBLISHER),
            is_superuser="on",
            user_permissions=[str(Permission.objects.get(codename="delete_user").pk)],
            groups=[str(other_group.pk), role(SITE_ADMIN)],
        )
        assert client.post(change_url(target), forged).status_code == 302
        target.refresh_from_db()
        assert not target.is_superuser
        assert not target.user_permissions.exists()
        assert list(target.groups.values_list("name", flat=True)) == [PUBLISHER]

        # Nor at creation, nor for themselves.
        created = {
            "username": "giamao", "role": role(EDITOR), "password1": PASSWORD,
            "password2": PASSWORD, "is_superuser": "on",
            "user_permissions": [str(Permission.objects.get(codename="delete_user").pk)],
        }  # fmt: skip
        assert client.post(reverse("admin:auth_user_add"), created).status_code == 302
        made = User.objects.get(username="giamao")
        assert not made.is_superuser and not made.user_permissions.exists()
        client.post(change_url(site_admin), change_data(site_admin, is_superuser="on"))
        site_admin.refresh_from_db()
        assert not site_admin.is_superuser

    def test_a_role_that_is_not_one_of_the_three_is_refused(self, client, site_admin):
        other_group = Group.objects.create(name="Nhóm khác")
        target = StaffFactory(role=EDITOR)
        client.force_login(site_admin)
        response = client.post(change_url(target), change_data(target, role=str(other_group.pk)))
        assert response.status_code == 200
        assert "role" in response.context["adminform"].form.errors
        assert list(target.groups.values_list("name", flat=True)) == [EDITOR]

    def test_cannot_edit_deactivate_or_reset_the_password_of_a_superuser(self, client, site_admin):
        boss = User.objects.create_superuser("sieuquantri", "s@laichau.gov.vn", PASSWORD)
        client.force_login(site_admin)
        response = client.post(change_url(boss), change_data(boss, is_active="", role=role(EDITOR)))
        assert response.status_code == 403
        password_url = reverse("admin:auth_user_password_change", args=[boss.pk])
        data = {"password1": "Mat-khau-moi-2020", "password2": "Mat-khau-moi-2020",
                "set_usable_password": "true"}  # fmt: skip
        assert client.post(password_url, data).status_code == 403
        boss.refresh_from_db()
        assert boss.is_active and boss.check_password(PASSWORD) and not boss.groups.exists()

    def test_cannot_change_their_own_role_or_deactivate_themselves(self, client, site_admin):
        client.force_login(site_admin)
        page = client.get(change_url(site_admin))
        assert page.context["adminform"].form.fields["role"].disabled
        data = change_data(site_admin, role=role(EDITOR), is_active="")
        assert client.post(change_url(site_admin), data).status_code == 302
        site_admin.refresh_from_db()
        assert site_admin.is_active
        assert list(site_admin.groups.values_list("name", flat=True)) == [SITE_ADMIN]

    def test_resets_a_password_and_the_audit_records_it(self, client, site_admin):
        target = StaffFactory(role=EDITOR)
        client.force_login(site_admin)
        url = reverse("admin:auth_user_password_change", args=[target.pk])
        data = {"password1": "Mat-khau-moi-2020", "password2": "Mat-khau-moi-2020",
                "set_usable_password": "true"}  # fmt: skip
        assert client.post(url, data).status_code == 302
        target.refresh_from_db()
        assert target.check_password("Mat-khau-moi-2020")
        assert AuditEntry.objects.get(action="password_reset").object_id == str(target.pk)

    def test_password_rules_apply(self, client, site_admin):
        target = StaffFactory(role=EDITOR, username="nguyenvanan", first_name="An")
        client.force_login(site_admin)
        url = reverse("admin:auth_user_password_change", args=[target.pk])
        for weak in ("Ngan-2019", "password123", "nguyenvanan1"):  # short, common, like the name
            data = {"password1": weak, "password2": weak, "set_usable_password": "true"}
            response = client.post(url, data)
            assert response.status_code == 200, weak
            assert response.context["form"].errors


def test_deactivating_an_author_keeps_their_articles_and_is_audited(client, site_admin):
    author = StaffFactory(role=EDITOR)
    published = ArticleFactory(created_by=author)
    draft = ArticleFactory(draft=True, created_by=author)
    client.force_login(site_admin)

    response = client.post(change_url(author), change_data(author, is_active=""))

    assert response.status_code == 302
    author.refresh_from_db()
    assert not author.is_active
    assert set(Article.objects.filter(created_by=author)) == {published, draft}
    assert Article.objects.published().filter(pk=published.pk).exists()
    assert AuditEntry.objects.filter(
        action="account_deactivated", object_id=str(author.pk)
    ).exists()
    # A deactivated author can no longer sign in.
    client.logout()
    login = {"username": author.username, "password": "mat-khau-thu-nghiem-2019"}
    assert client.post(reverse("admin:login"), login).status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("role_name", [EDITOR, PUBLISHER])
def test_editors_and_publishers_cannot_reach_the_accounts_pages(client, role_name):
    client.force_login(StaffFactory(role=role_name))
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_user_add")).status_code == 403
    target = UserFactory()
    assert client.post(change_url(target), change_data(target)).status_code == 403


def test_password_reset_by_email_from_the_login_page(client):
    staff = StaffFactory(role=EDITOR, email="bientap@laichau.gov.vn")
    UserFactory(email="nguoidan@example.com")  # not staff: no e-mail
    login = client.get(reverse("admin:login"))
    assert reverse("admin_password_reset") in login.content.decode()

    for email in (staff.email, "nguoidan@example.com"):
        response = client.post(reverse("admin_password_reset"), {"email": email})
        assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [staff.email]
    link = next(
        line for line in mail.outbox[0].body.splitlines() if "/quan-tri/quen-mat-khau/" in line
    )
    path = link[link.index("/quan-tri/") :].strip()
    form_url = client.get(path, follow=True).redirect_chain[-1][0]
    data = {"new_password1": "Mat-khau-moi-2020", "new_password2": "Mat-khau-moi-2020"}
    assert client.post(form_url, data).status_code == 302
    staff.refresh_from_db()
    assert staff.check_password("Mat-khau-moi-2020")
