from django.contrib import admin
from django.db import transaction
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.templatetags.portal import vn_datetime

from .models import AuditEntry
from .services import record


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: no one adds, changes or deletes entries through the admin."""

    list_display = ["when", "actor_name", "action", "target", "details"]
    list_filter = ["action", ("actor", admin.RelatedOnlyFieldListFilter), "at"]
    list_select_related = ["content_type"]
    search_fields = ["object_repr", "actor_name", "details"]
    date_hierarchy = "at"
    fields = ["at", "actor", "actor_name", "action", "content_type", "object_id", "object_repr",
              "details"]  # fmt: skip
    readonly_fields = fields

    @admin.display(description=_("time"), ordering="at")
    def when(self, obj):
        return vn_datetime(obj.at)

    @admin.display(description=_("object"), ordering="object_repr")
    def target(self, obj):
        url = obj.target_admin_url()
        return format_html('<a href="{}">{}</a>', url, obj.object_repr) if url else obj.object_repr

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuditedAdminMixin:
    """For the admin of content outside the publication workflow (whose edits the workflow
    records): records who created, changed and deleted each object. `audit_actions` maps
    "created", "edited", "deleted" to `AuditEntry.Action` values; a missing one records
    nothing."""

    audit_actions: dict[str, str] = {}

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        changed = sorted(form.changed_data)
        if change and not changed and not any(f.has_changed() for f in formsets):
            return
        action = self.audit_actions.get("edited" if change else "created")
        if action:
            details = ", ".join(changed) if change else ""
            record(actor=request.user, action=action, target=form.instance, details=details)

    def delete_model(self, request, obj):
        with transaction.atomic():
            self._record_deletion(request, obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                self._record_deletion(request, obj)
            super().delete_queryset(request, queryset)

    def _record_deletion(self, request, obj):
        action = self.audit_actions.get("deleted")
        if action:
            record(actor=request.user, action=action, target=obj)
