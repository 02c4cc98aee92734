"""Creating, repairing and rebuilding the search index, on whichever database is in use.

The index is kept current by database triggers (see the engines), not by Django signals, so
that rows written with raw SQL or bulk operations are indexed too.
"""

from django.db import connections, transaction

from search.engines import engine_for

SUPPORTED_VENDORS = {"sqlite", "postgresql"}


def index_install(apps, schema_editor) -> None:
    """Migration step: create the index and its triggers, and fill it from existing rows."""
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


def search_index_rebuild(*, using: str = "default") -> None:
    """Refill the whole index from the articles and paragraphs tables."""
    connection = connections[using]
    with transaction.atomic(using=using), connection.cursor() as cursor:
        engine_for(connection).rebuild(cursor)


def search_index_repair(*, using: str = "default", verbosity: int = 1, **kwargs) -> bool:
    """Put back triggers that a table rebuild dropped, and refill the index if any were
    missing; True if it had to. Connected to `post_migrate`; does nothing without the index."""
    connection = connections[using]
    if connection.vendor not in SUPPORTED_VENDORS:
        return False
    engine = engine_for(connection)
    with connection.cursor() as cursor:
        exists, complete = engine.index_state(cursor)
    if not exists or complete:
        return False

    def execute(sql: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql)

    with transaction.atomic(using=using):
        engine.reinstall_triggers(execute)
        with connection.cursor() as cursor:
            engine.rebuild(cursor)
    if verbosity >= 1:
        print("Search index: triggers restored and index rebuilt.")
    return True
