"""PostgreSQL: a table of stored tsvectors (`english`), kept current by triggers, GIN-indexed.

Why a table of its own rather than a GIN expression index on `to_tsvector('english',
text)` of `articles_paragraph`: an expression index finds the rows, but ranking them with
ts_rank() and checking phrases recompute every matching paragraph's tsvector, which made a
common word's search fifty times slower (250 ms against 5 ms on 80,000 paragraphs); and a
stored generated column is not possible on another app's table without touching its
migrations. So `search_entry` holds one row per paragraph (`paragraph_id`) and one per title
(`paragraph_id` NULL, weighted A so that ts_rank() counts a title word ten times a paragraph
word), each with its article id and its tsvector; triggers on `articles_paragraph` and
`articles_article` keep it current, also for rows written with raw SQL (the import's
`executemany`) and through TRUNCATE (Django's flush); importing 10,000 editorials took 18 s
instead of 6 s here, half of it keeping the GIN index. Snippets come from ts_headline() on
the few paragraphs shown.

The `english` configuration stems ("tariffs" finds "tariff") and drops stop words; unlike
SQLite it does not fold accents ("Nicolas" does not find "Nicolás").
"""

from __future__ import annotations

from search.engines import (
    MARK_END,
    MARK_START,
    SNIPPETS_PER_ARTICLE,
    Highlights,
    SearchEngine,
    Snippet,
    Sql,
    excerpt,
    marked_html,
    model_names,
)
from search.query import ParsedQuery, Term, tsquery_any, tsquery_operand

TABLE = "search_entry"
CONFIG = "english"
TRIGGERS = (
    "search_article_changed",
    "search_article_truncated",
    "search_paragraph_changed",
    "search_paragraph_truncated",
)
# ts_headline() reads its text as HTML and drops what looks like a tag; it is given the text
# HTML-escaped (so nothing looks like a tag, and its output is safe HTML) and marks every
# match; excerpt() then picks the stretch to show.
HEADLINE_OPTIONS = f'StartSel="{MARK_START}", StopSel="{MARK_END}", HighlightAll=true'
SNIPPET_WORDS = 32


def escaped(column: str) -> str:
    """SQL for a text column HTML-escaped as Django's escape() would for text nodes."""
    return f"replace(replace(replace({column}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')"


def _names() -> dict[str, str]:
    """The index table's name and the indexed models' names, for the SQL below."""
    return {"entry": TABLE, **model_names()}


def install_sql() -> list[str]:
    n = _names()
    return [
        f"""CREATE TABLE {TABLE} (
            article_id bigint NOT NULL,
            paragraph_id bigint UNIQUE,
            vector tsvector NOT NULL
        )""",
        f"CREATE UNIQUE INDEX {TABLE}_title ON {TABLE} (article_id) WHERE paragraph_id IS NULL",
        f"CREATE INDEX {TABLE}_article ON {TABLE} (article_id)",
        f"CREATE INDEX {TABLE}_vector ON {TABLE} USING gin (vector)",
        *functions_sql(),
        *triggers_sql(n),
    ]


def functions_sql() -> list[str]:
    n = _names()
    return [
        f"""CREATE OR REPLACE FUNCTION search_paragraph_changed() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                DELETE FROM {TABLE} WHERE paragraph_id = OLD.id;
                RETURN NULL;
            END IF;
            IF TG_OP = 'UPDATE' AND NEW.{n["text"]} IS NOT DISTINCT FROM OLD.{n["text"]}
                    AND NEW.{n["article_id"]} = OLD.{n["article_id"]} AND NEW.id = OLD.id THEN
                RETURN NULL;  -- a paragraph that only moves keeps its entry
            END IF;
            IF TG_OP = 'UPDATE' AND NEW.id <> OLD.id THEN
                DELETE FROM {TABLE} WHERE paragraph_id = OLD.id;
            END IF;
            INSERT INTO {TABLE} (article_id, paragraph_id, vector)
                VALUES (NEW.{n["article_id"]}, NEW.id, to_tsvector('{CONFIG}', NEW.{n["text"]}))
                ON CONFLICT (paragraph_id) DO UPDATE
                SET article_id = EXCLUDED.article_id, vector = EXCLUDED.vector;
            RETURN NULL;
        END $$""",
        f"""CREATE OR REPLACE FUNCTION search_article_changed() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                DELETE FROM {TABLE} WHERE article_id = OLD.id;
                RETURN NULL;
            END IF;
            IF TG_OP = 'UPDATE' AND NEW.{n["title"]} IS NOT DISTINCT FROM OLD.{n["title"]}
                    AND NEW.id = OLD.id THEN
                RETURN NULL;
            END IF;
            IF TG_OP = 'UPDATE' AND NEW.id <> OLD.id THEN
                DELETE FROM {TABLE} WHERE article_id = OLD.id AND paragraph_id IS NULL;
            END IF;
            INSERT INTO {TABLE} (article_id, paragraph_id, vector)
                VALUES (NEW.id, NULL, setweight(to_tsvector('{CONFIG}', NEW.{n["title"]}), 'A'))
                ON CONFLICT (article_id) WHERE paragraph_id IS NULL DO UPDATE
                SET vector = EXCLUDED.vector;
            RETURN NULL;
        END $$""",
        f"""CREATE OR REPLACE FUNCTION search_paragraphs_truncated() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM {TABLE} WHERE paragraph_id IS NOT NULL;
            RETURN NULL;
        END $$""",
        f"""CREATE OR REPLACE FUNCTION search_articles_truncated() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            TRUNCATE {TABLE};
            RETURN NULL;
        END $$""",
    ]


def triggers_sql(n: dict[str, str]) -> list[str]:
    return [
        f"""CREATE TRIGGER search_paragraph_changed
            AFTER INSERT OR UPDATE OR DELETE ON {n["paragraph"]}
            FOR EACH ROW EXECUTE FUNCTION search_paragraph_changed()""",
        f"""CREATE TRIGGER search_paragraph_truncated AFTER TRUNCATE ON {n["paragraph"]}
            FOR EACH STATEMENT EXECUTE FUNCTION search_paragraphs_truncated()""",
        f"""CREATE TRIGGER search_article_changed
            AFTER INSERT OR UPDATE OR DELETE ON {n["article"]}
            FOR EACH ROW EXECUTE FUNCTION search_article_changed()""",
        f"""CREATE TRIGGER search_article_truncated AFTER TRUNCATE ON {n["article"]}
            FOR EACH STATEMENT EXECUTE FUNCTION search_articles_truncated()""",
    ]


class PostgreSQLEngine(SearchEngine):
    vendor = "postgresql"

    def term_articles(self, term: Term) -> Sql:
        return Sql(
            f"SELECT DISTINCT e.article_id FROM {TABLE} e, to_tsquery('{CONFIG}', %s) q"
            " WHERE e.vector @@ q",
            [tsquery_operand(term)],
        )

    def term_scores(self, index: int, term: Term, candidates: str) -> Sql:
        # ts_rank() reads each entry's tsvector: only the candidates' entries are read, found
        # by the article index from the oldest candidate on.
        return Sql(
            f"SELECT e.article_id, {index:d}, ts_rank(e.vector, q)"
            f" FROM {TABLE} e, to_tsquery('{CONFIG}', %s) q WHERE e.vector @@ q"
            f" AND e.article_id >= (SELECT MIN(article_id) FROM {candidates})"
            f" AND e.article_id IN (SELECT article_id FROM {candidates})",
            [tsquery_operand(term)],
        )

    def highlights(self, query: ParsedQuery, article_ids: list[int]) -> dict[int, Highlights]:
        found: dict[int, Highlights] = {}
        if not query.include or not article_ids:
            return found
        n = _names()
        sql = Sql(
            f"""WITH q AS MATERIALIZED (SELECT to_tsquery('{CONFIG}', %s) AS query),
            hits AS (
                SELECT e.article_id, e.paragraph_id, ROW_NUMBER() OVER (
                    PARTITION BY e.article_id
                    ORDER BY ts_rank(e.vector, q.query) DESC, e.paragraph_id) AS n
                FROM {TABLE} e CROSS JOIN q
                WHERE e.article_id = ANY(%s) AND e.paragraph_id IS NOT NULL
                    AND e.vector @@ q.query
            )
            SELECT h.article_id, p.{n["position"]},
                ts_headline('{CONFIG}', {escaped("p." + n["text"])}, q.query, %s)
            FROM hits h JOIN {n["paragraph"]} p ON p.id = h.paragraph_id CROSS JOIN q
            WHERE h.n <= %s
            UNION ALL
            SELECT a.id, 0, ts_headline('{CONFIG}', {escaped("a." + n["title"])}, q.query, %s)
            FROM {TABLE} e JOIN {n["article"]} a ON a.id = e.article_id CROSS JOIN q
            WHERE e.article_id = ANY(%s) AND e.paragraph_id IS NULL AND e.vector @@ q.query""",
            [
                tsquery_any(query.include),
                list(article_ids),
                HEADLINE_OPTIONS,
                SNIPPETS_PER_ARTICLE,
                HEADLINE_OPTIONS,
                list(article_ids),
            ],
        )
        for article_id, position, marked in sorted(self._fetch(sql)):
            highlights = found.setdefault(article_id, Highlights())
            if position == 0:
                highlights.title_html = marked_html(marked, escaped=True)
            else:
                snippet = marked_html(excerpt(marked, SNIPPET_WORDS), escaped=True)
                highlights.snippets.append(Snippet(position=position, html=snippet))
        return found

    def install(self, execute) -> None:
        for statement in install_sql():
            execute(statement)

    def uninstall(self, execute) -> None:
        n = _names()
        for trigger, table in zip(TRIGGERS, ("article",) * 2 + ("paragraph",) * 2, strict=True):
            execute(f"DROP TRIGGER IF EXISTS {trigger} ON {n[table]}")
        for function in (
            "search_paragraph_changed",
            "search_article_changed",
            "search_paragraphs_truncated",
            "search_articles_truncated",
        ):
            execute(f"DROP FUNCTION IF EXISTS {function}()")
        execute(f"DROP TABLE IF EXISTS {TABLE}")

    def rebuild(self, cursor) -> None:
        n = _names()
        cursor.execute(f"TRUNCATE {TABLE}")
        cursor.execute(
            f"INSERT INTO {TABLE} (article_id, paragraph_id, vector)"
            f" SELECT id, NULL, setweight(to_tsvector('{CONFIG}', {n['title']}), 'A')"
            f" FROM {n['article']}"
        )
        cursor.execute(
            f"INSERT INTO {TABLE} (article_id, paragraph_id, vector)"
            f" SELECT {n['article_id']}, id, to_tsvector('{CONFIG}', {n['text']})"
            f" FROM {n['paragraph']}"
        )
        cursor.execute(f"ANALYZE {TABLE}")

    def index_state(self, cursor) -> tuple[bool, bool]:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [TABLE])
        exists = cursor.fetchone()[0]
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname = ANY(%s)",
            [list(TRIGGERS)],
        )
        triggers = {name for (name,) in cursor.fetchall()}
        return exists, exists and triggers >= set(TRIGGERS)

    def reinstall_triggers(self, execute) -> None:
        n = _names()
        for trigger, table in zip(TRIGGERS, ("article",) * 2 + ("paragraph",) * 2, strict=True):
            execute(f"DROP TRIGGER IF EXISTS {trigger} ON {n[table]}")
        for statement in (*functions_sql(), *triggers_sql(n)):
            execute(statement)
