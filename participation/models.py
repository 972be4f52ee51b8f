"""Citizens' submissions: questions (Hỏi đáp), feedback on administrative procedures (Phản ánh,
kiến nghị) and comments on drafts (Góp ý dự thảo), in one inbox with one workflow."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.models import AuditEntry
from core import workflow as publishing
from core.fields import RichTextField, SearchableModel, SearchTextField
from core.models import ContentManagedModel, SlugFromNameMixin
from documents.files import generated_file_path, validate_document_file

from .files import attachment_path, get_private_storage, validate_attachment

HANDLE_PERMISSION = "participation.handle_submission"
# Lookup codes: no 0/O, 1/I/L that a person would confuse when typing one from a letter.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10  # 31**10 ≈ 8·10^14: never guessed, even without the lookup's rate limit


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(value: str) -> str:
    """What a person typed, as stored: upper case, without spaces or dashes."""
    return "".join(ch for ch in (value or "").upper() if ch.isalnum())


class Topic(SlugFromNameMixin, models.Model):
    """A topic of questions and feedback (an editable list, like documents' fields)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("participation:qa-list") + f"?chu-de={self.slug}"


class DraftQuerySet(models.QuerySet):
    def published(self, now=None):
        """Drafts the public sees: those whose comment period has begun."""
        return self.filter(opens_at__lte=now or timezone.now())

    def next_change(self, now=None):
        """The next opening or closing of a comment period: no cached page outlives it."""
        now = now or timezone.now()
        times = self.filter(Q(opens_at__gt=now) | Q(closes_at__gt=now)).values_list(
            "opens_at", "closes_at"
        )
        upcoming = [when for pair in times for when in pair if when > now]
        return min(upcoming, default=None)


def draft_upload_to(instance, filename):
    return generated_file_path("drafts", "pdf" if filename.lower().endswith(".pdf") else "bin")


class Draft(SlugFromNameMixin, ContentManagedModel):
    """A draft put out for comment. Open or closed is decided by the clock, never by a job."""

    slug_source = "title"
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=220, unique=True, blank=True, editable=False)
    summary = RichTextField(_("summary"))
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("document of the register"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("When the draft is a document of the register."),
    )
    file = models.FileField(
        _("draft file"),
        upload_to=draft_upload_to,
        validators=[validate_document_file],
        blank=True,
        help_text=_("PDF, DOC, DOCX, XLS, XLSX, ODT or ODS."),
    )
    opens_at = models.DateTimeField(_("comments open at"))
    closes_at = models.DateTimeField(_("comments close at"))
    report = RichTextField(
        _("report on the comments"),
        blank=True,
        help_text=_("After closing: which comments were taken in, and why others were not."),
    )

    objects = DraftQuerySet.as_manager()

    class Meta:
        verbose_name = _("draft for comment")
        verbose_name_plural = _("drafts for comment")
        ordering = ["-opens_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="draft_closes_after_opening"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("participation:draft-detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The closing must come after the opening.")})

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def has_closed(self, now=None) -> bool:
        return (now or timezone.now()) >= self.closes_at


class SubmissionQuerySet(publishing.WorkflowQuerySetMixin, models.QuerySet):
    # `published()`: published (or published, then closed) pairs, from the workflow.

    def answers(self, now=None):
        """Published questions and feedback answers: the Q&A pages and the site search."""
        return self.published(now).exclude(kind=Submission.Kind.COMMENT)

    def search(self, query: str):
        from core.text import fold

        found = self
        for word in fold(query.replace("\x00", "")).split()[:12]:
            found = found.filter(
                Q(search_text__contains=word)
                | Q(search_answer__contains=word)
                | Q(search_procedure__contains=word)
            )
        return found

    def open_items(self):
        return self.filter(
            status__in=[Submission.Status.RECEIVED, Submission.Status.ASSIGNED]
        ).exclude(kind=Submission.Kind.COMMENT)


def _assigned(submission, move) -> None:
    if submission.handler_id is None:
        submission.handler = move.actor
    move.details = ", ".join(
        str(part) for part in (submission.unit, submission.handler) if part is not None
    )


def _answered(submission, move) -> None:
    if move.comment:
        submission.answer = move.comment
    submission.answered_at = move.now
    if submission.handler_id is None:
        submission.handler = move.actor


def _published(submission, move) -> None:
    submission.published_at = move.now


class Submission(publishing.WorkflowModelMixin, SearchableModel):
    """One citizen's question, feedback or comment, with its handling and its answer."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("Question")
        FEEDBACK = "feedback", _("Feedback on an administrative procedure")
        COMMENT = "comment", _("Comment on a draft")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ASSIGNED = "assigned", _("Assigned")
        ANSWERED = "answered", _("Answered")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")
        SPAM = "spam", _("Spam")

    class Transition(models.TextChoices):
        ASSIGN = "assign", _("Assign")
        ANSWER = "answer", _("Save the answer")
        PUBLISH = "publish", _("Publish")
        CLOSE = "close", _("Close")
        MARK_SPAM = "mark_spam", _("Mark as spam")

    S = Status
    workflow = publishing.Workflow(
        states=Status,
        # Public: published, and still after closing; `published_at` is the "published" flag
        # (an answered submission closed without publishing has none and stays private).
        public=[S.PUBLISHED, S.CLOSED],
        publication_time="published_at",
        publish_permission=HANDLE_PERMISSION,
        created_action=AuditEntry.Action.SUBMISSION_RECEIVED,
        edited_action=AuditEntry.Action.SUBMISSION_EDITED,
        deleted_action=AuditEntry.Action.SUBMISSION_DELETED,
        transitions=[
            publishing.Transition(
                Transition.ASSIGN,
                sources=[S.RECEIVED, S.ASSIGNED],
                target=S.ASSIGNED,
                action=AuditEntry.Action.SUBMISSION_ASSIGNED,
                permission=HANDLE_PERMISSION,
                fields=("handler",),
                effect=_assigned,
                form_fields=("unit", "handler"),
            ),
            publishing.Transition(
                Transition.ANSWER,
                sources=[S.RECEIVED, S.ASSIGNED, S.ANSWERED],
                target=S.ANSWERED,
                action=AuditEntry.Action.SUBMISSION_ANSWERED,
                permission=HANDLE_PERMISSION,
                fields=("answer", "answered_at", "handler"),
                effect=_answered,
                requires_comment=_("Write the answer."),
            ),
            publishing.Transition(
                Transition.PUBLISH,
                sources=[S.ANSWERED],
                target=S.PUBLISHED,
                action=AuditEntry.Action.SUBMISSION_PUBLISHED,
                permission=HANDLE_PERMISSION,
                fields=("published_at",),
                effect=_published,
            ),
            publishing.Transition(
                Transition.CLOSE,
                sources=[S.RECEIVED, S.ASSIGNED, S.ANSWERED, S.PUBLISHED],
                target=S.CLOSED,
                action=AuditEntry.Action.SUBMISSION_CLOSED,
                permission=HANDLE_PERMISSION,
            ),
            publishing.Transition(
                Transition.MARK_SPAM,
                sources=[S.RECEIVED, S.ASSIGNED],
                target=S.SPAM,
                action=AuditEntry.Action.SUBMISSION_SPAM,
                permission=HANDLE_PERMISSION,
            ),
        ],
    )
    del S

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("topic"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="submissions",
    )
    draft = models.ForeignKey(
        Draft,
        verbose_name=_("draft"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="comments",
    )
    procedure = models.CharField(
        _("administrative procedure"),
        max_length=300,
        blank=True,
        help_text=_("The procedure or rule the feedback is about."),
    )
    text = models.TextField(_("text"))
    # Personal data: blanked by `purge_personal_data` after the retention period.
    name = models.CharField(_("name"), max_length=150, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    attachment = models.FileField(
        _("attachment"),
        upload_to=attachment_path,
        storage=get_private_storage,
        validators=[validate_attachment],
        blank=True,
        max_length=255,
    )
    consent = models.BooleanField(_("consent to the processing of personal data"), default=False)
    code = models.CharField(_("lookup code"), max_length=16, unique=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.RECEIVED,
        editable=False,
    )
    spam_reason = models.CharField(_("why it is spam"), max_length=100, blank=True, editable=False)
    received_at = models.DateTimeField(_("received at"), default=timezone.now, editable=False)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    unit = models.ForeignKey(
        "indices.Unit",
        verbose_name=_("handling unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answer = RichTextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    personal_data_purged_at = models.DateTimeField(
        _("personal data erased at"), null=True, blank=True, editable=False
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # Folded words for the site search (core.search): never a personal field.
    search_text = SearchTextField(source="text")
    search_procedure = SearchTextField(source="procedure")
    search_answer = SearchTextField(source="answer", html=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("citizen's submission")
        verbose_name_plural = _("citizens' submissions")
        ordering = ["-received_at", "-pk"]
        permissions = [
            ("handle_submission", "Can handle citizens' submissions and see personal data")
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="comment") | Q(draft__isnull=False),
                name="submission_comment_has_draft",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-received_at"], name="submission_status_idx"),
            models.Index(fields=["kind", "status", "-published_at"], name="submission_public_idx"),
        ]

    def __str__(self):
        return f"{self.code}: {self.text[:80]}"

    def get_absolute_url(self):
        if self.kind == self.Kind.COMMENT and self.draft_id:
            return self.draft.get_absolute_url() + f"#y-kien-{self.pk}"
        return reverse("participation:qa-detail", kwargs={"pk": self.pk})

    @property
    def display_code(self) -> str:
        half = len(self.code) // 2
        return f"{self.code[:half]}-{self.code[half:]}"

    @property
    def title(self) -> str:
        """How the pair is named in lists and search: the question's first words."""
        first = " ".join(self.text.split())
        return first if len(first) <= 120 else first[:117].rsplit(" ", 1)[0] + "…"

    def save(self, *args, **kwargs):
        if not self.code:
            self.code = new_code()
        if self.attachment and not self.attachment._committed:
            from .files import check_attachment

            self._attachment_kind = check_attachment(self.attachment.file)
        super().save(*args, **kwargs)

    # Submissions have no author among staff: who may change them is who handles them.
    def can_be_edited_by(self, user) -> bool:
        return self.workflow.is_publisher(user) and user.has_perm("participation.change_submission")

    @property
    def has_personal_data(self) -> bool:
        return bool(self.name or self.email or self.phone or self.attachment)
