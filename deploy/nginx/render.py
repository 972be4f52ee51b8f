"""Fill deploy/nginx/cchc.conf.template: `python3 deploy/nginx/render.py [NAME=VALUE ...]`
prints the configuration; with no argument, the production one (deploy/nginx/cchc.conf is
exactly that, a test checks it). Names: see DEFAULTS."""

import re
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "cchc.conf.template"
DEFAULTS = {
    "LISTEN": "443 ssl http2",
    "SERVER_NAME": "cchc.laichau.gov.vn",
    "TLS": (
        "ssl_certificate /etc/letsencrypt/live/cchc.laichau.gov.vn/fullchain.pem;\n"
        "    ssl_certificate_key /etc/letsencrypt/live/cchc.laichau.gov.vn/privkey.pem;"
    ),
    "UPSTREAM": "127.0.0.1:8000",  # gunicorn.conf.py's GUNICORN_BIND
    "STATIC_ROOT": "/srv/cchc/static",  # STATIC_ROOT
    "MEDIA_ROOT": "/srv/cchc/media",  # MEDIA_ROOT
    "CACHE_DIR": "/var/cache/nginx/cchc",
    "SESSION_COOKIE": "sessionid",  # Django's SESSION_COOKIE_NAME
    "MICRO_CACHE": "10s",
    # Page addresses with a query string per client (limit_req): a rate, how many more may
    # wait (a browser's 6 connections), how many of those go at once.
    "QUERY_RATE": "5r/s",
    "QUERY_BURST": "6",
    "QUERY_NODELAY": "3",
}


def render(**values: str) -> str:
    unknown = set(values) - set(DEFAULTS)
    if unknown:
        raise KeyError(f"unknown names: {', '.join(sorted(unknown))}")
    filled = {**DEFAULTS, **values}
    text = re.sub(r"@([A-Z_]+)@", lambda match: filled[match.group(1)], TEMPLATE.read_text())
    # A placeholder left empty (TLS for plain http) leaves no blank indented line.
    return re.sub(r"\n[ \t]+\n", "\n", text)


if __name__ == "__main__":
    if any(arg in ("-h", "--help") for arg in sys.argv[1:]):
        sys.exit(__doc__ + "\n" + "\n".join(f"  {k}={v!r}" for k, v in DEFAULTS.items()))
    sys.stdout.write(render(**dict(arg.split("=", 1) for arg in sys.argv[1:])))
