"""Joining the audit trail from the admin with one line: `class TopicAdmin(AuditedAdminMixin, …)`.

Django's admin already calls `log_addition`, `log_change` and `log_deletions` for every add,
change and delete it performs, inside the same transaction; the mixin adds an audit entry beside
Django's own LogEntry there, so no save path of the admin can skip it. Types with a workflow of
their own (articles, documents, submissions) record their richer actions through their services
instead and do not need this.
"""

import json

from django.contrib.admin.models import LogEntry

from .models import AuditEntry
from .services import record


def _readable(message) -> str:
    """The admin's change message (a JSON list of changes) as the sentence the admin shows."""
    if not message:
        return ""
    if isinstance(message, str):
        return message
    return LogEntry(change_message=json.dumps(message)).get_change_message()


class AuditedAdminMixin:
    """Records every add, change and delete made through this ModelAdmin in the audit trail."""

    def log_addition(self, request, obj, message):
        record(actor=request.user, action=AuditEntry.Action.RECORD_CREATED, target=obj)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        record(
            actor=request.user,
            action=AuditEntry.Action.RECORD_EDITED,
            target=obj,
            details=_readable(message),
        )
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            record(actor=request.user, action=AuditEntry.Action.RECORD_DELETED, target=obj)
        return super().log_deletions(request, queryset)
