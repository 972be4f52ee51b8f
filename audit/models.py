from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEntryQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        )


class AuditEntry(models.Model):
    """One thing a staff member did, kept for good: entries are only ever added.

    The actor and the target are kept by reference and by name, so an entry still reads
    correctly after the account or the article is gone.
    """

    class Action(models.TextChoices):
        ARTICLE_CREATED = "article_created", _("article created")
        ARTICLE_EDITED = "article_edited", _("article edited")
        ARTICLE_SUBMITTED = "article_submitted", _("article submitted for review")
        ARTICLE_RETURNED = "article_returned", _("article returned to its author")
        ARTICLE_PUBLISHED = "article_published", _("article published")
        ARTICLE_SCHEDULED = "article_scheduled", _("article scheduled")
        ARTICLE_UNPUBLISHED = "article_unpublished", _("article unpublished")
        ARTICLE_RESTORED = "article_restored", _("article revision restored")
        ARTICLE_DELETED = "article_deleted", _("article deleted")
        DOCUMENT_CREATED = "document_created", _("document created")
        DOCUMENT_EDITED = "document_edited", _("document edited")
        DOCUMENT_PUBLISHED = "document_published", _("document published")
        DOCUMENT_UNPUBLISHED = "document_unpublished", _("document unpublished")
        DOCUMENT_DELETED = "document_deleted", _("document deleted")
        ACCOUNT_CREATED = "account_created", _("account created")
        ACCOUNT_DEACTIVATED = "account_deactivated", _("account deactivated")
        ACCOUNT_REACTIVATED = "account_reactivated", _("account reactivated")
        ROLE_CHANGED = "role_changed", _("role changed")
        PASSWORD_RESET = "password_reset", _("password reset by an administrator")
        SUBMISSION_RECEIVED = "submission_received", _("citizen's submission received")
        SUBMISSION_EDITED = "submission_edited", _("citizen's submission edited")
        SUBMISSION_ASSIGNED = "submission_assigned", _("citizen's submission assigned")
        SUBMISSION_ANSWERED = "submission_answered", _("citizen's submission answered")
        SUBMISSION_PUBLISHED = "submission_published", _("citizen's submission published")
        SUBMISSION_CLOSED = "submission_closed", _("citizen's submission closed")
        SUBMISSION_SPAM = "submission_spam", _("citizen's submission marked as spam")
        SUBMISSION_DELETED = "submission_deleted", _("citizen's submission deleted")
        PERSONAL_DATA_VIEWED = "personal_data_viewed", _("personal data viewed")
        PERSONAL_DATA_EXPORTED = "personal_data_exported", _("personal data exported")
        PERSONAL_DATA_PURGED = "personal_data_purged", _("personal data erased")
        # Any other record kept in the admin (AuditedAdminMixin): the object's type says what.
        RECORD_CREATED = "record_created", _("record created")
        RECORD_EDITED = "record_edited", _("record edited")
        RECORD_DELETED = "record_deleted", _("record deleted")
        IMPORT_RUN = "import_run", _("old portal's articles imported")

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    actor_name = models.CharField(_("user name"), max_length=150, blank=True, editable=False)
    action = models.CharField(_("action"), max_length=40, choices=Action.choices, editable=False)
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("object type"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )
    object_id = models.CharField(_("object id"), max_length=64, blank=True, editable=False)
    object_repr = models.CharField(_("object"), max_length=300, blank=True, editable=False)
    details = models.TextField(_("details"), blank=True, editable=False)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="audit_target_idx"),
            models.Index(fields=["actor", "-at"], name="audit_actor_idx"),
        ]

    def __str__(self):
        return f"{self.actor_name or '—'}: {self.get_action_display()} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit entries are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit entries are never deleted.")

    def target_admin_url(self):
        """The target's own page in the admin, when it still exists."""
        if not self.content_type_id:
            return None
        try:
            return reverse(
                f"admin:{self.content_type.app_label}_{self.content_type.model}_change",
                args=[self.object_id],
            )
        except NoReverseMatch:
            return None
