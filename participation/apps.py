from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = _("Citizens' participation")

    def ready(self):
        from core import pagecache

        from .models import Draft, Submission, Topic
        from .search import register_search

        pagecache.watch(Submission, Draft, Topic)
        pagecache.changes_at(Draft.objects.next_change)
        register_search()
