import csv

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from audit.mixins import AuditedAdminMixin
from audit.models import AuditEntry
from audit.services import record
from core.admin import ContentManagedAdminMixin
from core.workflow import BulkAction, WorkflowAdminMixin

from . import services
from .models import Draft, Submission, Topic

PERSONAL_FIELDS = ("name", "email", "phone", "attachment")


@admin.register(Topic)
class TopicAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Draft)
class DraftAdmin(AuditedAdminMixin, ContentManagedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "opens_at", "closes_at", "comment_count"]
    date_hierarchy = "opens_at"
    search_fields = ["title"]
    autocomplete_fields = ["document"]
    fields = ["title", "summary", "document", "file", "opens_at", "closes_at", "report"]

    @admin.display(description=_("comments"))
    def comment_count(self, draft):
        return draft.comments.exclude(status=Submission.Status.SPAM).count()


@admin.register(Submission)
class SubmissionAdmin(WorkflowAdminMixin, admin.ModelAdmin):
    """The inbox. Only the handling role (participation.handle_submission) opens it: the
    personal fields are on the page, so each opening is in the audit trail."""

    list_display = ["code", "kind", "short_text", "topic", "status", "due_on", "handler"]
    list_filter = ["status", "kind", "topic", "draft"]
    search_fields = ["code", "text", "procedure"]
    date_hierarchy = "received_at"
    list_select_related = ["topic", "handler"]
    autocomplete_fields = ["unit"]
    readonly_fields = [
        "code",
        "kind",
        "status",
        "received_at",
        "draft",
        "name",
        "email",
        "phone",
        "attachment_link",
        "consent",
        "spam_reason",
        "answered_at",
        "published_at",
        "personal_data_purged_at",
    ]
    fieldsets = [
        (None, {"fields": ["code", "kind", "status", "received_at", "draft", "spam_reason"]}),
        (_("The submission"), {"fields": ["topic", "procedure", "text"]}),
        (
            _("Personal data (never published)"),
            {"fields": ["name", "email", "phone", "attachment_link", "consent"]},
        ),
        (_("Handling"), {"fields": ["unit", "handler", "due_on"]}),
        (_("Answer"), {"fields": ["answer", "answered_at", "published_at"]}),
    ]
    workflow_comment_field = "answer"
    actions = ["export_personal_data"]
    workflow_actions = {
        "mark_spam": BulkAction(
            Submission.Transition.MARK_SPAM,
            _("Mark the selected submissions as spam"),
            lambda n: _("%(count)d marked as spam.") % {"count": n},
        ),
        "close": BulkAction(
            Submission.Transition.CLOSE,
            _("Close the selected submissions"),
            lambda n: _("%(count)d closed.") % {"count": n},
        ),
    }

    def _may_handle(self, request) -> bool:
        return self.workflow.is_publisher(request.user)

    def has_module_permission(self, request):
        return self._may_handle(request)

    def has_view_permission(self, request, obj=None):
        return self._may_handle(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return False  # submissions come from the public forms only

    @admin.display(description=_("text"))
    def short_text(self, submission):
        return submission.title

    @admin.display(description=_("attachment"))
    def attachment_link(self, submission):
        if not submission.attachment:
            return "—"
        url = reverse("admin:participation_submission_attachment", args=[submission.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download the attachment"))

    def get_urls(self):
        download = self.admin_site.admin_view(self.download_attachment)
        return [
            path("<int:pk>/tep-dinh-kem/", download, name="participation_submission_attachment"),
            *super().get_urls(),
        ]

    def download_attachment(self, request, pk):
        """The attachment, to the handling role only, each download in the audit trail."""
        if not self._may_handle(request):
            raise PermissionDenied
        submission = get_object_or_404(Submission, pk=pk)
        if not submission.attachment:
            raise Http404
        record(
            actor=request.user,
            action=AuditEntry.Action.PERSONAL_DATA_EXPORTED,
            target=submission,
            details="attachment",
        )
        extension = submission.attachment.name.rsplit(".", 1)[-1]
        return FileResponse(
            submission.attachment.open("rb"),
            as_attachment=True,
            filename=f"{submission.code}.{extension}",
        )

    @admin.action(description=_("Export the selected submissions with personal data (CSV)"))
    def export_personal_data(self, request, queryset):
        if not self._may_handle(request):
            raise PermissionDenied
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="y-kien.csv"'
        response["Cache-Control"] = "no-store"
        writer = csv.writer(response)
        writer.writerow(["code", "kind", "status", "received_at", "name", "email", "phone", "text"])
        with transaction.atomic():
            for submission in queryset.order_by("pk"):
                writer.writerow(
                    [
                        submission.display_code,
                        submission.kind,
                        submission.status,
                        submission.received_at.isoformat(),
                        submission.name,
                        submission.email,
                        submission.phone,
                        submission.text,
                    ]
                )
                record(
                    actor=request.user,
                    action=AuditEntry.Action.PERSONAL_DATA_EXPORTED,
                    target=submission,
                    details="csv",
                )
        return response

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "handler":
            kwargs["queryset"] = services.handlers().order_by("username")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            submission = self.get_object(request, object_id)
            if submission is not None and submission.has_personal_data:
                record(
                    actor=request.user,
                    action=AuditEntry.Action.PERSONAL_DATA_VIEWED,
                    target=submission,
                )
        return super().change_view(request, object_id, form_url, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if form.transition == Submission.Transition.ANSWER:
            submission = form.instance
            transaction.on_commit(lambda: services.notify_answered(submission))
