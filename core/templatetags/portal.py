"""Template helpers shared by every page."""

from datetime import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def vn_datetime(value):
    """`11/07/2019 5:01:36 CH`: the date-time form of the old portal (SA = a.m., CH = p.m.)."""
    if not value:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    hour = local.hour % 12 or 12
    meridiem = "SA" if local.hour < 12 else "CH"
    return f"{local:%d/%m/%Y} {hour}:{local:%M:%S} {meridiem}"


@register.filter
def vn_date(value):
    """`11/07/2019`."""
    if not value:
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{value:%d/%m/%Y}"
