"""Template helpers shared by every page."""

import json
from datetime import datetime

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

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


@register.filter
def vn_number(value):
    """`98.000`: thousands grouped with dots, as Vietnamese writes them (Django's Vietnamese
    format groups nothing)."""
    try:
        return f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return value


# What Django's `json_script` escapes: nothing in the data can close the <script> element or
# start an HTML comment or character reference, whatever a title contains.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """`{{ data|json_ld }}`: a `<script type="application/ld+json">` block holding `data`.

    Serialized like Django's `json_script`. It is data, not a script: browsers do not run it,
    so the Content-Security-Policy (`script-src 'self'`) neither blocks nor needs it.
    """
    if not data:
        return ""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload.translate(_JSON_SCRIPT_ESCAPES)),
    )
