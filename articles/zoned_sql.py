"""Whether SQL stored in the database was written for the archive's current time zone.

Triggers that count by month (articles/mention_months.py) or by year (the search app's facet
table) carry the time zone in their text: PostgreSQL its name, SQLite its offset at New Year
(articles/models/functions.py). Change TIME_ZONE and they go on counting in the old zone
until they are written anew. The system checks read the stored text to say so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.checks import Warning
from django.db import DatabaseError, connections

from .models.functions import new_year_offset, zone_literal

VENDORS = ("sqlite", "postgresql")


def zone_mark(vendor: str) -> str:
    """What SQL written for the current time zone contains on this database."""
    return zone_literal() if vendor == "postgresql" else new_year_offset()


def stored_sql(connection, names: list[str]) -> list[str]:
    """The stored text of the named triggers (SQLite) or trigger functions (PostgreSQL)."""
    marks = ", ".join(["%s"] * len(names))
    if connection.vendor == "postgresql":
        sql = f"SELECT prosrc FROM pg_proc WHERE proname IN ({marks})"
    else:
        sql = f"SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({marks})"
    with connection.cursor() as cursor:
        cursor.execute(sql, names)
        return [text for (text,) in cursor.fetchall()]


def written_for_another_zone(connection, names: list[str]) -> bool:
    """Whether the named triggers exist and none of them was written for the current zone
    (SQLite or PostgreSQL only)."""
    try:
        texts = stored_sql(connection, names)
    except DatabaseError:  # a database not reachable or not set up: other checks say so
        return False
    mark = zone_mark(connection.vendor)
    return bool(texts) and not any(mark in text for text in texts)


def zone_check(
    *, counts: str, command: str, check_id: str, zoned: Callable[[object], Iterable[str]]
):
    """A database system check that warns when the stored SQL `zoned(connection)` names was
    written for another time zone; `counts` says what it counts, `command` what fixes it."""

    def check(app_configs=None, databases=None, **kwargs) -> list[Warning]:
        warnings = []
        for alias in databases or []:
            connection = connections[alias]
            if connection.vendor in VENDORS and written_for_another_zone(
                connection, list(zoned(connection))
            ):
                warnings.append(
                    Warning(
                        f"Database '{alias}': {counts} in another time zone than TIME_ZONE"
                        f" ({settings.TIME_ZONE}).",
                        hint=f"Run `manage.py {command}` to count them again.",
                        id=check_id,
                    )
                )
        return warnings

    return check
