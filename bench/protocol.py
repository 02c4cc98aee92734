"""The Web Annotation Protocol: reading an editorial's container of 500 annotations and writing
200 through it with a token, next to the article page and to the service called directly.

Part of `make bench` (`python -m bench.protocol`). Per database, on a fresh database seeded
by bench/page_data.py (the sample editorial with 500 annotations, about half of them with a
reply), one child process (bench/protocol_client.py) times through Django's test client:

- the article page (anonymous): the baseline, the same annotations as HTML;
- the editorial's container with full descriptions, every page followed;
- the container revalidated with `If-None-Match` (304);
- 200 notes POSTed to the container with an editor's API token, against 200 calls of
  `annotation_create` (the service alone) in the same run, alternating.
"""

import argparse
import statistics

from bench.databases import databases_chosen
from bench.margin import aligned
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

ANNOTATIONS = 500
# One of the editors bench/page_data.py writes the annotations as.
EDITOR = "bench-editor-1"
READS = {
    "page": "article page (HTML)",
    "container": "container, all pages (JSON-LD)",
    "revalidate": "container, If-None-Match (304)",
}


def measure(databases, *, requests: int, warmup: int, posts: int, seed: int) -> list[dict]:
    rows = []
    for database in databases:
        if reason := database.unavailable():
            print(f"{database.name}: protocol skipped, unreachable ({reason})")
            continue
        with seeded_database(database, ANNOTATIONS, seed) as (url, seeded):
            args = ["-m", "bench.protocol_client", seeded["path"], "--user", EDITOR]
            args += ["--requests", str(requests), "--warmup", str(warmup)]
            args += ["--posts", str(posts)]
            env = environment(url, PAGE_SETTINGS, ALLOWED_HOSTS="127.0.0.1,testserver")
            try:
                rows.append({"database": database.name, **read_report(run_child(args, env))})
            except PageStepFailed as error:
                print(f"{database.name}: protocol failed: {error}")
    return rows


def reads_table(rows: list[dict]) -> str:
    lines = [["database", "request", "ms", "p95", "vs page", "KB"]]
    for row in rows:
        page = statistics.median(row["read_ms"]["page"])
        for name, label in READS.items():
            times = row["read_ms"][name]
            median = statistics.median(times)
            lines.append(
                [
                    row["database"],
                    label,
                    _number(median, 2),
                    _number(percentile(times, 95), 2),
                    _number(median / page if page else None, 2),
                    _number(row["read_bytes"][name] / 1024, 1),
                ]
            )
    return aligned(lines, left=2)


def writes_table(rows: list[dict]) -> str:
    lines = [["database", "write", "annotations", "seconds", "per second", "vs service"]]
    for row in rows:
        direct = row["per_second"].get("direct")
        for name, label in (("post", "POST with a token"), ("direct", "annotation_create")):
            rate = row["per_second"].get(name)
            lines.append(
                [
                    row["database"],
                    label,
                    str(row["writes"]),
                    _number(row["write_seconds"][name], 2),
                    _number(rate, 1),
                    _number(rate / direct if rate and direct else None, 2),
                ]
            )
    return aligned(lines, left=2)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument("--requests", type=int, default=30, help="timed requests per read")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--posts", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    databases = databases_chosen(OUT, args.only)
    print(
        f"protocol: an editorial's container with {ANNOTATIONS} annotations, {args.requests}"
        f" timed reads each; {args.posts} writes through the protocol and the service",
        flush=True,
    )
    try:
        collect_static()  # the article page, with DEBUG off, needs the manifest
    except PageStepFailed as error:
        print(f"protocol: collectstatic failed: {error}")
        return
    rows = measure(
        databases,
        requests=args.requests,
        warmup=args.warmup,
        posts=args.posts,
        seed=args.seed,
    )
    if not rows:
        return
    print()
    print(reads_table(rows))
    for row in rows:
        print(f"{row['database']}: the container holds {row['items']} annotations and replies")
    print()
    print(writes_table(rows))
    for row in rows:
        for problem in row["problems"]:
            print(f"{row['database']}: {problem}")


if __name__ == "__main__":
    main()
