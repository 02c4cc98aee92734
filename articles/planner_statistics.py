"""Fresh query-planner statistics after a bulk import.

Both databases choose their plans from statistics about the tables. On SQLite there are
none until ANALYZE has run, and then it guesses that an index on an equality is selective:
it read all 7,000 mentions of a country, through that country's index, to find the twenty
editorials of one entity page, where starting from the twenty editorials' paragraphs takes
a hundredth of the time. PostgreSQL's autovacuum analyses tables in the background, but
only some time after a bulk write. So an import that wrote anything refreshes them.
"""

from django.db import connections

from .models import Article, Mention, Paragraph, TaggedAgendaItem, TaggedCountry, TaggedLeader

# SQLite: rows sampled per index, so that ANALYZE stays quick however large the archive.
SQLITE_ANALYSIS_LIMIT = 1000
MODELS = (Article, Paragraph, Mention, TaggedLeader, TaggedCountry, TaggedAgendaItem)


def planner_statistics_refresh(*, using: str = "default") -> None:
    """Re-read the statistics of the tables an import writes (SQLite: of every table)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA analysis_limit = {SQLITE_ANALYSIS_LIMIT:d}")
            cursor.execute("ANALYZE")
        elif connection.vendor == "postgresql":
            tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in MODELS)
            cursor.execute(f"ANALYZE {tables}")
