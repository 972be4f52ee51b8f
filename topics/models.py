"""Topics ("dòng sự kiện": a story told over months by articles and documents) and tags (free
words typed by editors). Articles and documents name them by string (`"topics.Topic"`) in
their own many-to-many fields; this app reads news and documents, never the other way."""

from dataclasses import dataclass
from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.fields import CleanImageField, SearchableModel, SearchTextField
from core.images import generated_image_path, validate_image_file
from core.models import ContentManagedModel, SlugFromNameMixin
from core.text import vietnamese_slugify


def topic_cover_upload_to(instance, filename):
    return generated_image_path("topics", filename)


@dataclass(frozen=True)
class Item:
    """An entry of a topic or tag page: an article or a document, with the moment that orders
    it (an article's publication, a document's day of issue)."""

    kind: str  # "article" or "document"
    obj: models.Model
    moment: datetime

    @property
    def is_article(self) -> bool:
        return self.kind == "article"


def _moment_of_day(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


class ItemsQuery:
    """The public articles and documents of a topic or tag, newest first, as one list.

    The two lists are merged on their keys and dates only (two small queries whatever their
    length); a page then fetches just its own rows (`page_of`). A list of keys, so it pages
    with the project's paginator like any list.
    """

    def __init__(self, relation: str, obj):
        self.relation, self.obj = relation, obj

    def articles(self):
        from news.models import Article

        return Article.objects.published().filter(**{self.relation: self.obj})

    def documents(self):
        from documents.models import Document

        return Document.objects.published().filter(**{self.relation: self.obj})

    def keys(self, *, limit: int | None = None) -> list[tuple[datetime, str, int]]:
        """(moment, kind, pk) of every item, newest first (`limit`: the newest that many)."""
        articles = self.articles().order_by("-published_at", "-pk")
        documents = self.documents().order_by("-issued_on", "-pk")
        if limit is not None:
            articles, documents = articles[:limit], documents[:limit]
        keys = [
            (moment, "article", pk) for pk, moment in articles.values_list("pk", "published_at")
        ]
        keys += [
            (_moment_of_day(day), "document", pk)
            for pk, day in documents.values_list("pk", "issued_on")
        ]
        keys.sort(key=lambda key: (key[0], key[1] == "article", key[2]), reverse=True)
        return keys[:limit] if limit is not None else keys

    def items(self, keys, *, with_images: bool = True) -> list[Item]:
        """The items of `keys` (a page of them), in their order: three queries (two without
        the articles' photos, for a list of links)."""
        article_ids = [pk for _moment, kind, pk in keys if kind == "article"]
        document_ids = [pk for _moment, kind, pk in keys if kind == "document"]
        articles = self.articles()
        articles = articles.for_listing() if with_images else articles.cards()
        articles = articles.in_bulk(article_ids) if article_ids else {}
        documents = self.documents().for_listing().in_bulk(document_ids) if document_ids else {}
        found = {"article": articles, "document": documents}
        return [
            Item(kind, found[kind][pk], moment) for moment, kind, pk in keys if pk in found[kind]
        ]


class Topic(SlugFromNameMixin, SearchableModel, ContentManagedModel):
    """A "dòng sự kiện": a title, a summary, an optional cover, an order; articles and
    documents join it from their own forms."""

    slug_source = "title"

    title = models.CharField(_("title"), max_length=200, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_("Leave empty to make it from the title."),
    )
    summary = models.TextField(_("summary"), help_text=_("A paragraph or two on the story."))
    cover = CleanImageField(
        _("cover image"),
        upload_to=topic_cover_upload_to,
        validators=[validate_image_file],
        blank=True,
        width_field="cover_width",
        height_field="cover_height",
        help_text=_("Optional. JPEG, PNG, WebP or GIF, at most 10 MB; about 1200 pixels wide."),
    )
    cover_width = models.PositiveIntegerField(editable=False, null=True)
    cover_height = models.PositiveIntegerField(editable=False, null=True)
    order = models.PositiveIntegerField(
        _("order"), default=0, help_text=_("Topics are listed by this number, then by title.")
    )
    # Folded copies for the site search (core.search), kept current on save.
    search_title = SearchTextField(source="title")
    search_summary = SearchTextField(source="summary")

    class Meta:
        verbose_name = pgettext_lazy("story", "topic")
        verbose_name_plural = pgettext_lazy("story", "topics")
        ordering = ["order", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("topics:topic", kwargs={"slug": self.slug})

    def listing(self) -> ItemsQuery:
        return ItemsQuery("topics", self)


class TagQuerySet(models.QuerySet):
    def public(self):
        """Tags that a published article or a published document carries: a tag typed on a
        draft only is not shown anywhere yet."""
        from documents.models import Document
        from news.models import Article

        articles = Article.objects.published().filter(tags=OuterRef("pk"))
        documents = Document.objects.published().filter(tags=OuterRef("pk"))
        return self.filter(Q(Exists(articles)) | Q(Exists(documents)))

    def save_word(self, tag: "Tag") -> "Tag":
        """Save a new tag, or give the one another editor saved under the same slug
        meanwhile."""
        try:
            with transaction.atomic():
                tag.save()
            return tag
        except IntegrityError:
            return self.get(slug=tag.slug)


class Tag(SearchableModel):
    """A free word or phrase typed by editors. Its slug is its identity: the name without
    diacritics, case or punctuation, so "Cải cách" and "cai cach" are one tag (the first
    spelling typed is kept as its name; an editor may correct it)."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, editable=False)
    search_name = SearchTextField(source="name")

    objects = TagQuerySet.as_manager()

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("topics:tag", kwargs={"slug": self.slug})

    @staticmethod
    def slug_for(word: str) -> str:
        return vietnamese_slugify(word, max_length=120)

    @classmethod
    def for_word(cls, word: str) -> "Tag":
        """The tag `word` names, however typed (an unsaved one when new)."""
        name = " ".join(word.split())[:100]
        slug = cls.slug_for(name)
        if not slug:
            raise ValidationError(
                _("“%(word)s” is not a tag: a tag needs a letter or a digit.") % {"word": word},
                code="invalid_tag",
            )
        return cls.objects.filter(slug=slug).first() or cls(name=name, slug=slug)

    def clean(self):
        self.name = " ".join(self.name.split())
        slug = self.slug_for(self.name)
        if not slug:
            raise ValidationError({"name": _("A tag needs a letter or a digit.")})
        if Tag.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            raise ValidationError(
                {"name": _("This tag already exists, written with or without diacritics.")}
            )

    def save(self, *args, **kwargs):
        # The slug follows the name (a correction of the spelling keeps the same slug).
        self.slug = self.slug_for(self.name) or self.slug
        super().save(*args, **kwargs)

    def listing(self) -> ItemsQuery:
        return ItemsQuery("tags", self)
