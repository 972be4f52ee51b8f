"""Writes of the participation app: receiving a submission (with its audit entry and the
emails, sent once the row is committed), finding one by its code, erasing personal data."""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEntry
from audit.services import record

from .models import HANDLE_PERMISSION, Submission
from .workdays import add_working_days

logger = logging.getLogger(__name__)


def handlers():
    """The active staff holding the handling permission (through a role or directly)."""
    app_label, codename = HANDLE_PERMISSION.split(".")
    perm = Q(
        groups__permissions__codename=codename,
        groups__permissions__content_type__app_label=app_label,
    ) | Q(
        user_permissions__codename=codename,
        user_permissions__content_type__app_label=app_label,
    )
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(perm | Q(is_superuser=True))
        .distinct()
    )


@transaction.atomic
def receive(form, *, spam_reason: str = "", draft=None) -> Submission:
    """Store the submission of a valid form, audit it, and (not for spam) mail the handling
    staff and the citizen once committed."""
    submission = form.save(commit=False)
    submission.draft = draft
    if spam_reason:
        submission.status = Submission.Status.SPAM
        submission.spam_reason = spam_reason
    if submission.kind == Submission.Kind.FEEDBACK:
        submission.due_on = add_working_days(
            timezone.localdate(), settings.PARTICIPATION_FEEDBACK_WORKING_DAYS
        )
    submission.save()
    record(
        actor=None,
        action=AuditEntry.Action.SUBMISSION_RECEIVED,
        target=submission,
        details=spam_reason and f"spam: {spam_reason}",
    )
    if not spam_reason:
        transaction.on_commit(lambda: notify_received(submission.pk))
    return submission


def _send(subject: str, template: str, context: dict, recipients: list[str]) -> None:
    if not recipients:
        return
    body = render_to_string(template, context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except OSError:  # the mail server is down: the submission is stored all the same
        logger.exception("Could not send the participation email %r", subject)


def notify_received(pk: int) -> None:
    submission = Submission.objects.select_related("topic", "draft").get(pk=pk)
    staff = [user.email for user in handlers() if user.email]
    context = {"submission": submission, "site_url": settings.SITE_URL}
    _send(
        _("New citizen's submission %(code)s") % {"code": submission.display_code},
        "participation/email/new_submission.txt",
        context,
        staff,
    )
    if submission.email:
        _send(
            _("We have received your submission (code %(code)s)")
            % {"code": submission.display_code},
            "participation/email/received.txt",
            context,
            [submission.email],
        )


def notify_answered(submission: Submission) -> None:
    if submission.email:
        _send(
            _("The answer to your submission %(code)s") % {"code": submission.display_code},
            "participation/email/answered.txt",
            {"submission": submission, "site_url": settings.SITE_URL},
            [submission.email],
        )


def find(code: str, contact: str) -> Submission | None:
    """The submission with this code whose email or phone is `contact`; None otherwise, the
    same whichever of the two did not match."""
    if not code or not contact:
        return None
    submission = (
        Submission.objects.exclude(status=Submission.Status.SPAM)
        .filter(code=code)
        .select_related("topic", "draft")
        .first()
    )
    if submission is None:
        return None
    contact = contact.strip()
    digits = "".join(ch for ch in contact if ch.isdigit())
    by_email = submission.email and submission.email.lower() == contact.lower()
    by_phone = (
        submission.phone
        and digits
        and "".join(ch for ch in submission.phone if ch.isdigit()) == digits
    )
    return submission if by_email or by_phone else None


PERSONAL_FIELDS = ("name", "email", "phone")


def purge_personal_data(*, now=None, actor=None) -> tuple[int, int]:
    """Blank the personal fields (and attachment) of closed submissions closed longer than the
    retention period, keeping the question and the answer; delete spam older than its own
    period. Each erasure is audited. Returns (blanked, spam deleted)."""
    now = now or timezone.now()
    keep_until = now - timedelta(days=settings.PARTICIPATION_RETENTION_DAYS)
    blanked = 0
    expired = Submission.objects.filter(
        status=Submission.Status.CLOSED, updated_at__lt=keep_until
    ).filter(~Q(name="") | ~Q(email="") | ~Q(phone="") | ~Q(attachment=""))
    for submission in expired.iterator():
        with transaction.atomic():
            if submission.attachment:
                submission.attachment.delete(save=False)
            Submission.objects.filter(pk=submission.pk).update(
                name="", email="", phone="", attachment="", personal_data_purged_at=now
            )
            record(
                actor=actor,
                action=AuditEntry.Action.PERSONAL_DATA_PURGED,
                target=submission,
                details="name, email, phone, attachment",
            )
        blanked += 1
    spam_until = now - timedelta(days=settings.PARTICIPATION_SPAM_RETENTION_DAYS)
    deleted = 0
    for submission in Submission.objects.filter(
        status=Submission.Status.SPAM, received_at__lt=spam_until
    ).iterator():
        with transaction.atomic():
            record(
                actor=actor,
                action=AuditEntry.Action.PERSONAL_DATA_PURGED,
                target=submission,
                details="spam deleted",
            )
            if submission.attachment:
                submission.attachment.delete(save=False)
            submission.delete()
        deleted += 1
    return blanked, deleted
