"""A PostgreSQL restart under load: what readers get while the database goes away and back.

    python -m bench.outage [--seconds 12] [--restart-at 4] [--clients 4]

Not part of `make bench`: it restarts this machine's PostgreSQL server (every connection to
it drops), so run it when nothing else uses the server. On a fresh database with the sample
editorial imported, a gunicorn worker (DEBUG off, as in production) serves the home page,
the editorial and the search page to CLIENTS threads for SECONDS; RESTART_AT seconds in, the
server is restarted with `pg_ctlcluster ... restart`. It prints how many answers had each
status before, during and after the restart, and exits 1 if any answer was a 500 or a 503
came without `Retry-After`.
"""

import argparse
import http.client
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

from bench.databases import PostgreSQL
from bench.page import PAGE_SETTINGS, collect_static, environment
from bench.processes import PROJECT, run_child
from bench.server import HOST, REQUEST_TIMEOUT, gunicorn

OUT = PROJECT / "bench" / "out"
PATHS = ("/", "/articles/{slug}/", "/search/?q=diplomacy")


def restart_postgresql() -> None:
    version = sorted(Path("/etc/postgresql").iterdir())[-1].name
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],
        check=True,
        capture_output=True,
    )


def reader(port: int, paths: list[str], until: float, answers: list, lock) -> None:
    """GET the paths in turn until `until`; record (time, status, Retry-After) per answer."""
    number = 0
    while time.monotonic() < until:
        path = paths[number % len(paths)]
        number += 1
        connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            answer = (time.monotonic(), response.status, response.getheader("Retry-After"))
        except OSError as error:
            answer = (time.monotonic(), type(error).__name__, None)
        finally:
            connection.close()
        with lock:
            answers.append(answer)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=12)
    parser.add_argument("--restart-at", type=float, default=4)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    database = PostgreSQL()
    if reason := database.unavailable():
        print(f"PostgreSQL unavailable: {reason}")
        return 1
    with database.fresh("outage") as url:
        run_child(["manage.py", "migrate", "--noinput", "--verbosity", "0"], url)
        run_child(["manage.py", "import_editorials", "samples/"], url)
        # DEBUG off serves fingerprinted static files, collected as a deployment does (into
        # bench/out/static, as the page benchmark does: not the project's staticfiles/).
        collect_static()
        slug = (
            run_child(
                [
                    "manage.py",
                    "shell",
                    "-c",
                    "from articles.models import Article;print(Article.objects.first().slug)",
                ],
                url,
            )
            .strip()
            .splitlines()[-1]
        )
        paths = [path.format(slug=slug) for path in PATHS]
        env = environment(url, PAGE_SETTINGS)
        with gunicorn(env, OUT / "outage-gunicorn.log", PROJECT, "/") as port:
            answers, lock = [], threading.Lock()
            start = time.monotonic()
            until = start + args.seconds
            threads = [
                threading.Thread(target=reader, args=(port, paths, until, answers, lock))
                for _ in range(args.clients)
            ]
            for thread in threads:
                thread.start()
            time.sleep(args.restart_at)
            restart_began = time.monotonic()
            restart_postgresql()
            restart_ended = time.monotonic()
            for thread in threads:
                thread.join()
    return report(answers, restart_began, restart_ended)


def report(answers: list, began: float, ended: float) -> int:
    phases = {"before": Counter(), "restart": Counter(), "after": Counter()}
    for at, status, _ in answers:
        phase = "before" if at < began else "restart" if at <= ended + 1 else "after"
        phases[phase][status] += 1
    print(f"PostgreSQL restart took {ended - began:.2f} s; answers by status:")
    for phase, counts in phases.items():
        listed = ", ".join(f"{status}: {n}" for status, n in sorted(counts.items(), key=str))
        print(f"  {phase:8} {listed or 'none'}")
    server_errors = sum(1 for _, status, _ in answers if status == 500)
    bare_503 = sum(1 for _, status, retry in answers if status == 503 and not retry)
    print(f"500s: {server_errors}; 503s without Retry-After: {bare_503}")
    return 1 if server_errors or bare_503 else 0


if __name__ == "__main__":
    sys.exit(main())
