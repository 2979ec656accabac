"""The whole path, for real: inbox → Dagster → DuckDB → dbt marts, in its own process."""

from __future__ import annotations

import json
import os
import shutil
import re
import signal
import subprocess
import time
from pathlib import Path

import duckdb
import pytest

from helpers import PLENARY, SAMPLE_INBOX, plenary_env, query, run_refresh

from orchestration.core import load

# Every table of the warehouse, for before/after comparisons.
TABLES_SQL = """select table_schema || '.' || table_name from information_schema.tables
                where table_schema in ('raw', 'marts') order by 1"""


def snapshot(warehouse: Path) -> dict[str, list[tuple]]:
    """Every row of every raw and mart table, minus the columns that record when (in which run
    or load) a row was written."""
    volatile = {"ingested_at", "first_seen_at", "seen_at", "rejected_at", "built_at", "added_in_build", "load_id"}
    tables: dict[str, list[tuple]] = {}
    for (table,) in query(warehouse, TABLES_SQL):
        columns = [c for (c,) in query(warehouse, f"select column_name from information_schema.columns where table_schema || '.' || table_name = '{table}' order by ordinal_position") if c not in volatile]
        select = ", ".join(f'"{c}"' for c in columns)
        tables[table] = sorted(query(warehouse, f"select {select} from {table}"), key=repr)
    return tables


def contract_columns(shared_dir: Path) -> dict[str, set[str]]:
    """Table → columns named by the warehouse contract (its headings and its tables' first column)."""
    text = (shared_dir / "docs" / "warehouse-contract.md").read_text()
    columns: dict[str, set[str]] = {}
    for section in re.split(r"^## ", text, flags=re.MULTILINE)[1:]:
        table = re.match(r"marts\.(\w+)", section)
        if not table:
            continue
        names = set(re.findall(r"^\| (\w+) \|", section, flags=re.MULTILINE)) - {"column"}
        prose = re.sub(r"\([^)]*\)", "", section.split("\n", 1)[1].split("|")[0])  # values, not columns
        names |= set(re.findall(r"`(\w+)`", prose))
        columns[table.group(1)] = names
    return columns


def test_samples_give_documents_rejects_and_every_contract_column(sample_warehouse: Path, shared_dir: Path):
    for table, columns in contract_columns(shared_dir).items():
        found = {c for (c,) in query(sample_warehouse, f"select column_name from information_schema.columns where table_schema = 'marts' and table_name = '{table}'")}
        assert columns <= found, f"marts.{table} lacks {columns - found}"
    rejects = dict(query(sample_warehouse, "select source_name, reason from marts.rejects"))
    assert {"empty", "binary", "undecodable", "unsupported_type", "malformed_json", "missing_text"} <= set(rejects.values())
    assert all(detail for (detail,) in query(sample_warehouse, "select detail from marts.rejects"))
    ((documents,),) = query(sample_warehouse, "select count(*) from marts.documents")
    assert documents >= 10
    ((votes,),) = query(sample_warehouse, "select count(*) from marts.votes where yes_count is not null")
    assert votes >= 6


def test_the_reader_copy_matches_the_warehouse(sample_warehouse: Path):
    reader = sample_warehouse.with_name("plenary.read.duckdb")
    assert snapshot(reader) == snapshot(sample_warehouse)


def test_seeds_meet_the_gold_figures(seeds_warehouse: Path, shared_dir: Path):
    scored = subprocess.run(
        [PLENARY[0], str(shared_dir / "tools" / "score.py"), str(seeds_warehouse), str(shared_dir / "gold" / "seeds.json")],
        capture_output=True, text=True, check=True,
    ).stdout
    figures = {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", scored.splitlines()[-1])}
    assert "missing marts tables" not in scored and "\"docs_missing\": []" in scored
    assert figures["votes_f1"] >= 0.95, scored
    assert figures["statements_f1"] >= 0.9, scored
    assert figures["attribution"] >= 0.9, scored
    assert figures["actors_f1"] >= 0.9, scored
    assert figures["numbers_recall"] >= 0.9, scored


def test_a_second_run_changes_nothing(tmp_path: Path, shared_dir: Path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for seed in sorted((shared_dir / "seeds").iterdir())[:3]:
        (inbox / seed.name).write_bytes(seed.read_bytes())
    (inbox / "copy-under-another-name.txt").write_bytes(next((shared_dir / "seeds").iterdir()).read_bytes())
    warehouse = tmp_path / "plenary.duckdb"
    run_refresh(inbox, warehouse)
    first = snapshot(warehouse)
    published = warehouse.with_name("plenary.read.duckdb").stat().st_mtime_ns
    run_refresh(inbox, warehouse)
    assert snapshot(warehouse) == first
    # nothing new: dbt and the publish step are skipped, the readers' copy is left alone
    assert warehouse.with_name("plenary.read.duckdb").stat().st_mtime_ns == published
    names = query(warehouse, "select count(*), count(distinct doc_id) from marts.document_sources") if "marts.document_sources" in first else query(warehouse, "select count(*), count(distinct doc_id) from raw.document_sources")
    assert names == [(4, 3)]


def test_a_backlog_larger_than_one_run_goes_in_as_several_runs(tmp_path: Path, sample_warehouse: Path):
    """At most PLENARY_MAX_FILES_PER_RUN files a run: `plenary refresh` runs again until nothing
    waits, and the warehouse ends as one run over everything leaves it."""
    files = len(list(SAMPLE_INBOX.iterdir()))
    warehouse = tmp_path / "plenary.duckdb"
    result = run_refresh(SAMPLE_INBOX, warehouse, PLENARY_MAX_FILES_PER_RUN=str(files // 2))
    assert f"({-(-files // (files // 2))} runs)" in result.stdout
    assert "more file(s) wait, starting run 2" in result.stdout
    assert query(warehouse, "select count(*) from raw.inbox_files") == [(files,)]
    assert snapshot(warehouse) == snapshot(sample_warehouse)


def test_a_refresh_given_files_reads_only_those(tmp_path: Path, sample_warehouse: Path):
    """`plenary refresh FILE...` (what the inbox sensor's runs are told): the named files alone,
    the rest of the inbox left for later; the warehouse ends as one run over everything leaves it."""
    names = sorted(path.name for path in SAMPLE_INBOX.iterdir())
    first, rest = names[: len(names) // 2], names[len(names) // 2 :]
    warehouse = tmp_path / "plenary.duckdb"
    # a name within the inbox, or a path to the file
    run_refresh(SAMPLE_INBOX, warehouse, first[0], *(str(SAMPLE_INBOX / name) for name in first[1:]))
    assert query(warehouse, "select source_name from raw.inbox_files order by 1") == [(name,) for name in first]
    run_refresh(SAMPLE_INBOX, warehouse, *rest)
    assert snapshot(warehouse) == snapshot(sample_warehouse)
    outside = subprocess.run(
        [*PLENARY, "refresh", str(tmp_path / "plenary.duckdb"), "no-such-file.txt"],
        env=plenary_env(SAMPLE_INBOX, warehouse), capture_output=True, text=True, timeout=120,
    )
    assert outside.returncode == 2
    assert f"is not in the inbox {SAMPLE_INBOX.resolve()}" in outside.stderr


def test_a_run_killed_mid_load_loses_and_doubles_nothing(tmp_path: Path, sample_warehouse: Path):
    warehouse, marker = tmp_path / "plenary.duckdb", tmp_path / "paused-mid-load"
    run = subprocess.Popen(
        [*PLENARY, "refresh"],
        env=plenary_env(SAMPLE_INBOX, warehouse, PLENARY_PAUSE_MID_LOAD=str(marker)),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 180
        while not marker.exists():
            assert run.poll() is None, "the run ended before it reached the load"
            assert time.monotonic() < deadline, "the run never reached the load"
            time.sleep(0.2)
    finally:
        os.killpg(run.pid, signal.SIGKILL)
        run.wait()
    assert run.returncode == -signal.SIGKILL
    if warehouse.exists():  # the killed transaction left nothing behind
        assert query(warehouse, "select count(*) from raw.documents") == [(0,)]
    run_refresh(SAMPLE_INBOX, warehouse)
    assert snapshot(warehouse) == snapshot(sample_warehouse)


def test_a_failing_data_test_fails_the_refresh_but_the_marts_still_publish(tmp_path: Path, sample_warehouse: Path):
    warehouse = tmp_path / "plenary.duckdb"
    shutil.copyfile(sample_warehouse, warehouse)
    # a new document, as the loader writes one, reporting a Security Council tally no council
    # can cast (a copy of a stored document under another id: its facts carry the current
    # extractor version, so nothing is extracted again and the rows stay as written here)
    with duckdb.connect(str(warehouse)) as con:
        (doc_id,) = con.execute("select doc_id from raw.documents order by doc_id limit 1").fetchone()
        load_id = load.record_load(con)
        for table in ("documents", "document_sources", "document_facts"):
            con.execute(f"insert into raw.{table} select * replace ('impossible-tally' as doc_id, {load_id} as load_id) "
                        f"from raw.{table} where doc_id = ?", [doc_id])
        con.execute(
            """insert into raw.vote_reports (doc_id, report_index, body, yes_count, no_count, abstain_count, outcome, load_id)
               values ('impossible-tally', 0, 'Security Council', 40, 2, 0, 'adopted', ?)""", [load_id]
        )
    result = subprocess.run(
        [*PLENARY, "refresh"], env=plenary_env(SAMPLE_INBOX, warehouse), capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 1, result.stdout[-2000:]
    assert "data test(s) failed" in result.stderr and "tally" in result.stderr
    reader = warehouse.with_name("plenary.read.duckdb")
    assert query(reader, "select count(*) from marts.votes where yes_count = 40") == [(1,)]
    # the marts built from `votes` after the failed test (dbt build skips them) count it too
    assert query(reader, "select sum(vote_count) from marts.activity_by_date") == query(
        reader, "select count(*) from marts.votes where activity_date is not null"
    )


def test_the_paraphrased_seed_points_at_the_article_it_copies(seeds_warehouse: Path, shared_dir: Path):
    """The gold notes name the paraphrase ('a near-duplicate of NNN'); nothing else is a duplicate."""
    gold = json.loads((shared_dir / "gold" / "seeds.json").read_text())
    expected = {}
    for document in gold["documents"]:
        copied = re.search(r"near-duplicate of (\d+)", document.get("notes", ""))
        if copied:
            original = next(d["file"] for d in gold["documents"] if d["file"].startswith(copied.group(1) + "_"))
            expected[document["file"]] = original
    assert expected, "the gold no longer names a paraphrase"
    ids = dict(query(seeds_warehouse, "select source_name, doc_id from marts.documents"))
    found = {
        source: duplicate_of
        for source, duplicate_of in query(seeds_warehouse, "select source_name, duplicate_of from marts.documents")
        if duplicate_of
    }
    assert found == {copy: ids[original] for copy, original in expected.items()}
