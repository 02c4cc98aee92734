"""The article page as its margin fills: 0 and 500 annotations, anonymous and as an editor.

Part of `make bench` (`python -m bench.margin`). Per database, on two fresh databases seeded
by bench/page_data.py (the sample editorial with 0, then 500 annotations, about half of
them with a reply), times GET `/articles/<slug>/` through Django's test client
(bench/page_client.py) for an anonymous reader and for an editor of the Editors group,
who gets the annotate links, the selection script and the edit actions on their own
annotations. The baseline is the same page with no annotation, for the same role, in the
same run: the table gives the server time, its ratio to that baseline, the queries (which
must not grow with the annotations) and the bytes.

A second table, on the 500-annotation database, is the margin's writing
(bench/in_place_client.py): saving a note in place (the htmx POST) against its baseline,
rendering one card (the htmx GET of a card, what the save renders), with their reads
(SELECTs) and writes apart: a save must read no more than rendering one card, plus the
paragraph it is written on.
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
    time_test_client,
)

COUNTS = (0, 500)
# One of the editors bench/page_data.py writes the annotations as.
EDITOR = "bench-editor-1"
ROLES = {"anonymous": None, "editor": EDITOR}
HEADER = ["database", "annotations", "as", "page ms", "p95", "vs 0", "queries", "KB"]


def measure(databases, *, requests: int, warmup: int, seed: int) -> list[dict]:
    """One row per database, count and role."""
    rows = []
    for database in databases:
        if reason := database.unavailable():
            print(f"{database.name}: margin skipped, unreachable ({reason})")
            continue
        for count in COUNTS:
            with seeded_database(database, count, seed) as (url, seeded):
                page_file = OUT / f"margin-{os.getpid()}-{database.name.lower()}.html"
                try:
                    for role, user in ROLES.items():
                        result = time_test_client(
                            database.name,
                            url,
                            seeded["path"],
                            page_file,
                            requests,
                            warmup,
                            user=user,
                        )
                        rows.append(
                            {
                                "database": database.name,
                                "count": count,
                                "role": role,
                                "result": result,
                            }
                        )
                    if count == max(COUNTS):
                        rows.append(
                            {
                                "database": database.name,
                                "count": count,
                                "role": "editor",
                                "in_place": time_in_place(url, seeded["path"], requests, warmup),
                            }
                        )
                finally:
                    page_file.unlink(missing_ok=True)
    return rows


def time_in_place(url: str, path: str, requests: int, warmup: int) -> dict:
    """Saving a note in the margin and rendering one card, in one child process."""
    args = ["-m", "bench.in_place_client", path, "--user", EDITOR]
    args += ["--requests", str(requests), "--warmup", str(warmup)]
    env = environment(url, PAGE_SETTINGS, ALLOWED_HOSTS="127.0.0.1,testserver")
    return read_report(run_child(args, env))


IN_PLACE_HEADER = ["database", "request", "ms", "p95", "queries", "reads", "writes", "KB"]
IN_PLACE_NAMES = {"render": "render one card (GET)", "save": "save a note in place (POST)"}


def in_place_table(rows: list[dict]) -> str:
    lines, problems = [IN_PLACE_HEADER], []
    for row in rows:
        measured = row["in_place"]
        for side in ("render", "save"):
            times, counts = measured["times"][side], measured["counts"][side]
            lines.append(
                [
                    row["database"],
                    IN_PLACE_NAMES[side],
                    _number(statistics.median(times) if times else None, 2),
                    _number(percentile(times, 95), 2),
                    str(counts["queries"]),
                    str(counts["reads"]),
                    str(counts["queries"] - counts["reads"]),
                    _number(counts["bytes"] / 1024, 1),
                ]
            )
        problems += [f"{row['database']} in place: {p}" for p in measured["problems"]]
    return aligned(lines, left=2) + "".join("\n" + p for p in problems)


def aligned(lines: list[list[str]], *, left: int) -> str:
    """A plain-text table: the first `left` columns flush left, the rest flush right."""
    widths = [max(len(cells[i]) for cells in lines) for i in range(len(lines[0]))]
    text = [
        "  ".join(
            cell.ljust(width) if i < left else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        )
        for cells in lines
    ]
    text.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(text)


def margin_table(rows: list[dict]) -> str:
    rows = [row for row in rows if "result" in row]
    baseline = {
        (row["database"], row["role"]): row["result"].page_median
        for row in rows
        if row["count"] == 0
    }
    lines = [HEADER]
    problems = []
    for row in rows:
        result = row["result"]
        base = baseline.get((row["database"], row["role"]))
        ratio = result.page_median / base if base and result.page_median else None
        lines.append(
            [
                row["database"],
                str(row["count"]),
                row["role"],
                _number(result.page_median, 2),
                _number(result.page_p95, 2),
                _number(ratio, 2),
                "-" if result.queries is None else str(result.queries),
                _number(result.page_bytes / 1024 if result.page_bytes else None, 0),
            ]
        )
        problems += [
            f"{row['database']} {row['count']} {row['role']}: {p}" for p in result.problems
        ]
    return "\n".join([aligned(lines, left=3), *problems])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument("--requests", type=int, default=60, help="timed requests per row")
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    databases = databases_chosen(OUT, args.only)
    print(
        f"margin: the article page with {' and '.join(map(str, COUNTS))} annotations,"
        f" anonymous and as an editor; {args.requests} timed requests each (test client)",
        flush=True,
    )
    try:
        collect_static()
    except PageStepFailed as error:
        print(f"margin: collectstatic failed: {error}")
        return
    rows = measure(databases, requests=args.requests, warmup=args.warmup, seed=args.seed)
    print()
    print(margin_table(rows))
    writing = [row for row in rows if "in_place" in row]
    if writing:
        print()
        print(in_place_table(writing))


if __name__ == "__main__":
    main()
