"""The facet table: every article's leaders, countries, agenda items and year in one narrow
table, `search_facet(article_id, kind, value)`, kept current by triggers.

Counting a search's facets means looking up each matching article's tags and year. Read
from the three tag tables and the articles table, that is four lookups per match, into
tables that are wider than needed; for a common word with 5,000 matches it cost three times
the search itself on both databases. Here it is one range read per match on the primary key
`(article_id, kind, value)` (a WITHOUT ROWID table on SQLite, an index-only scan on
PostgreSQL), and a second index `(kind, value)` lists the articles of one value.

`value` is the entity's id, or for YEAR the calendar year of publication in the archive's
time zone (PostgreSQL: exact; SQLite: shifted by the zone's offset at New Year, as the
search engine's year_of() is, which is exact for Asia/Seoul). The zone is written into the
triggers: after changing TIME_ZONE, run `rebuild_search_index` (the system check
`search.W001` says when it is needed).

Triggers rather than Django signals, so that rows written by `bulk_create`, raw SQL and
taggit's managers are all counted.
"""

from __future__ import annotations

from articles.models import Article
from articles.models.functions import new_year_offset, zone_literal
from search.facets import ENTITY_FACETS, EntityFacet

TABLE = "search_facet"
YEAR = 0  # the `kind` of year rows; entity kinds are their facet's `code`


def kinds() -> list[tuple[EntityFacet, str, str, str]]:
    """Each entity facet with its tag table, article column and tag column."""
    found = []
    for facet in ENTITY_FACETS:
        meta = facet.through._meta
        found.append(
            (
                facet,
                meta.db_table,
                meta.get_field("content_object").column,
                meta.get_field("tag").column,
            )
        )
    return found


def _published_at() -> str:
    return Article._meta.get_field("published_at").column


class FacetTable:
    """The table's SQL for one database; subclasses say how triggers are written."""

    # The stored SQL (triggers, or trigger functions) that holds the time zone.
    zoned: tuple[str, ...] = ()

    def __init__(self, connection):
        self.connection = connection
        self.quote = connection.ops.quote_name
        self.article = self.quote(Article._meta.db_table)

    def year_sql(self, column: str) -> str:
        """The calendar year of a timestamp column, in the archive's time zone, as SQL."""
        raise NotImplementedError

    def create_table_sql(self) -> list[str]:
        raise NotImplementedError

    def triggers_sql(self) -> list[str]:
        raise NotImplementedError

    def trigger_names(self) -> list[tuple[str, str]]:
        """(trigger, table) of every trigger that keeps the table current."""
        raise NotImplementedError

    def drop_triggers_sql(self) -> list[str]:
        raise NotImplementedError

    def table_exists(self, cursor) -> bool:
        raise NotImplementedError

    def existing_triggers(self, cursor) -> set[str]:
        raise NotImplementedError

    # -- Shared ----------------------------------------------------------------------------

    def install(self, execute) -> None:
        for statement in (*self.create_table_sql(), *self.triggers_sql()):
            execute(statement)

    def uninstall(self, execute) -> None:
        for statement in self.drop_triggers_sql():
            execute(statement)
        execute(f"DROP TABLE IF EXISTS {TABLE}")

    def reinstall_triggers(self, execute) -> None:
        for statement in (*self.drop_triggers_sql(), *self.triggers_sql()):
            execute(statement)

    def rebuild(self, cursor) -> None:
        """Refill the table from the tag tables and the articles' dates."""
        cursor.execute(f"DELETE FROM {TABLE}")
        for facet, table, article_column, tag_column in kinds():
            cursor.execute(
                f"INSERT INTO {TABLE} (article_id, kind, value) SELECT DISTINCT"
                f" {self.quote(article_column)}, {facet.code:d}, {self.quote(tag_column)}"
                f" FROM {self.quote(table)}"
            )
        cursor.execute(
            f"INSERT INTO {TABLE} (article_id, kind, value) SELECT id, {YEAR:d}, "
            f"{self.year_sql(self.quote(_published_at()))} FROM {self.article}"
        )

    def state(self, cursor) -> tuple[bool, bool]:
        """Whether the table exists, and whether all its triggers do."""
        if not self.table_exists(cursor):
            return False, False
        wanted = {name for name, _ in self.trigger_names()}
        return True, self.existing_triggers(cursor) >= wanted


class SQLiteFacetTable(FacetTable):
    zoned = ("search_facet_year_inserted", "search_facet_year_changed")

    def year_sql(self, column: str) -> str:
        # The zone's offset at New Year, written into the SQL (see the module docstring).
        return f"CAST(strftime('%Y', {column}, {new_year_offset()}) AS INTEGER)"

    def create_table_sql(self) -> list[str]:
        return [
            f"""CREATE TABLE {TABLE} (
                article_id INTEGER NOT NULL,
                kind INTEGER NOT NULL,
                value INTEGER NOT NULL,
                PRIMARY KEY (article_id, kind, value)
            ) WITHOUT ROWID""",
            f"CREATE INDEX {TABLE}_value ON {TABLE} (kind, value)",
        ]

    def trigger_names(self) -> list[tuple[str, str]]:
        names = []
        for facet, table, _, _ in kinds():
            names += [
                (f"search_facet_{facet.param}_{event}", table)
                for event in ("inserted", "changed", "deleted")
            ]
        article = Article._meta.db_table
        names += [
            (f"search_facet_year_{event}", article) for event in ("inserted", "changed", "deleted")
        ]
        return names

    def triggers_sql(self) -> list[str]:
        statements = []
        insert = f"INSERT OR IGNORE INTO {TABLE} (article_id, kind, value) VALUES"
        for facet, table, article_column, tag_column in kinds():
            table, article_id, tag = (
                self.quote(table),
                self.quote(article_column),
                self.quote(tag_column),
            )
            added = f"{insert} (new.{article_id}, {facet.code:d}, new.{tag});"
            removed = (
                f"DELETE FROM {TABLE} WHERE article_id = old.{article_id}"
                f" AND kind = {facet.code:d} AND value = old.{tag};"
            )
            name = f"search_facet_{facet.param}"
            statements += [
                f"CREATE TRIGGER {name}_inserted AFTER INSERT ON {table} BEGIN {added} END",
                f"CREATE TRIGGER {name}_changed AFTER UPDATE OF {article_id}, {tag} ON {table}"
                f" BEGIN {removed} {added} END",
                f"CREATE TRIGGER {name}_deleted AFTER DELETE ON {table} BEGIN {removed} END",
            ]
        published_at = self.quote(_published_at())
        year = f"{insert} (new.id, {YEAR:d}, {self.year_sql('new.' + published_at)});"
        old_year = f"DELETE FROM {TABLE} WHERE article_id = old.id AND kind = {YEAR:d};"
        statements += [
            f"CREATE TRIGGER search_facet_year_inserted AFTER INSERT ON {self.article}"
            f" BEGIN {year} END",
            f"CREATE TRIGGER search_facet_year_changed"
            f" AFTER UPDATE OF id, {published_at} ON {self.article} BEGIN {old_year} {year} END",
            f"CREATE TRIGGER search_facet_year_deleted AFTER DELETE ON {self.article}"
            f" BEGIN DELETE FROM {TABLE} WHERE article_id = old.id; END",
        ]
        return statements

    def drop_triggers_sql(self) -> list[str]:
        return [f"DROP TRIGGER IF EXISTS {name}" for name, _ in self.trigger_names()]

    def table_exists(self, cursor) -> bool:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [TABLE])
        return cursor.fetchone() is not None

    def existing_triggers(self, cursor) -> set[str]:
        cursor.execute(
            f"SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN"
            f" ({', '.join(['%s'] * len(self._tables()))})",
            self._tables(),
        )
        return {name for (name,) in cursor.fetchall()}

    def _tables(self) -> list[str]:
        return sorted({table for _, table in self.trigger_names()})


class PostgreSQLFacetTable(FacetTable):
    zoned = ("search_facet_year_changed",)

    def year_sql(self, column: str) -> str:
        return f"CAST(EXTRACT(YEAR FROM {column} AT TIME ZONE {zone_literal()}) AS INTEGER)"

    def create_table_sql(self) -> list[str]:
        return [
            f"""CREATE TABLE {TABLE} (
                article_id bigint NOT NULL,
                kind smallint NOT NULL,
                value bigint NOT NULL,
                PRIMARY KEY (article_id, kind, value)
            )""",
            f"CREATE INDEX {TABLE}_value ON {TABLE} (kind, value)",
        ]

    def trigger_names(self) -> list[tuple[str, str]]:
        names = []
        for facet, table, _, _ in kinds():
            names += [
                (f"search_facet_{facet.param}_changed", table),
                (f"search_facet_{facet.param}_truncated", table),
            ]
        article = Article._meta.db_table
        years = [(f"search_facet_year_{event}", article) for event in ("changed", "truncated")]
        return [*names, *years]

    def triggers_sql(self) -> list[str]:
        statements = []
        for facet, table, article_column, tag_column in kinds():
            name, table = f"search_facet_{facet.param}", self.quote(table)
            article_id, tag = self.quote(article_column), self.quote(tag_column)
            statements += [
                f"""CREATE OR REPLACE FUNCTION {name}_changed() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('UPDATE', 'DELETE') THEN
                        DELETE FROM {TABLE} WHERE article_id = OLD.{article_id}
                            AND kind = {facet.code:d} AND value = OLD.{tag};
                    END IF;
                    IF TG_OP IN ('INSERT', 'UPDATE') THEN
                        INSERT INTO {TABLE} (article_id, kind, value)
                            VALUES (NEW.{article_id}, {facet.code:d}, NEW.{tag})
                            ON CONFLICT DO NOTHING;
                    END IF;
                    RETURN NULL;
                END $$""",
                f"""CREATE OR REPLACE FUNCTION {name}_truncated() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM {TABLE} WHERE kind = {facet.code:d};
                    RETURN NULL;
                END $$""",
                f"""CREATE TRIGGER {name}_changed AFTER INSERT OR UPDATE OR DELETE ON {table}
                    FOR EACH ROW EXECUTE FUNCTION {name}_changed()""",
                f"""CREATE TRIGGER {name}_truncated AFTER TRUNCATE ON {table}
                    FOR EACH STATEMENT EXECUTE FUNCTION {name}_truncated()""",
            ]
        published_at = self.quote(_published_at())
        statements += [
            f"""CREATE OR REPLACE FUNCTION search_facet_year_changed() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'DELETE' THEN
                    DELETE FROM {TABLE} WHERE article_id = OLD.id;
                    RETURN NULL;
                END IF;
                IF TG_OP = 'UPDATE' THEN
                    IF NEW.{published_at} IS NOT DISTINCT FROM OLD.{published_at}
                            AND NEW.id = OLD.id THEN
                        RETURN NULL;
                    END IF;
                    DELETE FROM {TABLE} WHERE article_id = OLD.id AND kind = {YEAR:d};
                END IF;
                INSERT INTO {TABLE} (article_id, kind, value)
                    VALUES (NEW.id, {YEAR:d}, {self.year_sql("NEW." + published_at)})
                    ON CONFLICT DO NOTHING;
                RETURN NULL;
            END $$""",
            f"""CREATE OR REPLACE FUNCTION search_facet_year_truncated() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                TRUNCATE {TABLE};
                RETURN NULL;
            END $$""",
            f"""CREATE TRIGGER search_facet_year_changed
                AFTER INSERT OR UPDATE OR DELETE ON {self.article}
                FOR EACH ROW EXECUTE FUNCTION search_facet_year_changed()""",
            f"""CREATE TRIGGER search_facet_year_truncated AFTER TRUNCATE ON {self.article}
                FOR EACH STATEMENT EXECUTE FUNCTION search_facet_year_truncated()""",
        ]
        return statements

    def drop_triggers_sql(self) -> list[str]:
        names = self.trigger_names()
        drops = [f"DROP TRIGGER IF EXISTS {name} ON {self.quote(table)}" for name, table in names]
        return drops + [f"DROP FUNCTION IF EXISTS {name}()" for name, _ in names]

    def table_exists(self, cursor) -> bool:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [TABLE])
        return cursor.fetchone()[0]

    def existing_triggers(self, cursor) -> set[str]:
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname = ANY(%s)",
            [[name for name, _ in self.trigger_names()]],
        )
        return {name for (name,) in cursor.fetchall()}


def facet_table_for(connection) -> FacetTable:
    tables = {"sqlite": SQLiteFacetTable, "postgresql": PostgreSQLFacetTable}
    return tables[connection.vendor](connection)
