"""Writing the audit trail. Callers record inside their own transaction, so an entry exists
exactly when the change it describes was committed."""

from django.contrib.contenttypes.models import ContentType

from .models import AuditEntry


def record(*, actor, action: str, target, details: str = "") -> AuditEntry:
    """Add one entry: `actor` (a user or None) did `action` to `target` (a model instance)."""
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        actor_name=actor.get_username() if actor is not None and actor.pk else "",
        action=action,
        content_type=ContentType.objects.get_for_model(target),
        object_id=str(target.pk),
        object_repr=str(target)[:300],
        details=details,
    )
