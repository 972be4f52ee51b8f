from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The public site-search page. The mechanism, and the registry each app joins, is
    `core.search`."""

    name = "search"
    verbose_name = _("Site search")
