"""What other apps' pages show of the organisation, so that they need not import it."""

from django import template

from ..models import office_of, people_in_order

register = template.Library()


@register.inclusion_tag("organisation/includes/unit_contacts.html")
def unit_contacts(unit):
    """The "Liên hệ" box of a unit's index profile: its office, its shown people and a link
    to its page under "Giới thiệu"."""
    from django.db.models import prefetch_related_objects

    prefetch_related_objects([unit], people_in_order())
    return {"unit": unit, "office": office_of(unit), "people": list(unit.people.all())}


@register.filter
def tel_href(number: str) -> str:
    """A `tel:` link of a Vietnamese number as written ("0213 3 876 100" → tel:+842133876100)."""
    digits = "".join(ch for ch in str(number) if ch.isdigit())
    if digits.startswith("84"):
        return f"tel:+{digits}"
    if digits.startswith("0"):
        return f"tel:+84{digits[1:]}"
    return f"tel:{digits}"
