"""Creating, repairing and rebuilding the search index and the facet table, on whichever
database is in use.

Both are kept current by database triggers (see search/engines/ and search/facet_table.py),
not by Django signals, so that rows written with raw SQL or bulk operations count too.
"""

from django.db import connections, transaction

from search.engines import engine_for
from search.facet_table import facet_table_for

SUPPORTED_VENDORS = {"sqlite", "postgresql"}


def index_install(apps, schema_editor) -> None:
    """Migration step: create the full-text index and its triggers, and fill it."""
    connection = schema_editor.connection
    if connection.vendor not in SUPPORTED_VENDORS:
        return
    engine = engine_for(connection)
    engine.install(schema_editor.execute)
    with connection.cursor() as cursor:
        engine.rebuild(cursor)


def index_uninstall(apps, schema_editor) -> None:
    """Migration step backwards: drop the triggers and the index."""
    connection = schema_editor.connection
    if connection.vendor in SUPPORTED_VENDORS:
        engine_for(connection).uninstall(schema_editor.execute)


def facet_table_install(apps, schema_editor) -> None:
    """Migration step: create the facet table and its triggers, and fill it."""
    connection = schema_editor.connection
    if connection.vendor not in SUPPORTED_VENDORS:
        return
    table = facet_table_for(connection)
    table.install(schema_editor.execute)
    with connection.cursor() as cursor:
        table.rebuild(cursor)


def facet_table_uninstall(apps, schema_editor) -> None:
    connection = schema_editor.connection
    if connection.vendor in SUPPORTED_VENDORS:
        facet_table_for(connection).uninstall(schema_editor.execute)


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
