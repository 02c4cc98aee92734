"""Settings, read from the environment with defaults that suit a laptop.

`DEBUG` is off unless set (`make run` sets it). With `DEBUG` off the archive refuses to start
without a strong `SECRET_KEY`, and turns on HTTPS-only cookies, HSTS and the redirect to HTTPS
(behind a proxy that sets `X-Forwarded-Proto`): see the README's "Serving in production".
"""

import json
import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from editorial_archive.secret_key import DEVELOPMENT_SECRET_KEY, secret_key_problem

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool) -> bool:
    """Read a yes/no environment variable ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    """Read a comma-separated environment variable as a list of non-empty items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_flag("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "") or (DEVELOPMENT_SECRET_KEY if DEBUG else "")
if not DEBUG and (problem := secret_key_problem(SECRET_KEY)):
    # Django would boot and then answer 500 on every page; say why before serving anything.
    raise ImproperlyConfigured(
        f"Set SECRET_KEY to a long random value: with DEBUG off, {problem}. "
        'One way to make one: python -c "import secrets; print(secrets.token_urlsafe(50))"'
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "editorial_archive.admin_site.ArchiveAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "csp",
    "django_htmx",
    "corsheaders",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "taggit",
    "articles",
    "annotations",
    "search",
    "imports",
    "people",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before CommonMiddleware, as django-cors-headers asks, so redirects carry CORS headers too.
    "corsheaders.middleware.CorsMiddleware",
    "editorial_archive.request_checks.RequestChecksMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # `Authorization: Bearer <token>` on /api/ signs a program in (people/token_auth.py).
    "people.token_auth.BearerTokenMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # request.htmx: the annotation views answer a margin form with a fragment, not a page.
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # Under /api/, DEBUG's HTML 404 page answered as the API's JSON 404.
    "editorial_archive.api_errors.ApiNotFoundMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "editorial_archive.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "editorial_archive.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers browse while an import writes; IMMEDIATE avoids lock upgrades failing.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Tests use a database file, not SQLite's shared in-memory database: there, a thread
    # writing (the admin's background import) while the live server reads gets "table is
    # locked" at once, where a file's connections wait for each other as in production.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"editorial_archive_test_{os.getpid()}.sqlite3")
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The planner's default cost of a random page read (4) is a spinning disk's. With the
    # archive in memory or on SSD, a common word's search read the whole index table
    # (40 ms on 10,000 editorials) instead of its entries through the GIN index (15 ms).
    # PG_RANDOM_PAGE_COST= (empty) leaves the server's own setting.
    random_page_cost = os.environ.get("PG_RANDOM_PAGE_COST", "1.1")
    if random_page_cost:
        options = DATABASES["default"].setdefault("OPTIONS", {})
        options["options"] = (
            f"{options.get('options', '')} -c random_page_cost={float(random_page_cost)}".strip()
        )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
# Editorials are dated in Korea Standard Time; pages show KST.
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "imports": {
        "BACKEND": os.environ.get("IMPORT_STORAGE_BACKEND", "imports.storage.HeldUploadStorage"),
        "OPTIONS": json.loads(os.environ.get("IMPORT_STORAGE_OPTIONS", "{}")),
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# One cache per process by default (a laptop needs nothing more); REDIS_URL shares one Redis
# across app servers, so that a page cached or invalidated on one is so on all.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "editorial-archive"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "editorial-archive",
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }

# Background work (imports, sweeps) on Django's Tasks API through the django-tasks backport:
# queued in the database, run by `manage.py db_worker` (`make run` starts one). See the
# README's "Background work" for a Redis-backed queue (django-tasks-rq) on several machines.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "imports"],
    }
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out account or address is refused before its password is tried.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Sign-in throttling (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one account,
# or from one address, sign-in is refused (429) for LOGIN_LOCKOUT_MINUTES. Staff see and lift
# lock-outs in the admin under "Axes".
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "editorial_archive.lockout.lockout_response"
AXES_USERNAME_CALLABLE = "editorial_archive.lockout.login_username"
# Behind N reverse proxies the client's address is the Nth from the right in X-Forwarded-For;
# without TRUSTED_PROXY_COUNT the header is ignored, so that a client cannot forge it.
if trusted_proxies := int(os.environ.get("TRUSTED_PROXY_COUNT", 0)):
    AXES_IPWARE_PROXY_COUNT = trusted_proxies
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)

# No inline script, no eval, nothing from another origin (django-csp). JSON-LD data blocks
# are not scripts and need no exception.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

if not DEBUG:
    # HTTPS only: the archive sits behind a proxy that terminates TLS and says so in
    # X-Forwarded-Proto (the proxy must overwrite any such header a client sends).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", True)
    # A load balancer asks for /healthz over plain HTTP on the private network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31_536_000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_flag("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = env_flag("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_flag("SECURE_COOKIES", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Archive-specific limits.
EDITORIAL_MAX_FILE_BYTES = int(os.environ.get("EDITORIAL_MAX_FILE_BYTES", 1_000_000))
EDITORIAL_MAX_ARCHIVE_BYTES = int(os.environ.get("EDITORIAL_MAX_ARCHIVE_BYTES", 512_000_000))
ARTICLES_PER_PAGE = 20

# Admin bulk import (imports app): what one upload may hold, and how long it is kept. Held
# files go to the `imports` storage: IMPORT_UPLOAD_DIR by default (a folder every app server
# mounts), or any Django storage by IMPORT_STORAGE_BACKEND and IMPORT_STORAGE_OPTIONS (JSON),
# e.g. django-storages' S3 backend; what each holds is recorded in the database.
IMPORT_UPLOAD_DIR = Path(os.environ.get("IMPORT_UPLOAD_DIR", BASE_DIR / "var" / "uploads"))
IMPORT_UPLOAD_TTL_SECONDS = int(os.environ.get("IMPORT_UPLOAD_TTL_SECONDS", 3600))
# The upload of an interrupted or failed batch is kept this long for a resume.
IMPORT_RESUME_TTL_SECONDS = int(os.environ.get("IMPORT_RESUME_TTL_SECONDS", 7 * 24 * 3600))
IMPORT_MAX_FILES = int(os.environ.get("IMPORT_MAX_FILES", 200))
IMPORT_MAX_UPLOAD_BYTES = int(os.environ.get("IMPORT_MAX_UPLOAD_BYTES", 200_000_000))
IMPORT_MAX_EDITORIALS = int(os.environ.get("IMPORT_MAX_EDITORIALS", 5000))
# Admin imports run as tasks: a worker commits this many files at a time, each time with
# their outcomes, and says it is alive every IMPORT_HEARTBEAT_SECONDS; a running batch whose
# worker has been silent for IMPORT_INTERRUPTED_AFTER_SECONDS is marked interrupted.
IMPORT_WRITE_BATCH = int(os.environ.get("IMPORT_WRITE_BATCH", 100))
IMPORT_HEARTBEAT_SECONDS = float(os.environ.get("IMPORT_HEARTBEAT_SECONDS", 10))
IMPORT_INTERRUPTED_AFTER_SECONDS = float(os.environ.get("IMPORT_INTERRUPTED_AFTER_SECONDS", 60))
# Django refuses a request with more files than this before any view runs (400).
DATA_UPLOAD_MAX_NUMBER_FILES = IMPORT_MAX_FILES + 50

# Programs on /api/: personal API tokens (people/token_auth.py) and CORS (django-cors-headers).
# See docs/api-tokens.md. Pages on any origin may read the API and the Atom feeds; only those
# on CORS_ALLOWED_ORIGINS (comma-separated, e.g. "https://notes.example.org") may write, and
# the server refuses a write from any other (editorial_archive/cors.py decides each request).
CORS_URLS_REGEX = r"^/(?:api/|(?:leaders|countries|agenda)/[^/]+/feed/$)"
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", "")
# Programs sign in with a Bearer token, never with the cookies of a reader's browser.
CORS_ALLOW_CREDENTIALS = False
# django-cors-headers' defaults, and the Web Annotation Protocol's conditional requests and
# Prefer.
CORS_ALLOW_HEADERS = (
    "accept",
    "authorization",
    "content-type",
    "user-agent",
    "x-csrftoken",
    "x-requested-with",
    "if-match",
    "if-none-match",
    "prefer",
)
CORS_EXPOSE_HEADERS = (
    "ETag",
    "Link",
    "Location",
    "Content-Location",
    "Allow",
    "Accept-Post",
    "Preference-Applied",
    "Vary",
    "Retry-After",
    "WWW-Authenticate",
)

# The described JSON API (Django REST framework + drf-spectacular): see docs/json-api.md.
REST_FRAMEWORK = {
    # Bearer tokens for programs (people/token_auth.py); the session for a signed-in browser.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "people.token_auth.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    # JSON only: the browsable API needs inline scripts, which the CSP refuses.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Names as written ("Nicolás Maduro"), as the API always answered.
    "UNICODE_JSON": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Editorial Archive API",
    "DESCRIPTION": (
        "Editorials with their paragraphs and entities, search with facets, the leaders, "
        "countries and agenda items they discuss, and their annotations as W3C Web "
        "Annotations (the W3C Web Annotation Protocol). See docs/json-api.md."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/",
    # The docs page's assets from drf-spectacular-sidecar: same origin, as the CSP requires.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No deep links: Swagger UI puts them inside each operation's button (nested controls);
    # no syntax colours: their inline colours are too faint on the dark background.
    "SWAGGER_UI_SETTINGS": {
        "deepLinking": False,
        "defaultModelsExpandDepth": 0,
        "syntaxHighlight": False,
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "editorial_archive.api_schema.add_plain_api_paths",
    ],
}
