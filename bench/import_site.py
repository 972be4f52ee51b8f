"""The importer's measurement: a 2,000-page old site on the loopback, imported twice.

    .venv/bin/python bench/import_site.py [--pages 2000] [--concurrency 4]

Generates an old portal of `--pages` article pages in the old layout (breadcrumb, title, date
line "(Ngày đăng :…)", paragraphs, one photo with its caption, links to other pages), serves it
with `http.server` on a free loopback port with a sitemap.xml, then runs
`manage.py import_portal <sitemap> --publish --delay=0` twice against the database of the
environment (DATABASE_URL: use a PostgreSQL database of your own), printing the time and pages
per second of each run and the second run's statuses (all "unchanged" when nothing changed).
"""

import argparse
import io
import os
import re
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
CATEGORIES = ["Kết quả CCHC", "Tin tức - Sự kiện", "Chuyển đổi số"]
TOPICS = ["chỉ số PAR INDEX", "chỉ số SIPAS", "chỉ số PAPI", "dịch vụ công trực tuyến",
          "một cửa liên thông", "chuyển đổi số"]  # fmt: skip
UNITS = ["thành phố Lai Châu", "huyện Tam Đường", "huyện Phong Thổ", "huyện Sìn Hồ",
         "huyện Mường Tè", "huyện Than Uyên", "huyện Tân Uyên", "huyện Nậm Nhùn"]  # fmt: skip


def photo(number: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), (number * 37 % 256, number * 91 % 256, 120)).save(buffer, "JPEG")
    return buffer.getvalue()


def page(number: int, total: int) -> str:
    topic, unit = TOPICS[number % len(TOPICS)], UNITS[number % len(UNITS)]
    day, month, year = 1 + number % 28, 1 + number % 12, 2012 + number % 12
    hour = number % 24
    meridiem = "SA" if hour < 12 else "CH"
    date = f"{day:02d}/{month:02d}/{year} {hour % 12 or 12}:{number % 60:02d}:{number % 59:02d}"
    other = (number * 7 + 3) % total
    paragraphs = "".join(
        f"<p>Đoạn {k} của tin số {number}: {unit} triển khai {topic}, kết quả được ghi nhận "
        f"trong báo cáo quý {1 + k % 4}.</p>"
        for k in range(1, 7)
    )
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Tin {number}</title>
<script>var dnn = {{}};</script></head><body>
<div class="breadcrumb"><a href="/">Trang chủ</a> › <a href="/Default.aspx?tabid=5{number % 3}">
{CATEGORIES[number % 3]}</a></div>
<div class="news-detail"><h1 class="news-title">Tin số {number}: {unit} với {topic}</h1>
<span class="news-date">(Ngày đăng :{date} {meridiem})</span>
<div class="news-content"><font face="Arial">{paragraphs[:400]}
<p style="text-align:center"><img src="/Portals/0/Images/{number}.jpg"></p>
<p class="caption"><em>Ảnh minh họa tin số {number}</em></p>{paragraphs[400:]}
<p>Xem thêm <a href="/Default.aspx?tabid=57&amp;ID={other}">tin số {other}</a>.</p></font></div>
<div class="related"><h3>Tin liên quan</h3></div></div>
<div class="footer">Trang thông tin điện tử cải cách hành chính tỉnh Lai Châu</div>
</body></html>"""


def serve(total: int) -> ThreadingHTTPServer:
    pages = {f"/Default.aspx?tabid=57&ID={n}": page(n, total).encode() for n in range(total)}
    photos = {f"/Portals/0/Images/{n}.jpg": photo(n) for n in range(total)}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/sitemap.xml":
                host = f"http://127.0.0.1:{self.server.server_address[1]}"
                urls = "".join(
                    f"<url><loc>{host}{p.replace('&', '&amp;')}</loc></url>" for p in pages
                )
                body, kind = (
                    (
                        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
                    ).encode(),
                    "application/xml",
                )
            elif self.path in pages:
                body, kind = pages[self.path], "text/html; charset=utf-8"
            elif self.path in photos:
                body, kind = photos[self.path], "image/jpeg"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--runs", type=int, default=2)
    options = parser.parse_args()
    server = serve(options.pages)
    sitemap = f"http://127.0.0.1:{server.server_address[1]}/sitemap.xml"
    print(f"Old site: {options.pages} pages at {sitemap}")
    env = {**os.environ, "DEBUG": os.environ.get("DEBUG", "1")}
    for run in range(1, options.runs + 1):
        command = [sys.executable, "manage.py", "import_portal", sitemap, "--publish",
                   "--delay=0", f"--concurrency={options.concurrency}",
                   f"--report=/tmp/import-bench-{run}.csv"]  # fmt: skip
        started = time.perf_counter()
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        summary = next(
            (line for line in result.stdout.splitlines() if "created" in line), result.stdout
        )
        print(
            f"run {run}: {seconds:.1f} s, {options.pages / seconds:.1f} pages/s: "
            f"{re.sub(r' Report:.*', '', summary)}"
        )
        if result.returncode:
            print(result.stderr[-3000:])
            break
    server.shutdown()


if __name__ == "__main__":
    main()
