"""Walk the public site from its home page with the Django test client.

Shared by the fuzz test (which then sends hostile variants of every address) and the stored-XSS
browser test (which opens every address in Chromium). A new app's pages join by being linked
from a public page; a new query parameter joins by appearing in a link.
"""

import re
from collections import defaultdict
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.urls import Resolver404, resolve

ORIGIN = "http://testserver"
# Besides the home page: what no page links to but a robot or a feed reader asks for.
SEEDS = ("/", "/robots.txt", "/sitemap.xml", "/tin-tuc/rss/")
# Never crawled: the admin and the staff pages.
EXCLUDED_PREFIXES = ("/quan-tri/",)
# Files, not pages: a few of each are enough.
SAMPLED_PREFIXES = {"/media/": 3, "/static/": 3}
# At most this many addresses of one URL pattern (the articles, say): the rest add time, not
# coverage.
MAX_PER_ROUTE = 25
MAX_PAGES = 600
# Links in feeds and sitemaps.
XML_LINK = re.compile(r"<(?:loc|link)>\s*([^<\s]+)\s*</(?:loc|link)>")


class _LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in {"href", "src", "action"} and value:
                self.links.append(value)


def links_in(response) -> list[str]:
    content_type = response.get("Content-Type", "")
    if getattr(response, "streaming", False):
        return []
    text = response.content.decode(response.charset or "utf-8", "replace")
    if "html" in content_type:
        parser = _LinkParser()
        parser.feed(text)
        return parser.links
    if "xml" in content_type:
        return XML_LINK.findall(text)
    return []


def route_of(path: str) -> str | None:
    """The URL pattern an address belongs to (`tin-tuc/<slug:slug>/`), None if no view."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.route or match.view_name


def same_origin_path(base: str, link: str) -> str | None:
    url = urljoin(ORIGIN + base, link.strip())
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or f"{parts.scheme}://{parts.netloc}" != ORIGIN:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(client, *, per_route: int = MAX_PER_ROUTE) -> dict[str, int]:
    """Every public address reachable from the seeds, with the status it answered."""
    seen: dict[str, int] = {}
    routes = defaultdict(int)
    per_prefix = defaultdict(int)
    queue = list(SEEDS)
    while queue and len(seen) < MAX_PAGES:
        address = queue.pop(0)
        if address in seen:
            continue
        path = urlsplit(address).path
        if path.startswith(EXCLUDED_PREFIXES):
            continue
        prefix = next((p for p in SAMPLED_PREFIXES if path.startswith(p)), None)
        if prefix:
            if per_prefix[prefix] >= SAMPLED_PREFIXES[prefix]:
                continue
            per_prefix[prefix] += 1
        else:
            route = route_of(path)
            if route is not None:
                if routes[route] >= per_route:
                    continue
                routes[route] += 1
        response = client.get(address)
        seen[address] = response.status_code
        if response.status_code == 200:
            for link in links_in(response):
                found = same_origin_path(address, link)
                if found and found not in seen:
                    queue.append(found)
    return seen


def query_parameters(addresses) -> set[str]:
    """The names of the query parameters the site's own links use."""
    return {
        name
        for address in addresses
        for name, _ in parse_qsl(urlsplit(address).query, keep_blank_values=True)
    }
