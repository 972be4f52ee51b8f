"""How the "Giới thiệu" page and the people on it join the site search (`core.search`)."""

from django.utils.translation import gettext_lazy as _

from core import search

from .models import AboutPage, Person


def register_search():
    search.register(
        AboutPage.objects.all,  # the one page is public
        key="about",
        label=_("About the office"),
        fields={"title": "A", "summary": "B", "functions": "C"},
        snippet_from=("summary", "functions"),
    )
    search.register(
        Person.objects.shown,
        key="person",
        label=_("Leaders and contacts"),
        fields={"name": "A", "title": "B"},
        listing=lambda people: people.select_related("unit"),
        title=lambda person: f"{person.name} — {person.title}, {person.workplace_name}",
    )
