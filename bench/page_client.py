"""Times the article page through Django's test client, against the bare view of its bytes.

    DATABASE_URL=... DJANGO_SETTINGS_MODULE=bench.page_settings \
        python -m bench.page_client PATH PAGE_FILE [--requests 200] [--warmup 20]

One `django.test.Client` (anonymous, or signed in as `--user`) gets PATH once (saving the
bytes to PAGE_FILE, which bench/bare_urls.py serves), once more inside
`CaptureQueriesContext` (the query count), then `--warmup` requests of each side, untimed,
then `--requests` timed requests of each:
in alternating blocks of BLOCK, the page with the project's URLconf and the bare view under
`override_settings(ROOT_URLCONF="bench.bare_urls")`, so that both sides share the machine's
noise. Switching URLconf clears Django's URL caches, so each block starts with one untimed
request. Only `client.get()` is timed. Reports the times in ms, the query count and the
page's size; a response other than 200 or bytes that differ are reported as problems.
"""

import argparse
import os
import time
from contextlib import nullcontext
from pathlib import Path

from bench.bare_urls import PAGE_FILE_ENV
from bench.child import report, setup_django

BLOCK = 20


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("page_file", type=Path)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--user", help="sign in as this account first (default: anonymous)")
    args = parser.parse_args(argv)

    os.environ[PAGE_FILE_ENV] = str(args.page_file)
    setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    client = Client()
    if args.user:
        from django.contrib.auth import get_user_model

        client.force_login(get_user_model().objects.get(username=args.user))
    first = client.get(args.path)
    if first.status_code != 200:
        report({"problems": [f"test client: page answered {first.status_code}"]})
        return
    page = first.content
    args.page_file.write_bytes(page)
    with CaptureQueriesContext(connection) as captured:
        client.get(args.path)
    # Read now: the next request empties the connection's query log.
    queries = [query["sql"] for query in captured.captured_queries]
    bare_urls = override_settings(ROOT_URLCONF="bench.bare_urls")
    problems = []

    def get(path: str) -> float:
        start = time.perf_counter()
        response = client.get(path)
        elapsed = time.perf_counter() - start
        if response.status_code != 200:
            problems.append(f"test client: {path} answered {response.status_code}")
        elif response.content != page and not args.user:
            # (A signed-in page carries a fresh CSRF token each time: no byte check there.)
            problems.append("test client: the page's bytes changed between requests")
        return elapsed * 1000

    for _ in range(args.warmup):
        get(args.path)
    with bare_urls:
        for _ in range(args.warmup):
            get(args.path)

    times = {"page": [], "bare": []}
    while len(times["page"]) < args.requests:
        size = min(BLOCK, args.requests - len(times["page"]))
        order = ("bare", "page") if len(times["page"]) // BLOCK % 2 else ("page", "bare")
        for side in order:
            with bare_urls if side == "bare" else nullcontext():
                get(args.path)  # the first request after a URLconf switch, untimed
                times[side] += [get(args.path) for _ in range(size)]
    report(
        {
            "page_ms": times["page"],
            "bare_ms": times["bare"],
            "queries": len(queries),
            "sql": [sql[:200] for sql in queries],
            "bytes": len(page),
            "problems": sorted(set(problems))[:5],
        }
    )


if __name__ == "__main__":
    main()
