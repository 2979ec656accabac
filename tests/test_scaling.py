"""Extraction partitioned over document batches runs in separate processes under Dagster's
multiprocess executor, and the union of the batches equals the in-process result.

This is the shape that scales past one machine (docs/scaling.md): each batch is a pure function
of its documents, so the same job runs its steps on Kubernetes pods or Celery workers by
swapping the executor. No timings are asserted here; benchmarks/run.py measures speed.
"""

import os
import re
import shutil
import sys
from pathlib import Path

import dagster as dg
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from orchestration.core import clean, ingest, parallel, schema
from orchestration.core.progress import Progress, format_line

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

BATCHES = 4


# ------------------------------------------------------------------------ the partitioned job


class Batches(dg.Config):
    documents: str  # Parquet file of (doc_id, clean_text, metadata_date)
    out_dir: str
    batches: int = BATCHES


@dg.op(out=dg.DynamicOut(str))
def split_into_batches(config: Batches):
    """One dynamic output per batch: each mapped extraction step runs in its own process."""
    docs = pl.read_parquet(config.documents)
    size = -(-docs.height // config.batches)
    for index in range(config.batches):
        path = Path(config.out_dir) / f"batch-{index}.parquet"
        docs.slice(index * size, size).write_parquet(path)
        yield dg.DynamicOutput(str(path), mapping_key=f"batch_{index}")


@dg.op
def extract_batch(batch_path: str) -> str:
    """Extract one batch (in-process: the executor already gives each batch its own process)."""
    batch = pl.read_parquet(batch_path)
    facts = parallel.extract_in_batches(batch, workers=1)
    out = Path(batch_path).with_suffix("")
    out.mkdir()
    for name, frame in facts.items():
        frame.write_parquet(out / f"{name}.parquet")
    (out / "pid").write_text(str(os.getpid()))
    return str(out)


@dg.op
def union_batches(parts: list[str]) -> str:
    return ",".join(sorted(parts))


@dg.job(executor_def=dg.multiprocess_executor.configured({"max_concurrent": 2}))
def partitioned_extraction():
    union_batches(split_into_batches().map(extract_batch).collect())


# ---------------------------------------------------------------------------------- the tests


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> pl.DataFrame:
    from generate_corpus import generate_corpus

    inbox = tmp_path_factory.mktemp("inbox")
    generate_corpus(inbox, 48, 11)
    parsed = ingest.read_entries(ingest.scan_inbox(inbox)).frames()["documents"]
    cleaned = clean.clean_documents(parsed)
    docs, _ = clean.split_new_documents(cleaned, pl.Series([], dtype=pl.String))
    return docs.select("doc_id", "clean_text", "metadata_date").sort("doc_id")


def _sorted(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.sort(frame.columns, nulls_last=True)


def test_batches_in_separate_processes_equal_the_in_process_result(documents, tmp_path):
    source = tmp_path / "documents.parquet"
    documents.write_parquet(source)
    (tmp_path / "dagster_home").mkdir()
    with dg.instance_for_test(temp_dir=str(tmp_path / "dagster_home")) as instance:
        result = dg.execute_job(
            dg.reconstructable(partitioned_extraction),
            instance=instance,
            run_config={"ops": {"split_into_batches": {"config": {"documents": str(source), "out_dir": str(tmp_path)}}}},
        )
        assert result.success
        step_keys = {
            event.step_key for event in result.all_events if event.event_type_value == "STEP_SUCCESS"
        }
    assert sum(key.startswith("extract_batch[") for key in step_keys) == BATCHES
    parts = sorted(tmp_path.glob("batch-*/"))
    assert len(parts) == BATCHES
    # Each batch ran in a process of its own, none in this one.
    pids = {int((part / "pid").read_text()) for part in parts}
    assert os.getpid() not in pids and len(pids) >= 2

    expected = parallel.extract_in_batches(documents, workers=1)
    for name, table_schema in schema.EXTRACTED_TABLES.items():
        union = pl.concat([pl.read_parquet(part / f"{name}.parquet") for part in parts], how="vertical")
        assert union.schema == table_schema
        assert_frame_equal(_sorted(union), _sorted(expected[name]))
    assert expected["document_facts"].height == documents.height


def test_pool_over_batches_equals_one_batch_in_process(documents, monkeypatch):
    """The pool inside one step (what `plenary refresh` uses) gives the same rows in the same order."""
    monkeypatch.setattr(parallel, "IN_PROCESS_BELOW", 10)  # use the pool even for a small test corpus
    pooled = parallel.extract_in_batches(documents, workers=2, batch_size=7)
    single = parallel.extract_in_batches(documents, workers=1, batch_size=documents.height)
    for name in schema.EXTRACTED_TABLES:
        assert_frame_equal(pooled[name], single[name])


def test_released_workers_exit_and_a_later_call_starts_new_ones(documents, monkeypatch):
    """After extraction the step lets its workers go (their memory is the load's): they exit,
    and work after that still runs on a new pool."""
    monkeypatch.setattr(parallel, "IN_PROCESS_BELOW", 10)
    parallel.extract_in_batches(documents, workers=2, batch_size=7)
    workers = list(parallel._POOL._processes.values())
    assert len(workers) == 2 and all(worker.is_alive() for worker in workers)
    parallel.release_workers()
    assert parallel._POOL is None
    assert not any(worker.is_alive() for worker in workers)
    again = parallel.extract_in_batches(documents, workers=2, batch_size=7)
    assert_frame_equal(again["mentions"], parallel.extract_in_batches(documents, workers=1)["mentions"])


def test_read_and_clean_on_the_pool_equal_the_sequential_result(tmp_path, monkeypatch):
    from generate_corpus import generate_corpus

    monkeypatch.setattr(parallel, "IN_PROCESS_BELOW", 10)
    generate_corpus(tmp_path, 150, 5)
    entries = ingest.scan_inbox(tmp_path)
    now = ingest.dt.datetime(2025, 1, 1)
    sequential = ingest.read_entries(entries, now).frames()
    pooled = parallel.read_in_batches(entries, workers=2, batch_size=40, now=now)
    for name in sequential:
        assert_frame_equal(pooled[name], sequential[name])
    assert_frame_equal(
        parallel.clean_in_batches(sequential["documents"], workers=2, batch_size=30),
        clean.clean_documents(sequential["documents"]),
    )


def test_progress_lines_when_not_on_a_terminal():
    import io

    now = [0.0]
    stream = io.StringIO()
    logged: list[str] = []
    bar = Progress("extract", total=1000, stream=stream, log=logged.append, every=5, clock=lambda: now[0])
    assert bar.mode == "lines"
    for done in range(100, 1001, 100):
        now[0] += 2
        bar.update(done)
    bar.finish()
    lines = stream.getvalue().splitlines()
    assert "\r" not in stream.getvalue()
    assert len(lines) == len(logged) == 4  # at 6, 12 and 18 s (every 5 s at most), and the last one
    assert lines[-1].endswith("extract: 1,000/1,000 documents (100%), 50/s, in 20 s")
    assert format_line("read", 250, 1000, 10, unit="files") == "read: 250/1,000 files (25%), 25/s, about 30 s left"


def test_progress_rewrites_one_line_on_a_terminal(monkeypatch):
    import io

    monkeypatch.setenv("PLENARY_PROGRESS", "1")
    now = [0.0]
    stream = io.StringIO()
    with Progress("clean", total=10, stream=stream, clock=lambda: now[0]) as bar:
        for done in range(1, 11):
            now[0] += 0.5
            bar.update(done)
    text = stream.getvalue()
    assert text.count("\n") == 1 and text.endswith("\n")
    assert text.count("\r") >= 9
    assert "clean: 10/10 documents (100%)" in text.rsplit("\r", 1)[-1]


def test_short_stages_stay_quiet():
    import io

    stream = io.StringIO()
    with Progress("load", total=3, unit="tables", stream=stream) as bar:
        bar.update(3)
    assert stream.getvalue() == ""


def test_dbt_profile_splits_a_build_into_sql_and_dbt_overhead(sample_warehouse, tmp_path, capsys):
    import dbt_profile

    warehouse = tmp_path / "plenary.duckdb"
    shutil.copyfile(sample_warehouse, warehouse)
    assert dbt_profile.main([str(warehouse), "--top", "3"]) == 0
    captured = capsys.readouterr()
    printed = captured.out
    assert "exited" not in captured.err
    figures = dict(re.findall(r"^(models|tests): (\d+) nodes", printed, flags=re.M))
    # the refresh job's incremental build: views left alone, every data test run
    assert int(figures["models"]) > 0 and int(figures["tests"]) > int(figures["models"])
    assert "before the first node" in printed
    assert len(re.findall(r"^\s+[\d.]+\s+[\d.]+\s+(?:model|test)\.plenary\.", printed, flags=re.M)) == 3


def test_benchmark_reports_the_median_article_run_and_keeps_the_notes(tmp_path, monkeypatch):
    import run

    runs = [run.RunFigures(f"incremental {i}", 0, 1.0, 1.0, 0.1, 1.0, 100.0, run_start_to_marts_seconds=seconds)
            for i, seconds in enumerate([31.0, 22.5, 27.0])]
    assert run.median_run(runs).run_start_to_marts_seconds == 27.0
    assert run.median_run(runs[:2]).run_start_to_marts_seconds == 22.5

    # the figures are rewritten from the saved results; the hand-written notes after them stay
    results_md = tmp_path / "results.md"
    results_md.write_text("# Benchmark results\n\nold figures\n\n## Notes\n\nmeasured by hand: keep me\n")
    monkeypatch.setattr(run, "RESULTS_MD", results_md)
    monkeypatch.setattr(run, "OUT", tmp_path / "out")
    run.write_results()
    text = results_md.read_text()
    assert "old figures" not in text
    assert text.endswith("\n## Notes\n\nmeasured by hand: keep me\n")
