"""`make bench`: the import and the annotated article page, each against its bare baseline.

    python -m bench.run [--count 10000] [--seed 1] [--only sqlite|postgresql]
                        [--only-page | --skip-page] [--page-requests 200] [--page-warmup 20]

On SQLite and PostgreSQL. Import: writes a corpus to `bench/out/corpus/` (checking that
each file parses as generated), extracts the rows it holds (untimed), then for each
database, on fresh databases, times back to back: the baseline inserting those rows, the
real import of the folder, and the re-import of the same folder. Prints one table.

Page (bench/page.py): the sample editorial with 200 annotations, through the test client
and through gunicorn, each next to a bare view returning the same bytes. Prints a second
table. See bench/README.md.
"""

import argparse
import time
from pathlib import Path

from bench.check import Checker
from bench.child import read_report
from bench.corpus import write_corpus
from bench.databases import databases_chosen
from bench.page import run_page_bench
from bench.processes import StepFailed, run_child
from bench.report import Result, table

PROJECT = Path(__file__).resolve().parent.parent
OUT = PROJECT / "bench" / "out"


def measured(args: list[str], database_url: str) -> dict:
    """Run a measuring child (`bench.measure`, `bench.baseline`, `bench.rows`); its result."""
    return read_report(run_child(["-m", *args], database_url))


def migrate(database_url: str) -> None:
    """Migrate and load the gazetteer, as `make run` does, so the import tags as in use."""
    run_child(["manage.py", "migrate", "--noinput", "--verbosity", "0"], database_url)
    run_child(["manage.py", "load_gazetteer", "--verbosity", "0"], database_url)


def check_import(result: Result, name: str, run: dict, expected: dict[str, int]) -> None:
    """Note in `result` whatever the import run did other than what was expected."""
    if run["returncode"] != 0:
        result.problems.append(f"{name} exited {run['returncode']}: {run['first_lines']}")
    wanted = {"imported": 0, "updated": 0, "unchanged": 0, "failed": 0, **expected}
    if run["summary"] != wanted:
        result.problems.append(f"{name} summary {run['summary'] or 'missing'}, expected {wanted}")


def bench_database(database, corpus: Path, rows_file: Path, rows: dict) -> Result:
    """Baseline, import and re-import on fresh databases of one kind, back to back."""
    result = Result(database.name, rows["articles"])
    with database.fresh("baseline") as baseline_url, database.fresh("import") as import_url:
        migrate(baseline_url)
        migrate(import_url)
        baseline = measured(["bench.baseline", str(rows_file)], baseline_url)
        first = measured(["bench.measure", "import_editorials", str(corpus)], import_url)
        again = measured(["bench.measure", "import_editorials", str(corpus)], import_url)
    result.baseline_seconds = baseline["seconds"]
    result.import_seconds = first["seconds"]
    result.reimport_seconds = again["seconds"]
    result.peak_mb = max(first["peak_mb"], again["peak_mb"])
    check_import(result, "import", first, {"imported": rows["articles"]})
    check_import(result, "re-import", again, {"unchanged": rows["articles"]})
    result.index_seconds = baseline["index_seconds"]
    for kind in ("articles", "paragraphs", "mentions", "search entries", "facet rows"):
        if first[kind] != baseline[kind]:
            result.problems.append(
                f"{kind}: import wrote {first[kind]:,}, baseline {baseline[kind]:,}"
            )
    return result


def prepare(count: int, seed: int) -> tuple[Path, Path, dict]:
    """Write and check the corpus, extract its rows; the corpus, rows file and row counts."""
    corpus, rows_file = OUT / "corpus", OUT / "rows.pickle"
    checker = Checker()
    start = time.perf_counter()
    size = write_corpus(corpus, count, seed, on_file=checker)
    print(
        f"corpus: {count:,} editorials, {size / 1e6:.1f} MB, in {corpus.relative_to(PROJECT)}"
        f" ({time.perf_counter() - start:.1f} s)"
    )
    print(checker.summary())
    rows = measured(["bench.rows", str(corpus), str(rows_file)], "sqlite://:memory:")
    print(f"rows: {rows['articles']:,} articles, {rows['paragraphs']:,} paragraphs")
    for failure in rows["failures"]:
        print(f"  not parsed: {failure}")
    return corpus, rows_file, rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="editorials to generate")
    parser.add_argument("--seed", type=int, default=1, help="seed of the corpus")
    parser.add_argument("--only", choices=["sqlite", "postgresql"], help="one database only")
    part = parser.add_mutually_exclusive_group()
    part.add_argument("--only-page", action="store_true", help="the page benchmark only")
    part.add_argument("--skip-page", action="store_true", help="the import benchmark only")
    parser.add_argument(
        "--page-requests", type=int, default=200, help="timed page requests per side"
    )
    parser.add_argument("--page-warmup", type=int, default=20, help="untimed requests first")
    args = parser.parse_args(argv)

    OUT.mkdir(parents=True, exist_ok=True)
    databases = databases_chosen(OUT, args.only)
    if not args.only_page:
        import_bench(databases, args.count, args.seed)
    if not args.skip_page:
        if not args.only_page:
            print()
        run_page_bench(
            databases, requests=args.page_requests, warmup=args.page_warmup, seed=args.seed
        )


def import_bench(databases, count: int, seed: int) -> None:
    """The import benchmark: corpus, rows, then per database; prints its table."""
    corpus, rows_file, rows = prepare(count, seed)
    results = []
    for database in databases:
        if reason := database.unavailable():
            print(f"{database.name}: skipped, unreachable ({reason})")
            continue
        print(f"{database.name}: baseline, import, re-import ...", flush=True)
        try:
            results.append(bench_database(database, corpus, rows_file, rows))
        except StepFailed as error:
            results.append(Result(database.name, rows["articles"], problems=[str(error)]))
    print()
    print(table(results))


if __name__ == "__main__":
    main()
