"""Getting the old site's pages and photos: over HTTP, politely, or from a folder of saved pages.

`HttpFetcher` sends a `User-Agent`, waits at least `delay` seconds between two requests it
starts (whatever the number of threads), gives up on a request after `timeout` seconds, reads
at most `max_bytes` of an answer, and retries connection errors, 429 and 5xx answers
`retries` times with a growing pause (honouring `Retry-After`). The standard library's
`urllib` does all of it; no HTTP client library is needed.
"""

import re
import threading
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

USER_AGENT = "CCHC-portal-importer/1.0 (+moving the archive of the old portal)"
RETRY_STATUSES = {429, 500, 502, 503, 504}


@dataclass
class Fetched:
    url: str
    status: int  # 0: no answer (the error says why)
    content: bytes = b""
    charset: str | None = None
    content_type: str = ""
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status == 200 and not self.error


class TooLarge(Exception):
    pass


def _read_limited(response, max_bytes: int) -> bytes:
    chunks, size = [], 0
    while True:
        chunk = response.read(65536)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise TooLarge
        chunks.append(chunk)


class HttpFetcher:
    def __init__(
        self,
        *,
        delay: float = 0.0,
        timeout: float = 20.0,
        retries: int = 2,
        max_bytes: int = 5 * 1024 * 1024,
        user_agent: str = USER_AGENT,
    ):
        self.delay, self.timeout, self.retries = delay, timeout, retries
        self.max_bytes, self.user_agent = max_bytes, user_agent
        self._lock = threading.Lock()
        self._next_start = 0.0
        self._opener = urllib.request.build_opener(urllib.request.HTTPRedirectHandler())

    def _wait_turn(self) -> None:
        if self.delay <= 0:
            return
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next_start)
            self._next_start = start + self.delay
        if start > now:
            time.sleep(start - now)

    def get(self, url: str, *, max_bytes: int | None = None) -> Fetched:
        limit = max_bytes or self.max_bytes
        attempt = 0
        while True:
            self._wait_turn()
            result, retry_after = self._get_once(url, limit)
            retryable = result.status in RETRY_STATUSES or (
                result.status == 0 and not result.error.startswith("larger than")
            )
            if not retryable or attempt >= self.retries:
                return result
            attempt += 1
            time.sleep(min(retry_after if retry_after is not None else 0.5 * 2**attempt, 30))

    def _get_once(self, url: str, limit: int) -> tuple[Fetched, float | None]:
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent})
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                content = _read_limited(response, limit)
                headers: Message = response.headers
                return Fetched(
                    url=url,
                    status=response.status,
                    content=content,
                    charset=headers.get_content_charset(),
                    content_type=headers.get_content_type(),
                ), None
        except urllib.error.HTTPError as error:
            retry_after = error.headers.get("Retry-After") if error.headers else None
            wait = float(retry_after) if retry_after and retry_after.isdigit() else None
            return Fetched(url=url, status=error.code, error=f"HTTP {error.code}"), wait
        except TooLarge:
            return Fetched(url=url, status=0, error=f"larger than {limit} bytes"), None
        except (urllib.error.URLError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            return Fetched(url=url, status=0, error=f"no answer: {reason}"), None


class FolderFetcher:
    """Pages saved from the old site (a folder, as `wget --mirror` leaves it) read as if from
    `base_url`: `/Default.aspx?tabid=57&ID=120` is the file `Default.aspx@tabid=57&ID=120`
    (or with `.html` after it), `/Portals/0/a.jpg` the file `Portals/0/a.jpg`."""

    def __init__(self, root: Path, base_url: str, *, max_bytes: int = 5 * 1024 * 1024):
        self.root = Path(root).resolve()
        self.base_url = base_url.rstrip("/") + "/"
        self.max_bytes = max_bytes
        self.host = urlsplit(self.base_url).netloc

    def url_of(self, path: Path) -> str:
        relative = path.resolve().relative_to(self.root).as_posix()
        if "@" in relative:
            relative = re.sub(r"\.html?$", "", relative).replace("@", "?", 1)
        return urljoin(self.base_url, relative)

    def file_of(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.netloc != self.host:
            return None
        name = unquote(parts.path).lstrip("/")
        candidates = (
            [f"{name}@{parts.query}", f"{name}@{parts.query}.html"]
            if parts.query
            else [
                name,
                f"{name}.html",
                f"{name.rstrip('/')}/index.html",
            ]
        )
        for candidate in candidates:
            path = (self.root / candidate).resolve()
            if path.is_relative_to(self.root) and path.is_file():
                return path
        return None

    def pages(self) -> list[str]:
        return sorted(
            self.url_of(path)
            for path in self.root.rglob("*")
            if path.is_file()
            and (path.suffix.lower() in {".html", ".htm", ".aspx"} or "@" in path.name)
        )

    def get(self, url: str, *, max_bytes: int | None = None) -> Fetched:
        path = self.file_of(url)
        if path is None:
            return Fetched(url=url, status=404, error="HTTP 404 (not in the folder)")
        if path.stat().st_size > (max_bytes or self.max_bytes):
            return Fetched(
                url=url, status=0, error=f"larger than {max_bytes or self.max_bytes} bytes"
            )
        return Fetched(url=url, status=200, content=path.read_bytes())


# --- Lists of pages ------------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def addresses_in_feed(content: bytes, base_url: str) -> list[str]:
    """The page addresses of a sitemap (`<loc>`; a sitemap index's sitemaps are returned too,
    marked by a `sitemap:` prefix), an RSS (`<item><link>`) or an Atom feed (`<entry><link>`)."""
    try:
        root = ET.fromstring(content)
    except ET.ParseError as error:
        raise ValueError(f"not a sitemap or a feed: {error}") from None
    kind = _local(root.tag)
    found = []
    if kind == "sitemapindex":
        for loc in root.iter():
            if _local(loc.tag) == "loc" and loc.text:
                found.append("sitemap:" + urljoin(base_url, loc.text.strip()))
    elif kind == "urlset":
        for loc in root.iter():
            if _local(loc.tag) == "loc" and loc.text:
                found.append(urljoin(base_url, loc.text.strip()))
    elif kind in {"rss", "RDF"}:
        for item in root.iter():
            if _local(item.tag) == "item":
                for child in item:
                    if _local(child.tag) == "link" and child.text:
                        found.append(urljoin(base_url, child.text.strip()))
    elif kind == "feed":
        for entry in root.iter():
            if _local(entry.tag) == "entry":
                for child in entry:
                    if _local(child.tag) == "link" and child.get("href"):
                        found.append(urljoin(base_url, child.get("href")))
    else:
        raise ValueError(f"not a sitemap or a feed (root element <{kind}>)")
    return found


def list_addresses(fetcher: HttpFetcher, source: str) -> list[str]:
    """The pages to import from `source`: a sitemap or feed address (sitemap indexes
    followed), or a text file of addresses, one a line (`#` starts a comment)."""
    if re.match(r"https?://", source):
        pending, pages, seen = [source], [], set()
        while pending:
            address = pending.pop(0)
            if address in seen:
                continue
            seen.add(address)
            fetched = fetcher.get(address)
            if not fetched.ok:
                raise ValueError(f"cannot read {address}: {fetched.error or fetched.status}")
            for found in addresses_in_feed(fetched.content, address):
                if found.startswith("sitemap:"):
                    pending.append(found.removeprefix("sitemap:"))
                else:
                    pages.append(found)
        return list(dict.fromkeys(pages))
    path = Path(source)
    lines = path.read_text(encoding="utf-8").splitlines()
    return list(
        dict.fromkeys(
            line.split("#", 1)[0].strip() for line in lines if line.split("#", 1)[0].strip()
        )
    )
