from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from audit.models import AuditEntry
from participation.models import CODE_ALPHABET, Submission, new_code, normalize_code
from participation.workdays import add_working_days

from .factories import SubmissionFactory


def test_working_days_skip_weekends():
    friday = date(2026, 12, 4)
    assert add_working_days(friday, 1) == date(2026, 12, 7)  # Monday
    assert add_working_days(friday, 10) == date(2026, 12, 18)
    assert add_working_days(date(2026, 12, 5), 1) == date(2026, 12, 7)  # from a Saturday


def test_codes_are_random_typable_and_normalized():
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == 10 and set(c) <= set(CODE_ALPHABET) for c in codes)
    assert normalize_code(" abcde-fghjk ") == "ABCDEFGHJK"


@pytest.mark.django_db
def test_the_workflow_moves_and_audits_each_change(handler):
    submission = SubmissionFactory()
    wf = Submission.workflow
    wf.move(submission, "assign", actor=handler)
    assert submission.handler == handler
    wf.move(submission, "answer", actor=handler, comment="<p>Trả lời</p><script>x</script>")
    wf.move(submission, "publish", actor=handler)
    submission.refresh_from_db()
    assert submission.status == "published" and "<script>" not in submission.answer
    assert Submission.objects.answers().get() == submission
    wf.move(submission, "close", actor=handler)
    assert Submission.objects.answers().get() == submission  # a published pair stays public
    actions = list(
        AuditEntry.objects.for_object(submission).order_by("pk").values_list("action", flat=True)
    )
    assert actions == [
        "submission_assigned",
        "submission_answered",
        "submission_published",
        "submission_closed",
    ]


@pytest.mark.django_db
def test_closed_without_publishing_stays_private(handler):
    submission = SubmissionFactory(status="answered", answer="<p>x</p>")
    Submission.workflow.move(submission, "close", actor=handler)
    assert not Submission.objects.answers().exists()


@pytest.mark.django_db
def test_staff_without_the_role_may_not_move(staff_without_permissions):
    submission = SubmissionFactory()
    with pytest.raises(PermissionDenied):
        Submission.workflow.move(submission, "assign", actor=staff_without_permissions)
    assert not AuditEntry.objects.exists()
