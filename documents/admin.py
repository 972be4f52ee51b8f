from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin

from audit.models import AuditEntry
from audit.services import record
from core.admin import ContentManagedAdminMixin, NulSafeSearchMixin
from news.admin import ArticleAdmin

from .models import (
    PUBLISH_PERMISSION,
    ArticleAttachment,
    ArticleDocument,
    Document,
    DocumentFile,
    DocumentType,
    Field,
    Issuer,
    Validity,
)
from .services import delete_document, publish_document, unpublish_document

WORKFLOW_BUTTONS = {"_publish": _("Publish"), "_unpublish": _("Unpublish")}


class NamedListAdmin(NulSafeSearchMixin, admin.ModelAdmin):
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
            "is_sample",
        ]
        widgets = {"number": forms.TextInput(attrs={"class": "vTextField", "size": 40})}

    def clean_replaces(self):
        replaces = self.cleaned_data.get("replaces")
        if replaces is not None and self.instance.pk and self.instance in replaces:
            raise forms.ValidationError(_("A document cannot replace itself."))
        return replaces


@admin.register(Document)
class DocumentAdmin(NulSafeSearchMixin, ContentManagedAdminMixin, VersionAdmin):
    """Documents, with the same roles as articles: editors draft (and change their own drafts),
    publishers change any document and publish or unpublish it with the buttons."""

    form = DocumentAdminForm
    list_display = ["number", "short_summary", "doc_type", "issuer", "issued_on", "validity_col"]
    list_display += ["status", "is_sample"]
    list_filter = ["status", "doc_type", "issuer", "fields", YearFilter, ValidityFilter]
    list_select_related = ["doc_type", "issuer"]
    search_fields = ["number", "summary"]
    date_hierarchy = "issued_on"
    autocomplete_fields = ["doc_type", "issuer", "fields", "replaces"]
    inlines = [DocumentFileInline]
    actions = ["publish_selected", "unpublish_selected"]
    readonly_fields = ["status", "published_at"]
    history_latest_first = True

    def get_fieldsets(self, request, obj=None):
        return [
            (None, {"fields": ["number", "summary", "doc_type", "issuer", "signer"]}),
            (_("Dates"), {"fields": ["issued_on", "effective_on", "expires_on"]}),
            (None, {"fields": ["fields", "replaces", "is_sample"]}),
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

    def is_publisher(self, request) -> bool:
        return request.user.has_perm(PUBLISH_PERMISSION)

    def has_publish_permission(self, request) -> bool:
        return self.is_publisher(request)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return obj.can_be_edited_by(request.user)

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return super().has_delete_permission(request)
        return obj.can_be_deleted_by(request.user)

    @admin.display(description=_("summary"))
    def short_summary(self, obj):
        return obj.summary[:100]

    @admin.display(description=_("validity"), ordering="validity")
    def validity_col(self, obj):
        return obj.validity_label

    def requested_transition(self, request):
        if request.method != "POST":
            return None
        return next((name for name in WORKFLOW_BUTTONS if name in request.POST), None)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        buttons = []
        if obj is not None and self.is_publisher(request):
            name = "_unpublish" if obj.status == Document.Status.PUBLISHED else "_publish"
            buttons.append((name, WORKFLOW_BUTTONS[name]))
        elif obj is None and self.is_publisher(request):
            buttons.append(("_publish", WORKFLOW_BUTTONS["_publish"]))
        context["workflow_buttons"] = buttons
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        document = form.instance
        if not change:
            record(actor=request.user, action=AuditEntry.Action.DOCUMENT_CREATED, target=document)
        elif form.changed_data or any(formset.has_changed() for formset in formsets):
            record(
                actor=request.user,
                action=AuditEntry.Action.DOCUMENT_EDITED,
                target=document,
                details=", ".join(sorted(form.changed_data)),
            )
        # Saved again now that the files and lists are in: the search text includes them.
        document.save(update_fields=["search_text"])
        transition = self.requested_transition(request)
        if transition == "_publish" and document.status != Document.Status.PUBLISHED:
            publish_document(document=document, actor=request.user)
        elif transition == "_unpublish" and document.status == Document.Status.PUBLISHED:
            unpublish_document(document=document, actor=request.user)
        if transition:
            self.message_user(
                request,
                _("“%(number)s”: %(status)s.")
                % {"number": document.number, "status": document.get_status_display()},
                messages.SUCCESS,
            )

    def delete_model(self, request, obj):
        delete_document(document=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for document in queryset:
                delete_document(document=document, actor=request.user)

    @admin.action(description=_("Publish the selected documents"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        count = 0
        with transaction.atomic():
            for document in queryset.exclude(status=Document.Status.PUBLISHED):
                publish_document(document=document, actor=request.user)
                count += 1
        self.message_user(request, _("Documents published: %(count)d") % {"count": count})

    @admin.action(description=_("Unpublish the selected documents"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        count = 0
        with transaction.atomic():
            for document in queryset.filter(status=Document.Status.PUBLISHED):
                unpublish_document(document=document, actor=request.user)
                count += 1
        self.message_user(request, _("Documents unpublished: %(count)d") % {"count": count})


# Articles: "Văn bản liên quan" and attachments, as inlines of the news article admin.


class ArticleDocumentInline(admin.TabularInline):
    model = ArticleDocument
    extra = 1
    autocomplete_fields = ["document"]
    fields = ["document", "order"]


class ArticleAttachmentInline(StoredFileInlineMixin, admin.TabularInline):
    model = ArticleAttachment


ArticleAdmin.inlines = [*ArticleAdmin.inlines, ArticleDocumentInline, ArticleAttachmentInline]
