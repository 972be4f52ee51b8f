import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from participation.models import Submission

from .factories import SubmissionFactory


def change_url(submission):
    return reverse("admin:participation_submission_change", args=[submission.pk])


def admin_data(submission, **extra):
    return {
        "topic": submission.topic_id or "",
        "procedure": submission.procedure,
        "text": submission.text,
        "unit": "",
        "handler": "",
        "due_on": "",
        "answer": "",
        **extra,
    }


@pytest.mark.django_db
def test_only_the_handling_role_opens_the_inbox_and_each_view_is_audited(
    client, handler, editor, publisher
):
    submission = SubmissionFactory()
    for other in (editor, publisher):
        client.force_login(other)
        assert client.get(change_url(submission)).status_code in (302, 403)
    client.force_login(handler)
    page = client.get(change_url(submission))
    assert page.status_code == 200 and submission.email in page.content.decode()
    viewed = AuditEntry.objects.filter(action="personal_data_viewed", actor=handler)
    assert viewed.count() == 1


@pytest.mark.django_db
def test_staff_assign_answer_and_publish_with_the_workflow_buttons(
    client, handler, django_capture_on_commit_callbacks
):
    submission = SubmissionFactory()
    client.force_login(handler)
    page = client.get(change_url(submission)).content.decode()
    assert 'name="_assign"' in page and 'name="_mark_spam"' in page
    assert (
        client.post(change_url(submission), admin_data(submission, _assign="1")).status_code == 302
    )
    submission.refresh_from_db()
    assert (submission.status, submission.handler) == ("assigned", handler)
    with django_capture_on_commit_callbacks(execute=True):
        answered = client.post(
            change_url(submission),
            admin_data(submission, answer="<p>Nộp hồ sơ tại Trung tâm Phục vụ hành chính công.</p>",
                       _answer="1"),
        )  # fmt: skip
    assert answered.status_code == 302
    assert [m.to for m in mail.outbox] == [[submission.email]]
    assert "Trung tâm Phục vụ hành chính công" in mail.outbox[0].body
    client.post(change_url(submission), admin_data(submission, _publish="1"))
    submission.refresh_from_db()
    assert submission.status == "published" and submission.is_public
    assert set(AuditEntry.objects.for_object(submission).values_list("action", flat=True)) >= {
        "submission_assigned",
        "submission_answered",
        "submission_published",
    }


@pytest.mark.django_db
def test_answering_needs_an_answer(client, handler):
    submission = SubmissionFactory(status="assigned")
    client.force_login(handler)
    response = client.post(change_url(submission), admin_data(submission, _answer="1"))
    assert response.status_code == 200
    submission.refresh_from_db()
    assert submission.status == "assigned"


@pytest.mark.django_db
def test_the_dashboard_shows_new_mine_due_soon_and_overdue(client, handler):
    today = timezone.localdate()
    SubmissionFactory(text="Câu hỏi mới")
    SubmissionFactory(status="assigned", handler=handler, text="Giao cho tôi")
    SubmissionFactory(kind="feedback", due_on=today + timedelta(days=1), text="Sắp đến hạn")
    SubmissionFactory(kind="feedback", due_on=today - timedelta(days=1), text="Quá hạn rồi")
    client.force_login(handler)
    html = client.get(reverse("admin-dashboard")).content.decode()
    for text in ("Câu hỏi mới", "Giao cho tôi", "Sắp đến hạn", "Quá hạn rồi"):
        assert text in html
    overdue = html.index('id="submissions-overdue"')
    assert overdue < html.index("Quá hạn rồi") < html.index('id="submissions-due-soon"')


@pytest.mark.django_db
def test_purge_blanks_closed_submissions_past_retention_and_deletes_old_spam(settings):
    settings.PARTICIPATION_RETENTION_DAYS = 30
    old = timezone.now() - timedelta(days=40)
    past = SubmissionFactory(status="closed", answer="<p>Giữ câu trả lời</p>")
    recent = SubmissionFactory(status="closed")
    open_one = SubmissionFactory(status="assigned")
    spam = SubmissionFactory(status="spam", received_at=old)
    Submission.objects.filter(pk__in=[past.pk, open_one.pk]).update(updated_at=old)
    call_command("purge_personal_data")
    past.refresh_from_db()
    assert (past.name, past.email, past.phone) == ("", "", "")
    assert past.text and "Giữ câu trả lời" in past.answer and past.personal_data_purged_at
    for kept in (recent, open_one):
        kept.refresh_from_db()
        assert kept.email == "hoa@example.vn"
    assert not Submission.objects.filter(pk=spam.pk).exists()
    purged = AuditEntry.objects.filter(action="personal_data_purged")
    assert {e.object_id for e in purged} == {str(past.pk), str(spam.pk)}
    call_command("purge_personal_data")  # nothing more the second time
    assert AuditEntry.objects.filter(action="personal_data_purged").count() == 2


@pytest.fixture
def smtp_server():
    """A real SMTP server on loopback (aiosmtpd), collecting what it receives."""
    controller_module = pytest.importorskip("aiosmtpd.controller")
    received = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope)
            return "250 OK"

    with socket.socket() as probe:  # a free port (aiosmtpd's own check cannot use port 0)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = controller_module.Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield controller, received
    finally:
        controller.stop()


@pytest.mark.django_db(transaction=True)
def test_mail_reaches_a_real_smtp_server(client, settings, smtp_server, handler):
    from tests.participation.conftest import question_data
    from tests.participation.factories import TopicFactory

    controller, received = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.PARTICIPATION_POST_BURST = 5
    response = client.post(reverse("participation:ask"), question_data(TopicFactory()))
    assert response.status_code == 302
    code = Submission.objects.get().display_code
    recipients = sorted(address for envelope in received for address in envelope.rcpt_tos)
    assert recipients == ["binh@example.vn", "tiepnhan@example.vn"]
    citizen = next(e for e in received if e.rcpt_tos == ["binh@example.vn"])
    assert code.encode() in citizen.content


@pytest.mark.django_db
def test_attachment_download_and_export_are_for_the_role_and_audited(client, handler, publisher):
    from django.core.files.base import ContentFile

    submission = SubmissionFactory()
    submission.attachment.save("x.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    url = reverse("admin:participation_submission_attachment", args=[submission.pk])
    client.force_login(publisher)
    assert client.get(url).status_code in (302, 403)
    client.force_login(handler)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    exported = client.post(
        reverse("admin:participation_submission_changelist"),
        {"action": "export_personal_data", "_selected_action": [submission.pk]},
    )
    assert exported.status_code == 200 and submission.email in exported.content.decode()
    details = list(
        AuditEntry.objects.filter(action="personal_data_exported", actor=handler)
        .order_by("pk")
        .values_list("details", flat=True)
    )
    assert details == ["attachment", "csv"]


@pytest.mark.django_db
def test_a_draft_added_in_the_admin_records_who_created_and_changed_it(admin_client, admin_user):
    from participation.models import Draft

    response = admin_client.post(
        reverse("admin:participation_draft_add"),
        {
            "title": "Dự thảo kế hoạch cải cách hành chính năm 2027",
            "summary": "<p>Tóm tắt dự thảo.</p>",
            "document": "",
            "opens_at_0": "01/01/2027",
            "opens_at_1": "08:00:00",
            "closes_at_0": "31/01/2027",
            "closes_at_1": "17:00:00",
            "report": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    draft = Draft.objects.get()
    assert (draft.created_by, draft.updated_by) == (admin_user, admin_user)
