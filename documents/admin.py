from django import forms
from django.contrib import admin
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin

from audit.mixins import AuditedAdminMixin
from core.admin import ContentManagedAdminMixin, FreeWordsAdminMixin, NulSafeSearchMixin
from core.workflow import BulkAction, WorkflowAdminMixin
from news.admin import ArticleAdmin

from .models import (
    ArticleAttachment,
    ArticleDocument,
    Document,
    DocumentFile,
    DocumentType,
    Field,
    Issuer,
    Validity,
)

Transition = Document.Transition


class NamedListAdmin(AuditedAdminMixin, NulSafeSearchMixin, admin.ModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


admin.site.register(DocumentType, NamedListAdmin)
admin.site.register(Issuer, NamedListAdmin)
admin.site.register(Field, NamedListAdmin)


class StoredFileInlineMixin:
    extra = 1
    fields = ["file", "title", "order", "facts"]
    readonly_fields = ["facts"]

    @admin.display(description=_("about the file"))
    def facts(self, obj):
        if not obj.pk:
            return "—"
        flags = []
        if obj.is_encrypted:
            flags.append(str(_("encrypted: no text, no preview")))
        if obj.is_broken:
            flags.append(str(_("unreadable: no text, no preview")))
        if obj.kind == "pdf" and obj.processed_at is None:
            flags.append(str(_("being processed")))
        return format_html(
            "{} · {} · {} {}",
            obj.original_name,
            obj.kind_label,
            filesizeformat(obj.size),
            " · ".join(flags),
        )


class DocumentFileInline(StoredFileInlineMixin, admin.TabularInline):
    model = DocumentFile


class YearFilter(admin.SimpleListFilter):
    title = _("year issued")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Document.objects.dates("issued_on", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit() and 1 <= int(value) <= 9999:
            return queryset.filter(issued_on__year=int(value))
        return queryset


class ValidityFilter(admin.SimpleListFilter):
    title = _("validity")
    parameter_name = "validity"

    def lookups(self, request, model_admin):
        return Validity.choices

    def queryset(self, request, queryset):
        if self.value() in Validity.values:
            return queryset.filter(validity=self.value())
        return queryset


class DocumentAdminForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = [
            "number",
            "summary",
            "doc_type",
            "issuer",
            "signer",
            "issued_on",
            "effective_on",
            "expires_on",
            "fields",
            "replaces",
            "topics",
            "tags",
            "is_sample",
        ]
        widgets = {"number": forms.TextInput(attrs={"class": "vTextField", "size": 40})}

    def clean_replaces(self):
        replaces = self.cleaned_data.get("replaces")
        if replaces is not None and self.instance.pk and self.instance in replaces:
            raise forms.ValidationError(_("A document cannot replace itself."))
        return replaces


@admin.register(Document)
class DocumentAdmin(
    WorkflowAdminMixin,
    FreeWordsAdminMixin,
    NulSafeSearchMixin,
    ContentManagedAdminMixin,
    VersionAdmin,
):
    """Documents, with the same roles as articles: editors draft (and change their own drafts),
    publishers change any document and publish or unpublish it with the buttons. The buttons,
    checks, transitions and audit entries are the workflow's (core.workflow)."""

    form = DocumentAdminForm
    list_display = ["number", "short_summary", "doc_type", "issuer", "issued_on", "validity_col"]
    list_display += ["status", "is_sample"]
    list_filter = ["status", "doc_type", "issuer", "fields", YearFilter, ValidityFilter]
    list_select_related = ["doc_type", "issuer"]
    search_fields = ["number", "summary"]
    date_hierarchy = "issued_on"
    autocomplete_fields = ["doc_type", "issuer", "fields", "replaces", "topics", "tags"]
    free_words_fields = ("tags",)  # typed freely (core.admin.FreeWordsAdminMixin)
    inlines = [DocumentFileInline]
    actions = ["publish_selected", "unpublish_selected"]
    readonly_fields = ["status", "published_at"]
    history_latest_first = True

    def get_fieldsets(self, request, obj=None):
        return [
            (None, {"fields": ["number", "summary", "doc_type", "issuer", "signer"]}),
            (_("Dates"), {"fields": ["issued_on", "effective_on", "expires_on"]}),
            (None, {"fields": ["fields", "replaces", "topics", "tags", "is_sample"]}),
            (_("Publishing"), {"fields": ["status", "published_at"]}),
        ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_validity()

    def get_search_results(self, request, queryset, search_term):
        """Number or summary, accents ignored; the number with or without its slash."""
        term = search_term.replace("\x00", "").strip()
        if not term:
            return queryset, False
        matching = Document.objects.search(term).values("pk")
        return queryset.filter(Q(number__icontains=term) | Q(pk__in=matching)), False

    workflow_actions = {
        "publish_selected": BulkAction(
            Transition.PUBLISH,
            _("Publish the selected documents"),
            lambda count: _("Documents published: %(count)d") % {"count": count},
        ),
        "unpublish_selected": BulkAction(
            Transition.UNPUBLISH,
            _("Unpublish the selected documents"),
            lambda count: _("Documents unpublished: %(count)d") % {"count": count},
        ),
    }

    def workflow_title(self, obj):
        return obj.number

    @admin.display(description=_("summary"))
    def short_summary(self, obj):
        return obj.summary[:100]

    @admin.display(description=_("validity"), ordering="validity")
    def validity_col(self, obj):
        return obj.validity_label

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Saved again now that the files and lists are in: the search text includes them.
        form.instance.save(update_fields=["search_text"])


# Articles: "Văn bản liên quan" and attachments, as inlines of the news article admin.


class ArticleDocumentInline(admin.TabularInline):
    model = ArticleDocument
    extra = 1
    autocomplete_fields = ["document"]
    fields = ["document", "order"]


class ArticleAttachmentInline(StoredFileInlineMixin, admin.TabularInline):
    model = ArticleAttachment


ArticleAdmin.inlines = [*ArticleAdmin.inlines, ArticleDocumentInline, ArticleAttachmentInline]
