import functools

from django.contrib import admin
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .forms import FreeWordsField, FreeWordsWidget
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


class QuickActionCheckboxMixin:
    """The changelist's row checkbox written directly, the same HTML as Django's: Django renders
    a `CheckboxInput` widget through the form renderer's templates for each row, about 5 ms of a
    50-row list's 10 ms per row on the 2-core server (measured, `bench/inprocess.py` with
    BENCH_INPROCESS_USER)."""

    def action_checkbox(self, obj):
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            str(obj.pk),
            format_html(_("Select this object for an action - {}"), str(obj)),
        )


@functools.cache
def boolean_icon(value: bool | None) -> str:
    """Django's yes/no/unknown icon of a boolean column (the same HTML as its
    `admin_list._boolean_icon`), made once per process: Django asks the static files storage
    for the icon's address in every cell (two boolean columns, 50 rows: 100 lookups a list)."""
    name = {True: "yes", False: "no", None: "unknown"}[value]
    return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{name}.svg"), value)


class ContentManagedAdminMixin:
    """Fills `created_by` / `updated_by` of a ContentManagedModel from the logged-in user."""

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


class SingleRecordAdminMixin:
    """For a model kept as one record (site settings, a page's text): the list page goes
    straight to the record, created with its defaults if there is none (the model's
    `load_or_create()`), and it cannot be added or deleted."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        record = self.model.load_or_create()
        opts = self.model._meta
        return redirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
        )


@admin.register(SiteSettings)
class SiteSettingsAdmin(SingleRecordAdminMixin, admin.ModelAdmin):
    """A single record: the list page goes straight to it, and it cannot be added or deleted."""

    fieldsets = [
        (None, {"fields": ["site_name", "short_name", "owner", "responsible_person"]}),
        (_("Contact"), {"fields": ["address", "phone", "email", "domain"]}),
    ]


@admin.register(AgencyLink)
class AgencyLinkAdmin(admin.ModelAdmin):
    list_display = ["name", "url", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "url"]
    # An address typed without a scheme becomes https://…
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(EnglishPage)
class EnglishPageAdmin(SingleRecordAdminMixin, admin.ModelAdmin):
    """A single record, like the site settings: the list page goes straight to it. The
    structure and contacts shown on the page are the organisation's records (the English
    names and titles on them)."""

    fields = ["title", "description", "introduction"]


class FreeWordsAdminMixin:
    """For a model admin whose many-to-many fields in `free_words_fields` take free words (tags)
    with autocomplete: the fields must also be in `autocomplete_fields`, and their model give
    `for_word(word)`. New words are saved (or found, when another editor saved the same word
    meanwhile) just before the relations are."""

    free_words_fields: tuple[str, ...] = ()

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.free_words_fields:
            kwargs["widget"] = FreeWordsWidget(db_field, self.admin_site)
            kwargs["form_class"] = FreeWordsField
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        for name in self.free_words_fields:
            entries = form.cleaned_data.get(name)
            if entries:
                form.cleaned_data[name] = [
                    entry if entry.pk else type(entry).objects.save_word(entry) for entry in entries
                ]
        super().save_related(request, form, formsets, change)
