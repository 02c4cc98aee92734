"""Fresh, throw-away databases for one benchmark run, named by `DATABASE_URL`.

SQLite: a new file under `bench/out/`. PostgreSQL: a new database on the local server
(`postgresql://postgres@127.0.0.1:5432/postgres`, trust authentication, or
`BENCH_POSTGRES_URL`), created and dropped with psycopg.
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

POSTGRES_ADMIN_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)


class SQLite:
    """Database files in a folder, removed before and after use."""

    name = "SQLite"

    def __init__(self, folder: Path):
        self.folder = folder

    def unavailable(self) -> str | None:
        return None

    @contextmanager
    def fresh(self, purpose: str) -> Iterator[str]:
        """The URL of an empty database file for `purpose` ("import", "baseline")."""
        path = self.folder / f"bench-{os.getpid()}-{purpose}.sqlite3"
        self._remove(path)
        try:
            yield f"sqlite:///{path.resolve()}"
        finally:
            self._remove(path)

    @staticmethod
    def _remove(path: Path) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)


class PostgreSQL:
    """Databases on one PostgreSQL server, created empty and dropped after use."""

    name = "PostgreSQL"

    def __init__(self, admin_url: str = POSTGRES_ADMIN_URL):
        self.admin_url = admin_url

    def unavailable(self) -> str | None:
        """Why the server cannot be used (psycopg missing, unreachable), or None."""
        try:
            with self._admin():
                return None
        except Exception as error:
            return f"{type(error).__name__}: {str(error).strip().splitlines()[0]}"

    @contextmanager
    def fresh(self, purpose: str) -> Iterator[str]:
        """The URL of a new empty database for `purpose`, dropped afterwards."""
        from psycopg import sql

        name = f"editorial_archive_bench_{os.getpid()}_{purpose}"
        with self._admin() as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            yield self.admin_url.rsplit("/", 1)[0] + "/" + name
        finally:
            with self._admin() as admin:
                admin.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )

    def _admin(self):
        import psycopg

        return psycopg.connect(self.admin_url, autocommit=True, connect_timeout=5)


def databases_chosen(folder: Path, only: str | None) -> list:
    """Both databases, or the one `--only` names ("sqlite" or "postgresql")."""
    return [
        database
        for database in (SQLite(folder), PostgreSQL())
        if not only or database.name.lower() == only
    ]
