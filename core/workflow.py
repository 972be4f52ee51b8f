"""The publication workflow: a type's statuses, the transitions between them, who may make
each, and the audit entry each one writes — one mechanism that every publishable type joins.

A type declares its workflow as data, a `Workflow` in a class attribute of its model, and mixes
in what reads it:

    class Article(WorkflowModelMixin, SearchableModel, ContentManagedModel):
        workflow = Workflow(
            states=Status,                               # its TextChoices (stored values)
            public=[Status.PUBLISHED],
            publication_time="published_at",             # a type that schedules
            publish_permission="news.publish_article",
            author_may_edit=[Status.DRAFT, Status.PENDING, Status.UNPUBLISHED],
            created_action=…, edited_action=…, deleted_action=…,
            transitions=[
                Transition(Article.Transition.SUBMIT, sources=[Status.DRAFT], target=Status.PENDING,
                           action=AuditEntry.Action.ARTICLE_SUBMITTED, permission=None, …),
                …
            ],
        )

    class ArticleQuerySet(WorkflowQuerySetMixin, models.QuerySet): …      # published()
    class ArticleAdmin(WorkflowAdminMixin, …, VersionAdmin): …           # buttons, actions

The rules, decided here once for every type:

- **Who may change an object**: an active user with the model's change permission who holds
  the workflow's `publish_permission` (any object), or who created it while its status is one
  of `author_may_edit`. Deleting adds the delete permission; a preview of an object not yet
  public is for staff who may change it.
- **A transition** goes from one of its `sources` to its `target`. It is made by `Workflow.move`
  only, in one transaction: the actor's permission first (else `PermissionDenied`, so a forged
  POST is a 403 whatever the page showed), then the status (else `ValidationError`, shown on
  the form), then the comment if the transition asks for one; then the type's `effect` (the
  fields it writes besides the status), the save (with a revision when the model is
  registered with django-reversion) and the audit entry. A refused transition writes nothing.
- **What is public**: the statuses in `public` and, for a type with a `publication_time`, a
  time that has come — a scheduled object appears by itself, no job runs (`published()`).

Nothing here names a type: a new one (questions with received → assigned → answered →
published → closed, spam) declares its own states, transitions, permissions and audit actions.
The audit trail is written through the function the audit app hands over in its `ready()`
(`workflow.audit_with(record)`): `core` never imports an app.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import KW_ONLY, dataclass, field

import reversion
from django.contrib import admin, messages
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

_record: Callable | None = None


def audit_with(record: Callable) -> None:
    """Register `record(*, actor, action, target, details)`: how transitions write the audit
    trail (the audit app calls this from its `ready()`)."""
    global _record
    _record = record


def _audit(**entry) -> None:
    if _record is None:
        raise ImproperlyConfigured("No audit recorder: is the audit app installed?")
    _record(**entry)


@dataclass
class Move:
    """One transition being made, handed to the transition's `effect`, which sets the fields
    it writes on the object and may change what is recorded (the audit action, its details,
    the revision's comment: publishing with a future time is recorded as scheduled)."""

    actor: object
    now: object
    comment: str
    action: str
    details: str = ""
    revision_comment: str = ""


@dataclass(frozen=True)
class Transition:
    """One transition of a workflow, as data. `name` is best a member of the type's own
    `TextChoices` of transitions, whose label is then the button's."""

    name: str  # stored nowhere; the admin's button is named "_<name>"
    _: KW_ONLY
    sources: Iterable[str]  # the statuses it starts from
    target: str  # the status it leads to
    action: str  # the audit entry's action
    label: str = ""  # the button's label (default: the label of `name`)
    # The permission the actor needs; None: whoever may change the object (`can_be_edited_by`).
    permission: str | None = None
    # The fields `effect` writes besides the status (saved with `update_fields`).
    fields: tuple[str, ...] = ()
    effect: Callable[[models.Model, Move], None] | None = None
    revision_comment: str = ""
    # When set, the transition needs a comment, and this is the message when it is missing.
    requires_comment: str = ""
    # Form fields whose change is part of this transition (its own audit entry says them), so
    # that the admin does not record them as an edit too (the time given when publishing).
    form_fields: tuple[str, ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "label", self.label or getattr(self.name, "label", self.name))
        object.__setattr__(self, "name", str(self.name))
        object.__setattr__(self, "sources", frozenset(str(s) for s in self.sources))
        object.__setattr__(self, "target", str(self.target))


@dataclass(frozen=True, kw_only=True)
class Workflow:
    """A type's statuses and transitions. Declared on the model (`workflow = Workflow(…)`)."""

    states: type[models.TextChoices]
    transitions: Sequence[Transition]
    public: Iterable[str]  # the statuses the public sees
    # Who may change any object (and make the transitions that name this permission).
    publish_permission: str
    # The statuses in which the object's author may still change it.
    author_may_edit: Iterable[str] = ()
    # The field holding the publication time, for a type that schedules (None: none).
    publication_time: str | None = None
    status_field: str = "status"
    # The audit actions of the admin's creating and editing, and of deleting (they are said
    # for each type: an entry never goes unrecorded for want of a name).
    created_action: str
    edited_action: str
    deleted_action: str
    by_name: dict = field(init=False, repr=False)

    def __post_init__(self):
        object.__setattr__(self, "transitions", tuple(self.transitions))
        object.__setattr__(self, "public", frozenset(str(s) for s in self.public))
        object.__setattr__(self, "author_may_edit", frozenset(map(str, self.author_may_edit)))
        by_name = {t.name: t for t in self.transitions}
        if len(by_name) != len(self.transitions):
            raise ImproperlyConfigured("Two transitions of a workflow share a name.")
        known = set(self.states.values)
        for transition in self.transitions:
            unknown = (transition.sources | {transition.target}) - known
            if unknown:
                raise ImproperlyConfigured(
                    f"Transition {transition.name!r} names unknown statuses: {sorted(unknown)}"
                )
        object.__setattr__(self, "by_name", by_name)

    def __getitem__(self, name) -> Transition:
        return self.by_name[str(name)]

    # --- Reading the declaration ----------------------------------------------------------

    def status_of(self, obj) -> str:
        return getattr(obj, self.status_field)

    def status_label(self, status) -> str:
        return self.states(status).label

    def allows(self, obj, transition) -> bool:
        """Whether `obj`'s status lets `transition` happen at all."""
        return self.status_of(obj) in self[transition].sources

    def is_publisher(self, user) -> bool:
        return user.is_active and user.has_perm(self.publish_permission)

    def may_make(self, user, transition, obj=None) -> bool:
        """Whether `user` may make `transition` (on `obj`, for a transition open to whoever
        may change the object; without `obj`, whether they may on some object)."""
        transition = self[transition]
        if transition.permission is None:
            return self.can_edit(obj, user) if obj is not None else user.is_active
        return user.is_active and user.has_perm(transition.permission)

    def available(self, obj, user) -> list[Transition]:
        """The transitions `user` may make on `obj` now, in the declared (button) order."""
        return [
            transition
            for transition in self.transitions
            if self.allows(obj, transition.name) and self.may_make(user, transition.name, obj)
        ]

    def can_edit(self, obj, user) -> bool:
        """Publishers may change any object; its author only while the status lets them."""
        opts = obj._meta
        if not (user.is_active and user.has_perm(f"{opts.app_label}.change_{opts.model_name}")):
            return False
        if self.is_publisher(user):
            return True
        return (
            obj.created_by_id == user.pk
            and obj.created_by_id is not None
            and self.status_of(obj) in self.author_may_edit
        )

    def is_public(self, obj, now=None) -> bool:
        """Whether `published()` would include `obj` at `now`, decided on the object."""
        if self.status_of(obj) not in self.public:
            return False
        if not self.publication_time:
            return True
        when = getattr(obj, self.publication_time)
        return when is not None and when <= (now or timezone.now())

    def public_condition(self, now=None) -> Q:
        """The condition for an object to be public at `now` (default: this moment)."""
        public = sorted(self.public)
        condition = (
            Q(**{self.status_field: public[0]})
            if len(public) == 1
            else Q(**{f"{self.status_field}__in": public})
        )
        if self.publication_time:
            condition &= Q(
                **{
                    f"{self.publication_time}__isnull": False,
                    f"{self.publication_time}__lte": now or timezone.now(),
                }
            )
        return condition

    # --- Writing ----------------------------------------------------------------------------

    def check(self, obj, transition, *, actor) -> Transition:
        """Refuse a transition the actor may not make (PermissionDenied) or that the status
        does not allow (ValidationError): the checks of `move`, in its order."""
        transition = self[transition]
        if not self.may_make(actor, transition.name, obj):
            raise PermissionDenied
        if not self.allows(obj, transition.name):
            raise self.refusal(obj, transition.name)
        return transition

    def refusal(self, obj, transition) -> ValidationError:
        """The error, for the form, of a `transition` that `obj`'s status does not allow."""
        return ValidationError(
            _("A %(object)s that is “%(status)s” cannot be moved this way (%(action)s).")
            % {
                "object": obj._meta.verbose_name,
                "status": self.status_label(self.status_of(obj)),
                "action": self[transition].label,
            },
            code="invalid_transition",
        )

    @transaction.atomic
    def move(self, obj, transition, *, actor, now=None, comment: str = ""):
        """Make `transition` on `obj` as `actor`: check, write, keep a revision, audit."""
        transition = self.check(obj, transition, actor=actor)
        comment = comment.strip()
        if transition.requires_comment and not comment:
            raise ValidationError(transition.requires_comment, code="comment_required")
        move = Move(
            actor=actor,
            now=now or timezone.now(),
            comment=comment,
            action=transition.action,
            revision_comment=str(transition.revision_comment),
        )
        setattr(obj, self.status_field, transition.target)
        if transition.effect is not None:
            transition.effect(obj, move)
        self._save(obj, actor, move.revision_comment, [self.status_field, *transition.fields])
        _audit(actor=actor, action=move.action, target=obj, details=move.details)
        return obj

    @transaction.atomic
    def move_all(self, queryset, transition, *, actor, now=None) -> int:
        """Make `transition` on each object of `queryset` whose status allows it, each exactly
        as `move` does. An actor who may not make it at all is refused before anything."""
        transition = self[transition]
        if transition.permission is not None and not self.may_make(actor, transition.name):
            raise PermissionDenied
        now = now or timezone.now()
        selected = queryset.filter(**{f"{self.status_field}__in": transition.sources})
        count = 0
        for obj in selected:
            self.move(obj, transition.name, actor=actor, now=now)
            count += 1
        return count

    @transaction.atomic
    def delete(self, obj, *, actor) -> None:
        """Delete `obj`, if `actor` may, recording it in the audit trail first."""
        if not obj.can_be_deleted_by(actor):
            raise PermissionDenied
        _audit(actor=actor, action=self.deleted_action, target=obj, details="")
        obj.delete()

    def _save(self, obj, actor, comment: str, fields: list[str]) -> None:
        concrete = {f.name for f in obj._meta.concrete_fields}
        if "updated_by" in concrete:
            obj.updated_by = actor
            fields = [*fields, "updated_by"]
        if "updated_at" in concrete:
            fields = [*fields, "updated_at"]
        if not reversion.is_registered(type(obj)):
            obj.save(update_fields=fields)
            return
        with reversion.create_revision():
            obj.save(update_fields=fields)
            reversion.set_user(actor)
            reversion.set_comment(comment)


class WorkflowModelMixin:
    """What a model with a `workflow` answers: who may change, delete, preview it, and which
    transitions a user may make now. A plain mixin (no fields): joining needs no migration."""

    workflow: Workflow

    @property
    def is_public(self) -> bool:
        """Whether the public sees the object now: the `with_is_public()` annotation when it
        was fetched with it (one clock for a whole list), else decided on the object."""
        annotated = self.__dict__.get("_is_public")
        return self.workflow.is_public(self) if annotated is None else annotated

    @is_public.setter
    def is_public(self, value) -> None:  # the annotation of `with_is_public()`
        self.__dict__["_is_public"] = value

    def allows(self, transition) -> bool:
        return self.workflow.allows(self, transition)

    def check_transition(self, transition) -> None:
        """Refuse, with a message for the form, a `transition` that the status does not allow."""
        if not self.allows(transition):
            raise self.workflow.refusal(self, transition)

    def can_be_edited_by(self, user) -> bool:
        """Publishers may change any object; its author only while the status lets them."""
        return self.workflow.can_edit(self, user)

    def can_be_deleted_by(self, user) -> bool:
        """Like changing, with the delete permission."""
        opts = self._meta
        return user.has_perm(f"{opts.app_label}.delete_{opts.model_name}") and (
            self.can_be_edited_by(user)
        )

    def can_be_previewed_by(self, user) -> bool:
        """Who sees an object not yet public at its address: staff who may change it."""
        return user.is_staff and self.can_be_edited_by(user)

    def may_be_moved_by(self, user, transition) -> bool:
        return self.workflow.may_make(user, transition, self)

    def transitions_for(self, user) -> list[Transition]:
        """The transitions `user` may make now, in the declared (button) order."""
        return self.workflow.available(self, user)


class WorkflowQuerySetMixin:
    """`published()` and the reads built on the same condition, for a model with a workflow."""

    def published(self, now=None):
        """What the public may see. Views, feeds, the sitemap, the site search and the admin
        all ask this, so "public" is decided in one place."""
        return self.filter(self.model.workflow.public_condition(now))

    def with_is_public(self, now=None):
        """Each object annotated with `is_public`: whether `published()` would include it."""
        condition = self.model.workflow.public_condition(now)
        return self.annotate(is_public=ExpressionWrapper(condition, output_field=BooleanField()))

    def editable_by(self, user):
        """The objects `user` may change (the queryset form of `can_be_edited_by`)."""
        workflow, opts = self.model.workflow, self.model._meta
        if not (user.is_active and user.has_perm(f"{opts.app_label}.change_{opts.model_name}")):
            return self.none()
        if workflow.is_publisher(user):
            return self
        return self.filter(
            created_by=user, **{f"{workflow.status_field}__in": workflow.author_may_edit}
        )


# --- The admin --------------------------------------------------------------------------------


@dataclass(frozen=True)
class BulkAction:
    """An admin action making one transition on the selected objects (`move_all`)."""

    transition: str
    description: str
    done: Callable[[int], str]  # the message saying how many were moved


class WorkflowFormMixin:
    """Put by `WorkflowAdminMixin` in front of the admin's form: a transition the status does
    not allow, or one missing its comment, is a form error and nothing is saved."""

    transition = None  # the Transition's name, set from the button pressed
    comment_field = None

    def clean(self):
        cleaned_data = super().clean()
        if self.transition is None:
            return cleaned_data
        try:
            self.instance.check_transition(self.transition)
        except ValidationError as error:
            self.add_error(None, error)
            return cleaned_data
        message = self.instance.workflow[self.transition].requires_comment
        if message and not (cleaned_data.get(self.comment_field) or "").strip():
            if self.comment_field in self.fields:
                self.add_error(self.comment_field, message)
            else:
                self.add_error(None, message)
        return cleaned_data


class WorkflowAdminMixin:
    """The admin of a model with a workflow: the permission checks, one button per transition
    the user may make now (`_<name>` in the POST; templates/admin/workflow_submit_line.html),
    the transition made after the save, the audit entries of creating, editing and deleting,
    and the bulk actions declared in `workflow_actions` ({action name: BulkAction}).

    The page may hide buttons; `Workflow.move` checks again, so a forged POST gets 403.
    """

    workflow_actions: dict[str, BulkAction] = {}
    # The form field holding the comment of a transition that needs one.
    workflow_comment_field: str | None = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for name, bulk in cls.__dict__.get("workflow_actions", {}).items():
            if name not in cls.__dict__:
                setattr(cls, name, _bulk_action(name, bulk))

    @property
    def workflow(self) -> Workflow:
        return self.model.workflow

    # Who may do what.

    def is_publisher(self, request) -> bool:
        return self.workflow.is_publisher(request.user)

    def has_publish_permission(self, request) -> bool:
        return self.is_publisher(request)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return obj.can_be_edited_by(request.user)

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return super().has_delete_permission(request)
        return obj.can_be_deleted_by(request.user)

    def get_actions(self, request):
        actions = super().get_actions(request)
        for name, bulk in self.workflow_actions.items():
            if name in actions and not self.workflow.may_make(request.user, bulk.transition):
                del actions[name]
        return actions

    # The form and its buttons.

    def requested_transition(self, request) -> str | None:
        """The name of the workflow button pressed, if any (`_submit`, `_publish`, …)."""
        if request.method != "POST":
            return None
        return next(
            (t.name for t in self.workflow.transitions if f"_{t.name}" in request.POST), None
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        attrs = {
            "transition": self.requested_transition(request),
            "comment_field": self.workflow_comment_field,
        }
        return type(form.__name__, (WorkflowFormMixin, form), attrs)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        target = obj if obj is not None else self.model(created_by=request.user)
        may_save = (
            self.has_change_permission(request, obj) if obj else self.has_add_permission(request)
        )
        context["workflow_buttons"] = (
            [(f"_{t.name}", t.label) for t in target.transitions_for(request.user)]
            if may_save
            else []
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    # Saving: the object and its inlines (Django's), the audit entry of the edit, then the
    # transition, in the admin's one transaction.

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self.record_edit(request, form, formsets, change)
        transition = form.transition
        if transition is None:
            return
        comment = ""
        if self.workflow_comment_field:
            comment = form.cleaned_data.get(self.workflow_comment_field, "")
        obj = form.instance
        self.workflow.move(obj, transition, actor=request.user, comment=comment)
        self.message_user(
            request,
            _("“%(title)s”: %(status)s.")
            % {"title": self.workflow_title(obj), "status": self.workflow_state(obj)},
            messages.SUCCESS,
        )

    def record_edit(self, request, form, formsets, change) -> None:
        obj = form.instance
        if not change:
            _audit(actor=request.user, action=self.workflow.created_action, target=obj)
            return
        edited = set(form.changed_data) - {self.workflow_comment_field}
        if form.transition is not None:
            edited -= set(self.workflow[form.transition].form_fields)
        if edited or any(formset.has_changed() for formset in formsets):
            _audit(
                actor=request.user,
                action=self.workflow.edited_action,
                target=obj,
                details=", ".join(sorted(edited)),
            )

    def workflow_title(self, obj) -> str:
        """How the message after a transition names the object."""
        return str(obj)

    def workflow_state(self, obj) -> str:
        """How the message after a transition says where the object is now."""
        return self.workflow.status_label(self.workflow.status_of(obj))

    def delete_model(self, request, obj):
        self.workflow.delete(obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                self.workflow.delete(obj, actor=request.user)


def _bulk_action(name: str, bulk: BulkAction):
    def action(modeladmin, request, queryset):
        count = modeladmin.workflow.move_all(queryset, bulk.transition, actor=request.user)
        modeladmin.message_user(request, bulk.done(count), messages.SUCCESS)

    action.__name__ = name
    return admin.action(description=bulk.description)(action)
