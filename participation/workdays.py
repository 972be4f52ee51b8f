"""Due dates in working days: Saturdays and Sundays are skipped (public holidays are not known
to the portal; staff see the date and may change it)."""

from datetime import date, timedelta


def add_working_days(start: date, days: int) -> date:
    """The day `days` working days after `start` (`start` itself does not count)."""
    day = start
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day
