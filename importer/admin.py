from django.contrib import admin

from .models import ImportedPage, ImportRun, ImportRunPage


class ReadOnlyAdmin(admin.ModelAdmin):
    """Written by `import_portal` only: staff read, never change."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ImportRunPageInline(admin.TabularInline):
    model = ImportRunPage
    fields = ("url", "status", "new_url", "warnings")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnlyAdmin):
    list_display = ("started_at", "source", "profile", "status", "summary", "actor")
    list_filter = ("status",)
    list_select_related = ("actor",)
    date_hierarchy = "started_at"
    inlines = [ImportRunPageInline]


@admin.register(ImportedPage)
class ImportedPageAdmin(ReadOnlyAdmin):
    list_display = ("old_address", "article", "updated_at")
    search_fields = ("old_address", "article__title")
    list_select_related = ("article",)
    date_hierarchy = "imported_at"
