"""How the reform indices, their components and the units join the site search
(`core.search`), by name."""

from django.utils.translation import gettext_lazy as _

from core import search

from .models import Component, Index, Unit


def register_search():
    search.register(
        Index.objects.all,  # every index is public
        key="index",
        label=_("Index"),
        fields={"name": "A", "abbreviation": "A"},
        snippet_from=("description",),
        title=lambda index: f"{index.name} ({index.abbreviation})",
    )
    search.register(
        Component.objects.all,  # every component has its page, scored or not
        key="component",
        label=_("Index component"),
        fields={"name": "A"},
        listing=lambda components: components.select_related("index"),
        title=lambda component: f"{component.name} ({component.index.abbreviation})",
    )
    search.register(
        Unit.objects.all,  # every unit is public, active or not (its past results stay)
        key="unit",
        label=_("Unit"),
        fields={"name": "A"},
    )
