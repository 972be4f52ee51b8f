from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "organisation"
    verbose_name = _("About the office")

    def ready(self):
        from core import pagecache

        from .models import AboutPage, Committee, CommitteeMember, Division, Person, UnitOffice
        from .search import register_search

        pagecache.watch(AboutPage, Division, UnitOffice, Person, Committee, CommitteeMember)
        register_search()
