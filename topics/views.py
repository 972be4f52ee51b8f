from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import ListView

from core.pagination import DeepPaginator

from .models import Tag, Topic

ITEMS_PER_PAGE = 20


class TopicListView(ListView):
    """Every topic, in the editors' order."""

    page_cache_query = ()  # core.pagecache: reads no query parameter
    template_name = "topics/topic_list.html"
    context_object_name = "topics"

    def get_queryset(self):
        return Topic.objects.all()


class ItemsPageView(ListView):
    """The public articles and documents of one topic or tag, newest first, 20 a page."""

    page_cache_query = ("page",)
    paginate_by = ITEMS_PER_PAGE
    paginator_class = DeepPaginator
    context_object_name = "items"

    def get_owner(self):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        self.owner = self.get_owner()
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        # Keys and dates only; the page's own rows are fetched below.
        return self.owner.listing().keys()

    def paginate_queryset(self, queryset, page_size):
        paginator, page, keys, is_paginated = super().paginate_queryset(queryset, page_size)
        page.object_list = items = self.owner.listing().items(list(keys))
        return paginator, page, items, is_paginated


class TopicDetailView(ItemsPageView):
    template_name = "topics/topic_detail.html"

    def get_owner(self):
        return get_object_or_404(Topic.objects.all(), slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.owner, **kwargs)


class TagDetailView(ItemsPageView):
    template_name = "topics/tag_detail.html"

    def get_owner(self):
        tag = Tag.objects.public().filter(slug=self.kwargs["slug"]).first()
        if tag is None:  # unknown, or carried by drafts only
            raise Http404(_("Tag not found."))
        return tag

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.owner, **kwargs)
