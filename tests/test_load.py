"""Load: bulk, keyed, all-or-nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import polars as pl
import pytest

from orchestration.core import load, schema

NOW = dt.datetime(2024, 3, 1, 12, 0)


def run_frames(doc_id: str, source_name: str) -> dict[str, pl.DataFrame]:
    return {
        "documents": pl.DataFrame([{"doc_id": doc_id, "source_name": source_name, "clean_text": "Text.", "word_count": 1}]),
        "document_sources": pl.DataFrame([{"doc_id": doc_id, "source_name": source_name, "first_seen_at": NOW}]),
        "inbox_files": pl.DataFrame([{"source_name": source_name, "size_bytes": 6, "mtime_ns": 1, "seen_at": NOW}]),
        "mentions": pl.DataFrame([{"doc_id": doc_id, "surface": "France", "char_start": 0, "char_end": 6, "actor_name": "France", "actor_type": "country"}]),
        "rejects": pl.DataFrame([{"source_name": "batch.jsonl#2", "reason": "malformed_json", "detail": "bad", "rejected_at": NOW}]),
    }


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {name: con.execute(f"select count(*) from raw.{name}").fetchone()[0] for name in schema.ALL_TABLES}


def test_loading_the_same_run_twice_doubles_nothing(tmp_path: Path):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        load.load_run(con, run_frames("d1", "a.txt"))
        once = counts(con)
        load.load_run(con, run_frames("d1", "a.txt"))
        assert counts(con) == once
        load.load_run(con, run_frames("d1", "b.txt"))  # the same article under another name
        assert con.execute("select count(*), count(distinct doc_id) from raw.document_sources").fetchone() == (2, 1)
        assert con.execute("select count(*) from raw.documents").fetchone() == (1,)


def test_rereading_a_fixed_batch_drops_its_old_rejects(tmp_path: Path):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        frames = run_frames("d1", "batch.jsonl#1")
        frames["inbox_files"] = frames["inbox_files"].with_columns(pl.lit("batch.jsonl").alias("source_name"))
        load.load_run(con, frames)
        assert con.execute("select count(*) from raw.rejects").fetchone() == (1,)
        fixed = {"inbox_files": frames["inbox_files"], "rejects": schema.empty(schema.REJECTS)}
        load.load_run(con, fixed)
        assert con.execute("select count(*) from raw.rejects").fetchone() == (0,)


def test_a_file_name_is_data_never_sql(tmp_path: Path):
    name = "x'); drop table raw.documents; --.txt"
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        load.load_run(con, run_frames("d1", name))
        assert con.execute("select source_name from raw.documents").fetchall() == [(name,)]


def as_parquet_files(frames: dict[str, pl.DataFrame], folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True)
    for name, frame in frames.items():
        frame.write_parquet(folder / f"{name}.parquet")
    return {name: folder / f"{name}.parquet" for name in frames}


def table_rows(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Every raw row, without the number of the load that wrote it."""
    return {name: sorted(con.execute(f"select * exclude ({schema.LOAD_ID}) from raw.{name}").fetchall(), key=repr)
            for name in schema.ALL_TABLES}


def test_parquet_files_load_like_the_same_frames(tmp_path: Path):
    # The Dagster load step hands DuckDB the staged Parquet files; the result must not differ
    # from loading the frames (missing columns as nulls, types cast to the raw schema).
    frames = run_frames("d1", "a.txt")
    files = as_parquet_files(frames, tmp_path / "it's staged")  # a quote in the path is data too
    with duckdb.connect(str(tmp_path / "from_frames.duckdb")) as con:
        load.load_run(con, frames)
        expected = table_rows(con)
    with duckdb.connect(str(tmp_path / "from_files.duckdb")) as con:
        written = load.load_run(con, files)
        assert table_rows(con) == expected
        assert written["mentions"] == 1 and written["documents"] == 1
        load.load_run(con, files)  # and a second time doubles nothing
        assert table_rows(con) == expected


@pytest.mark.parametrize("as_files", [False, True], ids=["frames", "parquet files"])
def test_a_failing_load_leaves_the_previous_state(tmp_path: Path, as_files: bool):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        load.load_run(con, run_frames("d1", "a.txt"))
        before = counts(con)
        broken = run_frames("d2", "c.txt")
        broken["numbers"] = pl.DataFrame({"doc_id": ["d2"], "value": ["not a number"]})
        with pytest.raises(duckdb.ConversionException if as_files else pl.exceptions.PolarsError):
            load.load_run(con, as_parquet_files(broken, tmp_path / "staged") if as_files else broken)
        assert counts(con) == before


def test_each_load_numbers_the_rows_it_writes_and_a_failed_load_leaves_no_number(tmp_path: Path):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        load.load_run(con, run_frames("d1", "a.txt"))
        broken = run_frames("d2", "c.txt")
        broken["numbers"] = pl.DataFrame({"doc_id": ["d2"], "value": ["not a number"]})
        with pytest.raises(pl.exceptions.PolarsError):
            load.load_run(con, broken)
        load.load_run(con, run_frames("d1", "b.txt"))  # the same article under another name
        assert con.execute("select load_id from plenary_state.raw_loads order by 1").fetchall() == [(1,), (2,)]
        assert con.execute("select source_name, load_id from raw.document_sources order by 1").fetchall() == [
            ("a.txt", 1), ("b.txt", 2)
        ]
        # the document is added once; its mentions were replaced by the second load
        assert con.execute("select load_id from raw.documents").fetchall() == [(1,)]
        assert con.execute("select load_id from raw.mentions").fetchall() == [(2,)]


def test_lookups_among_a_runs_keys_give_what_the_whole_tables_give_of_them(tmp_path: Path):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        load.load_run(con, run_frames("d1", "a.txt"))
        load.load_run(con, run_frames("d2", "b.txt"))
        assert load.known_doc_ids(con, among=pl.Series(["d2", "d3", "d2"])).to_list() == ["d2"]
        assert load.known_doc_ids(con, among=pl.Series([], dtype=pl.String)).to_list() == []
        assert sorted(load.known_doc_ids(con).to_list()) == ["d1", "d2"]
        assert load.known_inbox_files(con, among=["b.txt", "c.txt"]) == {("b.txt", 6, 1)}
        assert load.known_inbox_files(con) == {("a.txt", 6, 1), ("b.txt", 6, 1)}
        # a name that looks like SQL is a key like any other
        assert load.known_inbox_files(con, among=["a.txt') or ('1'='1"]) == set()


def test_only_documents_this_extractor_version_has_not_read_await_extraction(tmp_path: Path):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        for doc_id, version in (("d1", "v1"), ("d2", "v2")):
            frames = run_frames(doc_id, f"{doc_id}.txt")
            frames["document_facts"] = pl.DataFrame([{"doc_id": doc_id, "extractor_version": version}])
            load.load_run(con, frames)
        awaiting = load.documents_awaiting_extraction(con, "v2")
        assert awaiting.select("doc_id", "clean_text").rows() == [("d1", "Text.")]
        assert load.documents_awaiting_extraction(con, "v2", exclude=pl.Series(["d1"])).is_empty()
