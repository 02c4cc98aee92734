"""A bench-only URLconf: `/articles/<slug>/` answers with the bytes of a saved page.

The file is named by the environment variable BENCH_PAGE_FILE, read on first use. Served
through the project's middleware (bench/bare_settings.py, or `override_settings(
ROOT_URLCONF="bench.bare_urls")`), it is the baseline of the page benchmark: everything a
request costs except the page's own work (queries, context, templates, Markdown).
"""

import os
from functools import cache
from pathlib import Path

from django.http import HttpResponse
from django.urls import path

PAGE_FILE_ENV = "BENCH_PAGE_FILE"


@cache
def page_bytes() -> bytes:
    return Path(os.environ[PAGE_FILE_ENV]).read_bytes()


def bare_page(request, slug):
    return HttpResponse(page_bytes(), content_type="text/html; charset=utf-8")


urlpatterns = [path("articles/<slug:slug>/", bare_page)]
