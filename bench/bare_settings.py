"""The page benchmark's settings with the bare URLconf: the same middleware, apps and
templates, only the view behind `/articles/<slug>/` returns fixed bytes (bench/bare_urls.py).
"""

from bench.page_settings import *  # noqa: F403

ROOT_URLCONF = "bench.bare_urls"
