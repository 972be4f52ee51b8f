"""Two app servers behind one load balancer: real gunicorn processes sharing PostgreSQL and
Redis. An article published through one appears on both at once; nothing stays stale.

The servers need a database they can see, so this test does not use pytest-django's test
database (it lives in an uncommitted transaction): it creates a database of its own, migrates
it and loads the demo into it, and drops it at the end.
"""

import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.admin_forms import article_form
from tests.conftest import skip_or_fail

pytestmark = [pytest.mark.redis, pytest.mark.postgresql]

BASE_DIR = Path(__file__).resolve().parents[2]
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres"
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
TITLE = "Công bố kết quả chỉ số cải cách hành chính qua hai máy chủ"
PASSWORD = "mat-khau-hai-may-chu-2019"
# The load balancer passes the site's name to every server.
HOST = "cchc.example"


def server_url() -> str:
    """The PostgreSQL server: the one DATABASE_URL names when it is PostgreSQL."""
    configured = os.environ.get("DATABASE_URL", "")
    if configured.startswith(("postgres://", "postgresql://")):
        return configured.rsplit("/", 1)[0] + "/postgres"
    return POSTGRES_URL


@pytest.fixture
def database():
    """A database of this test's own, dropped afterwards; its URL."""
    psycopg = pytest.importorskip("psycopg")
    maintenance = server_url()
    name = f"cchc_twoservers_{uuid.uuid4().hex[:12]}"
    try:
        connection = psycopg.connect(maintenance, autocommit=True, connect_timeout=3)
    except psycopg.Error as error:
        skip_or_fail(f"PostgreSQL is not reachable at {maintenance}: {error}")
    with connection:
        connection.execute(f'CREATE DATABASE "{name}"')
        try:
            yield maintenance.rsplit("/", 1)[0] + f"/{name}"
        finally:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def redis_prefix():
    """A key prefix of this test's own in the shared Redis, emptied afterwards."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
    try:
        client.ping()
    except redis.exceptions.RedisError as error:
        skip_or_fail(f"Redis is not reachable at {REDIS_URL}: {error}")
    prefix = f"cchc-twoservers-{uuid.uuid4().hex}"
    try:
        yield prefix
    finally:
        for key in client.scan_iter(match=f"{prefix}:*"):
            client.delete(key)
        client.close()


@pytest.fixture
def site(database, redis_prefix):
    """The environment of a production deployment: DEBUG off, the shared database and cache."""
    folder = Path(tempfile.mkdtemp(prefix="cchc-twoservers-"))
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cchc_portal.settings",
        "DEBUG": "0",
        "SECRET_KEY": "two-servers-test-secret-key-not-for-production",
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": database,
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": redis_prefix,
        "HTTPS": "0",  # plain http on loopback: no redirect, HSTS or HTTPS-only cookies
        "REQUIRE_2FA_FOR_ADMINS": "0",
        "MEDIA_ROOT": str(folder / "media"),
        "STATIC_ROOT": str(folder / "static"),
        "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
        "PAGE_CACHE": "1",
        "WEB_CONCURRENCY": "1",
    }
    for command in (
        ["collectstatic", "--no-input", "--verbosity", "0"],
        ["migrate", "--no-input", "--verbosity", "0"],
        ["load_demo"],
        ["createsuperuser", "--no-input", "--username", "chief", "--email", "c@example.com"],
    ):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=BASE_DIR,
            env=environment,
            check=True,
            capture_output=True,
            timeout=300,
        )
    try:
        yield environment
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class Server:
    """One gunicorn, on a loopback socket bound here (port 0: the system picks a free one)."""

    def __init__(self, environment):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(64)
        self.socket.set_inheritable(True)
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"
        self.log = tempfile.TemporaryFile()  # noqa: SIM115  (closed by stop())
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--config",
                "gunicorn.conf.py",
                "--bind",
                f"fd://{self.socket.fileno()}",
                "cchc_portal.wsgi",
            ],
            cwd=BASE_DIR,
            env=environment,
            pass_fds=[self.socket.fileno()],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait_until_ready(self, seconds=90):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                request = urllib.request.Request(self.url + "/robots.txt", headers={"Host": HOST})
                with urllib.request.urlopen(request, timeout=5):
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.5)
        self.log.seek(0)
        pytest.fail(f"gunicorn did not start at {self.url}:\n{self.log.read().decode()[-3000:]}")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.socket.close()
        self.log.close()


@pytest.fixture
def servers(site):
    started = [Server(site), Server(site)]
    try:
        for server in started:
            server.wait_until_ready()
        yield started
    finally:
        for server in started:
            server.stop()


def get(url, opener=None):
    """(status, X-Page-Cache, HTML) of a GET, as the load balancer forwards it."""
    opener = opener or urllib.request.build_opener()
    with opener.open(urllib.request.Request(url, headers={"Host": HOST}), timeout=30) as response:
        return response.status, response.headers.get("X-Page-Cache"), response.read().decode()


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def post(opener, url, data):
    page = get(url, opener)[2]
    body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": csrf_token(page)}).encode()
    request = urllib.request.Request(url, data=body, headers={"Host": HOST})
    with opener.open(request, timeout=60) as response:
        return response.status, response.geturl(), response.read().decode()


def test_published_on_one_server_appears_on_both_at_once(servers):
    a, b = servers
    # B has the home page cached, and A reads the same cache.
    status, _, home = get(b.url + "/")
    assert status == 200
    assert TITLE not in home
    assert get(b.url + "/")[1] == "hit"
    assert get(a.url + "/")[1] == "hit"

    # A publisher signs in on A and publishes a new article there.
    staff = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    _, landed, _ = post(
        staff,
        a.url + "/quan-tri/login/",
        {"username": "chief", "password": PASSWORD, "next": "/quan-tri/"},
    )
    assert not landed.endswith("/login/"), "the login failed"
    add_form = get(a.url + "/quan-tri/news/article/add/", staff)[2]
    category = SimpleNamespace(pk=re.search(r'<option value="(\d+)"', add_form).group(1))
    _, landed, _ = post(
        staff,
        a.url + "/quan-tri/news/article/add/",
        {**article_form(category, title=TITLE), "_publish": "1"},
    )
    assert "/add/" not in landed, "the article was not saved"

    # Both servers show it at once: B's cached home was dropped, not served stale.
    status, cache_state, home = get(b.url + "/")
    assert (status, cache_state) == (200, "miss")
    assert TITLE in home
    assert TITLE in get(a.url + "/")[2]
    assert get(b.url + "/")[1] == "hit"

    # The staff session lives in the shared database: B knows the publisher too.
    status, cache_state, admin_home = get(b.url + "/quan-tri/", staff)
    assert status == 200
    assert cache_state is None
    assert "chief" in admin_home
