"""Database functions the reading pages group by, computed natively on each database."""

from datetime import datetime

from django.conf import settings
from django.db import NotSupportedError
from django.db.models import DateField, Func
from django.utils import timezone


def new_year_offset() -> str:
    """The archive's time zone as SQLite shifts timestamps: its offset from UTC at the start
    of this year, as a modifier (`'+32400 seconds'`). Exact for zones whose offset does not
    change within the year, such as Asia/Seoul; SQLite knows no time zones."""
    zone = timezone.get_current_timezone()
    offset = datetime(timezone.now().year, 1, 1, tzinfo=zone).utcoffset()
    seconds = int(offset.total_seconds()) if offset else 0
    return f"'{seconds:+d} seconds'"


def zone_literal() -> str:
    """The archive's time zone as a PostgreSQL string literal, for SQL written into triggers."""
    return "'" + settings.TIME_ZONE.replace("'", "''") + "'"


def local_month_sql(vendor: str, column: str) -> str:
    """LocalMonth as plain SQL, for triggers: the first day of `column`'s local month."""
    if vendor == "postgresql":
        return f"CAST(date_trunc('month', {column} AT TIME ZONE {zone_literal()}) AS date)"
    return f"date({column}, {new_year_offset()}, 'start of month')"


class LocalMonth(Func):
    """The first day of a timestamp's month in the current time zone, as a date.

    Django's TruncMonth does the same, but on SQLite it calls back into Python for every
    row, which made grouping a few thousand rows by month cost tens of milliseconds. Here
    SQLite shifts by the zone's offset at the start of this year (exact for zones whose
    offset does not change within the year, such as the archive's Asia/Seoul); PostgreSQL
    converts with the zone's rules.
    """

    output_field = DateField()
    arity = 1

    def as_sql(self, compiler, connection, **extra_context):
        raise NotSupportedError(f"LocalMonth needs SQLite or PostgreSQL, not {connection.vendor}.")

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler,
            connection,
            template=local_month_sql("sqlite", "%(expressions)s"),
            **extra_context,
        )

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        zone = timezone.get_current_timezone_name()
        return f"CAST(date_trunc('month', {sql} AT TIME ZONE %s) AS date)", [*params, zone]
