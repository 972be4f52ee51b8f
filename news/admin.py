from django import forms
from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from core.admin import ContentManagedAdminMixin, NulSafeSearchMixin
from core.forms import PrefilledSlugFormMixin
from core.templatetags.portal import vn_datetime

from .models import Article, ArticleImage, Category, RelatedArticle
from .services import publish_articles, unpublish_articles


class CategoryAdminForm(PrefilledSlugFormMixin, forms.ModelForm):
    slug_source = "name"

    class Meta:
        model = Category
        fields = ["name", "slug", "description", "order", "parent", "show_in_menu"]


class ArticleAdminForm(PrefilledSlugFormMixin, forms.ModelForm):
    class Meta:
        model = Article
        fields = [
            "title", "slug", "category", "summary", "body", "status", "published_at", "is_featured",
        ]  # fmt: skip
        widgets = {"title": forms.TextInput(attrs={"class": "vTextField", "size": 90})}


@admin.register(Category)
class CategoryAdmin(NulSafeSearchMixin, admin.ModelAdmin):
    form = CategoryAdminForm
    list_display = ["name", "parent", "order", "show_in_menu"]
    list_editable = ["order", "show_in_menu"]
    list_filter = ["show_in_menu", "parent"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}

    class Media:
        # After urlify.js, so that Django keeps this order when it merges the admin's media.
        js = ["admin/js/urlify.js", "admin/js/vietnamese_urlify.js"]


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


@admin.register(Article)
class ArticleAdmin(NulSafeSearchMixin, ContentManagedAdminMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = [
        "title",
        "category",
        "status",
        "is_published",
        "published",
        "is_featured",
    ]
    list_filter = ["status", "category", "is_featured"]
    list_select_related = ["category__parent"]
    search_fields = ["title", "summary"]
    date_hierarchy = "published_at"
    inlines = [ArticleImageInline, RelatedArticleInline]
    actions = ["publish_articles", "unpublish_articles"]
    readonly_fields = ["created_by", "created_at", "updated_by", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "summary", "body"]}),
        (_("Publishing"), {"fields": ["status", "published_at", "is_featured"]}),
        (
            # Not the admin's own "History" (the change log), which Django translates otherwise.
            pgettext_lazy("article fieldset", "History"),
            {
                "fields": ["created_by", "created_at", "updated_by", "updated_at"],
                "classes": ["collapse"],
            },
        ),
    ]

    class Media:
        # After urlify.js, so that Django keeps this order when it merges the admin's media.
        js = ["admin/js/urlify.js", "admin/js/vietnamese_urlify.js"]
        css = {"all": ["admin/css/cchc_admin.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).with_is_public()

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None and obj.slug_is_locked else {"slug": ["title"]}

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.slug_is_locked:
            fields.insert(0, "slug")
        return fields

    @admin.display(description=_("publication time"), ordering="published_at")
    def published(self, obj):
        return vn_datetime(obj.published_at) or "—"

    @admin.display(boolean=True, description=_("publicly visible"))
    def is_published(self, obj):
        return obj.is_public

    @admin.action(description=_("Publish the selected articles"), permissions=["change"])
    def publish_articles(self, request, queryset):
        count = publish_articles(articles=queryset, actor=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d article was published.", "%(count)d articles were published.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Unpublish the selected articles (back to draft)"), permissions=["change"]
    )
    def unpublish_articles(self, request, queryset):
        count = unpublish_articles(articles=queryset, actor=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d article was unpublished.", "%(count)d articles were unpublished.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )
