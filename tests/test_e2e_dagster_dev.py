"""End to end through `dagster dev` (webserver, daemon, code server): an article dropped into the
inbox reaches the marts by itself, readers query the reader copy during runs, and no file is
processed twice. The processes come from the session fixture `dagster_dev` (tests/conftest.py)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import pytest

from conftest import HARBOUR_ARTICLE, DOCUMENT_VOTE_SQL, SENSOR_RUN_TAG

pytestmark = pytest.mark.slow

LATENCY_LIMIT_SECONDS = 90


def test_dropped_article_and_its_vote_are_queryable_within_90_seconds(first_article_run):
    latency = first_article_run["latency_seconds"]
    print(f"\nmeasured drop → queryable latency: {latency:.1f} s")
    assert latency < LATENCY_LIMIT_SECONDS
    assert first_article_run["votes"] == [(151, 4, 12, "General Assembly")]
    [run] = first_article_run["runs"]
    assert run["status"] == "SUCCESS", run
    assert run["tags"][SENSOR_RUN_TAG] == "inbox"
    assert run["tags"]["dagster/sensor_name"] == "inbox_sensor"
    assert run["tags"]["plenary/file_names"] == "reef_vote.txt"


# A reader in its own process, as a person with a DuckDB shell would be: it opens the reader copy
# read-only and queries it every 0.2 s until told to stop, printing what it saw or the error.
READER = textwrap.dedent(
    """
    import sys, threading, time, duckdb
    stop = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.readline(), stop.set()), daemon=True).start()
    con = duckdb.connect(sys.argv[1], read_only=True)
    print("ready", flush=True)
    while not stop.is_set():
        try:
            print("count", con.execute("select count(*) from marts.documents").fetchone()[0], flush=True)
        except Exception as error:
            print("error", type(error).__name__, str(error).replace(chr(10), " "), flush=True)
        time.sleep(0.2)
    """
)


def test_reader_queries_during_a_run_and_no_file_is_processed_twice(dagster_dev, first_article_run):
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(dagster_dev.reader_copy)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert reader.stdout.readline().strip() == "ready"
        # Deleting a file deletes nothing: the next run (for the new file) keeps its document and vote.
        (dagster_dev.inbox / "reef_vote.txt").unlink()
        dropped = dagster_dev.drop("harbour_vote.md", HARBOUR_ARTICLE)
        saw_run_start = False
        while True:
            rows = dagster_dev.query_reader_copy(
                "select count(*) from marts.documents where source_name = ?", ["harbour_vote.md"]
            )
            if rows and rows[0][0] == 1 and dagster_dev.query_reader_copy(DOCUMENT_VOTE_SQL, ["harbour_vote.md"]):
                break
            saw_run_start = saw_run_start or any(r["status"] == "STARTED" for r in dagster_dev.runs())
            assert time.monotonic() - dropped < LATENCY_LIMIT_SECONDS, f"harbour_vote.md not queryable:\n{dagster_dev.log_tail()}"
            time.sleep(0.5)
        print(f"\nsecond drop → queryable: {time.monotonic() - dropped:.1f} s")
        out, err = reader.communicate("stop\n", timeout=30)
    finally:
        if reader.poll() is None:
            reader.kill()
    seen = [line.split() for line in out.splitlines()]
    errors = [line for line in seen if line[0] == "error"]
    assert not errors, f"the reader got errors during the run: {errors[:3]} {err[-2000:]}"
    counts = {int(line[1]) for line in seen if line[0] == "count"}
    assert counts == {1}, "the open reader keeps the copy it opened (one document) throughout the run"
    assert len(seen) > 10 and saw_run_start, "the reader was querying while the run ran"

    runs = dagster_dev.wait_for_runs_to_finish(timeout=120)
    # Give the sensor a few more ticks: nothing already requested may be requested again.
    time.sleep(12)
    runs = dagster_dev.runs(trigger="inbox")
    assert len(runs) == 2, runs
    assert all(r["status"] == "SUCCESS" for r in runs), runs
    assert len({r["tags"]["dagster/run_key"] for r in runs}) == 2
    assert sorted(r["tags"]["plenary/file_names"] for r in runs) == ["harbour_vote.md", "reef_vote.txt"]
    assert dagster_dev.query_reader_copy("select count(*) from marts.documents") == [(2,)]
    assert dagster_dev.query_reader_copy(DOCUMENT_VOTE_SQL, ["reef_vote.txt"]) == [(151, 4, 12, "General Assembly")]
    assert dagster_dev.query_reader_copy("select count(*) from marts.votes") == [(2,)]
    report = dagster_dev.warehouse.parent / "reports" / "timeline.html"
    assert report.exists() and "coral reefs" in report.read_text(encoding="utf-8")
