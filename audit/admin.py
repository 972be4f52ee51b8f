from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.templatetags.portal import vn_datetime

from .models import AuditEntry


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
