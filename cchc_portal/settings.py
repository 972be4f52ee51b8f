"""Settings for the CCHC portal.

Everything that differs between machines is read from the environment (or from a `.env` file
beside `manage.py`); `.env.example` lists every variable. Development defaults are safe: with
`DEBUG` off the portal refuses to start without a real `SECRET_KEY` and `ALLOWED_HOSTS`.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from import_export.formats.base_formats import CSV, XLSX

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY in the environment (see .env.example).")
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS in the environment (see .env.example).")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_ckeditor_5",
    "csp",
    "import_export",
    "reversion",
    "accounts.apps.AxesConfig",  # django-axes, named in Vietnamese in the admin
    "django_otp",
    "accounts.apps.TOTPConfig",  # django_otp.plugins.otp_totp, likewise
    "core",
    "news",
    "indices",
    "documents",
    "participation",
    "topics",
    "organisation",
    "search",
    "audit",
    "accounts",
    "dashboard",
    "importer",
]

MIDDLEWARE = [
    # First: answers /healthz before the host check, the HTTPS redirect and the session.
    "core.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # An unreachable database answers a friendly 503 page (its process_exception).
    "core.middleware.DatabaseOutageMiddleware",
    # Before anything reads the request's body: refuses one over MAX_REQUEST_BODY_BYTES (413).
    "core.request_size.RequestBodySizeMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Middleware that must see every request, page-cache hits included, goes here, above the
    # page cache: the view counter counts article reads in the cache.
    "news.middleware.ArticleViewCountMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Old portal addresses (/Default.aspx?tabid=…&ID=…) answer 301 to the imported articles:
    # looked up only on a 404, a found one remembered and then answered here, above the page
    # cache and the rate limit, so that crawlers following old links spend no budget.
    "importer.middleware.OldAddressRedirectMiddleware",
    # Answers anonymous visitors from the cache; after SessionMiddleware (a session cookie may
    # hold a login), before the rest (a hit skips them; the cached page keeps their headers).
    "core.pagecache.PageCacheMiddleware",
    # Right below the page cache, so that only the requests it could not answer spend the
    # client's budget (searches, filters, deep pages, 404s): a 429 before any view or query.
    "core.ratelimit.RateLimitMiddleware",
    # Below the page cache, so only misses reach it, and the rate limit (a refused client never
    # waits for a slot): caps the pages a process renders at once, so that cache hits always
    # find a free thread (core.render_slots).
    "core.render_slots.RenderSlotsMiddleware",
    # Below the rate limit (a refused request never reaches the database): anonymous requests
    # run with PostgreSQL's statement_timeout; a query past it answers a friendly 503.
    "core.querytimeout.StatementTimeoutMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cchc_portal.urls"
WSGI_APPLICATION = "cchc_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site_settings",
                "news.context_processors.menu_categories",
            ],
        },
    },
]

# Database: PostgreSQL in production and CI, an embedded SQLite file by default.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
# A kept connection that broke (the database restarted) is replaced before a request uses it.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable database server fails a request after a few seconds, not minutes.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5)
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis, shared by every worker and every app server, when REDIS_URL is set. Without it,
# per-process memory in development (one runserver process); in production a folder of files
# that every worker of the machine shares — a per-process memory cache behind several gunicorn
# workers would keep pages and settings that a change in another worker cannot clear.
REDIS_URL = env.str("REDIS_URL", default="")
CACHE_KEY_PREFIX = env.str("CACHE_KEY_PREFIX", default="cchc")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis backend, reusing its redis-py client (core/cache.py says why).
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }
elif DEBUG:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env.path("CACHE_DIR", default=BASE_DIR / "var" / "cache"),
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# Anonymous page cache (core.pagecache): whole public pages, dropped exactly when content
# changes. PAGE_CACHE_SECONDS bounds only how long an unread page occupies the cache.
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE", default=True)
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
PAGE_CACHE_EXCLUDED_PATHS = ["/quan-tri/"]
# After a change, while one request renders a page's new version, the others are given the
# previous version's copy — for at most this many seconds after the change (0: never).
PAGE_CACHE_STALE_SECONDS = env.int("PAGE_CACHE_STALE_SECONDS", default=10)
# Browsers and proxies may keep an anonymous public page this long (Cache-Control: public,
# max-age); a change shows to a visitor who already has the page at most this late.
PUBLIC_MAX_AGE = env.int("PUBLIC_MAX_AGE", default=60)

# Budget per client for the work the page cache cannot spare (core.ratelimit): a bucket of
# RATE_LIMIT_BURST requests refilled at RATE_LIMIT_PER_MINUTE, spent only by anonymous requests
# that miss the cache. The client is REMOTE_ADDR, or X-Forwarded-For when REMOTE_ADDR is one of
# TRUSTED_PROXIES (addresses or networks: the nginx in front, `127.0.0.1`). RATE_LIMIT=0: off.
RATE_LIMIT_ENABLED = env.bool("RATE_LIMIT", default=True)
RATE_LIMIT_BURST = env.int("RATE_LIMIT_BURST", default=40)
RATE_LIMIT_PER_MINUTE = env.float("RATE_LIMIT_PER_MINUTE", default=120)
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
# A ceiling on each query of an anonymous public request on PostgreSQL (core.querytimeout), in
# milliseconds; 0: none. Staff, the admin and management commands are never limited.
STATEMENT_TIMEOUT_MS = env.int("STATEMENT_TIMEOUT_MS", default=3000)

# Uncached pages rendered at once per server process (core.render_slots; 0: no cap), and how
# many more may wait, how long, for a slot; beyond that, 503 with Retry-After. gunicorn's
# threads per process (GUNICORN_THREADS) must exceed slots + queue, so hits find a thread.
RENDER_SLOTS = env.int("RENDER_SLOTS", default=1)
RENDER_SLOT_QUEUE = env.int("RENDER_SLOT_QUEUE", default=8)
RENDER_SLOT_WAIT = env.float("RENDER_SLOT_WAIT", default=10.0)
RENDER_SLOT_RETRY_AFTER = env.int("RENDER_SLOT_RETRY_AFTER", default=5)

# "Tin đọc nhiều": article reads are counted in the cache and written to the database in
# batches: when this many are buffered, or when the oldest buffered read is this old
# (news.viewcounts; `manage.py flush_view_counts` writes them at any time).
VIEW_COUNT_FLUSH_VIEWS = env.int("VIEW_COUNT_FLUSH_VIEWS", default=200)
VIEW_COUNT_FLUSH_SECONDS = env.int("VIEW_COUNT_FLUSH_SECONDS", default=300)

# Search at scale (core.search): a search ranks only its best SEARCH_RANKED_RESULTS matches
# (by tier, then newer first) and lists no further; it counts its matches exactly up to
# SEARCH_EXACT_COUNT_UP_TO and beyond that shows PostgreSQL's estimate ("khoảng 98.000"). A
# word found in nearly every article then costs what a rare one does.
SEARCH_RANKED_RESULTS = env.int("SEARCH_RANKED_RESULTS", default=1000)
SEARCH_EXACT_COUNT_UP_TO = env.int("SEARCH_EXACT_COUNT_UP_TO", default=1000)

# Staff accounts. django-axes checks every login first: after 5 failed attempts for one username
# from one address, that pair is refused for 15 minutes (the lockouts are listed in the admin).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
# And one address is locked after this many failures over any usernames (a scripted attack over
# many usernames); higher, as a whole office may share one address (accounts.security).
AXES_HANDLER = "accounts.security.AddressLimitHandler"
AXES_ADDRESS_FAILURE_LIMIT = env.int("LOGIN_FAILURES_PER_ADDRESS", default=30)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The 15 minutes count from the lockout; attempts made while locked out do not extend it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
LOGIN_URL = "admin:login"
# Two-factor authentication (TOTP, django-otp): any staff member may turn it on; when this is on,
# site administrators (and superusers) cannot use the admin until they have.
REQUIRE_2FA_FOR_ADMINS = env.bool("REQUIRE_2FA_FOR_ADMINS", default=not DEBUG)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="CCHC Lai Châu")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language and time: Vietnamese, Vietnam's time zone, aware datetimes everywhere.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates typed in forms are read day first (cchc_portal/formats/vi/formats.py).
FORMAT_MODULE_PATH = ["cchc_portal.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Uploaded files: a local folder by default; S3-compatible object storage (django-storages)
# when AWS_STORAGE_BUCKET_NAME is set, so that several app servers share them.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
MEDIA_ORIGINS = []  # where pages load media from, besides the portal itself (for the CSP)
if AWS_STORAGE_BUCKET_NAME:
    MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
            "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None,
            "location": env.str("AWS_LOCATION", default="media"),
            # Public photos: plain addresses (no signed, expiring query strings, which would
            # also make every cached page differ), never overwriting a file of the same name.
            "querystring_auth": env.bool("AWS_QUERYSTRING_AUTH", default=False),
            "file_overwrite": False,
            "default_acl": env.str("AWS_DEFAULT_ACL", default="") or None,
        },
    }
    _media_host = (
        env.str("AWS_S3_CUSTOM_DOMAIN", default="")
        or env.str("AWS_S3_ENDPOINT_URL", default="")
        or f"{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"
    )
    MEDIA_ORIGINS = [_media_host if "://" in _media_host else f"https://{_media_host}"]
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded images may be up to 10 MB (checked in core.images). The web server in front caps
# request bodies (nginx `client_max_body_size 12m`); Django holds the same cap by itself
# (core.request_size answers 413 above MAX_REQUEST_BODY_BYTES before reading the body).
# DATA_UPLOAD_MAX_MEMORY_SIZE caps the non-file part of a request (400 above it); uploaded
# files above FILE_UPLOAD_MAX_MEMORY_SIZE are spooled to a temporary file, not kept in memory.
IMAGE_UPLOAD_MAX_BYTES = 10 * 1024 * 1024
MAX_REQUEST_BODY_BYTES = env.int("MAX_REQUEST_BODY_BYTES", default=12 * 1024 * 1024)
# Legal documents and article attachments (PDF, Word, Excel, OpenDocument), in megabytes.
DOCUMENT_UPLOAD_MAX_BYTES = env.int("DOCUMENT_UPLOAD_MAX_MB", default=10) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644

# Security headers, sent on every page.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Content Security Policy for the public site: everything from the portal itself, no script
# but our own files (there are none inline), no framing. Inline styles are allowed only for the
# 500 page, which must not depend on static files. The admin (Django's and CKEditor's inline
# code) is left out.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/quan-tri/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", *MEDIA_ORIGINS],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# HTTPS: on by default whenever DEBUG is off — the redirect to https://, secure cookies and HSTS
# for a year (subdomains included). `HTTPS=0` turns all of them off at once, for a local
# production-like run over plain http; each one can also be set on its own. HSTS preload is
# sent only when SECURE_HSTS_PRELOAD is set: once a domain is on the browsers' preload list it
# cannot easily leave it, so that is a decision for the domain's owner, not a default.
HTTPS = env.bool("HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=HTTPS)
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# `check --deploy` warns that preload is off (security.W021): that is the choice made above.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
# Load balancers probe the health check over plain http (it is answered before the redirect and
# before the host check anyway: core.health.HealthCheckMiddleware).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
BEHIND_HTTPS_PROXY = env.bool("BEHIND_HTTPS_PROXY", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_HTTPS_PROXY else None
# Behind the proxy every request comes from the proxy's address: the login lockout then counts
# failures by the visitor's address that the proxy writes in X-Real-IP (nginx:
# `proxy_set_header X-Real-IP $remote_addr;`), or it would lock a username out for everyone.
AXES_CLIENT_IP_CALLABLE = "accounts.security.client_ip_address" if BEHIND_HTTPS_PROXY else None
# Uploaded files are served by the web server in production (README: the nginx lines) and by
# core.views.serve_media in development, never as HTML.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)

# Mail: in development printed to the console; in production sent through EMAIL_URL
# (smtp+tls://user:pw@host:587), by default the machine's own mail server, never the log.
vars().update(
    env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
)
# Citizens' submissions (participation): attachments kept outside MEDIA_ROOT (never served by
# the web server), their size cap, the working days to answer feedback, how long personal data
# of closed submissions is kept (then `manage.py purge_personal_data` blanks it), and who is told
# of a new submission besides the staff holding the handling permission.
# The portal's public address, for links in emails sent outside a request.
SITE_URL = env.str("SITE_URL", default="http://localhost:8000").rstrip("/")
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private_media")
PARTICIPATION_ATTACHMENT_MAX_BYTES = (
    env.int("PARTICIPATION_ATTACHMENT_MAX_MB", default=5) * 1024 * 1024
)
PARTICIPATION_TEXT_MAX_CHARS = 5000
PARTICIPATION_FEEDBACK_WORKING_DAYS = env.int("PARTICIPATION_FEEDBACK_WORKING_DAYS", default=10)
PARTICIPATION_DUE_SOON_DAYS = 3
PARTICIPATION_RETENTION_DAYS = env.int("PARTICIPATION_RETENTION_DAYS", default=365)
PARTICIPATION_SPAM_RETENTION_DAYS = env.int("PARTICIPATION_SPAM_RETENTION_DAYS", default=30)
# A form filled faster than this is a script's (kept as spam).
PARTICIPATION_MIN_FILL_SECONDS = env.int("PARTICIPATION_MIN_FILL_SECONDS", default=5)
# Posts per client: a burst, then so many a minute (core.ratelimit; 429 past it).
PARTICIPATION_POST_BURST = env.int("PARTICIPATION_POST_BURST", default=5)
PARTICIPATION_POSTS_PER_MINUTE = env.float("PARTICIPATION_POSTS_PER_MINUTE", default=1)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="cchc@laichau.gov.vn")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# Rich text: CKEditor 5 (django-ckeditor-5). The toolbar below is the whole set of formatting the
# server-side sanitizer (core.sanitizer) keeps; change both together.
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "core:editor-image-upload"
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "png", "webp", "gif"]
CKEDITOR_5_CONFIGS = {
    "default": {
        "language": "vi",
        "toolbar": {
            "items": [
                "heading",
                "|",
                "bold",
                "italic",
                "underline",
                "link",
                "|",
                "bulletedList",
                "numberedList",
                "blockQuote",
                "insertTable",
                "imageUpload",
                "|",
                "undo",
                "redo",
            ],
            "shouldNotGroupWhenFull": False,
        },
        # Lazy titles: the widget writes this config with json_script (DjangoJSONEncoder), which
        # translates them at render time.
        "heading": {
            "options": [
                {"model": "paragraph", "title": _("Paragraph"), "class": "ck-heading_paragraph"},
                {
                    "model": "heading2",
                    "view": "h2",
                    "title": _("Heading 2"),
                    "class": "ck-heading_heading2",
                    # Word's and Google Docs' "Heading 1" (the page's title is the only h1).
                    "upcastAlso": ["h1"],
                },
                {
                    "model": "heading3",
                    "view": "h3",
                    "title": _("Heading 3"),
                    "class": "ck-heading_heading3",
                },
                {
                    "model": "heading4",
                    "view": "h4",
                    "title": _("Heading 4"),
                    "class": "ck-heading_heading4",
                    "upcastAlso": ["h5", "h6"],
                },
            ]
        },
        "image": {"toolbar": ["imageTextAlternative", "toggleImageCaption"]},
        "table": {"contentToolbar": ["tableColumn", "tableRow", "mergeTableCells"]},
        "link": {"defaultProtocol": "https://"},
    }
}

# Spreadsheet import and export of index results (django-import-export). An import runs in one
# transaction: a file with any bad row writes nothing. Importing needs the model's "add" and
# "change" rights (indices.admin checks both), exporting its "view" right.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_FORMATS = [CSV, XLSX]
# A cell starting with = + - @ would run as a formula when the export is opened in a spreadsheet.
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True
