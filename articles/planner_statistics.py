"""Fresh query-planner statistics after a bulk import.

Both databases choose their plans from statistics about the tables. On SQLite there are
none until ANALYZE has run, and then it guesses that an index on an equality is selective:
it read all 7,000 mentions of a country, through that country's index, to find the twenty
editorials of one entity page, where starting from the twenty editorials' paragraphs takes
a hundredth of the time. PostgreSQL's autovacuum analyses tables in the background, but
only some time after a bulk write. So an import that wrote anything refreshes them, for
every table (the search app's index tables included): ANALYZE samples a bounded number of
rows per table, so it costs about half a second on 10,000 editorials and little more on
many more.
"""

import logging

from django.db import DatabaseError, connections, transaction

logger = logging.getLogger(__name__)

# SQLite: rows sampled per index, so that ANALYZE stays quick however large the archive.
SQLITE_ANALYSIS_LIMIT = 1000


def planner_statistics_refresh(*, using: str = "default") -> bool:
    """Re-read the statistics of every table of the database; True if it could.

    Best effort: the import has written its editorials by now, so a refresh that cannot run
    (SQLite's write lock taken by another connection, say) is logged and leaves them alone,
    inside a savepoint so that a surrounding transaction goes on.
    """
    connection = connections[using]
    if connection.vendor not in {"sqlite", "postgresql"}:
        return False
    try:
        with transaction.atomic(using=using), connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute(f"PRAGMA analysis_limit = {SQLITE_ANALYSIS_LIMIT:d}")
            cursor.execute("ANALYZE")
    except DatabaseError as error:
        logger.warning("Planner statistics not refreshed after the import: %s", error)
        return False
    return True
