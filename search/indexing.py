"""Creating, repairing and rebuilding the search index and the facet table, on whichever
database is in use.

Both are kept current by database triggers (see search/engines/ and search/facet_table.py),
not by Django signals, so that rows written with raw SQL or bulk operations count too.
"""

from django.db import connections, transaction

from search.engines import engine_for
from search.facet_table import facet_table_for

SUPPORTED_VENDORS = {"sqlite", "postgresql"}


def _migration_steps(part_for):
    """The forward and backward migration steps that create (and fill) or drop one part:
    the full-text index (`engine_for`) or the facet table (`facet_table_for`)."""

    def install(apps, schema_editor) -> None:
        connection = schema_editor.connection
        if connection.vendor not in SUPPORTED_VENDORS:
            return
        part = part_for(connection)
        part.install(schema_editor.execute)
        with connection.cursor() as cursor:
            part.rebuild(cursor)

    def uninstall(apps, schema_editor) -> None:
        connection = schema_editor.connection
        if connection.vendor in SUPPORTED_VENDORS:
            part_for(connection).uninstall(schema_editor.execute)

    return install, uninstall


index_install, index_uninstall = _migration_steps(engine_for)
facet_table_install, facet_table_uninstall = _migration_steps(facet_table_for)


def search_index_rebuild(*, using: str = "default") -> None:
    """Refill the whole index and the facet table from the articles and their tags; the
    facet table's triggers are written anew, for a changed TIME_ZONE."""
    connection = connections[using]
    table = facet_table_for(connection)
    with transaction.atomic(using=using), connection.cursor() as cursor:
        engine_for(connection).rebuild(cursor)
        table.reinstall_triggers(cursor.execute)
        table.rebuild(cursor)


def search_index_repair(*, using: str = "default", verbosity: int = 1, **kwargs) -> bool:
    """Put back triggers that a table rebuild dropped, and refill what they keep if any
    were missing; True if it had to. Connected to `post_migrate`; does nothing before the
    migrations have created the index and the facet table."""
    connection = connections[using]
    if connection.vendor not in SUPPORTED_VENDORS:
        return False
    engine, table = engine_for(connection), facet_table_for(connection)
    with connection.cursor() as cursor:
        index_exists, index_complete = engine.index_state(cursor)
        table_exists, table_complete = table.state(cursor)
    repaired = False
    with transaction.atomic(using=using), connection.cursor() as cursor:
        if index_exists and not index_complete:
            engine.reinstall_triggers(cursor.execute)
            engine.rebuild(cursor)
            repaired = True
        if table_exists and not table_complete:
            table.reinstall_triggers(cursor.execute)
            table.rebuild(cursor)
            repaired = True
    if repaired and verbosity >= 1:
        print("Search index: triggers restored and index rebuilt.")
    return repaired
