from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicesConfig(AppConfig):
    name = "indices"
    verbose_name = _("Reform indices")

    def ready(self):
        from core import pagecache

        from .models import (
            Component,
            ComponentResult,
            GradeThresholds,
            Index,
            ProvinceResult,
            ProvinceTarget,
            Responsibility,
            Unit,
            UnitResult,
            UnitTarget,
        )
        from .search import register_search

        pagecache.watch(
            Index,
            Component,
            ProvinceResult,
            ComponentResult,
            ProvinceTarget,
            Responsibility,
            Unit,
            UnitResult,
            UnitTarget,
            GradeThresholds,
        )
        register_search()
