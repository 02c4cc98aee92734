"""Runs one management command in this process and reports its wall time and peak memory.

    DATABASE_URL=... python -m bench.measure import_editorials CORPUS_DIR

This is `manage.py import_editorials CORPUS_DIR` minus the process start: Django is set up
first (untimed, as in the baseline), then `call_command` runs the real command class,
arguments parsed by its own parser, and only that call is timed. Peak memory is this
process's maximum resident set (`ru_maxrss`) after the command, so it includes Python and
Django as loaded for the command, as `manage.py` would hold them. Reports the exit status,
the summary line and the row counts after the run.
"""

import io
import re
import sys
import time

from bench.child import peak_rss_mb, report, setup_django, table_counts

SUMMARY = re.compile(
    r"imported (?P<imported>\d+), updated (?P<updated>\d+), "
    r"unchanged (?P<unchanged>\d+), failed (?P<failed>\d+)"
)


def summary_counts(output: str) -> dict[str, int]:
    """The counts in the command's summary line (empty when it printed none)."""
    matches = list(SUMMARY.finditer(output))
    if not matches:
        return {}
    return {name: int(value) for name, value in matches[-1].groupdict().items()}


def main(argv: list[str]) -> None:
    setup_django()
    from django.core.management import call_command
    from django.core.management.base import CommandError

    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    try:
        call_command(*argv, stdout=out, stderr=err)
        returncode = 0
    except CommandError as error:
        returncode = error.returncode
        err.write(f"{error}\n")
    seconds = time.perf_counter() - start
    output = out.getvalue()
    report(
        {
            "seconds": seconds,
            "peak_mb": peak_rss_mb(),
            "returncode": returncode,
            "summary": summary_counts(output),
            "first_lines": output.splitlines()[:5] + err.getvalue().splitlines()[:5],
            **table_counts(),
        }
    )


if __name__ == "__main__":
    main(sys.argv[1:])
