import datetime
import operator
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import reduce

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    Prefetch,
    Q,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from audit.models import AuditEntry
from core import search as site_search
from core import workflow as publishing
from core.fields import CleanImageField, RichTextField, SearchableModel, SearchTextField
from core.htmlblocks import split_top_level_blocks
from core.images import generated_image_path, validate_image_file
from core.models import ContentManagedModel, SlugFromNameMixin
from core.templatetags.portal import vn_datetime
from core.text import unique_slug

RELATED_ARTICLES_SHOWN = 5
LATEST_ARTICLES_SHOWN = 5
MOST_READ_SHOWN = 5
# Addresses under /tin-tuc/ that are not articles (news/urls.py): the feeds, and the years of
# the dated archive (/tin-tuc/2019/), so no slug is four digits.
RESERVED_ARTICLE_SLUGS = {"rss", "atom"}
ARCHIVE_YEAR_SLUG = re.compile(r"[0-9]{4}")


def is_reserved_slug(slug: str) -> bool:
    """Whether `slug` is the address of another page under /tin-tuc/ (a feed, a year)."""
    return slug in RESERVED_ARTICLE_SLUGS or bool(ARCHIVE_YEAR_SLUG.fullmatch(slug or ""))


class CategoryQuerySet(models.QuerySet):
    def menu(self):
        """Top-level categories shown in the site's main menu, in menu order."""
        return self.filter(show_in_menu=True, parent__isnull=True)

    def menu_with_children(self) -> tuple[list["Category"], dict[int, list[int]]]:
        """The `menu()` categories, and the ids of each one's sub-categories, in one query."""
        menu_ids = self.menu().values("pk")
        rows = self.filter(Q(pk__in=menu_ids) | Q(parent__in=menu_ids)).annotate(
            in_menu=ExpressionWrapper(Q(pk__in=menu_ids), output_field=BooleanField())
        )
        menu, children = [], defaultdict(list)
        for category in rows:
            if category.in_menu:
                menu.append(category)
            else:
                children[category.parent_id].append(category.pk)
        return menu, children


class CategoryManager(models.Manager.from_queryset(CategoryQuerySet)):
    def get_queryset(self):
        # A category's name includes its parent's (`__str__`): fetch it in the same query, so
        # admin selects, filters and lists make one query, not one per sub-category.
        return super().get_queryset().select_related("parent")


class Category(SlugFromNameMixin, models.Model):
    name = models.CharField(_("category name"), max_length=150)
    slug = models.SlugField(
        _("slug"),
        max_length=160,
        unique=True,
        blank=True,
        help_text=_("Leave empty to make it from the category name."),
    )
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        limit_choices_to={"parent__isnull": True},
        help_text=_("One level only: a parent category cannot have a parent of its own."),
    )
    show_in_menu = models.BooleanField(_("show in menu"), default=True)

    objects = CategoryManager()

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["order", "name"]

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    def get_absolute_url(self):
        return reverse("news:category", kwargs={"slug": self.slug})

    def clean(self):
        if self.parent_id is None:
            return
        if self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A category cannot be its own parent.")})
        if self.parent.parent_id is not None:
            raise ValidationError(
                {"parent": _("The parent is itself a sub-category; only one level is allowed.")}
            )
        if self.pk and self.children.exists():
            raise ValidationError(
                {"parent": _("This category has sub-categories, so it cannot become one.")}
            )


class ArticleQuerySet(publishing.WorkflowQuerySetMixin, models.QuerySet):
    # `with_is_public()` and `editable_by()` come from the workflow (core.workflow), which
    # decides them for every type: whether an article's address answers the public.

    def published(self, now=None):
        """What the public lists: published, with a publication time that has come (an
        article scheduled for later becomes public by itself, no job runs) — the workflow's
        rule — and not expired. An expired article leaves the home page, the lists, the
        feeds, the sitemap, the site search and "related" at its `expires_at`, by the clock
        alone; its address still answers (the article page reads `with_is_public()`) and
        says so. Every public list asks this, so the rule is in this one place."""
        now = now or timezone.now()
        return super().published(now).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))

    def reachable(self, now=None):
        """Whose address answers the public (the workflow's rule), expired ones included: for
        "may a visitor open it" (a link to it, its attachments), never for a list."""
        return self.filter(self.model.workflow.public_condition(now))

    def expired(self, now=None):
        """Articles whose expiry time has passed (whatever their status)."""
        return self.filter(expires_at__lte=now or timezone.now())

    def month_counts(self) -> list[tuple[datetime.datetime, int]]:
        """(first moment of the month, number of articles) for each month holding some,
        oldest first, in one grouped query. Months are the site's time zone's (an article of
        23:30 on 30 June, Hanoi time, is June's on SQLite and PostgreSQL alike)."""
        return list(
            self.annotate(month=TruncMonth("published_at"))
            .order_by("month")
            .values("month")
            .annotate(count=Count("pk"))
            .values_list("month", "count")
        )

    def next_publication_time(self, now=None):
        """When the next scheduled article becomes public (None: none is scheduled)."""
        return self._next_time("published_at", now)

    def next_expiry_time(self, now=None):
        """When the next published article expires (None: none will)."""
        return self._next_time("expires_at", now)

    def _next_time(self, field: str, now=None):
        return self._upcoming(field, now).values_list(field, flat=True).first()

    def _upcoming(self, field: str, now=None):
        """Published articles whose `field` is still to come, soonest first (an index read)."""
        return self.filter(
            status=Article.Status.PUBLISHED, **{f"{field}__gt": now or timezone.now()}
        ).order_by(field)

    def next_change_time(self, now=None):
        """When public content next changes by the clock alone: a scheduled article becomes
        public, or an article expires (None: neither is due). Pages cached now must not
        outlive it (core.pagecache). One query: two index reads as scalar subqueries."""
        now = now or timezone.now()
        row = (
            Article.objects.order_by()
            .annotate(
                publication=Subquery(
                    self._upcoming("published_at", now).values("published_at")[:1]
                ),
                expiry=Subquery(self._upcoming("expires_at", now).values("expires_at")[:1]),
            )
            .values_list("publication", "expiry")
            .first()
        )
        return min((moment for moment in row or () if moment is not None), default=None)

    def featured(self):
        return self.filter(is_featured=True)

    def pending_review(self):
        """The review queue: articles submitted and waiting for a publisher."""
        return self.filter(status=Article.Status.PENDING)

    def search(self, query: str):
        """Articles holding every word of `query` in their title, summary or body, whatever
        the case and diacritics (đ = d), title matches first, then newer first: the site
        search's own matching (`core.search`)."""
        return site_search.matching(self, site_search.Search(query).words)

    def in_category(self, category, subcategories=None):
        """Articles of `category` and of its sub-categories (`subcategories` when the caller
        already has them; else they are looked up).

        The articles are filtered on a literal list of category ids (no join, no OR across
        tables), so the planner knows how many rows each has and walks the
        (category, status, published_at, id) index in order.
        """
        if subcategories is None:
            subcategories = Category.objects.filter(parent=category).values_list("pk", flat=True)
        ids = [category.pk, *(getattr(sub, "pk", sub) for sub in subcategories)]
        return self.filter(category_id__in=ids)

    def cards(self):
        """What an article card shows: its category with it, and not the body (the widest
        column, which no list shows)."""
        return self.select_related("category").defer(*CARD_DEFERRED_FIELDS)

    def with_images(self):
        """With its category and photos, in a fixed number of queries (an article's page)."""
        return self.select_related("category").prefetch_related(images_in_order())

    def most_read(self, limit: int = MOST_READ_SHOWN):
        """ "Tin đọc nhiều": the public articles read most, by the flushed view counts."""
        return (
            self.published()
            .filter(view_count__views__gt=0)
            .select_related("category")
            .order_by("-view_count__views", "-published_at", "-pk")[:limit]
        )

    def for_listing(self):
        """With what a list needs (category, cover photo) fetched in a fixed number of queries."""
        return self.cards().prefetch_related(images_in_order())

    def latest_by_menu_category(
        self, per_category: int, *, with_images: bool = True
    ) -> list["CategorySection"]:
        """The newest public articles of each menu category (sub-categories included), in
        menu order, in three queries whatever the number of categories (two without their
        photos: a caller fetching photos for several lists at once uses `prefetch_images`).

        Each section's newest articles are a small `LIMIT` subquery that walks an index, so
        the cost does not grow with the number of articles (a window over every public
        article would read them all).
        """
        categories, children = Category.objects.menu_with_children()
        if not categories:
            return []
        public = self.published()
        newest = [
            public.in_category(category, children[category.pk])
            .order_by("-published_at", "-pk")
            .values("pk")[:per_category]
            for category in categories
        ]
        if connection.features.supports_slicing_ordering_in_compound:
            # One `id IN (… UNION ALL …)`: the database looks each id up by primary key.
            newest = Q(pk__in=newest[0].union(*newest[1:], all=True))
        else:  # SQLite: no LIMIT inside UNION; OR'ed subqueries, fine at its sizes.
            newest = reduce(operator.or_, (Q(pk__in=ids) for ids in newest))
        articles = (
            public.filter(newest)
            .cards()
            .annotate(section_id=Coalesce("category__parent_id", "category_id"))
            .order_by("-published_at", "-pk")
        )
        articles = list(articles)
        if with_images:
            prefetch_images(articles)
        by_section = defaultdict(list)
        for article in articles:
            by_section[article.section_id].append(article)
        return [
            CategorySection(category, by_section[category.pk])
            for category in categories
            if by_section[category.pk]
        ]


# Columns no list or card shows; loaded on demand (one query per article) if one ever does.
CARD_DEFERRED_FIELDS = ("body", "review_comment")


def images_in_order() -> Prefetch:
    return Prefetch("images", queryset=ArticleImage.objects.order_by("order", "pk"))


def prefetch_images(articles) -> None:
    """Fetch the photos of all `articles` (from several lists, say) in one query."""
    prefetch_related_objects(list(articles), images_in_order())


def public_condition(now=None) -> Q:
    """The condition for an article to be public at `now` (default: this moment)."""
    return Article.workflow.public_condition(now)


PUBLISH_PERMISSION = "news.publish_article"


# What each transition writes on the article besides its status (see `Article.workflow`).


def _submitted(article, move) -> None:
    article.submitted_at = move.now
    article.submitted_by = move.actor


def _reviewed(article, move) -> None:
    article.reviewed_at = move.now
    article.reviewed_by = move.actor


def _returned(article, move) -> None:
    _reviewed(article, move)
    article.review_comment = move.comment
    move.details = move.comment
    move.revision_comment = _("Returned to the author: %(comment)s") % {"comment": move.comment}


def _published(article, move) -> None:
    """Without a publication time: now. With a future one the article is scheduled, and
    appears by itself at that time; the audit trail says "scheduled"."""
    _reviewed(article, move)
    article.review_comment = ""
    if article.published_at is None:
        article.published_at = move.now
    move.details = vn_datetime(article.published_at)
    if article.published_at > move.now:
        move.action = AuditEntry.Action.ARTICLE_SCHEDULED
        move.revision_comment = _("Scheduled for %(when)s.") % {"when": move.details}


# The folded search columns are derived from the text: revisions need not keep them.
@reversion.register(
    follow=("images", "related_links"), exclude=("search_title", "search_summary", "search_body")
)
class Article(publishing.WorkflowModelMixin, SearchableModel, ContentManagedModel):
    """A news article. Its status moves only through its `workflow` (core.workflow), made by
    the services (news.services) and the admin's buttons:

    draft → pending (submitted) → published (scheduled while `published_at` is in the future)
    → unpublished; pending → draft when a publisher returns it with a comment.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PENDING = "pending", _("Pending review")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")

    class Transition(models.TextChoices):
        SUBMIT = "submit", _("Submit for review")
        RETURN = "return", _("Return to the author")
        PUBLISH = "publish", _("Publish (or schedule)")
        UNPUBLISH = "unpublish", _("Unpublish")

    # Editors submit what they may change (their own, while not published); publishers
    # return, publish (or schedule) and unpublish any article.
    workflow = publishing.Workflow(
        states=Status,
        public=[Status.PUBLISHED],
        publication_time="published_at",
        publish_permission=PUBLISH_PERMISSION,
        author_may_edit=[Status.DRAFT, Status.PENDING, Status.UNPUBLISHED],
        created_action=AuditEntry.Action.ARTICLE_CREATED,
        edited_action=AuditEntry.Action.ARTICLE_EDITED,
        deleted_action=AuditEntry.Action.ARTICLE_DELETED,
        transitions=[
            publishing.Transition(
                Transition.SUBMIT,
                sources=[Status.DRAFT, Status.UNPUBLISHED],
                target=Status.PENDING,
                action=AuditEntry.Action.ARTICLE_SUBMITTED,
                permission=None,  # whoever may change the article
                fields=("submitted_at", "submitted_by"),
                effect=_submitted,
                revision_comment=_("Submitted for review."),
            ),
            publishing.Transition(
                Transition.RETURN,
                sources=[Status.PENDING],
                target=Status.DRAFT,
                action=AuditEntry.Action.ARTICLE_RETURNED,
                permission=PUBLISH_PERMISSION,
                fields=("review_comment", "reviewed_at", "reviewed_by"),
                effect=_returned,
                requires_comment=_("Say what the author should change."),
            ),
            publishing.Transition(
                Transition.PUBLISH,
                sources=[Status.DRAFT, Status.PENDING, Status.UNPUBLISHED],
                target=Status.PUBLISHED,
                action=AuditEntry.Action.ARTICLE_PUBLISHED,
                permission=PUBLISH_PERMISSION,
                fields=("published_at", "reviewed_at", "reviewed_by", "review_comment"),
                effect=_published,
                revision_comment=_("Published."),
                form_fields=("published_at",),
            ),
            publishing.Transition(
                Transition.UNPUBLISH,
                sources=[Status.PUBLISHED],
                target=Status.UNPUBLISHED,
                action=AuditEntry.Action.ARTICLE_UNPUBLISHED,
                permission=PUBLISH_PERMISSION,
                fields=("reviewed_at", "reviewed_by"),
                effect=_reviewed,
                revision_comment=_("Unpublished."),
            ),
        ],
    )

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=220,
        unique=True,
        blank=True,
        help_text=_(
            "Made from the title automatically (without diacritics). It cannot change once "
            "the article is published, so that old links keep working."
        ),
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="articles",
    )
    summary = models.TextField(
        _("summary"),
        help_text=_("The opening paragraph, shown in bold under the title and in news lists."),
    )
    body = RichTextField(_("body"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty to use the moment the article is published. A time in the future: "
            "the article appears by itself when that time comes."
        ),
    )
    expires_at = models.DateTimeField(
        _("display expiry time"),
        null=True,
        blank=True,
        help_text=_(
            "Optional. From this time the article leaves the home page, the news lists, the "
            "feeds, the sitemap and the search, by itself; its address still opens it, with a "
            "notice that it has expired. Must be after the publication time."
        ),
    )
    is_featured = models.BooleanField(_("featured"), default=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text=_("The publisher who last returned, published or unpublished the article."),
    )
    # Folded copies of the text for the site search (core.search), kept current on save.
    search_title = SearchTextField(source="title")
    search_summary = SearchTextField(source="summary")
    search_body = SearchTextField(source="body", html=True)
    review_comment = models.TextField(
        _("comment from the publisher"),
        blank=True,
        editable=False,
        help_text=_("Why the article was returned to its author."),
    )
    related_articles = models.ManyToManyField(
        "self",
        verbose_name=_("related news"),
        through="RelatedArticle",
        through_fields=("from_article", "to_article"),
        symmetrical=False,
        blank=True,
    )
    # Topics and tags (the topics app): named by string, so news never imports it.
    topics = models.ManyToManyField(
        "topics.Topic",
        verbose_name=pgettext_lazy("story", "topics"),
        related_name="articles",
        blank=True,
        help_text=_("The running stories (topics) this article belongs to."),
    )
    tags = models.ManyToManyField(
        "topics.Tag",
        verbose_name=_("tags"),
        related_name="articles",
        blank=True,
        help_text=_("Type a word and press Enter; a new word becomes a new tag."),
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-pk"]
        permissions = [
            ("publish_article", "Can review, publish, schedule and unpublish any article"),
        ]
        # In the order of `published()` lists (newest first, then by id), with the id in the
        # index so counts and deep pages are index-only scans (see core.pagination).
        # `expires_at` last: `published()` reads it too, so that counts and deep pages stay
        # index-only (a trailing key column, as SQLite has no INCLUDE).
        indexes = [
            models.Index(
                fields=["status", "-published_at", "-id", "expires_at"],
                name="article_public_idx",
            ),
            models.Index(
                fields=["category", "status", "-published_at", "-id", "expires_at"],
                name="article_category_idx",
            ),
            # The admin's list (every status, newest first): its first page walks this one.
            models.Index(fields=["-published_at", "-id"], name="article_admin_order_idx"),
            # The next expiry (the page cache's horizon): few articles have one.
            models.Index(
                fields=["expires_at"],
                name="article_expiry_idx",
                condition=Q(expires_at__isnull=False),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:article", kwargs={"slug": self.slug})

    @property
    def slug_is_locked(self) -> bool:
        """Links to a published article are out in the world: its address must not change."""
        return self.status == self.Status.PUBLISHED

    @property
    def is_scheduled(self) -> bool:
        """Published but waiting for its time (`is_public`: from `with_is_public()` when the
        article was fetched with it, else decided now)."""
        return self.status == self.Status.PUBLISHED and not self.is_public

    @property
    def is_expired(self) -> bool:
        """Its expiry time has passed: it is out of every list, its page says so."""
        return self.expires_at is not None and self.expires_at <= timezone.now()

    # Who may change, delete, preview the article and make each transition:
    # `publishing.WorkflowModelMixin`, reading `workflow`.

    @property
    def cover_image(self):
        """The first photo, shown on list pages (uses the prefetch of `for_listing`)."""
        images = self.images.all()
        return images[0] if images else None

    def clean(self):
        if is_reserved_slug(self.slug):
            raise ValidationError(
                {"slug": _("“%(slug)s” is the address of another page.") % {"slug": self.slug}}
            )
        if self.expires_at and self.expires_at <= (self.published_at or timezone.now()):
            # Without a publication time the article is published now (or later).
            raise ValidationError(
                {"expires_at": _("The expiry time must be after the publication time.")}
            )
        if not self.pk:
            return
        stored = Article.objects.filter(pk=self.pk).only("slug", "status").first()
        if stored and stored.slug_is_locked and stored.slug != self.slug:
            raise ValidationError(
                {"slug": _("A published article keeps its slug, so that old links keep working.")}
            )

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title)
            if is_reserved_slug(self.slug):  # an article titled "RSS" or "2019"
                self.slug = unique_slug(self, f"{self.title} 2")
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def body_with_figures(self) -> list["BodyPart"]:
        """The body's blocks with the photos placed after the block each one asks for.

        Photos without a place, or asking for a block past the end, follow the body.
        """
        blocks = split_top_level_blocks(self.body)
        images = sorted(self.images.all(), key=lambda image: (image.order, image.pk))
        placed: dict[int, list[ArticleImage]] = {}
        trailing = []
        for image in images:
            if image.after_paragraph and image.after_paragraph <= len(blocks):
                placed.setdefault(image.after_paragraph, []).append(image)
            else:
                trailing.append(image)
        parts = []
        for number, block in enumerate(blocks, start=1):
            parts.append(BodyPart(html=block))
            parts.extend(BodyPart(image=image) for image in placed.get(number, []))
        parts.extend(BodyPart(image=image) for image in trailing)
        return parts

    def latest_for_display(self, limit: int = LATEST_ARTICLES_SHOWN) -> list["Article"]:
        """ "Tin mới nhất": the newest public articles of the whole site, but not this one."""
        return list(Article.objects.published().cards().exclude(pk=self.pk)[:limit])

    def related_for_display(self, limit: int = RELATED_ARTICLES_SHOWN) -> list["Article"]:
        """ "Tin liên quan": the chosen related articles that are public, in their order, then
        the newest public articles of the same category, up to `limit`. Never this article."""
        links = (
            RelatedArticle.objects.filter(
                from_article=self, to_article__in=Article.objects.published()
            )
            .exclude(to_article=self)
            .select_related("to_article__category")
            .defer(*(f"to_article__{field}" for field in CARD_DEFERRED_FIELDS))
            .order_by("order", "pk")[:limit]
        )
        chosen = [link.to_article for link in links]
        missing = limit - len(chosen)
        if missing > 0:
            chosen += list(
                Article.objects.published()
                .filter(category_id=self.category_id)
                .exclude(pk__in=[self.pk, *(article.pk for article in chosen)])
                .cards()[:missing]
            )
        return chosen


@dataclass(frozen=True)
class CategorySection:
    category: Category
    articles: list[Article]


@dataclass(frozen=True)
class BodyPart:
    html: str = ""
    image: "ArticleImage | None" = None


def article_image_upload_to(instance, filename):
    return generated_image_path("news", filename, file=instance.image.file)


@reversion.register()
class ArticleImage(models.Model):
    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="images"
    )
    image = CleanImageField(
        _("image"),
        upload_to=article_image_upload_to,
        validators=[validate_image_file],
        width_field="width",
        height_field="height",
        help_text=_("JPEG, PNG, WebP or GIF, at most 10 MB; preferably at least 1200 pixels wide."),
    )
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    thumbnail = models.ImageField(
        _("thumbnail"),
        editable=False,
        blank=True,
        help_text=_("A small copy for list pages, made automatically after saving."),
    )
    # What `news.services.refresh_renditions` made of `image`: {"version", "source",
    # "files": [{"width", "height", "webp", "jpg"}, …]} — pages read the names from here, so
    # they never touch the storage. Empty (or made from another source) until it has run.
    renditions = models.JSONField(_("renditions"), default=dict, blank=True, editable=False)
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        help_text=_(
            "Describes the picture for blind readers and for when the image does not load."
        ),
    )
    after_paragraph = models.PositiveSmallIntegerField(
        _("after paragraph number"),
        null=True,
        blank=True,
        help_text=_(
            "The number of the body paragraph (block) the image follows; empty: at the end."
        ),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("article images")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(alt_text=""), name="article_image_has_alt_text")
        ]

    def __str__(self):
        return self.caption or self.alt_text

    @property
    def list_url(self) -> str:
        """The picture for list pages: the thumbnail once made, the photo itself until then."""
        return (self.thumbnail or self.image).url

    @cached_property
    def rendition_files(self) -> list[dict]:
        """The renditions made of the current photo, narrowest first; [] until they are made
        (pages then show the thumbnail or the photo itself)."""
        if not self.image or self.renditions.get("source") != self.image.name:
            return []
        return sorted(self.renditions.get("files", []), key=lambda file: file["width"])

    def _srcset(self, extension: str) -> str:
        storage = self.image.storage
        return ", ".join(
            f"{storage.url(file[extension])} {file['width']}w" for file in self.rendition_files
        )

    @property
    def webp_srcset(self) -> str:
        return self._srcset("webp")

    @property
    def jpeg_srcset(self) -> str:
        return self._srcset("jpg")

    @property
    def fallback_url(self) -> str:
        """`src` for browsers that read neither `srcset` nor WebP: a JPEG at most 960 wide,
        else the thumbnail or the photo."""
        fitting = [file for file in self.rendition_files if file["width"] <= 960]
        if fitting:
            return self.image.storage.url(fitting[-1]["jpg"])
        return self.list_url


@reversion.register()
class RelatedArticle(models.Model):
    """An admin-chosen "Tin liên quan" link, in the order the editor gave."""

    from_article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="related_links"
    )
    to_article = models.ForeignKey(
        Article,
        verbose_name=_("related article"),
        on_delete=models.CASCADE,
        related_name="linked_from",
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("related news")
        verbose_name_plural = _("related news")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_article", "to_article"], name="related_article_once"
            ),
            models.CheckConstraint(
                condition=~Q(from_article=models.F("to_article")),
                name="related_article_not_self",
            ),
        ]

    def __str__(self):
        return f"{self.from_article} → {self.to_article}"

    def clean(self):
        if self.from_article_id and self.from_article_id == self.to_article_id:
            raise ValidationError({"to_article": _("An article cannot be related to itself.")})


class ArticleViewCount(models.Model):
    """How many times an article was read, written in batches by `news.viewcounts`.

    A table of its own rather than a column of Article: saving an article in the admin (a
    form loaded before a flush) or restoring a revision must not put an old count back, and
    revisions should not record reads.
    """

    article = models.OneToOneField(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="view_count",
    )
    views = models.PositiveBigIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("view count")
        verbose_name_plural = _("view counts")
        ordering = ["-views"]
        indexes = [models.Index(fields=["-views"], name="article_views_idx")]

    def __str__(self):
        return f"{self.article_id}: {self.views}"
