from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import AgencyLink, EnglishPage, SiteSettings

# Scripts of an admin form with a slug prefilled from a Vietnamese name: Django's urlify.js, then
# our fix for the letters it drops (đ, ư, ơ…). Listed in this order so that Django keeps it when
# it merges the admin's media.
VIETNAMESE_SLUG_JS = ["admin/js/urlify.js", "admin/js/vietnamese_urlify.js"]


class NulSafeSearchMixin:
    """PostgreSQL refuses text parameters containing NUL; drop it from admin search terms
    (the changelist search and the autocomplete both pass through here) instead of a 500."""

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, search_term.replace("\x00", ""))


class ContentManagedAdminMixin:
    """Fills `created_by` / `updated_by` of a ContentManagedModel from the logged-in user."""

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    """A single record: the list page goes straight to it, and it cannot be added or deleted."""

    fieldsets = [
        (None, {"fields": ["site_name", "short_name", "owner", "responsible_person"]}),
        (_("Contact"), {"fields": ["address", "phone", "email", "domain"]}),
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        site_settings = SiteSettings.load()
        return redirect(reverse("admin:core_sitesettings_change", args=[site_settings.pk]))


@admin.register(AgencyLink)
class AgencyLinkAdmin(admin.ModelAdmin):
    list_display = ["name", "url", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "url"]
    # An address typed without a scheme becomes https://…
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(EnglishPage)
class EnglishPageAdmin(admin.ModelAdmin):
    """A single record, like the site settings: the list page goes straight to it. The
    structure and contacts shown on the page are the organisation's records (the English
    names and titles on them)."""

    fields = ["title", "description", "introduction"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        page = EnglishPage.load()
        return redirect(reverse("admin:core_englishpage_change", args=[page.pk]))
