from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("General settings")

    def ready(self):
        from . import pagecache, signals  # noqa: F401  (signals: settings cache invalidation)
        from .models import AgencyLink, EnglishPage, SiteSettings

        pagecache.watch(SiteSettings, AgencyLink, EnglishPage)
