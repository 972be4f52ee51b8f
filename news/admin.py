import datetime
import logging

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError
from django.db.models import Max, Min
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from reversion.admin import VersionAdmin

from audit.mixins import AuditedAdminMixin
from audit.models import AuditEntry
from audit.services import record
from core import search as site_search
from core.admin import (
    VIETNAMESE_SLUG_JS,
    ContentManagedAdminMixin,
    FreeWordsAdminMixin,
    NulSafeSearchMixin,
    QuickActionCheckboxMixin,
    boolean_icon,
)
from core.files import discard_stored_files_on_error
from core.forms import PrefilledSlugFormMixin
from core.pagination import EstimatedCountPaginator
from core.sanitizer import validate_image_alt_text
from core.templatetags.portal import vn_datetime
from core.workflow import BulkAction, WorkflowAdminMixin

from .models import Article, ArticleImage, ArticleQuerySet, Category, RelatedArticle
from .revisions import compare, versions_of
from .services import restore_article_revision

logger = logging.getLogger(__name__)
Transition = Article.Transition


class CategoryAdminForm(PrefilledSlugFormMixin, forms.ModelForm):
    slug_source = "name"

    class Meta:
        model = Category
        fields = ["name", "slug", "description", "order", "parent", "show_in_menu"]


class ArticleAdminForm(PrefilledSlugFormMixin, forms.ModelForm):
    """The article's content. Its status is never a form field: it moves only through the
    workflow buttons (`transition`, set by the admin from the button pressed; the workflow's
    form mixin refuses one the status does not allow, and a return without its comment)."""

    return_comment = forms.CharField(
        label=_("comment for the author"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text=_("Needed when you return the article: what should the author change?"),
    )
    transition = None
    # Set when saving this very POST failed once (a storage or database error): the form is
    # shown again with this message, and nothing is saved.
    save_error = None

    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "category",
            "summary",
            "body",
            "published_at",
            "expires_at",
            "is_featured",
            "topics",
            "tags",
        ]
        widgets = {"title": forms.TextInput(attrs={"class": "vTextField", "size": 90})}

    def clean(self):
        cleaned_data = super().clean()
        if self.save_error:
            raise ValidationError(self.save_error, code="save_failed")
        transition = self.transition
        if transition in {Transition.SUBMIT, Transition.PUBLISH} and "body" in cleaned_data:
            # Images in the body need alternative text before they go to review or the site.
            try:
                validate_image_alt_text(cleaned_data["body"])
            except ValidationError as error:
                self.add_error("body", error)
        return cleaned_data


@admin.register(Category)
class CategoryAdmin(AuditedAdminMixin, NulSafeSearchMixin, admin.ModelAdmin):
    form = CategoryAdminForm
    list_display = ["name", "parent", "order", "show_in_menu"]
    list_editable = ["order", "show_in_menu"]
    list_filter = ["show_in_menu", "parent"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}

    class Media:
        js = VIETNAMESE_SLUG_JS


class ArticleImageInline(admin.TabularInline):
    model = ArticleImage
    extra = 1
    fields = ["preview", "image", "alt_text", "caption", "after_paragraph", "order"]
    readonly_fields = ["preview"]

    @admin.display(description=_("preview"))
    def preview(self, obj):
        if not obj.pk or not obj.image:
            return "—"
        return format_html(
            '<img src="{}" alt="{}" style="max-width:120px;max-height:90px">',
            obj.image.url,
            obj.alt_text,
        )


class RelatedArticleInline(admin.TabularInline):
    model = RelatedArticle
    fk_name = "from_article"
    extra = 1
    autocomplete_fields = ["to_article"]
    fields = ["to_article", "order"]
    verbose_name = _("related news")
    verbose_name_plural = _(
        "related news (shown first; the newest news of the same category fills any gap)"
    )


class WorkflowFilter(admin.SimpleListFilter):
    title = _("workflow")
    parameter_name = "workflow"

    def lookups(self, request, model_admin):
        return [
            ("queue", _("Review queue (pending)")),
            ("scheduled", _("Scheduled")),
            ("public", _("On the site")),
            ("expired", _("Expired (out of the lists)")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "queue":
            return queryset.pending_review()
        if self.value() == "scheduled":
            return queryset.filter(status=Article.Status.PUBLISHED, is_public=False)
        if self.value() == "public":
            return queryset.filter(is_public=True)
        if self.value() == "expired":
            return queryset.expired()
        return queryset


class AdminArticleQuerySet(ArticleQuerySet):
    """The admin list's articles. Its date hierarchy asks `datetimes(field, "year")`: a
    DISTINCT over every article (150 ms at 100,000). The years from the first to the last
    date are two index reads instead; a year without articles only lists none."""

    def aggregate(self, *args, **kwargs):
        """Django's date hierarchy first asks the list's first and last dates itself, then the
        years (`datetimes`, below, from the same two): the bounds are read once per list."""
        if args or set(kwargs) != {"first", "last"}:
            return super().aggregate(*args, **kwargs)
        key = (repr(kwargs["first"]), repr(kwargs["last"]))
        bounds = self.__dict__.setdefault("_bounds", {})
        if key not in bounds:
            bounds[key] = super().aggregate(**kwargs)
        return dict(bounds[key])

    def datetimes(self, field_name, kind, order="ASC", tzinfo=None):
        if kind != "year":
            return super().datetimes(field_name, kind, order, tzinfo)
        bounds = self.aggregate(first=Min(field_name), last=Max(field_name))
        if bounds["first"] is None:
            return []
        zone = tzinfo or timezone.get_current_timezone()
        first, last = (timezone.localtime(bounds[key], zone).year for key in ("first", "last"))
        years = [datetime.datetime(year, 1, 1, tzinfo=zone) for year in range(first, last + 1)]
        return years if order == "ASC" else years[::-1]


@admin.register(Article)
class ArticleAdmin(
    QuickActionCheckboxMixin,
    WorkflowAdminMixin,
    FreeWordsAdminMixin,
    NulSafeSearchMixin,
    ContentManagedAdminMixin,
    VersionAdmin,
):
    """Articles, with the workflow's buttons and rules (core.workflow.WorkflowAdminMixin).

    Who may do what is decided by the model's workflow (`can_be_edited_by`, `transitions_for`)
    and enforced again when the transition is made: a forged POST gets 403, whatever the page
    showed.
    """

    form = ArticleAdminForm
    list_display = [
        "title",
        "category",
        "state",
        "is_published",
        "published",
        "author",
        "featured",
    ]
    list_filter = [WorkflowFilter, "status", "category", "is_featured"]
    list_select_related = ["category__parent", "created_by"]
    search_fields = ["title", "summary"]  # searched by `get_search_results`, below
    date_hierarchy = "published_at"
    # No second COUNT(*) of every article for "N total" beside a filtered count; the list is
    # ordered by the (published_at, id) index (article_admin_order_idx).
    show_full_result_count = False
    # Django renders each row of the list (its checkbox widget, 7 columns) in about 2–4 ms on
    # the 2-core server: 50 rows a page keep the list well under 300 ms; 100 did not.
    list_per_page = 50
    inlines = [ArticleImageInline, RelatedArticleInline]
    autocomplete_fields = ["topics", "tags"]
    free_words_fields = ("tags",)  # typed freely (core.admin.FreeWordsAdminMixin)
    actions = ["publish_articles", "unpublish_articles"]
    object_history_template = "admin/news/article/object_history.html"
    change_list_template = "admin/news/article/change_list.html"
    history_latest_first = True
    history_fields = [
        "created_by",
        "created_at",
        "updated_by",
        "updated_at",
        "submitted_by",
        "submitted_at",
        "reviewed_by",
        "reviewed_at",
    ]

    class Media:
        js = VIETNAMESE_SLUG_JS
        css = {"all": ["admin/css/cchc_admin.css"]}

    # The workflow: buttons, checks, transitions and the audit of edits come from
    # WorkflowAdminMixin; the article adds its return comment and bulk actions.

    workflow_comment_field = "return_comment"
    workflow_actions = {
        "publish_articles": BulkAction(
            Transition.PUBLISH,
            _("Publish the selected articles"),
            lambda count: (
                ngettext(
                    "%(count)d article was published.", "%(count)d articles were published.", count
                )
                % {"count": count}
            ),
        ),
        "unpublish_articles": BulkAction(
            Transition.UNPUBLISH,
            _("Unpublish the selected articles"),
            lambda count: (
                ngettext(
                    "%(count)d article was unpublished.",
                    "%(count)d articles were unpublished.",
                    count,
                )
                % {"count": count}
            ),
        ),
    }

    def requested_transition(self, request):
        # A deleted article comes back as a draft, whatever button was pressed (save_model).
        if getattr(request, "recovering_deleted_article", False):
            return None
        return super().requested_transition(request)

    def workflow_title(self, obj):
        return obj.title

    def workflow_state(self, obj):
        return self.state(obj)

    # The form.

    def get_queryset(self, request):
        articles = super().get_queryset(request).with_is_public()
        # The date hierarchy's years from the first and last dates (two index reads), not
        # a DISTINCT over every article (AdminArticleQuerySet).
        return AdminArticleQuerySet(model=Article, query=articles.query.chain(), using=articles.db)

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        # Counted exactly up to 10,000, estimated beyond: no COUNT(*) of 88,000 matches.
        return EstimatedCountPaginator(queryset, per_page, orphans, allow_empty_first_page)

    def get_search_results(self, request, queryset, search_term):
        """Every word in the title or the summary, whatever the case and diacritics ("cai
        cach" finds "Cải cách"), as the site search matches words: through the folded title
        and summary's GIN index on PostgreSQL, not a `LIKE '%…%'` over every row."""
        term = search_term.replace("\x00", "").strip()
        if not term:
            return queryset, False
        return site_search.in_tier(queryset, term, tier=1), False

    def get_fieldsets(self, request, obj=None):
        publishing = ["status", "published_at", "expires_at", "is_featured"]
        fieldsets = []
        if obj is not None and obj.review_comment:
            fieldsets.append(
                (_("Returned by the publisher"), {"fields": ["review_comment", "reviewed_by"]})
            )
        fieldsets += [
            (None, {"fields": ["title", "slug", "category", "summary", "body"]}),
            (_("Topics and tags"), {"fields": ["topics", "tags"]}),
            (_("Publishing"), {"fields": publishing}),
        ]
        if obj is not None and obj.status == Article.Status.PENDING and self.is_publisher(request):
            fieldsets.append((_("Review"), {"fields": ["return_comment"]}))
        fieldsets.append(
            (
                # Not the admin's own "History" (the change log), which Django translates otherwise.
                pgettext_lazy("article fieldset", "History"),
                {"fields": self.history_fields, "classes": ["collapse"]},
            )
        )
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        fields = ["status", "review_comment", *self.history_fields]
        if obj is not None and obj.slug_is_locked:
            fields.insert(0, "slug")
        if not self.is_publisher(request):
            # The publication time is the publisher's decision (publish now or schedule).
            fields.append("published_at")
        return fields

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None and obj.slug_is_locked else {"slug": ["title"]}

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(
            form.__name__, (form,), {"save_error": getattr(request, "article_save_error", None)}
        )

    # Saving: the article, its photos and related links, its revision and audit entries are
    # one transaction (django-reversion's, around Django's own). When any step fails — a
    # photo that cannot be written, a database error — everything is rolled back, the photos
    # already written are deleted again, and the form comes back with the reason.

    def add_view(self, request, form_url="", extra_context=None):
        return self._save_atomically(super().add_view, request, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return self._save_atomically(
            super().change_view, request, object_id, form_url, extra_context
        )

    def _save_atomically(self, view, request, *args):
        if request.method != "POST":
            return view(request, *args)
        try:
            with discard_stored_files_on_error():
                return view(request, *args)
        except OSError:
            logger.exception("Saving an article failed: storage error")
            request.article_save_error = _(
                "The article was not saved: a photo could not be stored (the media folder is "
                "full or cannot be written). Nothing was changed; please tell the site "
                "administrator."
            )
        except DatabaseError:
            logger.exception("Saving an article failed: database error")
            request.article_save_error = _(
                "The article was not saved because of a database error. Nothing was changed; "
                "please try again."
            )
        # The same POST again: the form refuses it with the message and is shown as sent.
        return view(request, *args)

    def save_model(self, request, obj, form, change):
        if getattr(request, "recovering_deleted_article", False):
            # A deleted article comes back as a draft: putting it on the site again is a
            # publisher's decision, made with the publish button.
            obj.status = Article.Status.DRAFT
        super().save_model(request, obj, form, change)

    def record_edit(self, request, form, formsets, change):
        if getattr(request, "recovering_deleted_article", False):
            record(
                actor=request.user,
                action=AuditEntry.Action.ARTICLE_RESTORED,
                target=form.instance,
                details=_("Recovered after deletion, as a draft"),
            )
            return
        super().record_edit(request, form, formsets, change)

    # The list.

    @admin.display(description=_("status"), ordering="status")
    def state(self, obj):
        if obj.is_scheduled:
            return _("Scheduled for %(when)s") % {"when": vn_datetime(obj.published_at)}
        if obj.status == Article.Status.PUBLISHED and obj.is_expired:
            return _("Expired on %(when)s") % {"when": vn_datetime(obj.expires_at)}
        return obj.get_status_display()

    @admin.display(description=_("publication time"), ordering="published_at")
    def published(self, obj):
        return vn_datetime(obj.published_at) or "—"

    # The two yes/no columns draw Django's icons made once (core.admin.boolean_icon).
    @admin.display(description=_("publicly visible"))
    def is_published(self, obj):
        return boolean_icon(bool(obj.is_public))

    @admin.display(
        description=Article._meta.get_field("is_featured").verbose_name, ordering="is_featured"
    )
    def featured(self, obj):
        return boolean_icon(obj.is_featured)

    @admin.display(description=_("created by"), ordering="created_by__username")
    def author(self, obj):
        return obj.created_by.get_username() if obj.created_by else "—"

    # Revisions: publishers compare two of them and restore one (as a new revision).

    def get_urls(self):
        return [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="news_article_compare",
            ),
            *super().get_urls(),
        ]

    def _article_for_revisions(self, request, object_id) -> Article:
        if not self.is_publisher(request):
            raise PermissionDenied
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404
        return article

    def history_view(self, request, object_id, extra_context=None):
        context = {"may_restore": self.is_publisher(request), **(extra_context or {})}
        article = self.get_object(request, unquote(object_id))
        if article is not None:
            context["action_list"] = [
                {
                    "revision": version.revision,
                    "version_id": version.pk,
                    "url": reverse("admin:news_article_revision", args=[article.pk, version.pk]),
                }
                for version in versions_of(article)
            ]
        return super().history_view(request, object_id, context)

    def compare_view(self, request, object_id):
        article = self._article_for_revisions(request, object_id)
        versions = versions_of(article)
        try:
            old = versions.get(pk=request.GET.get("from", ""))
            new = versions.get(pk=request.GET.get("to", ""))
        except (ValueError, versions.model.DoesNotExist) as error:
            raise Http404 from error
        if old.pk > new.pk:
            old, new = new, old
        return self._render_revision_page(
            request, article, _("What changed"), old=old, new=new, changes=compare(old, new)
        )

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """GET: what restoring this revision would change; POST: restore it."""
        article = self._article_for_revisions(request, object_id)
        version = get_object_or_404(versions_of(article), pk=version_id)
        if request.method == "POST":
            try:
                restore_article_revision(article=article, version=version, actor=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("The revision of %(when)s was restored as a new revision.")
                    % {"when": vn_datetime(version.revision.date_created)},
                    messages.SUCCESS,
                )
            return redirect(reverse("admin:news_article_change", args=[article.pk]))
        latest = versions_of(article).first()
        return self._render_revision_page(
            request,
            article,
            _("Restore a revision"),
            old=latest,
            new=version,
            changes=compare(latest, version),
            restore=version,
        )

    def _render_revision_page(self, request, article, title, **context):
        return TemplateResponse(
            request,
            "admin/news/article/revision_compare.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": article,
                "title": title,
                **context,
            },
        )

    def changelist_view(self, request, extra_context=None):
        # django-reversion's "recover deleted articles" link only for those who may use it.
        context = {"has_change_permission": self.is_publisher(request), **(extra_context or {})}
        return super().changelist_view(request, context)

    def recoverlist_view(self, request, extra_context=None):
        if not self.is_publisher(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not self.is_publisher(request):
            raise PermissionDenied
        request.recovering_deleted_article = True
        return super().recover_view(request, version_id, extra_context)
