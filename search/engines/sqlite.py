"""SQLite: an FTS5 table of titles and paragraphs, kept current by triggers, ranked with bm25().

The table `search_fts(title, body)` holds one row per title and one per paragraph, and its
rowid says whose it is: `article_id << 32` plus the paragraph's position, or plus
0xFFFFFFFF for the title. So grouping hits by editorial, and linking a snippet to its
paragraph (`#p<position>`), needs no lookup in another table: for a common word with
thousands of hits, joining each hit to `articles_paragraph` (as an external-content table
keyed by paragraph id would need) cost ten times the search itself. The price is that the
table stores its own copy of the text (about as much again as the paragraphs), which also
makes snippet() and highlight() read a table that can never disagree with the index.

Triggers on `articles_article` and `articles_paragraph` keep it current, so rows written
with raw SQL (the import's `executemany`) are indexed too; a paragraph that moves (its
position changes) moves its row. Rebuilding either table in a migration drops the triggers;
`search.indexing.search_index_repair` puts them back after `migrate`. Indexing costs the
import most of its time: 10,000 editorials took 13 s instead of 4.4 s here (FTS5 written
from a trigger runs at half the speed of direct inserts, but only triggers also see raw SQL).

Tokenizer: unicode61 with diacritics removed and the Porter stemmer, so "tariffs" finds
"tariff" and "Nicolas" finds "Nicolás". Article ids must stay below 2**31.
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
    marked_html,
    model_names,
)
from search.query import ParsedQuery, Term, fts5_any, fts5_string

TABLE = "search_fts"
TITLE_SLOT = 0xFFFFFFFF
# bm25 column weights: a word in the title counts four times one in a paragraph.
BM25 = f"bm25({TABLE}, 4.0, 1.0)"
SNIPPET_TOKENS = 32
TRIGGERS = (
    "search_article_inserted",
    "search_article_changed",
    "search_article_deleted",
    "search_paragraph_inserted",
    "search_paragraph_changed",
    "search_paragraph_deleted",
)


def _names() -> dict[str, str]:
    """The index table's name and the indexed models' names, for the SQL below."""
    return {"fts": TABLE, **model_names()}


def _title_key(row: str) -> str:
    return f"(({row}.id << 32) + {TITLE_SLOT})"


def _paragraph_key(row: str) -> str:
    names = _names()
    return f"(({row}.{names['article_id']} << 32) + {row}.{names['position']})"


def create_table_sql() -> str:
    return f"""CREATE VIRTUAL TABLE {TABLE} USING fts5(
        title, body, tokenize = 'porter unicode61 remove_diacritics 2')"""


def create_triggers_sql() -> list[str]:
    n = _names()
    insert = f"INSERT OR REPLACE INTO {TABLE}(rowid, title, body) VALUES"
    title_row = f"{insert} ({_title_key('new')}, new.{n['title']}, NULL);"
    paragraph_row = f"{insert} ({_paragraph_key('new')}, NULL, new.{n['text']});"
    return [
        f"""CREATE TRIGGER search_article_inserted AFTER INSERT ON {n["article"]}
        BEGIN {title_row} END""",
        f"""CREATE TRIGGER search_article_changed AFTER UPDATE OF id, {n["title"]} ON {n["article"]}
        BEGIN DELETE FROM {TABLE} WHERE rowid = {_title_key("old")}; {title_row} END""",
        f"""CREATE TRIGGER search_article_deleted AFTER DELETE ON {n["article"]}
        BEGIN DELETE FROM {TABLE}
            WHERE rowid BETWEEN (old.id << 32) AND {_title_key("old")}; END""",
        f"""CREATE TRIGGER search_paragraph_inserted AFTER INSERT ON {n["paragraph"]}
        BEGIN {paragraph_row} END""",
        f"""CREATE TRIGGER search_paragraph_changed
        AFTER UPDATE OF id, {n["article_id"]}, {n["position"]}, {n["text"]} ON {n["paragraph"]}
        BEGIN DELETE FROM {TABLE} WHERE rowid = {_paragraph_key("old")}; {paragraph_row} END""",
        f"""CREATE TRIGGER search_paragraph_deleted AFTER DELETE ON {n["paragraph"]}
        BEGIN DELETE FROM {TABLE} WHERE rowid = {_paragraph_key("old")}; END""",
    ]


class SQLiteEngine(SearchEngine):
    vendor = "sqlite"
    # Left to itself, SQLite counts facets by walking the whole facet table and probing the
    # matches: right for half the archive, ten times too slow for a few matches.
    matches_first_join = "CROSS JOIN"

    def term_articles(self, term: Term) -> Sql:
        return Sql(
            f"SELECT DISTINCT rowid >> 32 FROM {TABLE} WHERE {TABLE} MATCH %s", [fts5_string(term)]
        )

    def term_scores(self, index: int, term: Term, candidates: str) -> Sql:
        # bm25() is what costs (a row-size lookup per row): it is computed for the
        # candidates' rows only, and FTS5 seeks to the oldest candidate's first rowid
        # rather than reading the term's whole list again.
        return Sql(
            f"SELECT rowid >> 32, {index:d}, -{BM25} FROM {TABLE} WHERE {TABLE} MATCH %s"
            f" AND rowid >= ((SELECT MIN(article_id) FROM {candidates}) << 32)"
            f" AND (rowid >> 32) IN (SELECT article_id FROM {candidates})",
            [fts5_string(term)],
        )

    def highlights(self, query: ParsedQuery, article_ids: list[int]) -> dict[int, Highlights]:
        found: dict[int, Highlights] = {}
        if not query.include or not article_ids:
            return found
        match = fts5_any(query.include)
        ids = ", ".join(["%s"] * len(article_ids))
        titles = ", ".join(["%s"] * len(article_ids))
        sql = Sql(
            f"""WITH hits AS MATERIALIZED (
                SELECT rowid AS rowkey, {BM25} AS score FROM {TABLE}
                WHERE {TABLE} MATCH %s AND (rowid >> 32) IN ({ids})
                    AND (rowid & {TITLE_SLOT}) <> {TITLE_SLOT}
            ), best AS (
                SELECT rowkey FROM (
                    SELECT rowkey, ROW_NUMBER() OVER (
                        PARTITION BY rowkey >> 32 ORDER BY score, rowkey) AS n
                    FROM hits) numbered
                WHERE n <= %s
            )
            SELECT rowid, snippet({TABLE}, 1, %s, %s, '…', %s) FROM {TABLE}
            WHERE {TABLE} MATCH %s AND rowid IN (SELECT rowkey FROM best)
            UNION ALL
            SELECT rowid, highlight({TABLE}, 0, %s, %s) FROM {TABLE}
            WHERE {TABLE} MATCH %s AND rowid IN ({titles})""",
            [
                match,
                *article_ids,
                SNIPPETS_PER_ARTICLE,
                MARK_START,
                MARK_END,
                SNIPPET_TOKENS,
                match,
                MARK_START,
                MARK_END,
                match,
                *[(article_id << 32) + TITLE_SLOT for article_id in article_ids],
            ],
        )
        rows = sorted(self._fetch(sql))  # rowids sort by article, then position
        for rowkey, text in rows:
            article_id, slot = rowkey >> 32, rowkey & TITLE_SLOT
            highlights = found.setdefault(article_id, Highlights())
            if slot == TITLE_SLOT:
                highlights.title_html = marked_html(text or "")
            else:
                highlights.snippets.append(Snippet(position=slot, html=marked_html(text or "")))
        return found

    def install(self, execute) -> None:
        execute(create_table_sql())
        for statement in create_triggers_sql():
            execute(statement)

    def uninstall(self, execute) -> None:
        for trigger in TRIGGERS:
            execute(f"DROP TRIGGER IF EXISTS {trigger}")
        execute(f"DROP TABLE IF EXISTS {TABLE}")

    def rebuild(self, cursor) -> None:
        n = _names()
        cursor.execute(f"DELETE FROM {TABLE}")
        cursor.execute(
            f"INSERT INTO {TABLE}(rowid, title, body)"
            f" SELECT {_title_key('a')}, a.{n['title']}, NULL FROM {n['article']} a"
        )
        cursor.execute(
            f"INSERT INTO {TABLE}(rowid, title, body)"
            f" SELECT {_paragraph_key('p')}, NULL, p.{n['text']} FROM {n['paragraph']} p"
        )
        cursor.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('optimize')")

    def index_state(self, cursor) -> tuple[bool, bool]:
        wanted = [TABLE, *TRIGGERS]
        cursor.execute(
            f"SELECT name FROM sqlite_master WHERE name IN ({', '.join(['%s'] * len(wanted))})",
            wanted,
        )
        names = {name for (name,) in cursor.fetchall()}
        return TABLE in names, names >= set(wanted)

    def reinstall_triggers(self, execute) -> None:
        """Drop and create the triggers (after a table rebuild dropped some of them)."""
        for trigger in TRIGGERS:
            execute(f"DROP TRIGGER IF EXISTS {trigger}")
        for statement in create_triggers_sql():
            execute(statement)
