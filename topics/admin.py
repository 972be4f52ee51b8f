from django.contrib import admin

from audit.mixins import AuditedAdminMixin
from core.admin import VIETNAMESE_SLUG_JS, ContentManagedAdminMixin, NulSafeSearchMixin
from core.forms import PrefilledSlugFormMixin

from .models import Tag, Topic


class TopicAdminForm(PrefilledSlugFormMixin, admin.ModelAdmin.form):
    slug_source = "title"


@admin.register(Topic)
class TopicAdmin(AuditedAdminMixin, NulSafeSearchMixin, ContentManagedAdminMixin, admin.ModelAdmin):
    """Topics: publishers and site administrators (accounts.roles); editors only see them, to
    put their articles and documents in one."""

    form = TopicAdminForm
    list_display = ["title", "order", "updated_at"]
    list_editable = ["order"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "summary", "cover", "order"]

    class Media:
        js = VIETNAMESE_SLUG_JS


@admin.register(Tag)
class TagAdmin(AuditedAdminMixin, NulSafeSearchMixin, admin.ModelAdmin):
    """Tags are made by typing them on an article or a document; here they are corrected
    (spelling) or deleted. The autocomplete of the article and document forms searches them."""

    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    fields = ["name"]

    def get_search_results(self, request, queryset, search_term):
        # "cai cach" finds "cải cách": the slug holds the words without diacritics.
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        slug = Tag.slug_for(search_term.replace("\x00", ""))
        if slug:
            queryset |= Tag.objects.filter(slug__contains=slug)
        return queryset, may_have_duplicates
