"""A real server for the page benchmark: gunicorn on a free loopback port, always stopped.

    with gunicorn(env, log) as port: ...

Starts `python -m gunicorn editorial_archive.wsgi -w 1 -b 127.0.0.1:PORT` (the production
worker class, sync) in its own process group, waits until it answers HTTP, and on leaving
the block stops it: SIGTERM to the master, then SIGKILL to its group if it has not exited
within STOP_SECONDS. `Fetcher` times GET requests over one `http.client` connection: it
asks for keep-alive, and reconnects when the server closes (gunicorn's sync workers close
every connection after the response).
"""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HOST = "127.0.0.1"
START_SECONDS = 60
STOP_SECONDS = 10
REQUEST_TIMEOUT = 60


class ServerFailed(Exception):
    """gunicorn did not start or did not answer; the message has the end of its log."""


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def log_tail(log: Path, lines: int = 5) -> str:
    try:
        text = log.read_text(errors="replace").strip().splitlines()
    except OSError:
        return ""
    return " | ".join(text[-lines:])


@contextmanager
def gunicorn(env: dict[str, str], log: Path, cwd: Path, probe_path: str) -> Iterator[int]:
    """A one-worker gunicorn serving the project with `env`; yields its port."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "editorial_archive.wsgi",
        "--workers",
        "1",
        "--bind",
        f"{HOST}:{port}",
        "--log-level",
        "warning",
        "--timeout",
        str(REQUEST_TIMEOUT),
    ]
    with log.open("wb") as output:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_until_answering(process, port, probe_path, log)
        yield port
    finally:
        stop(process)


def wait_until_answering(process: subprocess.Popen, port: int, path: str, log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerFailed(f"gunicorn exited {process.returncode}: {log_tail(log)}")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
            try:
                connection.request("GET", path)
                connection.getresponse().read()
                return
            finally:
                connection.close()
        except OSError:
            time.sleep(0.1)
    raise ServerFailed(f"gunicorn did not answer within {START_SECONDS} s: {log_tail(log)}")


def stop(process: subprocess.Popen) -> None:
    """SIGTERM to the master (it stops its worker); SIGKILL to its group if it lingers."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        # Not reaped yet, so the group id is still this server's own.
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


class Fetcher:
    """GET requests to one server over a reused connection, timed from send to last byte."""

    def __init__(self, port: int):
        self.connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)

    def get(self, path: str) -> tuple[float, int, bytes]:
        """Milliseconds, status and body of one GET."""
        start = time.perf_counter()
        self.connection.request("GET", path, headers={"Connection": "keep-alive"})
        response = self.connection.getresponse()
        body = response.read()
        elapsed = time.perf_counter() - start
        return elapsed * 1000, response.status, body

    def close(self) -> None:
        self.connection.close()
