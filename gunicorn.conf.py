"""gunicorn settings for the portal (`make serve`; production: `gunicorn cchc_portal.wsgi`).

gunicorn reads this file from the working directory by itself. Every value can be changed from
the environment: GUNICORN_BIND, WEB_CONCURRENCY (worker processes), GUNICORN_THREADS (threads
per process), GUNICORN_TIMEOUT.
"""

import os
import sys


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the CPUs this process may use (containers)
    except AttributeError:
        return os.cpu_count() or 1


# Where to listen: behind nginx, a loopback address (or a unix socket: "unix:/run/cchc.sock").
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Threaded workers: a process answers several requests at once, so a page-cache hit (about a
# millisecond) is answered by a free thread while others render slow pages — with sync
# workers it queued behind them. core.render_slots caps the uncached renders per process
# (RENDER_SLOTS, 1; RENDER_SLOT_QUEUE, 8, more may wait), so threads beyond slots + queue are
# always free for hits. One process per CPU (Python runs one thread at a time per process)
# plus one for the time renders wait on PostgreSQL. Every thread may keep a database
# connection (CONN_MAX_AGE): PostgreSQL must allow workers × threads per app server.
workers = int(os.environ.get("WEB_CONCURRENCY") or _cpu_count() + 1)
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "12"))
# How long (seconds) a thread may hold Python's interpreter lock while others wait for it.
# Python's 5 ms makes a cache hit, which takes and gives back the lock at each Redis round
# trip, wait up to 5 ms each time behind a thread rendering a page; 1 ms keeps hits quick.
switch_interval = float(os.environ.get("PYTHON_SWITCH_INTERVAL", "0.001"))


def post_fork(server, worker):
    sys.setswitchinterval(switch_interval)


# A request that takes longer than this is killed (and logged): no page should need more.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# nginx keeps connections to gunicorn open briefly between requests.
keepalive = 5
# Workers are replaced after a number of requests, staggered, so memory cannot creep.
max_requests = 2000
max_requests_jitter = 200
# Import Django once in the master: workers share its memory, start faster.
preload_app = True
# No control socket: its default path is per user, so two gunicorns on one machine would clash.
control_socket_disable = True
# Only nginx on this machine may set X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Logs to the standard streams (journald/docker collect them). The access log line: client
# (as nginx saw it, from X-Real-IP), time, request, status, bytes, duration in milliseconds,
# whether the page came from the page cache, referrer and browser.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = (
    '%({x-real-ip}i)s %(h)s %(t)s "%(r)s" %(s)s %(B)s %(M)sms '
    'cache=%({x-page-cache}o)s "%(f)s" "%(a)s"'
)
