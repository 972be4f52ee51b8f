"""The old portal's date-time form, `11/07/2019 5:01:36 CH`, in Vietnam's time (UTC+7)."""

import datetime as dt

import pytest
from django.template import Context, Template

from core.templatetags.portal import vn_date, vn_datetime

UTC = dt.UTC


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (dt.datetime(2019, 7, 11, 10, 1, 36, tzinfo=UTC), "11/07/2019 5:01:36 CH"),
        (dt.datetime(2019, 7, 11, 17, 0, 0, tzinfo=UTC), "12/07/2019 12:00:00 SA"),  # midnight
        (dt.datetime(2019, 7, 11, 5, 0, 0, tzinfo=UTC), "11/07/2019 12:00:00 CH"),  # noon
        (dt.datetime(2019, 7, 11, 5, 30, 9, tzinfo=UTC), "11/07/2019 12:30:09 CH"),
        (dt.datetime(2019, 7, 11, 1, 29, 56, tzinfo=UTC), "11/07/2019 8:29:56 SA"),
        (dt.datetime(2019, 7, 11, 4, 59, 59, tzinfo=UTC), "11/07/2019 11:59:59 SA"),
        (dt.datetime(2019, 7, 11, 6, 5, 0, tzinfo=UTC), "11/07/2019 1:05:00 CH"),
        (dt.datetime(2019, 7, 11, 16, 59, 59, tzinfo=UTC), "11/07/2019 11:59:59 CH"),
        (dt.datetime(2018, 12, 31, 17, 0, 1, tzinfo=UTC), "01/01/2019 12:00:01 SA"),  # new year
    ],
)
def test_vn_datetime_shows_vietnam_time_with_sa_ch(value, shown):
    assert vn_datetime(value) == shown


def test_vn_datetime_of_a_datetime_in_another_zone_is_converted():
    value = dt.datetime(2019, 7, 11, 19, 1, 36, tzinfo=dt.timezone(dt.timedelta(hours=9)))  # Tokyo
    assert vn_datetime(value) == "11/07/2019 5:01:36 CH"


def test_vn_datetime_of_a_naive_datetime_is_taken_as_local():
    assert vn_datetime(dt.datetime(2019, 7, 11, 8, 29, 56)) == "11/07/2019 8:29:56 SA"


@pytest.mark.parametrize("empty", [None, ""])
def test_vn_datetime_of_nothing_is_empty(empty):
    assert vn_datetime(empty) == ""


def test_vn_datetime_in_a_template():
    template = Template("{% load portal %}[{{ when|vn_datetime }}][{{ missing|vn_datetime }}]")
    value = dt.datetime(2019, 7, 11, 10, 1, 36, tzinfo=UTC)
    assert template.render(Context({"when": value})) == "[11/07/2019 5:01:36 CH][]"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (dt.datetime(2019, 7, 11, 10, 1, 36, tzinfo=UTC), "11/07/2019"),
        (dt.datetime(2019, 7, 11, 17, 0, 0, tzinfo=UTC), "12/07/2019"),
        (dt.datetime(2019, 7, 11, 23, 0, 0), "11/07/2019"),
        (None, ""),
    ],
)
def test_vn_date(value, shown):
    assert vn_date(value) == shown


def test_vn_date_of_a_plain_date():
    # Dates without a time (a DateField, a report's day) are shown as they are.
    assert vn_date(dt.date(2019, 7, 11)) == "11/07/2019"
