"""The article page with 200 annotations, cached and uncached, against the bare view.

`python -m bench.page_cache [--only sqlite|postgresql] [--requests 100]`. Per database, on a
fresh migrated database seeded by bench/page_data.py (the sample editorial, 200 annotations,
about half with a reply), times GET `/articles/<slug>/` through Django's test client
(bench/page_cache_client.py): an anonymous reader's cached page, the page made from cached
cards, the page with an empty cache, an editor's page with and without cached cards, and
the bare view of the page's bytes. See bench/README.md.
"""

import argparse
import os
import statistics

from bench.databases import databases_chosen
from bench.page import (
    OUT,
    PAGE_SETTINGS,
    PageStepFailed,
    _number,
    collect_static,
    environment,
    percentile,
    read_report,
    run_child,
    seeded_database,
)
from bench.page_cache_client import SIDES

ANNOTATIONS = 200
# One of the editors bench/page_data.py writes the annotations as.
EDITOR = "bench-editor-1"


def measure(database, *, requests: int, warmup: int, seed: int) -> dict:
    page_file = OUT / f"page-cache-{os.getpid()}-{database.name.lower()}.html"
    with seeded_database(database, ANNOTATIONS, seed) as (url, seeded):
        env = environment(url, PAGE_SETTINGS, ALLOWED_HOSTS="127.0.0.1,testserver")
        args = [
            *("-m", "bench.page_cache_client", seeded["path"], str(page_file)),
            *("--editor", EDITOR, "--requests", str(requests), "--warmup", str(warmup)),
        ]
        try:
            return read_report(run_child(args, env))
        finally:
            page_file.unlink(missing_ok=True)


def table(results: dict[str, dict]) -> str:
    header = ["database", "side", "median ms", "p95 ms", "ratio", "queries"]
    rows = [header]
    for name, measured in results.items():
        bare = statistics.median(measured["times"]["bare"])
        for side in SIDES:
            times = measured["times"][side]
            median = statistics.median(times)
            rows.append(
                [
                    name,
                    side,
                    _number(median, 2),
                    _number(percentile(times, 95), 2),
                    _number(median / bare, 1),
                    str(measured["queries"][side]),
                ]
            )
    widths = [max(len(cells[i]) for cells in rows) for i in range(len(header))]
    lines = [
        "  ".join(
            [cells[0].ljust(widths[0]), cells[1].ljust(widths[1])]
            + [cell.rjust(width) for cell, width in zip(cells[2:], widths[2:], strict=True)]
        )
        for cells in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    lines += [
        f"{name}: {problem}"
        for name, measured in results.items()
        for problem in measured.get("problems", [])
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument("--requests", type=int, default=100, help="timed requests per side")
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    print(
        f"page cache: the article page with {ANNOTATIONS} annotations, cached and uncached;"
        f" {args.requests} timed requests per side (test client)",
        flush=True,
    )
    try:
        collect_static()
    except PageStepFailed as error:
        print(f"page cache: collectstatic failed: {error}")
        return
    results = {}
    for database in databases_chosen(OUT, args.only):
        if reason := database.unavailable():
            print(f"{database.name}: skipped, unreachable ({reason})")
            continue
        try:
            results[database.name] = measure(
                database, requests=args.requests, warmup=args.warmup, seed=args.seed
            )
        except PageStepFailed as error:
            print(f"{database.name}: {error}")
    print()
    print(table(results))


if __name__ == "__main__":
    main()
