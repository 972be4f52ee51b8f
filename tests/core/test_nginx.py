"""nginx in front, for real: Debian's nginx runs deploy/nginx/cchc.conf.template (filled with
this test's ports and folders, as deploy/nginx/render.py fills the production file) in front of
a real gunicorn (gunicorn.conf.py) on a database of its own, and serves static files, uploads
with their security headers, pages from its micro-cache, a stale page while gunicorn is
stopped, and passes the rate limiter's 429 through.

nginx runs as a child process in the foreground (`daemon off`), with its prefix, temporary
folders, pid file and logs in a temporary folder, on free loopback ports.
"""

import concurrent.futures
import http.client
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.conftest import skip_or_fail
from tests.live import BASE_DIR, Answer, fetch, free_port, manage, postgres_server, scratch_database

pytestmark = [pytest.mark.nginx, pytest.mark.postgresql]

DEPLOY = BASE_DIR / "deploy" / "nginx"
# nginx keeps a page without Cache-Control this long; short, so the test can see it go stale.
MICRO_CACHE_SECONDS = 1
# The rate limiter (core.ratelimit) for the 429 check: a burst of two, then one a minute,
# counted per client address, read from X-Forwarded-For because nginx (loopback) is trusted.
RATE_LIMIT_ENV = {
    "TRUSTED_PROXIES": "127.0.0.1",
    "RATE_LIMIT_BURST": "2",
    "RATE_LIMIT_PER_MINUTE": "1",
}
# The portal's Cache-Control max-age, which nginx's micro-cache obeys: short, so that the test
# sees a page go stale; long enough that two requests in a row on a busy machine see a HIT.
PUBLIC_MAX_AGE = 3


def get(base: str, path: str, *, client: int, headers: dict | None = None) -> Answer:
    """GET through nginx from the loopback address 127.0.0.<client>: nginx passes it as the
    visitor's address, so each test is its own client to the rate limiter."""
    port = int(base.rsplit(":", 1)[1])
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=15, source_address=(f"127.0.0.{client}", 0)
    )
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        body = response.read().decode(errors="replace")
        return Answer(response.status, dict(response.getheaders()), body)
    finally:
        connection.close()


def load_render():
    spec = importlib.util.spec_from_file_location("nginx_render", DEPLOY / "render.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def nginx_binary() -> str:
    found = shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx",) if os.access(path, os.X_OK)), None
    )
    if not found:
        skip_or_fail("nginx is not installed (apt-get install nginx)")
    return found


def test_the_committed_configuration_is_the_template_filled_for_production():
    assert (DEPLOY / "cchc.conf").read_text() == load_render().render()


class Gunicorn:
    """The portal under gunicorn.conf.py (one threaded worker) on a fixed loopback port, so it
    can be stopped and started again behind the same nginx."""

    def __init__(self, env: dict[str, str], port: int, log_path: Path):
        self.env, self.port, self.log_path = env, port, log_path
        self.process = None

    def start(self):
        if self.process is not None:
            return
        self.log = open(self.log_path, "a")  # noqa: SIM115  (closed by stop())
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "cchc_portal.wsgi"],
            cwd=BASE_DIR,
            env=self.env | {"GUNICORN_BIND": f"127.0.0.1:{self.port}", "WEB_CONCURRENCY": "1"},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        wait_for(f"http://127.0.0.1:{self.port}/healthz", self.process, self.log_path)

    def stop(self):
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None
        self.log.close()


def wait_for(url: str, process: subprocess.Popen, log_path: Path, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while True:
        assert process.poll() is None, f"{url}: the server stopped:\n{log_path.read_text()}"
        try:
            if fetch(url, timeout=5).status < 500:
                return
        except OSError:
            pass
        assert time.monotonic() < deadline, f"{url}: no answer:\n{log_path.read_text()}"
        time.sleep(0.2)


@pytest.fixture(scope="module")
def stack():
    """nginx on a free port in front of gunicorn; yields (nginx URL, Gunicorn, MEDIA_ROOT,
    STATIC_ROOT)."""
    nginx = nginx_binary()
    folder = Path(tempfile.mkdtemp(prefix="cchc-nginx-"))
    folder.chmod(0o755)  # nginx's workers may run as another user
    static_root, media_root = folder / "static", folder / "media"
    media_root.mkdir()
    host, port, user = postgres_server()
    with scratch_database("cchc_nginx") as name:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "PYTEST_", "DATABASE_", "REDIS_"))
        } | {
            "DJANGO_SETTINGS_MODULE": "cchc_portal.settings",
            "DEBUG": "0",
            "HTTPS": "0",
            "SECRET_KEY": "nginx-test-secret-key-" + "x" * 40,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": f"postgres://{user}@{host}:{port}/{name}",
            "CACHE_DIR": str(folder / "django-cache"),
            "STATIC_ROOT": str(static_root),
            "MEDIA_ROOT": str(media_root),
            "REQUIRE_2FA_FOR_ADMINS": "0",
            "PYTHONUNBUFFERED": "1",
            "PUBLIC_MAX_AGE": str(PUBLIC_MAX_AGE),
            **RATE_LIMIT_ENV,
        }
        manage("migrate", "--no-input", "--verbosity", "0", env=env)
        manage("collectstatic", "--no-input", "--verbosity", "0", env=env)
        app = Gunicorn(env, free_port(), folder / "gunicorn.log")
        nginx_port = free_port()
        site = load_render().render(
            LISTEN=f"127.0.0.1:{nginx_port}",
            SERVER_NAME="127.0.0.1",
            TLS="",
            UPSTREAM=f"127.0.0.1:{app.port}",
            STATIC_ROOT=str(static_root),
            MEDIA_ROOT=str(media_root),
            CACHE_DIR=str(folder / "nginx-cache"),
            MICRO_CACHE=f"{MICRO_CACHE_SECONDS}s",
        )
        (folder / "cchc.conf").write_text(site)
        user_line = "user root root;" if os.geteuid() == 0 else ""
        temp = "\n".join(
            f"    {kind}_temp_path {folder / 'nginx-temp' / kind};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        (folder / "nginx.conf").write_text(
            f"""{user_line}
daemon off;
worker_processes 1;
pid {folder / "nginx.pid"};
error_log {folder / "nginx-error.log"} info;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {folder / "nginx-access.log"};
{temp}
    include {folder / "cchc.conf"};
}}
"""
        )
        (folder / "nginx-temp").mkdir()
        app.start()
        log_path = folder / "nginx-error.log"
        server = subprocess.Popen(
            [nginx, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-e", str(log_path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://127.0.0.1:{nginx_port}"
            wait_for(base + "/healthz", server, log_path)
            yield base, app, media_root, static_root
        finally:
            server.terminate()
            server.wait(timeout=30)
            app.stop()
            shutil.rmtree(folder, ignore_errors=True)


def test_nginx_serves_the_static_files_for_a_year(stack):
    base, _app, _media, static_root = stack
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    stylesheet = manifest["paths"]["css/site.css"]

    answer = get(base, f"/static/{stylesheet}", client=2)
    assert answer.status == 200
    assert answer.headers["Content-Type"] == "text/css"
    assert answer.body == (static_root / stylesheet).read_text()
    # nginx's `expires 1y`: WhiteNoise (gunicorn) would say `max-age=315360000, public, immutable`.
    assert answer.headers["Cache-Control"] == "max-age=31536000"
    assert answer.headers["Server"].startswith("nginx")


def test_nginx_serves_uploads_as_images_or_downloads_never_as_html(stack):
    base, _app, media_root, _static = stack
    (media_root / "anh").mkdir(exist_ok=True)
    (media_root / "anh" / "hoi-nghi.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    (media_root / "anh" / "trang.html").write_text("<script>alert(1)</script>")

    photo = get(base, "/media/anh/hoi-nghi.png", client=3)
    assert photo.status == 200
    assert photo.headers["Content-Type"] == "image/png"
    html = get(base, "/media/anh/trang.html", client=3)
    assert html.status == 200
    assert html.headers["Content-Type"] == "application/octet-stream"
    for answer in (photo, html):
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert answer.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert get(base, "/media/anh/khong-co.png", client=3).status == 404


def test_nginx_keeps_public_pages_in_its_micro_cache_but_not_the_admin(stack):
    base, app, _media, _static = stack
    app.start()
    first = get(base, "/?trang-cache", client=4)
    assert first.status == 200
    assert first.headers["X-Cache"] == "MISS"
    # The portal's own Cache-Control decides how long nginx keeps it.
    assert first.headers["Cache-Control"] == f"public, max-age={PUBLIC_MAX_AGE}"
    second = get(base, "/?trang-cache", client=4)
    assert second.headers["X-Cache"] == "HIT"
    assert second.body == first.body
    # The admin says `Cache-Control: private, no-store` and sets a cookie: never stored.
    for _attempt in range(2):
        admin = get(base, "/quan-tri/login/", client=4)
        assert (admin.status, admin.headers["X-Cache"]) == (200, "MISS")


def test_a_logged_in_visitor_is_never_answered_from_the_micro_cache(stack):
    base, app, _media, _static = stack
    app.start()
    get(base, "/?trang-phien", client=5)
    assert get(base, "/?trang-phien", client=5).headers["X-Cache"] == "HIT"
    with_session = get(
        base, "/?trang-phien", client=5, headers={"Cookie": "csrftoken=a; sessionid=abc"}
    )
    assert with_session.headers["X-Cache"] == "BYPASS"
    # Another cookie is no session: cached (as its own variant: the portal says Vary: Cookie).
    other = {"Cookie": "xsessionid=abc"}
    assert get(base, "/?trang-phien", client=5, headers=other).headers["X-Cache"] == "MISS"
    assert get(base, "/?trang-phien", client=5, headers=other).headers["X-Cache"] == "HIT"


def stale_after(answer: Answer) -> float:
    """Seconds until nginx's copy of `answer` is stale: the portal's max-age (PUBLIC_MAX_AGE),
    or nginx's own micro-cache time for a page that says none."""
    found = re.search(r"max-age=(\d+)", answer.headers.get("Cache-Control", ""))
    seconds = int(found.group(1)) if found else MICRO_CACHE_SECONDS
    assert seconds <= 5, f"PUBLIC_MAX_AGE is not applied: {answer.headers['Cache-Control']!r}"
    return seconds


def test_nginx_answers_a_stale_page_while_gunicorn_is_stopped(stack):
    base, app, _media, _static = stack
    app.start()
    first = get(base, "/?trang-cu", client=6)
    assert (first.status, first.headers["X-Cache"]) == (200, "MISS")
    time.sleep(stale_after(first) + 0.5)
    app.stop()
    try:
        stale = get(base, "/?trang-cu", client=6)
        assert (stale.status, stale.headers["X-Cache"]) == (200, "STALE")
        assert stale.body == first.body
        # A page nginx never had: the visitor gets nginx's 502, nothing better exists.
        assert get(base, "/?trang-chua-co", client=6).status == 502
    finally:
        app.start()
    # Back: the page is fetched again (in the background, then fresh).
    deadline = time.monotonic() + 10
    while get(base, "/?trang-cu", client=6).headers["X-Cache"] not in ("HIT", "EXPIRED"):
        assert time.monotonic() < deadline
        time.sleep(0.2)


def test_the_rate_limiters_429_passes_through_nginx(stack):
    base, app, _media, _static = stack
    app.start()
    answers = []
    for number in range(8):
        path = f"/tim-kiem/?q=a{number}" if number % 2 else f"/khong-co-{number}/"
        answers.append(get(base, path, client=7))
        if answers[-1].status == 429:
            break
    limited = answers[-1]
    assert limited.status == 429, [answer.status for answer in answers]
    assert int(limited.headers["Retry-After"]) > 0
    assert limited.headers["X-Cache"] in ("MISS", "BYPASS", "EXPIRED")


def test_nginx_answers_a_client_flooding_new_query_strings_429_and_its_neighbour_none(stack):
    """nginx's limit per client (limit_req on addresses with a query string): a client asking
    with 8 connections for a new `utm_source` each time — cache hits to the portal, which never
    limits those — is answered 429 by nginx itself for what is beyond the requests allowed to
    wait; another client reading the home page meanwhile gets every page, and a person asking
    for one address after another is never refused."""
    base, app, _media, _static = stack
    app.start()
    assert load_render().DEFAULTS["QUERY_BURST"] == "6"  # a browser's connections
    for number in range(10):  # one at a time, as a person: never refused (at most delayed)
        assert get(base, f"/?utm_source=nguoi-{number}", client=10).status == 200

    def flood(connection_number: int) -> list[Answer]:
        return [
            get(base, f"/?utm_source=lu-{connection_number}-{number}", client=8)
            for number in range(6)
        ]

    with concurrent.futures.ThreadPoolExecutor(max_workers=9) as pool:
        flooding = [pool.submit(flood, number) for number in range(8)]
        reading = pool.submit(lambda: [get(base, "/", client=9) for _ in range(20)])
        flooder = [answer for future in flooding for answer in future.result()]
        reader = reading.result()
    statuses = sorted({answer.status for answer in flooder})
    assert statuses == [200, 429], statuses
    refused = next(answer for answer in flooder if answer.status == 429)
    assert int(refused.headers["Retry-After"]) > 0
    assert "Quá nhiều yêu cầu" in refused.body
    assert "X-Page-Cache" not in refused.headers  # answered by nginx, not the portal
    assert [answer.status for answer in reader] == [200] * len(reader)
    # A plain address is never limited at the edge, even for the flooding client.
    assert get(base, "/", client=8).status == 200
