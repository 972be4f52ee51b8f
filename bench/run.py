"""Load benchmark: the portal production-like (gunicorn, 2 threaded workers, DEBUG off,
PostgreSQL) under wrk, with the demo plus 1,000 and then 100,000 generated articles.

    make bench                                  # BENCH_SIZES=1000,100000
    BENCH_SIZES=1000 BENCH_DURATION=5 make bench

It (re)creates a dedicated PostgreSQL database (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/cchc_bench), migrates it, loads the demo, generates the
articles, collects the static files into a temporary folder, then for each size and each
page-cache mode (PAGE_CACHE=0, and PAGE_CACHE=1 when core/pagecache.py exists) starts
gunicorn on a free loopback port and runs `wrk --latency` BENCH_RUNS times (default 3) per
page, BENCH_DURATION seconds each (default 5), keeping the median of each figure. It prints
one table — req/s, its ratio to the ceiling (a bare Django view with 30 KB of fixed HTML served
by the same gunicorn, bench-only: bench/urls.py), p50, p99, SQL queries (counted by a
bench-only middleware, bench/middleware.py), HTML bytes — then each gunicorn worker's resident
memory, and writes the same as JSON under bench/results/. Nothing leaves the loopback.

With the page cache on it also measures a reader (2 connections, X-Forwarded-For 192.0.2.10)
loading the cached home page alone, then while one other client (8 connections, 192.0.2.66)
floods the server with a new query string on every request: searches, then the home page
(bench/flood.lua). gunicorn trusts X-Forwarded-For from the loopback (TRUSTED_PROXIES), so the
per-client rate limit sees two clients. BENCH_FLOOD_ONLY=1 measures only these rows and the
ceiling; BENCH_NGINX=1 measures them again through Debian's nginx (deploy/nginx).
"""

import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from importlib.util import find_spec
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "1000,100000").split(",") if size]
DURATION = int(os.environ.get("BENCH_DURATION", "5"))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
# The portal's worker model (gunicorn.conf.py): threaded workers; `sync` for a comparison.
WORKER_CLASS = os.environ.get("BENCH_WORKER_CLASS", "gthread")
WORKER_THREADS = int(os.environ.get("BENCH_WORKER_THREADS", "12"))  # as gunicorn.conf.py
FLOOD_ONLY = os.environ.get("BENCH_FLOOD_ONLY", "") not in ("", "0")
READER_ADDRESS, FLOODER_ADDRESS = "192.0.2.10", "192.0.2.66"  # documentation range (RFC 5737)
FLOODS = {
    # The two floods: new query strings that the page cache now keys canonically (the
    # utm_* parameter is dropped from the key), so they become cache hits…
    "searches": "/tim-kiem/?q=cai+cach&utm_source=<random>",
    "home page": "/?utm_source=<random>",
    # …and a flood of real misses, a new search each time: what the rate limit must stop.
    "new searches": "/tim-kiem/?q=cai+cach+<random>",
}
FLOOD_SCRIPT = Path(__file__).resolve().parent / "flood.lua"
# BENCH_NGINX=1: the flood rows again with both clients going through Debian's nginx and
# deploy/nginx's configuration (micro-cache) in front of the same gunicorn.
NGINX = os.environ.get("BENCH_NGINX", "") not in ("", "0")
TIMEOUT = int(os.environ.get("BENCH_TIMEOUT", "10"))  # wrk drops slower answers from its figures
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cchc_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")
# The site search: `/tim-kiem/?q=…` once the search branch is merged; the news list's own
# search until then. One line to switch.
SEARCH_URL = os.environ.get("BENCH_SEARCH_URL", "/tim-kiem/?q=c%E1%BA%A3i+c%C3%A1ch")  # "cải cách"
PAGE_CACHE_AVAILABLE = None  # found after django.setup()
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable

WORK = Path(tempfile.mkdtemp(prefix="cchc-bench-"))
SERVER_ENV = {
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "DATABASE_URL": DATABASE_URL,
    "DEBUG": "0",
    "SECRET_KEY": "bench-only-" + os.urandom(8).hex(),
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "MEDIA_ROOT": str(WORK / "media"),
    "STATIC_ROOT": str(WORK / "static"),
    "REDIS_URL": REDIS_URL,
    # Persistent database connections, as a production deployment would keep them.
    "CONN_MAX_AGE": "60",
    # Plain http on the loopback (a production server has TLS in front): no redirect to https.
    "HTTPS": "0",
    # wrk plays nginx: the per-client rate limit reads the client from X-Forwarded-For.
    "TRUSTED_PROXIES": "127.0.0.1",
}
os.environ.update(SERVER_ENV)


def main() -> None:
    # `kill PID` stops the run cleanly: servers are stopped and the work folder removed.
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(143))
    wrk = ensure_wrk()
    gunicorn = ensure_gunicorn()
    create_database()
    import django

    django.setup()
    global PAGE_CACHE_AVAILABLE
    PAGE_CACHE_AVAILABLE = find_spec("core.pagecache") is not None
    from django.core.management import call_command

    log(f"work folder {WORK}; database {DATABASE_URL}")
    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    call_command("load_demo", verbosity=0)
    rows, memory, floods = [], [], []
    generated = 0
    for size in SIZES:
        log(f"generating {size - generated:,} articles (total {size:,})")
        started = time.monotonic()
        call_command("generate_articles", size - generated, verbosity=0)
        log(f"  done in {time.monotonic() - started:.0f} s")
        generated = size
        pages = page_urls()
        modes = ("off", "on") if PAGE_CACHE_AVAILABLE else ("off",)
        if FLOOD_ONLY:  # the ceiling (cache off, so that it stays the bare view), the floods
            pages = {label: url for label, url in pages.items() if label.startswith("ceiling")}
        for cache in modes:
            with Server(gunicorn, cache=cache) as server:
                for label, url in pages.items():
                    if cache == "on" and label in CACHE_INDEPENDENT:
                        continue
                    rows.append(
                        measure(wrk, server, label, url, articles=size, cache=cache)
                        | {"articles": size, "cache": cache}
                    )
                if cache == "on":
                    floods.extend(measure_floods(wrk, server, articles=size))
                    if NGINX:
                        with Nginx(server) as nginx:
                            floods.extend(
                                measure_floods(wrk, server, articles=size, base=nginx.base)
                            )
                memory.append({"articles": size, "cache": cache, "workers": server.memory()})
    add_ratios(rows)
    add_flood_ratios(floods, rows)
    report(rows, memory, floods)


CACHE_INDEPENDENT = {"static file", "ceiling (bare Django view, 30 KB)"}


def page_urls() -> dict[str, str]:
    from django.templatetags.static import static

    from indices.models import Unit
    from news.models import Article, Category

    public = Article.objects.published()
    article = (
        public.filter(
            slug="hoi-nghi-truc-tuyen-phan-tich-danh-gia-cac-chi-so-cai-cach-hanh-chinh-nam-2018-cua-tinh"
        ).first()
        or public.filter(images__isnull=False).first()
    )
    category = Category.objects.get(slug="tin-tuc-su-kien")
    in_category = public.in_category(category).count()
    deep = min(4000, max(1, -(-in_category // 20)))
    unit = Unit.objects.order_by("pk").first()
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "news list": "/tin-tuc/",
        "category": category.get_absolute_url(),
        f"category page {deep:,}": f"{category.get_absolute_url()}?page={deep}",
        "search": SEARCH_URL,
        "indices overview": "/chi-so/",
        "index page (PAR INDEX)": "/chi-so/par-index/",
        "ranking 2018": "/chi-so/xep-hang/2018/",
        "unit page": unit.get_absolute_url(),
        "static file": static("css/site.css"),
        "ceiling (bare Django view, 30 KB)": "/__bench__/ceiling/",
    }


class Server:
    """gunicorn with WORKERS workers (WORKER_CLASS, WORKER_THREADS threads each) on a free
    loopback port, in its own process group."""

    def __init__(self, gunicorn: list[str], *, cache: str):
        self.gunicorn, self.cache = gunicorn, cache

    def __enter__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        env = os.environ | {"PAGE_CACHE": "1" if self.cache == "on" else "0"}
        if self.cache == "off":
            # The page rows measure rendering under 16 connections: requests beyond the render
            # slots (core.render_slots) wait for one instead of being answered 503.
            # The per-client rate limit is off there too: wrk is one client asking for thousands
            # of uncached pages, which it would answer with 429s.
            env = (
                {"RENDER_SLOT_QUEUE": "1000", "RENDER_SLOT_WAIT": "600"} | env | {"RATE_LIMIT": "0"}
            )
        if self.cache == "on":
            flush_redis()
        self.process = subprocess.Popen(
            [
                *self.gunicorn,
                "bench.wsgi:application",
                f"--workers={WORKERS}",
                f"--worker-class={WORKER_CLASS}",
                f"--threads={WORKER_THREADS}",
                f"--bind=127.0.0.1:{self.port}",
                "--log-level=warning",
                # gunicorn.conf.py (read from the working folder) logs every request; not here.
                "--access-logfile=/dev/null",
                "--timeout=60",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        self.base = f"http://127.0.0.1:{self.port}"
        for _attempt in range(200):
            try:
                urllib.request.urlopen(self.base + "/__bench__/ceiling/", timeout=2).read()
                break
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.1)
        log(f"gunicorn on {self.base}, page cache {self.cache}")
        return self

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def memory(self) -> list[dict]:
        found = []
        for pid in self.workers():
            status = Path(f"/proc/{pid}/status").read_text()
            rss = int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))
            found.append({"pid": pid, "rss_mb": round(rss / 1024, 1)})
        return found

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


def fetch(url: str) -> dict:
    """One request: status, body size, SQL query count and whether it was a page-cache hit."""
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            body = response.read()
            status, headers = response.status, response.headers
    except urllib.error.HTTPError as error:
        body, status, headers = error.read(), error.code, error.headers
    return {
        "status": status,
        "bytes": len(body),
        "queries": headers.get("X-Bench-Queries"),
        "cache_hit": headers.get("X-Page-Cache") == "hit",
    }


def drain(server: "Server") -> None:
    """Wait until the workers have worked off the requests a slow page left queued."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        started = time.monotonic()
        # A 503 is quick too: the render slots are still taken.
        if fetch(server.base + "/__bench__/ceiling/")["status"] == 200:
            if time.monotonic() - started < 1:
                return
        else:
            time.sleep(0.5)


def measure(wrk: str, server: Server, label: str, url: str, **context) -> dict:
    drain(server)
    first = fetch(server.base + url)
    second = fetch(server.base + url)  # with the cache on, this one is a hit
    status, queries, cache_hit = first["status"], second["queries"], second["cache_hit"]
    runs = [wrk_run(wrk, server.base + url) for _run in range(RUNS)]
    row = {
        "page": label,
        "url": url,
        "status": status,
        "rps": statistics.median(run["rps"] for run in runs),
        "p50_ms": statistics.median(run["p50_ms"] for run in runs),
        "p99_ms": statistics.median(run["p99_ms"] for run in runs),
        "errors": max(run["errors"] for run in runs),
        "timeouts": max(
            int(m.group(1)) if (m := re.search(r"timeout (\d+)", run["socket_errors"])) else 0
            for run in runs
        ),
        "queries": int(queries) if queries is not None else None,
        "bytes": first["bytes"],
        "cache_hit": cache_hit,
        "runs": runs,
    }
    log(
        f"  {context['articles']:>7,} cache {context['cache']:<3} {label:<34} "
        f"{row['rps']:>8.0f} req/s  p50 {row['p50_ms']:.1f} ms  p99 {row['p99_ms']:.1f} ms"
    )
    return row


def wrk_run(wrk: str, url: str) -> dict:
    output = subprocess.run(
        [
            wrk,
            f"-t{THREADS}",
            f"-c{CONNECTIONS}",
            f"-d{DURATION}s",
            f"--timeout={TIMEOUT}s",
            "--latency",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: .*", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": latency_ms(output, "50%"),
        "p99_ms": latency_ms(output, "99%"),
        "errors": int(errors.group(1)) if errors else 0,
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "socket_errors": socket_errors.group(0) if socket_errors else "",
    }


def flood_run(wrk: str, base: str, path: str, address: str, *, connections: int, seconds: float):
    """A wrk process for one client of the flood rows (bench/flood.lua), started at once."""
    return subprocess.Popen(
        [
            wrk,
            "-t1",
            f"-c{connections}",
            f"-d{seconds}s",
            f"--timeout={TIMEOUT}s",
            "--latency",
            "-s",
            str(FLOOD_SCRIPT),
            base,
            "--",
            path,
            address,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )


def flood_result(process: subprocess.Popen) -> dict:
    output, _ = process.communicate(timeout=DURATION * 4 + 120)
    statuses = {int(code): int(n) for code, n in re.findall(r"^status (\d+) (\d+)$", output, re.M)}
    answered = sum(statuses.values())
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": latency_ms(output, "50%") if answered else None,
        "p99_ms": latency_ms(output, "99%") if answered else None,
        "statuses": statuses,
        "answered": answered,
    }


def share(result: dict, status: int) -> float:
    return 100 * result["statuses"].get(status, 0) / result["answered"] if result["answered"] else 0


class Nginx:
    """Debian's nginx with deploy/nginx/cchc.conf.template in front of `server`, in the
    foreground with its own folders under WORK, on a free loopback port. nginx reads each wrk
    client's address from its X-Forwarded-For (set_real_ip_from, as behind a load balancer) and
    passes it on: the reader and the flooder are two clients to nginx's limit per client and to
    the portal's rate limit."""

    def __init__(self, server: Server):
        self.server = server

    def __enter__(self):
        import importlib.util

        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        spec = importlib.util.spec_from_file_location(
            "nginx_render", ROOT / "deploy" / "nginx" / "render.py"
        )
        render = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(render)
        folder = WORK / f"nginx-{self.server.port}"
        (folder / "temp").mkdir(parents=True)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        (folder / "cchc.conf").write_text(
            render.render(
                LISTEN=f"127.0.0.1:{port}",
                SERVER_NAME="127.0.0.1",
                TLS="",
                UPSTREAM=f"127.0.0.1:{self.server.port}",
                STATIC_ROOT=SERVER_ENV["STATIC_ROOT"],
                MEDIA_ROOT=SERVER_ENV["MEDIA_ROOT"],
                CACHE_DIR=str(folder / "cache"),
                # BENCH_NGINX_QUERY_RATE=100000r/s: without the limit per client, for a comparison.
                **{
                    name: os.environ[f"BENCH_NGINX_{name}"]
                    for name in ("QUERY_RATE", "QUERY_BURST", "QUERY_NODELAY")
                    if os.environ.get(f"BENCH_NGINX_{name}")
                },
            )
        )
        temp = "".join(
            f"{kind}_temp_path {folder / 'temp' / kind}; "
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        (folder / "nginx.conf").write_text(
            ("user root root;\n" if os.geteuid() == 0 else "")
            + f"daemon off; worker_processes 1; pid {folder / 'nginx.pid'};\n"
            + f"error_log {folder / 'error.log'};\n"
            + "events { worker_connections 1024; }\n"
            + "http { include /etc/nginx/mime.types; access_log off; "
            # wrk cannot choose its source address: nginx takes each client's from its
            # X-Forwarded-For (as behind a load balancer), so the reader and the flooder are two
            # clients to nginx's limit per client and, through it, to the portal's.
            + "set_real_ip_from 127.0.0.1; real_ip_header X-Forwarded-For; "
            + f"{temp} include {folder / 'cchc.conf'}; }}\n"
        )
        self.process = subprocess.Popen(
            [binary, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-e", "stderr"],
            start_new_session=True,
        )
        self.base = f"http://127.0.0.1:{port}"
        for _attempt in range(100):
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=2).read()
                break
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError("nginx did not start") from None
                time.sleep(0.1)
        log(f"nginx on {self.base} in front of {self.server.base}")
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)


def measure_floods(
    wrk: str, server: Server, *, articles: int, base: str | None = None
) -> list[dict]:
    """The reader's cached home page alone, then during each flood (medians of RUNS runs);
    through `base` (nginx) when given, else straight to gunicorn."""
    found = []
    via = "nginx" if base else "gunicorn"
    base = base or server.base
    fetch(base + "/")  # cached from here on
    scenarios = {"alone": None, **{f"{name} flood": path for name, path in FLOODS.items()}}
    for scenario, flood_path in scenarios.items():
        runs = []
        for _run in range(RUNS):
            drain(server)
            flooder = None
            if flood_path:
                # The flood starts first and outlasts the reader's run.
                flooder = flood_run(
                    wrk,
                    base,
                    flood_path,
                    FLOODER_ADDRESS,
                    connections=8,
                    seconds=DURATION + 2,
                )
                time.sleep(1)
            reader = flood_run(wrk, base, "/", READER_ADDRESS, connections=2, seconds=DURATION)
            run = {"reader": flood_result(reader)}
            if flooder:
                run["flooder"] = flood_result(flooder)
            runs.append(run)
        row = {
            "scenario": scenario,
            "via": via,
            "articles": articles,
            "flood_path": flood_path,
            "rps": statistics.median(run["reader"]["rps"] for run in runs),
            "p50_ms": statistics.median(run["reader"]["p50_ms"] or 0 for run in runs),
            "p99_ms": statistics.median(run["reader"]["p99_ms"] or 0 for run in runs),
            "reader_429_pct": max(share(run["reader"], 429) for run in runs),
            "reader_non_200_pct": max(
                100 - share(run["reader"], 200) if run["reader"]["answered"] else 100
                for run in runs
            ),
            "runs": runs,
        }
        if flood_path:
            row |= {
                "flooder_rps": statistics.median(run["flooder"]["rps"] for run in runs),
                "flooder_429_pct": statistics.median(share(run["flooder"], 429) for run in runs),
                "flooder_503_pct": statistics.median(share(run["flooder"], 503) for run in runs),
            }
        log(
            f"  {articles:>7,} reader ({via}), {scenario:<20} {row['rps']:>8.0f} req/s  "
            f"p50 {row['p50_ms']:.1f} ms  p99 {row['p99_ms']:.1f} ms"
            + (
                f"  flooder {row['flooder_rps']:.0f} req/s, 429 {row['flooder_429_pct']:.0f} %"
                f", 503 {row['flooder_503_pct']:.0f} %"
                if flood_path
                else ""
            )
        )
        found.append(row)
    return found


def latency_ms(output: str, percentile: str) -> float:
    value, unit = re.search(rf"^\s+{percentile}\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def add_ratios(rows: list[dict]) -> None:
    ceilings = {
        (row["articles"], row["cache"]): row["rps"]
        for row in rows
        if row["page"].startswith("ceiling")
    }
    for row in rows:
        ceiling = ceilings.get((row["articles"], row["cache"])) or ceilings.get(
            (row["articles"], "off")
        )
        row["ceiling_pct"] = round(100 * row["rps"] / ceiling, 1) if ceiling else None


def add_flood_ratios(floods: list[dict], rows: list[dict]) -> None:
    ceilings = {row["articles"]: row["rps"] for row in rows if row["page"].startswith("ceiling")}
    alone = {
        (row["articles"], row["via"]): row["rps"] for row in floods if row["scenario"] == "alone"
    }
    for row in floods:
        ceiling, solo = ceilings.get(row["articles"]), alone.get((row["articles"], row["via"]))
        row["ceiling_pct"] = round(100 * row["rps"] / ceiling, 1) if ceiling else None
        row["alone_pct"] = round(100 * row["rps"] / solo, 1) if solo else None


def flood_table(floods: list[dict]) -> list[str]:
    from django.conf import settings  # the server's: the same environment

    lines = [
        "",
        f"The reader's cached home page (2 connections) alone and while one other client floods "
        f"(8 connections, a new query string each request); gunicorn {WORKERS} × {WORKER_CLASS}"
        f" ({WORKER_THREADS} threads), render slots {settings.RENDER_SLOTS} per process, queue "
        f"{settings.RENDER_SLOT_QUEUE}, wait {settings.RENDER_SLOT_WAIT:g} s:",
        "",
        "| reader's home page | articles | req/s | % of alone | % of ceiling | p50 ms | p99 ms "
        "| reader 429 % | flooder req/s | flooder 429 % | flooder 503 % |",
        "|" + "---|" * 11,
    ]
    for row in floods:
        flooder = (
            f"{row['flooder_rps']:,.0f} | {row['flooder_429_pct']:.0f} % "
            f"| {row['flooder_503_pct']:.0f} %"
            if row["flood_path"]
            else "– | – | –"
        )
        lines.append(
            f"| {row['scenario']}{' (via nginx)' if row['via'] == 'nginx' else ''} "
            f"| {row['articles']:,} | {row['rps']:,.0f} | {row['alone_pct']} % "
            f"| {row['ceiling_pct']} % | {row['p50_ms']:.1f} | {row['p99_ms']:.1f} "
            f"| {row['reader_429_pct']:.0f} % | {flooder} |"
        )
    return lines


def report(rows: list[dict], memory: list[dict], floods: list[dict]) -> None:
    header = (
        "| page | articles | cache | req/s | % of ceiling | p50 ms | p99 ms | p99/p50 "
        "| SQL queries | HTML bytes |"
    )
    lines = [header, "|" + "---|" * 10]
    for row in rows:
        ratio = row["p99_ms"] / row["p50_ms"] if row["p50_ms"] else 0
        flags = " ⚠ errors" if row["errors"] or row["status"] != 200 else ""
        flags += f" ⚠ {row['timeouts']} timeouts" if row["timeouts"] else ""
        if row["cache"] == "on" and not row["cache_hit"] and row["page"] not in CACHE_INDEPENDENT:
            flags += " (not a cache hit)"
        lines.append(
            f"| {row['page']}{flags} | {row['articles']:,} | {row['cache']} | {row['rps']:,.0f} "
            f"| {row['ceiling_pct']} % | {row['p50_ms']:.1f} | {row['p99_ms']:.1f} "
            f"| {ratio:.1f} | {row['queries']} | {row['bytes']:,} |"
        )
    if floods:
        lines.extend(flood_table(floods))
    lines.append("")
    lines.append("Worker resident memory after the runs (VmRSS):")
    for entry in memory:
        sizes = ", ".join(f"{worker['rss_mb']} MB" for worker in entry["workers"])
        lines.append(f"- {entry['articles']:,} articles, cache {entry['cache']}: {sizes}")
    if not PAGE_CACHE_AVAILABLE:
        lines.append("")
        lines.append("(No cache-on rows: core/pagecache.py is not on this branch.)")
    lines.append(f"Load average at the end: {' '.join(machine()['load_average'])}")
    table = "\n".join(lines)
    print(table)
    RESULTS.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = RESULTS / f"bench-{stamp}.json"
    path.write_text(
        json.dumps(
            {
                "machine": machine(),
                "settings": {
                    "sizes": SIZES,
                    "duration_s": DURATION,
                    "runs": RUNS,
                    "connections": CONNECTIONS,
                    "threads": THREADS,
                    "workers": WORKERS,
                    "worker_class": WORKER_CLASS,
                    "worker_threads": WORKER_THREADS,
                    # The portal's own defaults apply where these are None.
                    **{
                        name.lower(): os.environ.get(name)
                        for name in (
                            "RENDER_SLOTS",
                            "RENDER_SLOT_QUEUE",
                            "RENDER_SLOT_WAIT",
                            "PYTHON_SWITCH_INTERVAL",
                        )
                    },
                    "flood_only": FLOOD_ONLY,
                    "nginx": NGINX,
                },
                "rows": rows,
                "floods": floods,
                "memory": memory,
                "table": table,
            },
            indent=2,
            ensure_ascii=False,
        )
    )
    log(f"results written to {path.relative_to(ROOT)}")


def machine() -> dict:
    cpu = re.search(r"model name\s+: (.*)", Path("/proc/cpuinfo").read_text())
    memory = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())
    return {
        "cpu": cpu.group(1) if cpu else platform.processor(),
        "cores": os.cpu_count(),
        "memory_gb": round(int(memory.group(1)) / 1024 / 1024, 1) if memory else None,
        "os": platform.platform(),
        "python": platform.python_version(),
        # Other work on the machine skews every figure: the load when the table was written.
        "load_average": Path("/proc/loadavg").read_text().split()[:3],
    }


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    log("wrk is missing: installing the Debian package")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run([*sudo, "apt-get", "install", "-y", "wrk"], check=True)
    return shutil.which("wrk")


def ensure_gunicorn() -> list[str]:
    if find_spec("gunicorn") is None:
        sys.exit("gunicorn is not installed: pip install -r requirements.txt")
    return [PYTHON, "-m", "gunicorn"]


def create_database() -> None:
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    server = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def flush_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
