"""A whole archive site in processes of its own, for the tests that need more than one: a
database of its own (a scratch PostgreSQL database when the suite runs on PostgreSQL, else an
SQLite file), app servers (gunicorn) and task workers (`manage.py db_worker`), sharing one
upload folder and, when a Redis answers on 127.0.0.1:6379, one Redis cache, as servers behind
a load balancer do. A `Browser` signs in and posts forms as a staff member would.
"""

from __future__ import annotations

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from contextlib import closing, suppress
from dataclasses import dataclass, field
from pathlib import Path

import requests
from django.conf import settings

PROJECT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
STAFF = ("importer", "a long enough password 1")
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port() -> int:
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def redis_answers() -> bool:
    import redis

    try:
        return redis.Redis(host="127.0.0.1", port=6379, socket_timeout=1).ping()
    except redis.RedisError:
        return False


@dataclass
class Site:
    folder: Path
    env: dict[str, str]
    scratch_database: str = ""
    processes: list[subprocess.Popen] = field(default_factory=list)

    def manage(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=PROJECT,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, f"manage.py {' '.join(args)}:\n{done.stderr[-3000:]}"
        return done.stdout

    def server(self) -> str:
        """Start one more app server; its base URL once it answers."""
        port = free_port()
        self.start(
            [str(BIN / "gunicorn"), "editorial_archive.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"]
        )
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 180  # a loaded CI machine starts gunicorn slowly
        while time.monotonic() < deadline:
            with suppress(requests.RequestException):
                requests.get(f"{url}/healthz", timeout=10)
                return url
            time.sleep(0.2)
        raise AssertionError(f"the app server on port {port} did not start")

    def worker(self, *, batch: bool = False) -> subprocess.Popen:
        args = [sys.executable, "manage.py", "db_worker", "--queue-name", "*", "--interval", "0.1"]
        args += ["--no-reload", "--no-startup-delay", *(["--batch"] if batch else [])]
        return self.start(args)

    def start(self, args: list[str]) -> subprocess.Popen:
        log = (self.folder / f"process-{len(self.processes)}.log").open("w")
        process = subprocess.Popen(args, cwd=PROJECT, env=self.env, stdout=log, stderr=log)
        self.processes.append(process)
        return process

    def sql(self, query: str) -> list[tuple]:
        """Read the site's database directly (to check what the pages say)."""
        if self.scratch_database:
            import psycopg

            with psycopg.connect(self.env["DATABASE_URL"]) as connection:
                return connection.execute(query).fetchall()
        import sqlite3

        with closing(sqlite3.connect(self.folder / "site.sqlite3")) as connection:
            return connection.execute(query).fetchall()

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            with suppress(subprocess.TimeoutExpired):
                process.wait(timeout=10)
            if process.poll() is None:
                process.kill()
        if self.scratch_database:
            admin_sql(f'DROP DATABASE IF EXISTS "{self.scratch_database}" WITH (FORCE)')


def admin_sql(statement: str) -> None:
    import psycopg

    test_database = settings.DATABASES["default"]
    with psycopg.connect(
        host=test_database["HOST"] or "127.0.0.1",
        port=test_database["PORT"] or 5432,
        user=test_database["USER"],
        password=test_database["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as connection:
        connection.execute(statement)


def site_start(folder: Path, **env: str) -> Site:
    """A migrated site with one staff member who may import (`STAFF`)."""
    database = settings.DATABASES["default"]
    site_env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "DEBUG": "1",
        # The project's own settings, as a server has them (the suite's run tasks at once).
        "DJANGO_SETTINGS_MODULE": "editorial_archive.settings",
        "IMPORT_UPLOAD_DIR": str(folder / "uploads"),
        "CACHE_KEY_PREFIX": f"site-test-{secrets.token_hex(4)}",
        **env,
    }
    site = Site(folder=folder, env=site_env)
    if database["ENGINE"] == "django.db.backends.postgresql":
        site.scratch_database = f"site_test_{os.getpid()}_{secrets.token_hex(3)}"
        admin_sql(f'CREATE DATABASE "{site.scratch_database}"')
        password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
        credentials = database["USER"] + password
        site_env["DATABASE_URL"] = (
            f"postgres://{credentials}@{database['HOST'] or '127.0.0.1'}:"
            f"{database['PORT'] or 5432}/{site.scratch_database}"
        )
    else:
        site_env["DATABASE_URL"] = f"sqlite:///{folder / 'site.sqlite3'}"
    if redis_answers():
        site_env.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
    try:
        site.manage("migrate", "--noinput", "-v0")
        site.manage(
            "shell",
            "-c",
            "from django.contrib.auth.models import Permission, User; "
            f"user = User.objects.create_user({STAFF[0]!r}, password={STAFF[1]!r}, "
            "is_staff=True); "
            "user.user_permissions.add(Permission.objects.get(codename='add_importbatch'))",
        )
    except BaseException:
        site.stop()
        raise
    return site


class Browser:
    """One staff member's requests, to whichever server each is sent to: the cookies (the
    session, CSRF) are the same for all of them, as behind a load balancer."""

    def __init__(self):
        self.session = requests.Session()

    def sign_in(self, server: str) -> None:
        page = self.session.get(f"{server}/admin/login/")
        response = self.post(
            f"{server}/admin/login/",
            page.text,
            {"username": STAFF[0], "password": STAFF[1], "next": "/admin/"},
        )
        assert response.url.endswith("/admin/"), response.text[:2000]

    def post(self, url: str, form_page: str, data: dict, files=None) -> requests.Response:
        token = CSRF_FIELD.search(form_page)
        assert token, "no CSRF token on the form's page"
        response = self.session.post(
            url,
            data={"csrfmiddlewaretoken": token.group(1), **data},
            files=files,
            headers={"Referer": url},
            timeout=120,
        )
        assert response.status_code < 500, response.text[:3000]
        return response

    def get(self, url: str) -> requests.Response:
        response = self.session.get(url, timeout=60)
        assert response.status_code < 500, response.text[:3000]
        return response
