"""How SQLite and PostgreSQL differ, for the SQL written once in `sql.py` and
`queries.py`: `Dialect` is SQLite's spelling, which the queries are written in;
`postgres.PostgresDialect` overrides what PostgreSQL spells otherwise.
"""
from __future__ import annotations

from marsad.store.event_keys import SEARCH_SHIFT

# The text-search tables (made by `SQLStore._make_api_tables`): folded texts of events
# (evidence) and documents (title, body), by rowid (event_keys.SEARCH_SHIFT).
SEARCH_TABLES = ("event_search", "document_search")


class Dialect:
    """SQLite's spelling, which the queries are written in; PostgreSQL overrides."""
    # LIMIT value meaning "no limit" (an OFFSET needs a LIMIT in SQLite).
    unlimited: int | None = -1
    # One row when the table named by the parameter exists.
    table_exists = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
    # A pattern match that folds ASCII case (and only ASCII case).
    like = "LIKE"

    def query(self, sql: str) -> str:
        """A query (with `?` parameters) in this dialect's spelling."""
        return sql

    def schema(self, sql: str) -> str:
        """A migration statement in this dialect's types."""
        return sql

    def json_text(self, column: str, *path: str) -> str:
        """The text at a path of a JSON column (NULL when absent)."""
        return f"json_extract({column}, '$.{'.'.join(path)}')"

    def json_array(self, column: str, key: str, alias: str) -> str:
        """A FROM item: the elements of a JSON array (none when absent), each as
        `alias.value`."""
        return f"json_each({column}, '$.{key}') {alias}"

    def element_text(self, alias: str) -> str:
        """The text of a `json_array` element that is a JSON string."""
        return f"{alias}.value"

    def contains(self, text_sql: str) -> str:
        """True when the next parameter occurs in `text_sql`."""
        return f"instr({text_sql}, ?) > 0"

    def lines(self, column: str) -> str:
        """An aggregate: the group's values joined by newlines (event_keys.SENTENCE_BREAK)."""
        return f"group_concat({column}, char(10))"

    def index_hint(self, index: str) -> str:
        """After a table name: read it through `index` (SQLite's planner would rather
        sort a large filtered set than walk the listing order and stop at the page)."""
        return f" INDEXED BY {index}"

    def search_schema(self, trigram_ops: str | None = None) -> list[str]:
        """The statements making the text-search tables: FTS5 with the trigram
        tokenizer (case-sensitive, as the texts and queries are folded already)."""
        return [f"CREATE VIRTUAL TABLE {table} USING fts5(text, tokenize = 'trigram case_sensitive 1')"
                for table in SEARCH_TABLES]

    def search(self, table: str, folded: str) -> tuple[str, tuple]:
        """A SELECT of the owners' row ids of the texts in `table` that hold `folded`,
        with its parameters. A trigram index answers queries of three characters or
        more (a phrase of trigrams is exactly a substring); shorter ones scan."""
        owner = f"SELECT rowid >> {SEARCH_SHIFT} AS row_id FROM {table}"
        if len(folded) >= 3:
            return f"{owner} WHERE {table} MATCH ?", ('"' + folded.replace('"', '""') + '"',)
        return f"{owner} WHERE {self.contains('text')}", (folded,)

    def search_probe(self, table: str, folded: str, owner: str) -> tuple[str, tuple]:
        """True when the text of row `owner` (an SQL expression) in `table` holds
        `folded`: one lookup in the index, for a walk that stops after a few rows."""
        select, params = self.search(table, folded)
        return f"EXISTS ({select} AND rowid = ({owner}) << {SEARCH_SHIFT})", params
