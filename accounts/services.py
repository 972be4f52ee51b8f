"""Staff account changes that the audit trail must show."""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction

from audit.models import AuditEntry
from audit.services import record

from .roles import ROLE_NAMES, role_of


def may_manage(*, actor, user) -> bool:
    """Only account managers change accounts; only a superuser changes a superuser."""
    if not (actor.is_active and actor.has_perm("auth.change_user")):
        return False
    return not (user.pk is not None and user.is_superuser and not actor.is_superuser)


def check_may_manage(*, actor, user) -> None:
    if not may_manage(actor=actor, user=user):
        raise PermissionDenied


@transaction.atomic
def set_role(*, user, role: Group | None, actor) -> bool:
    """Give `user` exactly one role (their other groups stay). Returns whether it changed."""
    check_may_manage(actor=actor, user=user)
    if actor.pk == user.pk and not actor.is_superuser:
        raise PermissionDenied  # no one changes their own role
    if role is not None and role.name not in ROLE_NAMES:
        raise PermissionDenied
    before = role_of(user)
    after = role.name if role is not None else None
    if before == after:
        return False
    user.groups.remove(*Group.objects.filter(name__in=ROLE_NAMES))
    if role is not None:
        user.groups.add(role)
    record(
        actor=actor,
        action=AuditEntry.Action.ROLE_CHANGED,
        target=user,
        details=f"{before or '—'} → {after or '—'}",
    )
    return True


@transaction.atomic
def record_account_saved(*, user, actor, created: bool, was_active: bool | None) -> None:
    """Audit entries for a saved account: created, deactivated or reactivated. Deactivating is
    only a flag: the account's articles stay as they are."""
    if created:
        record(actor=actor, action=AuditEntry.Action.ACCOUNT_CREATED, target=user)
    elif was_active and not user.is_active:
        record(actor=actor, action=AuditEntry.Action.ACCOUNT_DEACTIVATED, target=user)
    elif was_active is False and user.is_active:
        record(actor=actor, action=AuditEntry.Action.ACCOUNT_REACTIVATED, target=user)


def record_password_reset(*, user, actor) -> None:
    record(actor=actor, action=AuditEntry.Action.PASSWORD_RESET, target=user)
