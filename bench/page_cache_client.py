"""Times the article page cached and uncached through Django's test client, against the bare
view of its bytes.

    DATABASE_URL=... DJANGO_SETTINGS_MODULE=bench.page_settings \
        python -m bench.page_cache_client PATH PAGE_FILE --editor USERNAME [--requests 100]

Sides, interleaved in blocks of BLOCK (each block starts with one untimed request):

- `cached`: an anonymous reader, the page from the cache (what a second reader gets);
- `cards warm`: anonymous, the page made afresh from cached cards (the article's version
  dropped before each request, untimed: what the first reader after a write gets);
- `uncached`: anonymous, the cache emptied before each request, untimed (a cold cache);
- `editor`: signed in as USERNAME: never the cached page, cards from the cache;
- `editor uncached`: the same with the cache emptied before each request;
- `bare`: the page's bytes from bench/bare_urls.py, through the same middleware.

Only `client.get()` is timed. Reports the times in ms and the queries of each side.
"""

import argparse
import os
import time
from contextlib import nullcontext
from pathlib import Path

from bench.bare_urls import PAGE_FILE_ENV
from bench.child import report, setup_django

BLOCK = 10
SIDES = ("cached", "cards warm", "uncached", "editor", "editor uncached", "bare")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("page_file", type=Path)
    parser.add_argument("--editor", required=True)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=10)
    args = parser.parse_args(argv)

    os.environ[PAGE_FILE_ENV] = str(args.page_file)
    setup_django()
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from articles.models import Article
    from articles.page_versions import article_scope, versions_bump

    slug = args.path.strip("/").split("/")[-1]
    scope = article_scope(Article.objects.get(slug=slug).pk)
    reader, editor = Client(), Client()
    editor.force_login(get_user_model().objects.get(username=args.editor))
    first = reader.get(args.path)
    if first.status_code != 200:
        report({"problems": [f"page answered {first.status_code}"]})
        return
    page = first.content
    args.page_file.write_bytes(page)
    bare_urls = override_settings(ROOT_URLCONF="bench.bare_urls")
    sides = {
        "cached": (reader, lambda: None),
        "cards warm": (reader, lambda: versions_bump(scope)),
        "uncached": (reader, cache.clear),
        "editor": (editor, lambda: None),
        "editor uncached": (editor, cache.clear),
        "bare": (reader, lambda: None),
    }
    problems, queries = [], {}

    def get(side: str) -> float:
        client, before = sides[side]
        before()
        start = time.perf_counter()
        response = client.get(args.path)
        elapsed = time.perf_counter() - start
        if response.status_code != 200:
            problems.append(f"{side}: answered {response.status_code}")
        elif client is reader and response.content != page:
            problems.append(f"{side}: other bytes than the first anonymous page")
        return elapsed * 1000

    for side in SIDES:
        with bare_urls if side == "bare" else nullcontext():
            for _ in range(args.warmup):
                get(side)
            with CaptureQueriesContext(connection) as captured:
                get(side)
            queries[side] = len(captured.captured_queries)

    times = {side: [] for side in SIDES}
    while len(times["bare"]) < args.requests:
        size = min(BLOCK, args.requests - len(times["bare"]))
        for side in SIDES:
            with bare_urls if side == "bare" else nullcontext():
                get(side)  # the first request after a URLconf switch, untimed
                times[side] += [get(side) for _ in range(size)]
    report(
        {
            "times": times,
            "queries": queries,
            "bytes": len(page),
            "problems": sorted(set(problems))[:5],
        }
    )


if __name__ == "__main__":
    main()
