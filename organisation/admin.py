from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.mixins import AuditedAdminMixin
from core.admin import ContentManagedAdminMixin, NulSafeSearchMixin, SingleRecordAdminMixin

from .models import AboutPage, Committee, CommitteeMember, Division, Person, UnitOffice

# An address typed without a scheme becomes https://…
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(AboutPage)
class AboutPageAdmin(
    SingleRecordAdminMixin, AuditedAdminMixin, ContentManagedAdminMixin, admin.ModelAdmin
):
    """A single record, like the site settings: the list page goes straight to it."""

    fields = ["title", "summary", "functions", "agency"]
    autocomplete_fields = ["agency"]


@admin.register(Division)
class DivisionAdmin(
    AuditedAdminMixin, ContentManagedAdminMixin, NulSafeSearchMixin, admin.ModelAdmin
):
    list_display = ["name", "parent", "unit", "order"]
    list_editable = ["order"]
    list_select_related = ["parent", "unit"]
    search_fields = ["name", "name_en"]
    autocomplete_fields = ["parent", "unit"]
    fields = ["name", "name_en", "note", "note_en", "parent", "unit", "order"]


@admin.register(UnitOffice)
class UnitOfficeAdmin(
    AuditedAdminMixin, ContentManagedAdminMixin, NulSafeSearchMixin, admin.ModelAdmin
):
    list_display = ["unit", "phone", "email", "website"]
    list_select_related = ["unit"]
    list_filter = ["unit__kind"]
    search_fields = ["unit__name", "address", "email", "phone"]
    autocomplete_fields = ["unit"]
    fields = ["unit", "name_en", "address", "address_en", "phone", "email", "website"]
    formfield_overrides = HTTPS_URLS


@admin.register(Person)
class PersonAdmin(
    AuditedAdminMixin, ContentManagedAdminMixin, NulSafeSearchMixin, admin.ModelAdmin
):
    list_display = ["name", "title", "kind", "unit", "office_phone", "email", "is_shown", "order"]
    list_editable = ["is_shown", "order"]
    list_filter = ["kind", "is_shown", "unit__kind"]
    list_select_related = ["unit"]
    search_fields = ["name", "title", "unit__name", "workplace", "email"]
    autocomplete_fields = ["unit"]
    fieldsets = [
        (None, {"fields": ["name", "title", "kind", "unit", "workplace", "photo"]}),
        (_("Work contacts"), {"fields": ["office_phone", "email"]}),
        (_("In English"), {"fields": ["title_en", "workplace_en"]}),
        (None, {"fields": ["order", "is_shown"]}),
    ]


class CommitteeMemberInline(admin.TabularInline):
    model = CommitteeMember
    extra = 1
    autocomplete_fields = ["person"]
    fields = ["person", "role", "order"]


@admin.register(Committee)
class CommitteeAdmin(
    AuditedAdminMixin, ContentManagedAdminMixin, NulSafeSearchMixin, admin.ModelAdmin
):
    list_display = ["name", "order"]
    search_fields = ["name", "name_en"]
    fields = ["name", "name_en", "description", "order"]
    inlines = [CommitteeMemberInline]
