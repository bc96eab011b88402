"""Workflow storage: SQLite (WAL, the embedded default) or PostgreSQL, one schema, migrated in place.

:class:`Database` hands out short-lived connections (one per unit of work) and hides the two
drivers' differences: placeholders, how a unique violation is reported, and the append-only
guard on the event log (a trigger in both).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from pathlib import Path
from typing import Iterator

from ..errors import ConfigurationError

SCHEMA_V1 = [
    """CREATE TABLE requests (
        id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        address TEXT NOT NULL,
        phone TEXT NOT NULL,
        stage TEXT NOT NULL,
        version INTEGER NOT NULL,
        manager_id TEXT,
        assignment_status TEXT NOT NULL,
        territory_id TEXT,
        district TEXT,
        boundary_version TEXT NOT NULL,
        outside_pipeline INTEGER NOT NULL DEFAULT 0,
        rating TEXT,
        stage_times TEXT NOT NULL
    )""",
    "CREATE INDEX requests_manager_stage ON requests (manager_id, stage)",
    """CREATE TABLE request_events (
        request_id TEXT NOT NULL REFERENCES requests (id),
        seq INTEGER NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        event TEXT NOT NULL,
        from_stage TEXT,
        to_stage TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (request_id, seq)
    )""",
]

APPEND_ONLY = {
    "sqlite": [
        """CREATE TRIGGER request_events_no_update BEFORE UPDATE ON request_events
           BEGIN SELECT RAISE(ABORT, 'request_events is append-only'); END""",
        """CREATE TRIGGER request_events_no_delete BEFORE DELETE ON request_events
           BEGIN SELECT RAISE(ABORT, 'request_events is append-only'); END""",
    ],
    "postgresql": [
        """CREATE FUNCTION georouter_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN RAISE EXCEPTION 'request_events is append-only'; END $$""",
        """CREATE TRIGGER request_events_append_only BEFORE UPDATE OR DELETE ON request_events
           FOR EACH ROW EXECUTE FUNCTION georouter_append_only()""",
    ],
}

#: version → statements per dialect; applied in order, each in its own transaction.
MIGRATIONS = {
    1: {"sqlite": SCHEMA_V1 + APPEND_ONLY["sqlite"], "postgresql": SCHEMA_V1 + APPEND_ONLY["postgresql"]},
}


class Database:
    """A workflow database by URL: ``sqlite:///path`` or ``postgresql://…``."""

    def __init__(self, url: str):
        self.url = url
        if url.startswith("sqlite:///"):
            self.dialect = "sqlite"
            self.path = Path(url[len("sqlite:///"):])
        elif url.startswith(("postgresql://", "postgres://")):
            self.dialect = "postgresql"
        else:
            raise ConfigurationError(f"unsupported database URL {url.split(':')[0]!r}: use sqlite:/// or postgresql://")

    @classmethod
    def from_url(cls, url: str) -> "Database":
        database = cls(url)
        database.migrate()
        return database

    @contextlib.contextmanager
    def connect(self) -> Iterator:
        """A connection in a transaction: committed on success, rolled back on error, then closed."""
        if self.dialect == "sqlite":
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("BEGIN IMMEDIATE")
        else:
            import psycopg
            from psycopg.rows import dict_row

            conn = psycopg.connect(self.url, row_factory=dict_row)
        try:
            yield conn
            conn.commit() if self.dialect == "postgresql" else conn.execute("COMMIT")
        except BaseException:
            conn.rollback() if self.dialect == "postgresql" else conn.execute("ROLLBACK")
            raise
        finally:
            conn.close()

    def sql(self, statement: str) -> str:
        """Our statements use ``?`` placeholders; psycopg wants ``%s``."""
        return statement.replace("?", "%s") if self.dialect == "postgresql" else statement

    def execute(self, conn, statement: str, params: tuple = ()):
        return conn.execute(self.sql(statement), params)

    def migrate(self) -> int:
        """Create or upgrade the schema; returns the schema version now in place."""
        with self.connect() as conn:
            self.execute(conn, "CREATE TABLE IF NOT EXISTS georouter_schema (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
        with self.connect() as conn:
            if self.dialect == "postgresql":
                conn.execute("SELECT pg_advisory_xact_lock(4242)")
            row = self.execute(conn, "SELECT MAX(version) AS v FROM georouter_schema").fetchone()
            current = (row["v"] if row else None) or 0
            for version in sorted(v for v in MIGRATIONS if v > current):
                for statement in MIGRATIONS[version][self.dialect]:
                    conn.execute(statement)
                self.execute(conn, "INSERT INTO georouter_schema (version, applied_at) VALUES (?, ?)",
                             (version, dt.datetime.now(dt.timezone.utc).isoformat()))
                current = version
        return current

    def is_unique_violation(self, err: Exception) -> bool:
        if self.dialect == "sqlite":
            return isinstance(err, sqlite3.IntegrityError) and "UNIQUE" in str(err)
        import psycopg

        return isinstance(err, psycopg.errors.UniqueViolation)
