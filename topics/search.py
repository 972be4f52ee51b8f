"""How topics and tags join the site search (`core.search`): a topic by its title and
summary, a tag by its name."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import search

from .models import Tag, Topic


def register_search():
    search.register(
        Topic.objects.all,  # every topic is public
        key="dong-su-kien",
        label=pgettext_lazy("story", "Topic"),
        fields={"title": "A", "summary": "B"},
        snippet_from=("summary",),
    )
    search.register(
        Tag.objects.public,
        key="the",
        label=_("Tag"),
        fields={"name": "A"},
    )
