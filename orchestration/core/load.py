"""Load: the `raw` schema in DuckDB, written in bulk from Arrow in one transaction per run.

A run either lands completely or not at all, so a crash mid-load leaves the previous state and
the next run simply does the work again. Every write is keyed (doc_id, source_name), so doing
the same work twice never doubles a row.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import polars as pl

from orchestration.core import schema

RAW = schema.RAW_SCHEMA
STATE_SCHEMA = "plenary_state"
LOADS = f"{STATE_SCHEMA}.raw_loads"


def ensure_raw_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"create schema if not exists {RAW}")
    for name, table_schema in schema.ALL_TABLES.items():
        empty = schema.empty(table_schema).to_arrow()  # noqa: F841 - read by DuckDB by name
        con.execute(f"create table if not exists {RAW}.{name} as select * from empty")
        _add_missing_columns(con, name, pl.Schema({**table_schema, schema.LOAD_ID: pl.Int64}))
    con.execute(f"create schema if not exists {STATE_SCHEMA}")
    con.execute(f"create table if not exists {LOADS} (load_id bigint primary key, loaded_at timestamp not null)")


def _add_missing_columns(con: duckdb.DuckDBPyConnection, name: str, table_schema: pl.Schema) -> None:
    """Columns added to schema.py after a warehouse was created are added to it, never dropped
    (rows written before have nulls there: a null load_id is a load before loads were numbered)."""
    existing = {row[0] for row in con.execute(f"describe {RAW}.{name}").fetchall()}
    for column, dtype in table_schema.items():
        if column not in existing:
            con.execute(f'alter table {RAW}.{name} add column "{column}" {_duckdb_type(dtype)}')


def record_load(con: duckdb.DuckDBPyConnection) -> int:
    """Number a new load (one more than the last) in plenary_state.raw_loads; the rows it writes
    carry the number in `load_id`. Inside the load's transaction, so a load that rolls back
    leaves no number behind."""
    (load_id,) = con.execute(
        f"insert into {LOADS} select coalesce(max(load_id), 0) + 1, now() from {LOADS} returning load_id"
    ).fetchone()
    return load_id


_DUCKDB_TYPES = {
    pl.String: "varchar",
    pl.Int32: "integer",
    pl.Int64: "bigint",
    pl.Float64: "double",
    pl.Boolean: "boolean",
    pl.Date: "date",
    pl.Datetime: "timestamp",
}


def _quoted(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _duckdb_type(dtype: pl.DataType) -> str:
    return _DUCKDB_TYPES.get(dtype.base_type(), "varchar")


def read_table(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> pl.DataFrame:
    return pl.from_arrow(con.execute(sql, params or []).to_arrow_table())


def known_inbox_files(con: duckdb.DuckDBPyConnection, among: list[str] | None = None) -> set[tuple[str, int, int]]:
    """(name, size, mtime) of every inbox file the warehouse has read, or of those named `among`:
    a set, compared with the files a run looks at (fetched as tuples: half the time of a frame
    turned into a set)."""
    sql = f"select source_name, size_bytes, mtime_ns from {RAW}.inbox_files"
    if among is None:
        return set(con.execute(sql).fetchall())
    with _keys(con, among) as wanted:
        return set(con.execute(f"{sql} where source_name in {wanted}").fetchall())


def known_doc_ids(con: duckdb.DuckDBPyConnection, among: pl.Series | None = None) -> pl.Series:
    """The warehouse's doc_ids; with `among`, only those of them it holds (a run's new documents
    are looked up, not the whole table fetched: 0.15 s at 100,000 documents)."""
    sql = f"select doc_id from {RAW}.documents"
    if among is None:
        return read_table(con, sql)["doc_id"]
    with _keys(con, among) as wanted:
        return read_table(con, f"{sql} where doc_id in {wanted}")["doc_id"]


@contextmanager
def _keys(con: duckdb.DuckDBPyConnection, keys: list[str] | pl.Series) -> Iterator[str]:
    """`keys` as a subquery for `in`, through an Arrow table DuckDB reads in place: bound as a
    list parameter, 97,000 keys (a backlog run's documents) took 8 s, against 0.04 s."""
    con.register(_KEYS_VIEW, pl.DataFrame({"key": keys}, schema={"key": pl.String}).to_arrow())
    try:
        yield f"(select key from {_KEYS_VIEW})"
    finally:
        con.unregister(_KEYS_VIEW)


_KEYS_VIEW = "plenary_wanted_keys"


def documents_awaiting_extraction(
    con: duckdb.DuckDBPyConnection, extractor_version: str, exclude: pl.Series | None = None
) -> pl.DataFrame:
    """Stored documents never extracted by this extractor version (new code re-reads old documents)."""
    # The ids first, the texts of those alone after: in one join DuckDB read every text (0.15 s
    # at 100,000 documents, to find none on most runs).
    docs = read_table(
        con,
        f"""select doc_id, clean_text, metadata_date
            from {RAW}.documents
            where doc_id in (
                select d.doc_id
                from {RAW}.documents d
                left join {RAW}.document_facts f on f.doc_id = d.doc_id and f.extractor_version = ?
                where f.doc_id is null
            )""",
        [extractor_version],
    )
    if exclude is not None and len(exclude):
        docs = docs.filter(~pl.col("doc_id").is_in(exclude.implode()))
    return docs


Staged = pl.DataFrame | Path  # a frame in memory, or a Parquet file DuckDB reads by itself


def load_run(
    con: duckdb.DuckDBPyConnection,
    frames: dict[str, Staged],
    on_progress: Callable[[int, int], None] | None = None,
) -> dict[str, int]:
    """Write one run's frames in a single transaction; returns rows written per table.

    `frames` may hold any of schema.ALL_TABLES, each as a Polars frame or as a Parquet file: a
    file is read by DuckDB in a stream, so loading a backlog never holds it in Python's memory.
    Extracted tables replace the rows of the documents they cover (every document in
    `document_facts`, which has a row per extracted document, so a re-extraction that finds
    nothing also clears what an older version found); documents and names are added once; inbox
    files and their rejects are replaced per file, so a file fixed since its last reading loses
    its old reject. `on_progress(tables_done, tables)` after each table.
    """
    unknown = set(frames) - set(schema.ALL_TABLES)
    if unknown:
        raise ValueError(f"unknown raw tables {sorted(unknown)}")
    written: dict[str, int] = {}
    ensure_raw_tables(con)
    _create_incoming_view(con, "reread_files", frames.get("inbox_files"), schema.INBOX_FILES)
    _create_incoming_view(con, "extracted_docs", frames.get("document_facts"), schema.DOCUMENT_FACTS)
    con.execute("begin transaction")
    try:
        load_id = record_load(con)
        for done, (name, source) in enumerate(frames.items(), start=1):
            _create_incoming_view(con, "incoming", source, schema.ALL_TABLES[name])
            delete_sql = _delete_replaced_rows_sql(name)
            if delete_sql:
                con.execute(delete_sql)
            (rows,) = con.execute("select count(*) from incoming").fetchone()
            if rows:
                con.execute(
                    f"insert into {RAW}.{name} by name select *, {load_id}::bigint as {schema.LOAD_ID} from incoming"
                    + _INSERT_FILTER.get(name, "")
                )
            written[name] = rows
            con.execute("drop view incoming")
            _pause_mid_load_if_asked()
            if on_progress:
                on_progress(done, len(frames))
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    finally:
        for view in ("incoming", "reread_files", "extracted_docs"):
            con.execute(f"drop view if exists {view}")
    return written


def _create_incoming_view(
    con: duckdb.DuckDBPyConnection, view: str, source: Staged | None, table_schema: pl.Schema
) -> None:
    """`view` shows `source` with exactly the columns and types of `table_schema`."""
    if source is None:
        source = schema.empty(table_schema)
    if isinstance(source, pl.DataFrame):
        con.register(view, schema.conform(source, table_schema).to_arrow())
        return
    present = pl.read_parquet_schema(source)
    columns = [
        f'cast({_quoted(name) if name in present else "null"} as {_duckdb_type(dtype)}) as {_quoted(name)}'
        for name, dtype in table_schema.items()
    ]
    path = str(source).replace("'", "''")
    con.execute(f"create or replace temp view {view} as select {', '.join(columns)} from read_parquet('{path}')")


def _pause_mid_load_if_asked() -> None:
    """Crash-test hook: with PLENARY_PAUSE_MID_LOAD=<file>, stop inside the open transaction.

    The test that SIGKILLs a run mid-load needs a moment when part of the run is written but not
    committed; it waits for this file, kills the process, and checks the next run.
    """
    marker = os.environ.get("PLENARY_PAUSE_MID_LOAD")
    if marker and not Path(marker).exists():
        Path(marker).write_text(str(os.getpid()))
        time.sleep(600)


def _delete_replaced_rows_sql(name: str) -> str | None:
    """Rows an incoming frame supersedes; documents and their names are only ever added."""
    if name in ("documents", "document_sources"):
        return None
    if name == "inbox_files":
        return f"delete from {RAW}.inbox_files where source_name in (select source_name from incoming)"
    if name == "rejects":
        # Re-reading a file replaces its rejects (a jsonl batch's lines are `batch.jsonl#<line>`).
        return f"""delete from {RAW}.rejects
                   where split_part(source_name, '#', 1) in (select source_name from reread_files)
                      or source_name in (select source_name from incoming)"""
    return f"""delete from {RAW}.{name}
               where doc_id in (select doc_id from extracted_docs union select doc_id from incoming)"""


_INSERT_FILTER = {
    "documents": f" where doc_id not in (select doc_id from {RAW}.documents)",
    "document_sources": f""" where not exists (select 1 from {RAW}.document_sources s
                             where s.doc_id = incoming.doc_id and s.source_name = incoming.source_name)""",
}


def raw_fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    """Changes whenever a run writes anything to the raw tables (rows added, replaced or re-read)."""
    ensure_raw_tables(con)
    parts = [
        f"(select count(*) from {RAW}.{name})::varchar" for name in schema.ALL_TABLES
    ] + [
        f"(select max(ingested_at) from {RAW}.documents)::varchar",
        f"(select max(seen_at) from {RAW}.inbox_files)::varchar",
        f"(select max(rejected_at) from {RAW}.rejects)::varchar",
        f"(select string_agg(distinct extractor_version, ',' order by extractor_version) from {RAW}.document_facts)",
    ]
    (fingerprint,) = con.execute(f"select md5(concat_ws('|', {', '.join(parts)}))").fetchone()
    return fingerprint


def _ensure_state_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"create schema if not exists {STATE_SCHEMA}")
    con.execute(f"create table if not exists {STATE_SCHEMA}.marts_build (fingerprint varchar, built_at timestamp)")


def marts_built_from(con: duckdb.DuckDBPyConnection) -> str | None:
    """The fingerprint the marts were last built and tested from without a failure, if any."""
    _ensure_state_table(con)
    row = con.execute(f"select fingerprint from {STATE_SCHEMA}.marts_build order by built_at desc limit 1").fetchone()
    return row[0] if row else None


def record_marts_built_from(con: duckdb.DuckDBPyConnection, fingerprint: str) -> None:
    _ensure_state_table(con)
    con.execute(f"delete from {STATE_SCHEMA}.marts_build")
    con.execute(f"insert into {STATE_SCHEMA}.marts_build values (?, now())", [fingerprint])


def publish_reader_copy(warehouse: Path, reader_copy: Path) -> Path:
    """Copy the warehouse to a file readers use, replacing the old copy in one atomic rename.

    DuckDB lets no other process open a file while one writes it, so people query this copy
    during runs; it is at most one run old.
    """
    with duckdb.connect(str(warehouse)) as con:
        con.execute("checkpoint")
    partial = reader_copy.with_name(f".{reader_copy.name}.{os.getpid()}.partial")
    shutil.copyfile(warehouse, partial)
    os.replace(partial, reader_copy)
    return reader_copy
