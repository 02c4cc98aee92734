"""Plain multi-row inserts for tables that a bulk import fills by the hundred thousand."""

from collections.abc import Iterable, Sequence

from django.db import connections, models


class RowsQuerySet(models.QuerySet):
    """Adds `insert_values`: one `executemany` of plain tuples, no model instances."""

    def insert_values(self, fields: Sequence[str], rows: Iterable[tuple]) -> None:
        """Insert `rows`, each a tuple of values for `fields` (model field names), in one go.

        A bulk import spends most of its write time building a model instance and SQL per
        row; these tables have no defaults or signals to honour on insert, so this skips that.
        """
        rows = list(rows)
        if not rows:
            return
        connection = connections[self.db]
        quote = connection.ops.quote_name
        columns = ", ".join(quote(self.model._meta.get_field(name).column) for name in fields)
        marks = ", ".join(["%s"] * len(fields))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {quote(self.model._meta.db_table)} ({columns}) VALUES ({marks})",
                rows,
            )
