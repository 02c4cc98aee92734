"""The triggers that keep `MentionMonth` (mentions per entity and month) current.

An entity page charts its mentions per month. Counted from the mentions on each request,
that read every mention of the entity: thousands for a country in a 10,000-editorial
archive, the part of the page that grew with the archive. Triggers on the mentions table
add and subtract as mentions are written, deleted or moved to another entity (a merge),
and move an editorial's counts when its date changes; the import's bulk writes, cascades
and raw SQL all go through them.

The month is the editorial's month in the archive's time zone, written into the triggers:
PostgreSQL converts with the zone's rules; SQLite shifts by the zone's offset at New Year
(exact for Asia/Seoul). After changing TIME_ZONE, run `manage.py rebuild_mention_months`
(the system check `articles.W001` says when it is needed).
"""

from __future__ import annotations

from django.db import connections, transaction

from .models import Article, Mention, MentionMonth
from .models.functions import local_month_sql
from .zoned_sql import VENDORS

TRIGGERS = ("mention_month_added", "mention_month_removed", "mention_month_moved")
ARTICLE_TRIGGER = "mention_month_redated"
# The stored SQL that holds the time zone, by vendor: triggers, or trigger functions.
ZONED = {
    "sqlite": [*TRIGGERS, ARTICLE_TRIGGER],
    "postgresql": ["mention_month_changed", "mention_month_redated"],
}


def _names(connection) -> dict[str, str]:
    quote = connection.ops.quote_name
    mention, article = Mention._meta, Article._meta
    return {
        "counts": quote(MentionMonth._meta.db_table),
        "mention": quote(mention.db_table),
        "article": quote(article.db_table),
        "published_at": quote(article.get_field("published_at").column),
        "mention_article": quote(mention.get_field("article").column),
        "entity": "COALESCE({row}.leader_id, {row}.country_id, {row}.agenda_item_id)",
    }


def month_sql(connection, column: str) -> str:
    """The first day of a timestamp's month in the archive's time zone, as SQL."""
    return local_month_sql(connection.vendor, column)


def _change_sql(connection, row: str, sign: str) -> str:
    """Add (`+`) or subtract (`-`) one mention `row` (NEW or OLD) in its month's count."""
    n = _names(connection)
    entity = n["entity"].format(row=row)
    month = month_sql(connection, f"a.{n['published_at']}")
    if sign == "-":  # an update only: a count to lower always exists
        return (
            f"UPDATE {n['counts']} SET mentions = mentions - 1 WHERE kind = {row}.kind"
            f" AND entity_id = {entity} AND month = (SELECT {month} FROM {n['article']} a"
            f" WHERE a.id = {row}.{n['mention_article']});"
        )
    return (
        f"INSERT INTO {n['counts']} (kind, entity_id, month, mentions)"
        f" SELECT {row}.kind, {entity}, {month}, 1 FROM {n['article']} a"
        f" WHERE a.id = {row}.{n['mention_article']}"
        " ON CONFLICT (kind, entity_id, month) DO UPDATE SET mentions ="
        f" {n['counts']}.mentions + 1;"
    )


def _redated_sql(connection, old: str, new: str) -> str:
    """Move an editorial's mentions from its old month to its new one."""
    n = _names(connection)
    entity = n["entity"].format(row="m")
    per_entity = (
        f"SELECT m.kind AS kind, {entity} AS entity_id, COUNT(*) AS n FROM {n['mention']} m"
        f" WHERE m.{n['mention_article']} = {new}.id GROUP BY m.kind, {entity}"
    )
    old_month = month_sql(connection, f"{old}.{n['published_at']}")
    new_month = month_sql(connection, f"{new}.{n['published_at']}")
    return (
        f"UPDATE {n['counts']} SET mentions = mentions - c.n FROM ({per_entity}) c"
        f" WHERE {n['counts']}.kind = c.kind AND {n['counts']}.entity_id = c.entity_id"
        f" AND {n['counts']}.month = {old_month};"
        f" INSERT INTO {n['counts']} (kind, entity_id, month, mentions)"
        f" SELECT c.kind, c.entity_id, {new_month}, c.n FROM ({per_entity}) c WHERE true"
        " ON CONFLICT (kind, entity_id, month) DO UPDATE SET mentions ="
        f" {n['counts']}.mentions + excluded.mentions;"
    )


def triggers_sql(connection) -> list[str]:
    n = _names(connection)
    moved_on = "leader_id, country_id, agenda_item_id, kind, " + n["mention_article"]
    if connection.vendor == "sqlite":
        redated = _redated_sql(connection, "old", "new")
        return [
            f"CREATE TRIGGER mention_month_added AFTER INSERT ON {n['mention']}"
            f" BEGIN {_change_sql(connection, 'new', '+')} END",
            f"CREATE TRIGGER mention_month_removed AFTER DELETE ON {n['mention']}"
            f" BEGIN {_change_sql(connection, 'old', '-')} END",
            f"CREATE TRIGGER mention_month_moved AFTER UPDATE OF {moved_on} ON {n['mention']}"
            f" BEGIN {_change_sql(connection, 'old', '-')} {_change_sql(connection, 'new', '+')}"
            " END",
            f"CREATE TRIGGER mention_month_redated AFTER UPDATE OF {n['published_at']}"
            f" ON {n['article']} WHEN old.{n['published_at']} IS NOT new.{n['published_at']}"
            f" BEGIN {redated} END",
        ]
    return [
        f"""CREATE OR REPLACE FUNCTION mention_month_changed() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN {_change_sql(connection, "OLD", "-")} END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN {_change_sql(connection, "NEW", "+")} END IF;
            RETURN NULL;
        END $$""",
        f"""CREATE OR REPLACE FUNCTION mention_month_redated() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.{n["published_at"]} IS DISTINCT FROM OLD.{n["published_at"]} THEN
                {_redated_sql(connection, "OLD", "NEW")}
            END IF;
            RETURN NULL;
        END $$""",
        f"CREATE TRIGGER mention_month_added AFTER INSERT OR DELETE ON {n['mention']}"
        " FOR EACH ROW EXECUTE FUNCTION mention_month_changed()",
        f"CREATE TRIGGER mention_month_moved AFTER UPDATE OF {moved_on} ON {n['mention']}"
        " FOR EACH ROW EXECUTE FUNCTION mention_month_changed()",
        f"CREATE TRIGGER mention_month_redated AFTER UPDATE OF {n['published_at']}"
        f" ON {n['article']} FOR EACH ROW EXECUTE FUNCTION mention_month_redated()",
    ]


def drop_sql(connection) -> list[str]:
    n = _names(connection)
    if connection.vendor == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {name}" for name in (*TRIGGERS, ARTICLE_TRIGGER)]
    return [
        f"DROP TRIGGER IF EXISTS mention_month_added ON {n['mention']}",
        f"DROP TRIGGER IF EXISTS mention_month_moved ON {n['mention']}",
        f"DROP TRIGGER IF EXISTS mention_month_redated ON {n['article']}",
        "DROP FUNCTION IF EXISTS mention_month_changed()",
        "DROP FUNCTION IF EXISTS mention_month_redated()",
    ]


def mention_months_rebuild(cursor, connection) -> None:
    """Count every mention again, from the mentions and their editorials' dates."""
    n = _names(connection)
    entity = n["entity"].format(row="m")
    month = month_sql(connection, f"a.{n['published_at']}")
    cursor.execute(f"DELETE FROM {n['counts']}")
    cursor.execute(
        f"INSERT INTO {n['counts']} (kind, entity_id, month, mentions)"
        f" SELECT m.kind, {entity}, {month}, COUNT(*) FROM {n['mention']} m"
        f" JOIN {n['article']} a ON a.id = m.{n['mention_article']}"
        f" GROUP BY m.kind, {entity}, {month}"
    )


def mention_months_rewrite(*, using: str = "default") -> None:
    """Write the triggers anew (for the current TIME_ZONE) and count every mention again."""
    connection = connections[using]
    if connection.vendor not in VENDORS:
        return
    with transaction.atomic(using=using), connection.cursor() as cursor:
        for statement in [*drop_sql(connection), *triggers_sql(connection)]:
            cursor.execute(statement)
        mention_months_rebuild(cursor, connection)


def install(apps, schema_editor) -> None:
    """Migration step: the triggers, and the counts of the mentions already stored."""
    connection = schema_editor.connection
    if connection.vendor not in VENDORS:
        return
    for statement in triggers_sql(connection):
        schema_editor.execute(statement)
    with connection.cursor() as cursor:
        mention_months_rebuild(cursor, connection)


def uninstall(apps, schema_editor) -> None:
    connection = schema_editor.connection
    if connection.vendor in VENDORS:
        for statement in drop_sql(connection):
            schema_editor.execute(statement)
