from django import template

register = template.Library()


@register.filter
def total_minutes(duration) -> int:
    """A timedelta in whole minutes (the lockout page's cool-off time)."""
    return int(duration.total_seconds() // 60) if duration else 0
