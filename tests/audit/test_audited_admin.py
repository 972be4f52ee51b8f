"""Records kept in the admin without a workflow of their own join the audit trail through
audit.mixins.AuditedAdminMixin: every add, change and delete made in the admin is recorded."""

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from participation.models import Topic

pytestmark = pytest.mark.django_db
Action = AuditEntry.Action


@pytest.fixture
def admin_client_for(client, django_user_model):
    user = django_user_model.objects.create_superuser("sieuquantri", "sq@example.vn", "x")
    client.force_login(user)
    return client, user


def test_add_change_and_delete_in_the_admin_are_each_recorded(admin_client_for):
    client, user = admin_client_for
    add = reverse("admin:participation_topic_add")
    response = client.post(add, {"name": "Đất đai", "slug": "dat-dai", "order": "1"})
    assert response.status_code == 302
    topic = Topic.objects.get(name="Đất đai")

    change = reverse("admin:participation_topic_change", args=[topic.pk])
    response = client.post(change, {"name": "Đất đai, nhà ở", "slug": "dat-dai", "order": "1"})
    assert response.status_code == 302

    delete = reverse("admin:participation_topic_delete", args=[topic.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not Topic.objects.filter(pk=topic.pk).exists()

    entries = list(AuditEntry.objects.for_object(topic).order_by("pk"))
    assert [e.action for e in entries] == [
        Action.RECORD_CREATED,
        Action.RECORD_EDITED,
        Action.RECORD_DELETED,
    ]
    assert {e.actor for e in entries} == {user}
    assert "name" in entries[1].details.lower() or "tên" in entries[1].details.lower()
    # The entry still reads correctly after the record is gone.
    assert entries[2].object_repr == "Đất đai, nhà ở"


def test_a_refused_form_records_nothing(admin_client_for):
    client, _ = admin_client_for
    response = client.post(reverse("admin:participation_topic_add"), {"name": "", "order": "x"})
    assert response.status_code == 200 and response.context["adminform"].form.errors
    assert not AuditEntry.objects.exists()


def test_bulk_delete_records_each_record(admin_client_for):
    client, _ = admin_client_for
    topics = [Topic.objects.create(name=f"Chủ đề {n}", slug=f"chu-de-{n}") for n in range(3)]
    response = client.post(
        reverse("admin:participation_topic_changelist"),
        {"action": "delete_selected", "post": "yes", "_selected_action": [t.pk for t in topics]},
    )
    assert response.status_code == 302 and not Topic.objects.exists()
    assert AuditEntry.objects.filter(action=Action.RECORD_DELETED).count() == 3
