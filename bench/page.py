"""The article page with 200 annotations, against a bare view that returns the same bytes.

Part of `make bench` (`python -m bench.run`, or `python -m bench.run --only-page`). Per
database, on a fresh migrated database that holds the sample editorial and its annotations
(bench/page_data.py), times GET `/articles/<slug>/` for an anonymous reader:

- through Django's test client (bench/page_client.py, in a child process);
- through a real server: gunicorn with one sync worker on a loopback port (bench/server.py),
  timed from this process with `http.client`.

The baseline of each is measured in the same run, interleaved with the page: the page's
bytes served by a bare view (bench/bare_urls.py) behind the same settings and middleware.
See bench/README.md.
"""

import os
import secrets
import statistics
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from math import ceil
from pathlib import Path

from bench.bare_urls import PAGE_FILE_ENV
from bench.child import read_report
from bench.server import Fetcher, ServerFailed, gunicorn

PROJECT = Path(__file__).resolve().parent.parent
OUT = PROJECT / "bench" / "out"
PAGE_SETTINGS = "bench.page_settings"
BARE_SETTINGS = "bench.bare_settings"
SECRET_KEY = os.environ.get("SECRET_KEY") or "bench-" + secrets.token_urlsafe(48)


class PageStepFailed(Exception):
    """A step of the page benchmark did not finish; the message says which and why."""


@dataclass
class PageResult:
    """One row of the page table: a database, and how the page was requested."""

    database: str
    via: str
    page_ms: list[float] = field(default_factory=list)
    bare_ms: list[float] = field(default_factory=list)
    queries: int | None = None
    page_bytes: int | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def page_median(self) -> float | None:
        return statistics.median(self.page_ms) if self.page_ms else None

    @property
    def bare_median(self) -> float | None:
        return statistics.median(self.bare_ms) if self.bare_ms else None

    @property
    def ratio(self) -> float | None:
        page, bare = self.page_median, self.bare_median
        return page / bare if page is not None and bare else None

    @property
    def page_p95(self) -> float | None:
        return percentile(self.page_ms, 95)


def percentile(values: list[float], percent: float) -> float | None:
    """The nearest-rank percentile (the smallest value with `percent`% at or below it)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, ceil(len(ordered) * percent / 100) - 1)]


def environment(database_url: str, settings_module: str, **extra: str) -> dict[str, str]:
    """A child's or server's environment: production-like settings (DEBUG off) on `database_url`."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DEBUG": "0",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        # Served over plain HTTP on this machine: no redirect to HTTPS.
        "SECURE_SSL_REDIRECT": "0",
        "PYTHONUNBUFFERED": "1",
        **extra,
    }


def run_child(args: list[str], env: dict[str, str]) -> str:
    """Run `python ARGS` in the project; its standard output."""
    done = subprocess.run(
        [sys.executable, *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise PageStepFailed(f"`{' '.join(args)}` exited {done.returncode}: " + " | ".join(tail))
    return done.stdout


def collect_static() -> None:
    """`collectstatic` into bench/out/static, as a deployment runs it (DEBUG off needs it)."""
    run_child(
        ["manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        environment("sqlite://:memory:", PAGE_SETTINGS),
    )


def time_test_client(
    database: str,
    url: str,
    path: str,
    page_file: Path,
    requests: int,
    warmup: int,
    user: str | None = None,
) -> PageResult:
    """The page and the bare view through `django.test.Client`, in one child process
    (anonymous, or signed in as `user`)."""
    env = environment(url, PAGE_SETTINGS, ALLOWED_HOSTS="127.0.0.1,testserver")
    args = [
        *("-m", "bench.page_client", path, str(page_file)),
        *("--requests", str(requests), "--warmup", str(warmup)),
        *(("--user", user) if user else ()),
    ]
    measured = read_report(run_child(args, env))
    return PageResult(
        database,
        "test client",
        page_ms=measured.get("page_ms", []),
        bare_ms=measured.get("bare_ms", []),
        queries=measured.get("queries"),
        page_bytes=measured.get("bytes"),
        problems=measured.get("problems", []),
    )


def time_server(
    database: str, url: str, path: str, page_file: Path, requests: int, warmup: int
) -> PageResult:
    """The page and the bare view, each from its own gunicorn, requests interleaved."""
    result = PageResult(database, "real server")
    logs = [OUT / f"gunicorn-{os.getpid()}-{side}.log" for side in ("page", "bare")]
    try:
        with ExitStack() as stack:
            page_env = environment(url, PAGE_SETTINGS)
            page_port = stack.enter_context(gunicorn(page_env, logs[0], PROJECT, path))
            page = Fetcher(page_port)
            stack.callback(page.close)
            _, status, page_body = page.get(path)
            if status != 200:
                result.problems.append(f"real server: page answered {status}")
                return result
            page_file.write_bytes(page_body)
            result.page_bytes = len(page_body)

            bare_env = environment(url, BARE_SETTINGS, **{PAGE_FILE_ENV: str(page_file)})
            bare_port = stack.enter_context(gunicorn(bare_env, logs[1], PROJECT, path))
            bare = Fetcher(bare_port)
            stack.callback(bare.close)

            sides = {"page": (page, result.page_ms), "bare": (bare, result.bare_ms)}
            for number in range(warmup + requests):
                for side in ("page", "bare") if number % 2 else ("bare", "page"):
                    fetcher, times = sides[side]
                    ms, status, body = fetcher.get(path)
                    if status != 200 or body != page_body:
                        result.problems.append(
                            f"real server: {side} answered {status}"
                            + ("" if status != 200 else " with other bytes than the page")
                        )
                    if number >= warmup:
                        times.append(ms)
    except ServerFailed as error:
        result.problems.append(f"real server: {error}")
    finally:
        for log in logs:
            log.unlink(missing_ok=True)
    result.problems = sorted(set(result.problems))[:5]
    return result


@contextmanager
def seeded_database(database, annotations: int, seed: int) -> Iterator[tuple[str, dict]]:
    """A fresh migrated database holding the sample editorial and `annotations` annotations
    (bench/page_data.py); yields its URL and what was written. Prints a line about it."""
    with database.fresh(f"page{annotations}") as url:
        migrate = ["manage.py", "migrate", "--noinput", "--verbosity", "0"]
        run_child(migrate, environment(url, PAGE_SETTINGS))
        seeded = read_report(
            run_child(
                ["-m", "bench.page_data", "--annotations", str(annotations), "--seed", str(seed)],
                environment(url, PAGE_SETTINGS),
            )
        )
        print(
            f"{database.name}: {seeded['path']}: {seeded['annotations']} annotations"
            f" ({seeded['quoted']} notes on quotes, {seeded['claims']} claims with"
            f" {seeded['evidence']} evidence links, {seeded['whole']} paragraph notes)"
            f" on {seeded['paragraphs']} paragraphs, {seeded['replies']} replies"
            f" (written in {seeded['seconds']:.1f} s)",
            flush=True,
        )
        yield url, seeded


def bench_page_database(
    database, annotations: int, requests: int, warmup: int, seed: int
) -> list[PageResult]:
    """Seed a fresh database, then time the page through the test client and gunicorn."""
    name = database.name
    page_file = OUT / f"page-{os.getpid()}-{name.lower()}.html"
    with seeded_database(database, annotations, seed) as (url, seeded):
        try:
            client = time_test_client(name, url, seeded["path"], page_file, requests, warmup)
            server = time_server(name, url, seeded["path"], page_file, requests, warmup)
        finally:
            page_file.unlink(missing_ok=True)
    server.queries = client.queries  # the same view; counted once, through the test client
    return [client, server]


def _number(value: float | None, digits: int) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


HEADER = ["database", "via", "page ms", "bare ms", "ratio", "page p95", "queries", "page KB"]


def row(result: PageResult) -> list[str]:
    return [
        result.database,
        result.via,
        _number(result.page_median, 2),
        _number(result.bare_median, 2),
        _number(result.ratio, 1),
        _number(result.page_p95, 2),
        "-" if result.queries is None else str(result.queries),
        _number(result.page_bytes / 1024 if result.page_bytes else None, 0),
    ]


def page_table(results: list[PageResult]) -> str:
    """One aligned plain-text table, then any problems noticed on the way."""
    rows = [HEADER, *(row(result) for result in results)]
    widths = [max(len(cells[i]) for cells in rows) for i in range(len(HEADER))]

    def line(cells: list[str]) -> str:
        left = [cell.ljust(width) for cell, width in zip(cells[:2], widths[:2], strict=True)]
        right = (cell.rjust(width) for cell, width in zip(cells[2:], widths[2:], strict=True))
        return "  ".join([*left, *right])

    lines = [line(HEADER), "  ".join("-" * width for width in widths)]
    lines += [line(cells) for cells in rows[1:]]
    lines += [
        f"{result.database} ({result.via}): {problem}"
        for result in results
        for problem in result.problems
    ]
    return "\n".join(lines)


def run_page_bench(
    databases, *, annotations: int = 200, requests: int = 200, warmup: int = 20, seed: int = 1
) -> list[PageResult]:
    """The page benchmark on each available database; prints progress, then its table."""
    OUT.mkdir(parents=True, exist_ok=True)
    print(
        f"page: the article page with {annotations} annotations, anonymous;"
        f" {requests} timed requests per side after {warmup} warm-up, interleaved with the"
        " bare view",
        flush=True,
    )
    results: list[PageResult] = []
    try:
        collect_static()
    except PageStepFailed as error:
        print(f"page: collectstatic failed: {error}")
        return results
    for database in databases:
        if reason := database.unavailable():
            print(f"{database.name}: page skipped, unreachable ({reason})")
            continue
        print(f"{database.name}: page data, test client, real server ...", flush=True)
        try:
            results += bench_page_database(database, annotations, requests, warmup, seed)
        except PageStepFailed as error:
            results.append(PageResult(database.name, "-", problems=[str(error)]))
    print()
    print(page_table(results))
    return results
