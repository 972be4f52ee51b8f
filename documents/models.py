"""The legal documents register (văn bản): documents, their files, and their links to articles."""

from datetime import datetime, time

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, Min, OuterRef, Q, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from audit.models import AuditEntry
from core import workflow as publishing
from core.fields import SearchableModel, SearchTextField
from core.models import ContentManagedModel, SlugFromNameMixin
from core.text import fold, unique_slug, vietnamese_slugify

from .files import KIND_CHOICES, KINDS, detect_kind, generated_file_path, validate_document_file

PUBLISH_PERMISSION = "documents.publish_document"
# Extracted text kept per file for search: far above any decision or plan, bounded all the same.
EXTRACTED_TEXT_MAX_CHARS = 300_000


class NamedListItem(SlugFromNameMixin, models.Model):
    """An entry of an editable list (types, issuers, fields): a name, a slug, an order."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class DocumentType(NamedListItem):
    class Meta(NamedListItem.Meta):
        verbose_name = _("document type")
        verbose_name_plural = _("document types")


class Issuer(NamedListItem):
    class Meta(NamedListItem.Meta):
        verbose_name = _("issuing body")
        verbose_name_plural = _("issuing bodies")


class Field(NamedListItem):
    class Meta(NamedListItem.Meta):
        verbose_name = _("field")
        verbose_name_plural = _("fields")


class Validity(models.TextChoices):
    NOT_YET = "not_yet", _("Not yet in effect")
    IN_EFFECT = "in_effect", _("In effect")
    EXPIRED = "expired", _("Expired")
    REPLACED = "replaced", _("Replaced")


def start_of_effect():
    """The day a document takes effect: its effective date, or the day it was issued."""
    return Coalesce("effective_on", "issued_on")


class DocumentQuerySet(publishing.WorkflowQuerySetMixin, models.QuerySet):
    # `published()` (what the public may see: published documents; views, feed, sitemap,
    # exports and the site search all ask it) comes from the workflow (core.workflow).

    def in_effect_on(self, day):
        return self.annotate(_start=start_of_effect()).filter(_start__lte=day)

    def with_validity(self, today=None):
        """Each document annotated with `validity` (a `Validity` value) on `today`, derived
        from its dates and from the published documents that replace it; never stored."""
        today = today or timezone.localdate()
        replacing = Document.objects.published().filter(replaces=OuterRef("pk")).in_effect_on(today)
        return self.annotate(
            validity=Case(
                When(Exists(replacing), then=Value(Validity.REPLACED)),
                When(expires_on__lte=today, then=Value(Validity.EXPIRED)),
                When(
                    Q(effective_on__gt=today) | Q(effective_on__isnull=True, issued_on__gt=today),
                    then=Value(Validity.NOT_YET),
                ),
                default=Value(Validity.IN_EFFECT),
                output_field=models.CharField(),
            )
        )

    def search(self, query: str):
        """Documents whose folded text holds every word of `query`, accents and case ignored
        ("ke hoach cai cach 2019", "1234/QĐ-UBND", "1234 qd-ubnd")."""
        documents = self
        for word in fold(query.replace("\x00", "")).split()[:12]:
            documents = documents.filter(search_text__contains=word)
        return documents

    def for_listing(self):
        return self.select_related("doc_type", "issuer")

    def next_validity_change(self, today=None):
        """The next midnight at which a published document's validity changes by itself (it
        takes effect or expires), or None. Pages cached now must not outlive it
        (core.pagecache)."""
        today = today or timezone.localdate()
        fields = ("effective_on", "issued_on", "expires_on")
        days = self.published().aggregate(
            **{field: Min(field, filter=Q(**{f"{field}__gt": today})) for field in fields}
        )
        day = min((day for day in days.values() if day is not None), default=None)
        if day is None:
            return None
        return timezone.make_aware(datetime.combine(day, time.min))


def _published(document, move) -> None:
    document.published_at = move.now


# The folded search columns are derived from the text: revisions need not keep them.
@reversion.register(follow=("files",), exclude=("search_number", "search_summary", "search_body"))
class Document(publishing.WorkflowModelMixin, SearchableModel, ContentManagedModel):
    """A legal or guiding document. Its validity is derived (`with_validity`, `validity`)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    class Transition(models.TextChoices):
        PUBLISH = "publish", _("Publish")
        UNPUBLISH = "unpublish", _("Unpublish")

    # The roles of articles, without the review: editors draft (and change their own drafts),
    # publishers change any document, publish it (at once: no scheduling) and unpublish it.
    workflow = publishing.Workflow(
        states=Status,
        public=[Status.PUBLISHED],
        publish_permission=PUBLISH_PERMISSION,
        author_may_edit=[Status.DRAFT],
        created_action=AuditEntry.Action.DOCUMENT_CREATED,
        edited_action=AuditEntry.Action.DOCUMENT_EDITED,
        deleted_action=AuditEntry.Action.DOCUMENT_DELETED,
        transitions=[
            publishing.Transition(
                Transition.PUBLISH,
                sources=[Status.DRAFT],
                target=Status.PUBLISHED,
                action=AuditEntry.Action.DOCUMENT_PUBLISHED,
                permission=PUBLISH_PERMISSION,
                fields=("published_at",),
                effect=_published,
                revision_comment=_("Published."),
            ),
            publishing.Transition(
                Transition.UNPUBLISH,
                sources=[Status.PUBLISHED],
                target=Status.DRAFT,
                action=AuditEntry.Action.DOCUMENT_UNPUBLISHED,
                permission=PUBLISH_PERMISSION,
                revision_comment=_("Unpublished."),
            ),
        ],
    )

    number = models.CharField(
        _("number and symbol"),
        max_length=100,
        help_text=_("As printed on the document, with its slash and dash."),
    )
    slug = models.SlugField(_("slug"), max_length=220, unique=True, blank=True, editable=False)
    summary = models.TextField(_("abstract"))
    doc_type = models.ForeignKey(
        DocumentType, verbose_name=_("type"), on_delete=models.PROTECT, related_name="documents"
    )
    issuer = models.ForeignKey(
        Issuer,
        verbose_name=_("issuing body"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    signer = models.CharField(_("signed by"), max_length=200, blank=True)
    issued_on = models.DateField(_("date issued"))
    effective_on = models.DateField(
        _("in effect from"),
        null=True,
        blank=True,
        help_text=_("Leave empty when the document takes effect on the day it is issued."),
    )
    expires_on = models.DateField(
        _("no longer in effect from"),
        null=True,
        blank=True,
        help_text=_("Leave empty when the document has no end date."),
    )
    fields = models.ManyToManyField(
        Field, verbose_name=_("fields"), related_name="documents", blank=True
    )
    replaces = models.ManyToManyField(
        "self",
        verbose_name=_("replaces"),
        symmetrical=False,
        related_name="replaced_by",
        blank=True,
        help_text=_("Documents this one replaces: they show as replaced once it takes effect."),
    )
    # Topics and tags (the topics app): named by string, so documents never imports it.
    topics = models.ManyToManyField(
        "topics.Topic",
        verbose_name=pgettext_lazy("story", "topics"),
        related_name="documents",
        blank=True,
        help_text=_("The running stories (topics) this document belongs to."),
    )
    tags = models.ManyToManyField(
        "topics.Tag",
        verbose_name=_("tags"),
        related_name="documents",
        blank=True,
        help_text=_("Type a word and press Enter; a new word becomes a new tag."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    published_at = models.DateTimeField(
        _("publication time"), null=True, blank=True, editable=False
    )
    is_sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Invented for the demo, not a real document.")
    )
    search_text = models.TextField(_("search text"), blank=True, editable=False)
    # Folded words for the site search (core.search), kept current on save.
    search_number = SearchTextField(source="number")
    search_summary = SearchTextField(source="summary")
    search_body = SearchTextField(source="searchable_text")  # type, issuer, signer, files

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-issued_on", "-pk"]
        permissions = [("publish_document", "Can publish and unpublish any document")]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "number"], name="document_number_per_issuer"),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(expires_on__gt=Coalesce("effective_on", "issued_on")),
                name="document_expires_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-issued_on"], name="document_public_idx"),
            models.Index(fields=["doc_type", "status", "-issued_on"], name="document_type_idx"),
            models.Index(fields=["issuer", "status", "-issued_on"], name="document_issuer_idx"),
        ]

    def __str__(self):
        return f"{self.number} — {self.summary[:120]}"

    def get_absolute_url(self):
        return reverse("documents:detail", kwargs={"slug": self.slug})

    @property
    def number_without_slash(self) -> str:
        return " ".join(self.number.replace("/", " ").split())

    @property
    def start_date(self):
        return self.effective_on or self.issued_on

    # Validity.

    def replacing_documents(self, today=None) -> list["Document"]:
        """The published documents in effect on `today` that replace this one."""
        today = today or timezone.localdate()
        return list(self.replaced_by.published().in_effect_on(today).order_by("issued_on", "pk"))

    def validity_on(self, today=None) -> str:
        today = today or timezone.localdate()
        if self.replacing_documents(today):
            return Validity.REPLACED
        if self.expires_on and self.expires_on <= today:
            return Validity.EXPIRED
        if self.start_date > today:
            return Validity.NOT_YET
        return Validity.IN_EFFECT

    @property
    def validity_value(self) -> str:
        """`validity` from `with_validity()` when fetched with it, else computed now."""
        annotated = self.__dict__.get("validity")
        return annotated if annotated is not None else self.validity_on()

    @property
    def validity_label(self) -> str:
        return str(Validity(self.validity_value).label)

    # Search.

    def searchable_text(self) -> str:
        """What the site search indexes: the number (also without the slash), the summary, the
        type, issuer and signer, and the text extracted from the files."""
        parts = [self.number, self.number_without_slash, self.summary, self.signer]
        if self.doc_type_id:
            parts.append(self.doc_type.name)
        if self.issuer_id:
            parts.append(self.issuer.name)
        if self.pk:
            parts += list(
                self.files.exclude(extracted_text="").values_list("extracted_text", flat=True)
            )
        return "\n".join(part for part in parts if part)

    def clean(self):
        start = self.effective_on or self.issued_on
        if self.expires_on and start and self.expires_on <= start:
            raise ValidationError(
                {"expires_on": _("The end of effect must come after the start of effect.")}
            )
        if self.issued_on and self.effective_on and self.effective_on < self.issued_on:
            raise ValidationError(
                {"effective_on": _("A document cannot take effect before it is issued.")}
            )

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.number.replace("/", "-")) or vietnamese_slugify(
                self.summary
            )
        self.search_text = fold(self.searchable_text())
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    # Who may change, delete, preview the document and make each transition:
    # `publishing.WorkflowModelMixin`, reading `workflow`.

    def public_articles(self):
        """The published articles that cite this document, newest first."""
        from news.models import Article

        return Article.objects.published().filter(document_links__document=self).distinct()


def stored_file_upload_to(instance, filename):
    return generated_file_path(instance.storage_folder, instance.kind or "bin")


class StoredFile(models.Model):
    """A checked file (PDF, Word, Excel, OpenDocument) with what is derived from it once, after
    its upload commits: page count, extracted text, preview images of its first pages."""

    storage_folder = "documents"

    file = models.FileField(
        _("file"),
        upload_to=stored_file_upload_to,
        max_length=255,
        validators=[validate_document_file],
        help_text=_("PDF, DOC, DOCX, XLS, XLSX, ODT or ODS."),
    )
    title = models.CharField(
        _("label"), max_length=200, blank=True, help_text=_("For example: Appendix 1.")
    )
    original_name = models.CharField(_("original file name"), max_length=255, editable=False)
    kind = models.CharField(_("file type"), max_length=10, choices=KIND_CHOICES, editable=False)
    size = models.PositiveBigIntegerField(_("size"), default=0, editable=False)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True, editable=False)
    extracted_text = models.TextField(_("extracted text"), blank=True, editable=False)
    preview_pages = models.JSONField(_("preview pages"), default=list, blank=True, editable=False)
    is_encrypted = models.BooleanField(_("encrypted"), default=False, editable=False)
    is_broken = models.BooleanField(_("unreadable"), default=False, editable=False)
    processed_at = models.DateTimeField(_("processed at"), null=True, editable=False)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title or self.original_name

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            upload = self.file.file
            upload.seek(0)
            data = upload.read()
            upload.seek(0)
            self.kind = detect_kind(data) or ""
            self.size = len(data)
            self.original_name = (getattr(upload, "name", "") or self.file.name or "")[-255:]
            self.page_count = None
            self.extracted_text = ""
            self.preview_pages = []
            self.is_encrypted = self.is_broken = False
            self.processed_at = None
        super().save(*args, **kwargs)

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind][0] if self.kind in KINDS else self.kind

    @property
    def content_type(self) -> str:
        return KINDS[self.kind][1] if self.kind in KINDS else "application/octet-stream"

    @property
    def preview_images(self) -> list[dict]:
        """[{"url", "width", "height", "page"}] for the template."""
        from django.core.files.storage import default_storage

        return [{**page, "url": default_storage.url(page["name"])} for page in self.preview_pages]


@reversion.register()
class DocumentFile(StoredFile):
    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="files"
    )

    class Meta(StoredFile.Meta):
        verbose_name = _("document file")
        verbose_name_plural = _("files")

    def get_download_url(self):
        return reverse("documents:download", kwargs={"pk": self.pk})

    def download_name(self) -> str:
        """A safe ASCII file name made from the document's number: 1234-QD-UBND.pdf."""
        base = vietnamese_slugify(self.document.number.replace("/", "-"), max_length=80)
        base = base.upper() or "van-ban"
        suffix = f"-{self.order or self.pk}" if self.document.files.count() > 1 else ""
        return f"{base}{suffix}.{self.kind or 'bin'}"


class ArticleAttachment(StoredFile):
    """A file carried by a news article, shown under it with the same preview as documents."""

    storage_folder = "attachments"

    article = models.ForeignKey(
        "news.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )

    class Meta(StoredFile.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def get_download_url(self):
        return reverse("documents:attachment", kwargs={"pk": self.pk})

    def download_name(self) -> str:
        base = vietnamese_slugify(self.title or self.original_name.rsplit(".", 1)[0], 80)
        return f"{base or 'tep-dinh-kem'}.{self.kind or 'bin'}"


class ArticleDocument(models.Model):
    """A "Văn bản liên quan" link from an article to a document, in the editor's order."""

    article = models.ForeignKey(
        "news.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="document_links",
    )
    document = models.ForeignKey(
        Document,
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="article_links",
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("related document")
        verbose_name_plural = _("related documents")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "document"], name="article_document_once")
        ]

    def __str__(self):
        return f"{self.article} → {self.document.number}"
