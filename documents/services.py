"""The document workflow: editors draft, publishers publish and unpublish. Each transition
checks the actor, writes, keeps a revision and records the audit entry in one transaction."""

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEntry
from audit.services import record

from .models import PUBLISH_PERMISSION, Document


def _check_publisher(actor) -> None:
    if not (actor.is_active and actor.has_perm(PUBLISH_PERMISSION)):
        raise PermissionDenied


def _save_revision(document: Document, actor, comment: str, fields: list[str]) -> None:
    with reversion.create_revision():
        document.updated_by = actor
        document.save(update_fields=[*fields, "updated_by", "updated_at"])
        reversion.set_user(actor)
        reversion.set_comment(comment)


@transaction.atomic
def publish_document(*, document: Document, actor, now=None) -> Document:
    """draft → published: the document appears in the register at once."""
    _check_publisher(actor)
    if document.status == Document.Status.PUBLISHED:
        raise ValidationError(_("The document is already published."), code="invalid_transition")
    document.status = Document.Status.PUBLISHED
    document.published_at = now or timezone.now()
    _save_revision(document, actor, _("Published."), ["status", "published_at"])
    record(actor=actor, action=AuditEntry.Action.DOCUMENT_PUBLISHED, target=document)
    return document


@transaction.atomic
def unpublish_document(*, document: Document, actor) -> Document:
    """published → draft: the document leaves the register (its address answers 404)."""
    _check_publisher(actor)
    if document.status != Document.Status.PUBLISHED:
        raise ValidationError(_("The document is not published."), code="invalid_transition")
    document.status = Document.Status.DRAFT
    _save_revision(document, actor, _("Unpublished."), ["status"])
    record(actor=actor, action=AuditEntry.Action.DOCUMENT_UNPUBLISHED, target=document)
    return document


@transaction.atomic
def delete_document(*, document: Document, actor) -> None:
    if not document.can_be_deleted_by(actor):
        raise PermissionDenied
    record(actor=actor, action=AuditEntry.Action.DOCUMENT_DELETED, target=document)
    document.delete()
