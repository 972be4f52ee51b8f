"""The issue's "done when" story, end to end through the admin with real POSTs."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from reversion.models import Version

from accounts.roles import EDITOR, PUBLISHER, SITE_ADMIN
from audit.models import AuditEntry
from news.models import Article
from tests.admin_forms import article_change_form, article_form
from tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2030, 5, 1, 9, 0, tzinfo=HANOI)
PASSWORD = "Lai-Chau-mat-khau-2019"


def test_accounts_review_return_schedule_restore_and_the_audit_trail(client, time_machine):
    time_machine.move_to(NOW, tick=False)
    User = get_user_model()
    superuser = User.objects.create_superuser("sieuquantri", "s@laichau.gov.vn", PASSWORD)
    category = CategoryFactory(name="Tin CCHC")

    client.force_login(superuser)
    for username, role in (("bientap", EDITOR), ("duyettin", PUBLISHER), ("quantri", SITE_ADMIN)):
        data = {
            "username": username,
            "role": str(Group.objects.get(name=role).pk),
            "password1": PASSWORD,
            "password2": PASSWORD,
        }
        assert client.post(reverse("admin:auth_user_add"), data).status_code == 302
    editor, publisher = User.objects.get(username="bientap"), User.objects.get(username="duyettin")

    # The editor writes and submits.
    client.force_login(editor)
    data = article_form(category, title="Hội nghị CCHC năm 2030", _submit="1")
    assert client.post(reverse("admin:news_article_add"), data).status_code == 302
    article = Article.objects.get()
    assert article.status == Article.Status.PENDING
    change = reverse("admin:news_article_change", args=[article.pk])

    # The publisher finds it in the queue and returns it with a comment.
    client.force_login(publisher)
    queue = client.get(reverse("admin:news_article_changelist"), {"workflow": "queue"})
    assert list(queue.context["cl"].result_list) == [article]
    data = article_change_form(article, _return="1", return_comment="Bổ sung số liệu năm 2029.")
    assert client.post(change, data).status_code == 302

    # The editor reads the comment, fixes the article and submits again.
    client.force_login(editor)
    assert "Bổ sung số liệu năm 2029." in client.get(change).content.decode()
    article.refresh_from_db()
    data = article_change_form(article, summary="Đã bổ sung số liệu năm 2029.", _submit="1")
    assert client.post(change, data).status_code == 302

    # The publisher schedules it for five minutes later.
    client.force_login(publisher)
    article.refresh_from_db()
    data = article_change_form(
        article, published_at_0="2030-05-01", published_at_1="09:05:00", _publish="1"
    )
    assert client.post(change, data).status_code == 302
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404
    time_machine.shift(timedelta(minutes=5))
    assert client.get(article.get_absolute_url()).status_code == 200

    # The publisher restores the first revision: the text comes back, the article stays up.
    client.force_login(publisher)
    first = Version.objects.get_for_object(article).order_by("pk").first()
    restore = reverse("admin:news_article_revision", args=[article.pk, first.pk])
    assert client.post(restore).status_code == 302
    article.refresh_from_db()
    assert article.summary == "Kết quả khảo sát sự hài lòng của người dân."
    assert Article.objects.published().filter(pk=article.pk).exists()

    # Every step is in the audit trail, and the editor cannot reach the accounts pages.
    steps = list(
        AuditEntry.objects.filter(object_id=str(article.pk), content_type__model="article")
        .order_by("pk")
        .values_list("action", "actor_name")
    )
    assert steps == [
        ("article_created", "bientap"),
        ("article_submitted", "bientap"),
        ("article_returned", "duyettin"),
        ("article_edited", "bientap"),
        ("article_submitted", "bientap"),
        ("article_scheduled", "duyettin"),
        ("article_restored", "duyettin"),
    ]
    accounts = AuditEntry.objects.filter(action="account_created", actor=superuser)
    assert accounts.count() == 3
    client.force_login(editor)
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
