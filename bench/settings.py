"""Settings for the benchmark's server only (`bench/run.py` sets DJANGO_SETTINGS_MODULE to
this module): the portal's own settings plus two measuring aids that never exist in
production — a query-count response header and a bare "ceiling" view."""

from cchc_portal.settings import *  # noqa: F403
from cchc_portal.settings import MIDDLEWARE

ROOT_URLCONF = "bench.urls"
# Outermost, so that it also sees answers given before any view runs (page-cache hits).
MIDDLEWARE = ["bench.middleware.count_queries", *MIDDLEWARE]
