"""Run bench steps as child processes of the project, each with its own database."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


class StepFailed(Exception):
    """A child process did not finish its step; the message says which and why."""


def child_env(database_url: str) -> dict[str, str]:
    """The environment of a child: the database, and production-like settings (no DEBUG,
    so that Django does not keep every query in memory)."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-" + secrets.token_hex(32)),
        # Served over plain HTTP on this machine: no redirect to HTTPS.
        "SECURE_SSL_REDIRECT": "0",
        "PYTHONUNBUFFERED": "1",
    }


def run_child(args: list[str], database_url: str) -> str:
    """Run `python ARGS` in the project with that database; its standard output."""
    done = subprocess.run(
        [sys.executable, *args],
        cwd=PROJECT,
        env=child_env(database_url),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0 and "BENCH-RESULT" not in done.stdout:
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise StepFailed(f"`{' '.join(args)}` exited {done.returncode}: " + " | ".join(tail))
    return done.stdout
