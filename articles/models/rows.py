"""Plain multi-row inserts for tables that a bulk import fills by the hundred thousand."""

from collections.abc import Iterable, Sequence

from django.db import connections, models

# PostgreSQL takes at most 65,535 parameters a statement; a thousand rows keeps a statement's
# text (and psycopg's buffer of it) small.
MAX_PARAMETERS = 65_535
ROWS_PER_STATEMENT = 1_000


class RowsQuerySet(models.QuerySet):
    """Adds `insert_values`: plain tuples inserted in few statements, no model instances."""

    def insert_values(self, fields: Sequence[str], rows: Iterable[tuple]) -> None:
        """Insert `rows`, each a tuple of values for `fields` (model field names), in one go.

        A bulk import spends most of its write time building a model instance and SQL per
        row; these tables have no defaults or signals to honour on insert, so this skips that.
        SQLite runs one prepared statement per row cheaply (`executemany`); PostgreSQL pays
        for each statement (a round trip, an executor start), so there the rows go as
        multi-row `VALUES` lists, many rows a statement.
        """
        rows = list(rows)
        if not rows:
            return
        connection = connections[self.db]
        quote = connection.ops.quote_name
        columns = ", ".join(quote(self.model._meta.get_field(name).column) for name in fields)
        insert = f"INSERT INTO {quote(self.model._meta.db_table)} ({columns}) VALUES "
        marks = f"({', '.join(['%s'] * len(fields))})"
        with connection.cursor() as cursor:
            if connection.vendor != "postgresql":
                cursor.executemany(insert + marks, rows)
                return
            per_statement = max(1, min(ROWS_PER_STATEMENT, MAX_PARAMETERS // len(fields)))
            for start in range(0, len(rows), per_statement):
                chunk = rows[start : start + per_statement]
                cursor.execute(
                    insert + ", ".join([marks] * len(chunk)),
                    [value for row in chunk for value in row],
                )
