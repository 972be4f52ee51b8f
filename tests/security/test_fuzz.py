"""Fuzzing kept in the suite: every public address of the demo site, reached by crawling from
the home page, is requested again with hostile variants. Every answer must be 2xx, 3xx, 400,
403, 404 or 405, and no answer may show a traceback.

The variants are data (below): a new content type's pages and query parameters join through
the crawl, without changing this file.
"""

import re
from collections import Counter
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings

from tests.security.crawler import crawl, query_parameters, route_of

ALLOWED_STATUSES = {200, 201, 204, 301, 302, 303, 304, 307, 308, 400, 403, 404, 405, 413}

# Hostile values per query parameter. Parameters the site's links use get GENERIC_VALUES when
# they have no entry of their own; the ones named here are tried on every page.
VALUES_BY_PARAMETER = {
    "page": ["-1", "0", "abc", "1" + "0" * 20, "1.5", "", "²"],
    "nam": ["0", "99999", "abc", "²²²²", "-2018", "0000", "2018.0", "1e3"],
    "q": ["x" * 2000, "ả" * 2000, "a\x00b", "<script>alert(1)</script>", "' OR 1=1 --", "%"],
}
GENERIC_VALUES = ["abc", "-1", "0", "99999", "²²²²", "x" * 2000, "\x00", ""]
# Query strings sent as they are: broken percent-encoding and invalid UTF-8.
RAW_QUERIES = [
    "%zz",
    "%",
    "%ff%fe",
    "q=%00",
    "q=%ff%fe",
    "page=%zz",
    "nam=%ff",
    "page=1&page=2&page=abc",
    "q[]=a&q[]=b",
    "&".join(f"a{i}=1" for i in range(300)),
]
# Appended to each address's path.
PATH_SUFFIXES = ["x", "%00", "%ff%fe", "%zz", "%", "'\"><", "../../etc/passwd", "a" * 300 + "/"]
# Put in place of the last segment of the path: unknown slugs.
SEGMENT_REPLACEMENTS = ["khong-ton-tai", "%00", "%ff%fe", "a" * 300, "..", "²²²²", "0"]
# Put in place of a segment that is a year.
YEAR_SEGMENT = re.compile(r"^\d{4}$")
YEAR_REPLACEMENTS = ["0", "0000", "9999", "99999", "abc", "²²²²", "-2018"]
# Put in place of a two-digit segment after a year (a month: /tin-tuc/2019/07/).
MONTH_SEGMENT = re.compile(r"^\d{2}$")
MONTH_REPLACEMENTS = ["00", "13", "99", "7", "007", "ab", "²²"]
# What a browser or a script can send to a public page besides GET.
METHODS = ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"]
HEADER_VARIANTS = [
    {"HTTP_HOST": "evil.example"},
    {"HTTP_ACCEPT_LANGUAGE": "zz;q=abc," * 200},
    {"HTTP_IF_MODIFIED_SINCE": "not a date"},
    {"HTTP_IF_NONE_MATCH": '"\x00"'},
    {"HTTP_COOKIE": "sessionid=%ff%fe; csrftoken=\x00"},
    {"HTTP_X_FORWARDED_FOR": "not-an-address"},
]
# How many addresses of each URL pattern get the full set of variants.
ADDRESSES_PER_ROUTE = 2


def with_query(path: str, **params) -> str:
    return f"{path}?{urlencode(params)}"


def variants(address: str, parameters: set[str]):
    """(method, path, extra WSGI environ) of every hostile request made from `address`."""
    path = urlsplit(address).path
    for name in sorted(parameters | set(VALUES_BY_PARAMETER)):
        for value in VALUES_BY_PARAMETER.get(name, GENERIC_VALUES):
            yield "GET", with_query(path, **{name: value}), {}
    for raw in RAW_QUERIES:
        yield "GET", path, {"QUERY_STRING": raw}
    for suffix in PATH_SUFFIXES:
        yield "GET", path + suffix, {}
    segments = path.split("/")
    last = max((i for i, s in enumerate(segments) if s), default=None)
    if last is not None:
        for replacement in SEGMENT_REPLACEMENTS:
            yield "GET", "/".join([*segments[:last], replacement, *segments[last + 1 :]]), {}
    for index, segment in enumerate(segments):
        if YEAR_SEGMENT.match(segment):
            for replacement in YEAR_REPLACEMENTS:
                yield "GET", "/".join([*segments[:index], replacement, *segments[index + 1 :]]), {}
        if index and YEAR_SEGMENT.match(segments[index - 1]) and MONTH_SEGMENT.match(segment):
            for replacement in MONTH_REPLACEMENTS:
                yield "GET", "/".join([*segments[:index], replacement, *segments[index + 1 :]]), {}
    for method in METHODS:
        yield method, path, {}
    for headers in HEADER_VARIANTS:
        yield "GET", address, headers


def representatives(addresses) -> list[str]:
    """The first few addresses of each URL pattern (and each file folder)."""
    chosen, counts = [], Counter()
    for address in addresses:
        path = urlsplit(address).path
        key = route_of(path) or path.split("/")[1]
        if counts[key] < ADDRESSES_PER_ROUTE:
            counts[key] += 1
            chosen.append(address)
    return chosen


@pytest.fixture
def demo_site(db, tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        call_command("load_demo", verbosity=0)
        yield


def check(response, method, path, extra, failures):
    status = response.status_code
    body = b"" if getattr(response, "streaming", False) else response.content
    if status not in ALLOWED_STATUSES or b"Traceback" in body:
        failures.append(f"{status} {method} {path!r} {extra!r}")


@pytest.mark.django_db
def test_no_public_address_answers_5xx_or_a_traceback_to_hostile_requests(demo_site, capsys):
    client = Client(raise_request_exception=False)
    crawled = crawl(client)
    assert len(crawled) > 50, crawled  # the crawl did reach the site
    failures = [
        f"{status} GET {a}" for a, status in crawled.items() if status not in ALLOWED_STATUSES
    ]
    statuses = Counter(crawled.values())
    parameters = query_parameters(crawled)
    targets = representatives(a for a, status in crawled.items() if status == 200)

    for address in targets:
        for method, path, extra in variants(address, parameters):
            response = client.generic(method, path, **extra)
            statuses[response.status_code] += 1
            check(response, method, path, extra, failures)

    total = sum(statuses.values())
    with capsys.disabled():
        print(
            f"\nfuzz: {total} requests ({len(crawled)} crawled addresses, "
            f"{len(targets)} fuzzed, parameters {sorted(parameters)}); "
            f"statuses {dict(sorted(statuses.items()))}"
        )
    assert not failures, "\n".join(failures[:50])
    assert settings.DEBUG is False  # tracebacks would be shown only with DEBUG on
