"""The audit trail in the admin: read by publishers and administrators, changed by no one."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from audit.models import AuditEntry
from news.services import submit_article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
CHANGELIST = reverse("admin:audit_auditentry_changelist")


@pytest.fixture
def entries(editor, publisher):
    with time_machine.travel(datetime(2030, 5, 1, 9, 0, tzinfo=HANOI), tick=False):
        submit_article(article=ArticleFactory(draft=True, created_by=editor), actor=editor)
    with time_machine.travel(datetime(2030, 6, 2, 9, 0, tzinfo=HANOI), tick=False):
        submit_article(article=ArticleFactory(draft=True, created_by=publisher), actor=publisher)
    return AuditEntry.objects.order_by("at")


@pytest.mark.parametrize(
    ("who", "status"), [("publisher", 200), ("site_admin", 200), ("editor", 403)]
)
def test_who_reads_the_audit_trail(client, request, entries, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(CHANGELIST).status_code == status


def test_filtered_by_user_and_by_date(client, publisher, editor, entries):
    client.force_login(publisher)
    by_user = client.get(CHANGELIST, {"actor__id__exact": editor.pk})
    assert [entry.actor for entry in by_user.context["cl"].result_list] == [editor]
    by_month = client.get(CHANGELIST, {"at__year": "2030", "at__month": "6"})
    assert [entry.actor for entry in by_month.context["cl"].result_list] == [publisher]


def test_no_one_adds_changes_or_deletes_entries(client, admin_user, entries):
    client.force_login(admin_user)  # not even a superuser
    entry = entries.first()
    assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    change = reverse("admin:audit_auditentry_change", args=[entry.pk])
    assert client.post(change, {"details": "sửa"}).status_code == 403
    delete = reverse("admin:audit_auditentry_delete", args=[entry.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    bulk = {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"}
    client.post(CHANGELIST, bulk)
    assert AuditEntry.objects.count() == 2
    entry.refresh_from_db()
    assert entry.details == ""
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()
