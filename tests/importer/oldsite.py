"""A stand-in for the old portal, served for real on the loopback by `http.server` in a
thread (port 0: any free port). Pages are written here in the old portal's layout: a
breadcrumb, the title, the date line "(Ngày đăng :…)", the body with photos each followed by
its caption, then "Tin liên quan", "Tin mới nhất" and the footer. All wording is our own."""

import contextlib
import io
import threading
import unicodedata
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from PIL import Image

TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def encode_1258(text: str) -> bytes:
    """Vietnamese in windows-1258 as old Windows editors wrote it: base letters (â, ơ, đ…)
    precomposed, tone marks as combining characters."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        try:
            out.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
            tones = "".join(c for c in parts if c in TONE_MARKS)
            out.append((base + tones).encode("cp1258"))
    return b"".join(out)


def jpeg(color=(30, 110, 60), size=(64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG")
    return buffer.getvalue()


def old_page(
    *,
    title: str,
    body: str,
    date_line: str | None = "(Ngày đăng :11/07/2019 5:01:36 CH)",
    category: str | None = "Kết quả CCHC",
    summary: str = "",
    charset: str = "utf-8",
) -> str:
    crumb = f'<a href="/Default.aspx?tabid=57">{category}</a>' if category is not None else ""
    date = f'<span class="news-date">{date_line}</span>' if date_line is not None else ""
    lead = f'<div class="news-summary">{summary}</div>' if summary else ""
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}</title><script>var dnn = {{}};</script></head>
<body><div id="dnn_ctr">
<div class="breadcrumb"><a href="/">Trang chủ</a> › {crumb}</div>
<div class="news-detail">
<h1 class="news-title">{title}</h1>
{date}
{lead}
<div class="news-content">{body}</div>
<div class="related"><h3>Tin liên quan</h3><ul>
<li><a href="/Default.aspx?tabid=57&amp;ID=9001">Một tin cũ khác</a> (30/12/2022 8:29:56 SA)</li>
</ul></div>
</div>
<div class="latest"><h3>Tin mới nhất</h3>
<ul><li><a href="/Default.aspx?tabid=57&amp;ID=9002">Tin mới</a></li></ul></div>
<div class="footer">Trang thông tin điện tử cải cách hành chính tỉnh Lai Châu</div>
</div></body></html>"""


class OldSite:
    """`pages`: {"/path?query": (status, content type, bytes)}; served until `stop()`."""

    def __init__(self):
        self.pages: dict[str, tuple[int, str, bytes]] = {}
        self.requests: list[tuple[str, str]] = []  # (path, User-Agent)
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                site.requests.append((self.path, self.headers.get("User-Agent", "")))
                status, content_type, content = site.pages.get(
                    self.path, (404, "text/html", b"<h1>Not found</h1>")
                )
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                # The importer stops reading an enormous page.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(content)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def add_page(self, path: str, html: str, *, charset: str = "utf-8", encoding=None):
        if charset == "windows-1258":
            content = encode_1258(html)
        else:
            content = html.encode(encoding or charset)
        self.pages[path] = (200, f"text/html; charset={charset}", content)

    def add_raw(self, path: str, content: bytes, content_type: str, status: int = 200):
        self.pages[path] = (status, content_type, content)

    def add_sitemap(self, path: str, page_paths: list[str]):
        from xml.sax.saxutils import escape

        urls = "".join(f"<url><loc>{escape(self.url(p))}</loc></url>" for p in page_paths)
        xml = (
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
        )
        self.add_raw(path, xml.encode(), "application/xml")

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
