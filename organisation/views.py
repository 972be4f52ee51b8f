"""The "Giới thiệu" pages and the English page: thin views over the records' named reads."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from core.models import EnglishPage
from core.pagecache import query_params
from indices.models import Unit, UnitResult

from .chart import organisation_chart
from .models import (
    AboutPage,
    Division,
    Person,
    committees_with_members,
    office_of,
    units_with_contacts,
)


def _split_by_existence(units) -> tuple[list, list]:
    """(units that exist now, units merged or dissolved), each in the given order."""
    units = list(units)
    return [u for u in units if u.end_year is None], [u for u in units if u.end_year]


@query_params()
def index(request):
    """`/gioi-thieu/`: functions and duties, the chart, leaders, the steering committee, units
    with their contacts."""
    page = AboutPage.load()
    tree = Division.objects.tree()
    leaders = (
        list(Person.objects.leaders().filter(unit=page.agency).select_related("unit"))
        if page.agency_id
        else []
    )
    current, former = _split_by_existence(units_with_contacts())
    return TemplateResponse(
        request,
        "organisation/index.html",
        {
            "page": page,
            "tree": tree,
            "chart": organisation_chart(tree, title=_("Organisation chart")) if tree else None,
            "agency_office": office_of(page.agency) if page.agency_id else None,
            "leaders": leaders,
            "committees": list(committees_with_members()),
            "departments": [u for u in current if u.kind == Unit.Kind.DEPARTMENT],
            "districts": [u for u in current if u.kind == Unit.Kind.DISTRICT],
            "former_units": former,
        },
    )


@query_params()
def unit_detail(request, slug):
    """`/gioi-thieu/don-vi/<slug>/`: a unit's contacts and people, its merge history, and its
    latest result in the province's assessment (its index profile has the rest)."""
    unit = get_object_or_404(units_with_contacts().prefetch_related("predecessors"), slug=slug)
    history = UnitResult.objects.history(unit)
    return TemplateResponse(
        request,
        "organisation/unit_detail.html",
        {
            "unit": unit,
            "office": office_of(unit),
            "people": list(unit.people.all()),
            "predecessors": sorted(unit.predecessors.all(), key=lambda u: u.name),
            "latest": history[-1] if history else None,
        },
    )


@query_params()
def english_page(request):
    """`/en/`: the office, its structure, address and contacts in English (Decree 42) — the
    structure and the contacts read from the same records as the Vietnamese pages."""
    about = AboutPage.load()
    tree = Division.objects.tree()
    leaders = (
        list(Person.objects.leaders().filter(unit=about.agency).select_related("unit__office"))
        if about.agency_id
        else []
    )
    return TemplateResponse(
        request,
        "organisation/english_page.html",
        {
            "page": EnglishPage.load(),
            "page_lang": "en",
            "tree": tree,
            "chart": (
                organisation_chart(tree, title="Organisation chart", english=True) if tree else None
            ),
            "agency": about.agency,
            "agency_office": office_of(about.agency) if about.agency_id else None,
            "leaders": leaders,
            "committees": list(committees_with_members()),
        },
    )
