"""The inbox sensor, the daily schedule, the instance's one-writer settings and the reader copy.

Real Dagster instances (`instance_for_test`), real files in tmp dirs, real DuckDB files.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import dagster as dg
import duckdb
import pytest
import yaml

from orchestration.core import config, load
from orchestration.defs import automation

REPO = Path(__file__).resolve().parents[1]
T0 = 1_700_000_000 * 10**9  # a fixed mtime (ns) so ticks see exactly what the test wrote


@pytest.fixture
def inbox(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    monkeypatch.setenv("PLENARY_INBOX", str(folder))
    monkeypatch.setenv("PLENARY_WAREHOUSE", str(tmp_path / "warehouse" / "plenary.duckdb"))
    return folder


@pytest.fixture(scope="module")
def instance():
    with dg.instance_for_test() as instance:
        yield instance


class Ticks:
    """Evaluates the sensor tick after tick, carrying the cursor like the daemon does."""

    def __init__(self, instance: dg.DagsterInstance):
        self.instance = instance
        self.cursor: str | None = None

    def __call__(self) -> list[dg.RunRequest]:
        context = dg.build_sensor_context(instance=self.instance, cursor=self.cursor)
        result = automation.inbox_sensor(context)
        assert isinstance(result, dg.SensorResult)
        self.cursor = result.cursor
        return list(result.run_requests or [])


def write(path: Path, text: str, mtime_ns: int = T0) -> None:
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(mtime_ns, mtime_ns))


def test_new_file_is_requested_once_it_is_stable_and_never_again(inbox, instance):
    tick = Ticks(instance)
    write(inbox / "a.txt", "An article about a vote.")
    assert tick() == []  # first sight: not yet known to be complete
    [request] = tick()  # unchanged across two ticks: one run for it
    assert request.run_key == automation.batch_run_key({"a.txt": (24, T0)})
    assert request.tags["plenary/trigger"] == "inbox"
    assert request.tags["plenary/files"] == "1"
    assert tick() == []  # the same file again: nothing
    assert tick() == []


def test_half_written_file_waits_until_size_and_mtime_settle(inbox, instance):
    tick = Ticks(instance)
    growing = inbox / "long.md"
    write(growing, "first part", T0)
    assert tick() == []
    with growing.open("a") as handle:  # still being copied in: size and mtime change between ticks
        handle.write(" second part")
    os.utime(growing, ns=(T0 + 10**9, T0 + 10**9))
    assert tick() == []
    with growing.open("a") as handle:
        handle.write(" third part")
    os.utime(growing, ns=(T0 + 2 * 10**9, T0 + 2 * 10**9))
    assert tick() == []
    [request] = tick()  # now stable
    assert request.tags["plenary/file_names"] == "long.md"
    assert tick() == []


def test_touched_file_with_same_size_waits_too(inbox, instance):
    tick = Ticks(instance)
    write(inbox / "a.txt", "same size", T0)
    tick()
    write(inbox / "a.txt", "same size", T0 + 5)  # only the mtime moved
    assert tick() == []
    assert len(tick()) == 1


def test_changed_file_gets_a_new_request_with_a_new_run_key_at_the_next_full_scan(inbox, tmp_path):
    # evaluate_inbox is the sensor's tick without Dagster, on a clock the test sets: between full
    # scans a tick stats only files neither read nor requested
    reader_copy = tmp_path / "no-reader-copy.duckdb"
    start = 1_000.0

    def tick(cursor, at):
        batch, _, cursor = automation.evaluate_inbox(cursor, inbox, reader_copy, now=start + at)
        return batch, cursor

    write(inbox / "a.txt", "first version")
    _, cursor = tick(None, 0)
    first, cursor = tick(cursor, 5)
    assert list(first) == ["a.txt"]
    write(inbox / "a.txt", "second, corrected version", T0 + 10**9)
    batch, cursor = tick(cursor, 10)  # rewritten in place under the same name: not looked at yet
    assert batch == {}
    batch, cursor = tick(cursor, 5 + automation.FULL_SCAN_SECONDS)  # a full scan sees the change
    assert batch == {}  # and waits for it to settle
    second, cursor = tick(cursor, 10 + automation.FULL_SCAN_SECONDS)
    assert automation.batch_run_key(second) != automation.batch_run_key(first)
    assert tick(cursor, 15 + automation.FULL_SCAN_SECONDS)[0] == {}


def test_new_files_arriving_together_make_one_run(inbox, instance):
    tick = Ticks(instance)
    write(inbox / "old.txt", "already handled")
    tick()
    tick()
    for name in ("b.txt", "c.html", "d.jsonl", "e.md"):
        write(inbox / name, f"content of {name}")
    assert tick() == []
    [request] = tick()
    assert request.tags["plenary/files"] == "4"
    assert request.tags["plenary/file_names"] == "b.txt, c.html, d.jsonl (+1)"
    assert request.run_key == automation.batch_run_key(
        {name: ((inbox / name).stat().st_size, T0) for name in ("b.txt", "c.html", "d.jsonl", "e.md")}
    )
    # the run is told its files, so it stats them alone rather than listing the inbox
    inbox_config = request.run_config["ops"]["inbox_documents"]["config"]
    assert inbox_config == {"settle_seconds": 5.0, "files": ["b.txt", "c.html", "d.jsonl", "e.md"]}


def test_a_run_for_more_files_than_are_named_lists_the_inbox(monkeypatch):
    monkeypatch.setattr(automation, "MAX_NAMED_FILES", 2)
    assert automation.run_config_for(["a.txt", "b.txt"])["ops"]["inbox_documents"]["config"]["files"] == ["a.txt", "b.txt"]
    assert "files" not in automation.run_config_for(["a.txt", "b.txt", "c.txt"])["ops"]["inbox_documents"]["config"]


def test_a_batch_larger_than_one_run_takes_is_requested_as_several_runs(inbox, instance, monkeypatch):
    monkeypatch.setenv("PLENARY_MAX_FILES_PER_RUN", "2")
    tick = Ticks(instance)
    names = ["a.txt", "b.txt", "c.md", "d.html", "e.txt"]
    for name in names:
        write(inbox / name, f"content of {name}")
    tick()
    requests = tick()
    # in inbox order, as each run's inbox step takes them: the first two, the next two, the last
    assert [request.tags["plenary/files"] for request in requests] == ["2", "2", "1"]
    assert [request.run_key for request in requests] == [
        automation.batch_run_key({name: ((inbox / name).stat().st_size, T0) for name in part})
        for part in (names[:2], names[2:4], names[4:])
    ]
    assert tick() == []


def test_max_files_per_run_must_be_a_positive_number(monkeypatch):
    monkeypatch.setenv("PLENARY_MAX_FILES_PER_RUN", "250")
    assert config.max_files_per_run() == 250
    for bad in ("0", "-5", "many"):
        monkeypatch.setenv("PLENARY_MAX_FILES_PER_RUN", bad)
        with pytest.raises(ValueError, match=f"PLENARY_MAX_FILES_PER_RUN must be .* not '{bad}'"):
            config.max_files_per_run()


def test_deleted_file_requests_nothing_and_is_forgotten(inbox, instance):
    tick = Ticks(instance)
    write(inbox / "a.txt", "to be deleted")
    write(inbox / "b.txt", "to stay")
    tick()
    assert len(tick()) == 1
    (inbox / "a.txt").unlink()
    assert tick() == []
    assert "a.txt" not in tick.cursor
    # Put back unchanged, it is requested again; the run's ingest finds it in raw.inbox_files
    # with the same size and mtime and reads nothing.
    write(inbox / "a.txt", "to be deleted")
    tick()
    [again] = tick()
    assert again.run_key == automation.batch_run_key({"a.txt": (13, T0)})


def test_half_written_file_does_not_hold_back_a_finished_one(inbox, instance):
    tick = Ticks(instance)
    write(inbox / "done.txt", "complete")
    write(inbox / "copying.txt", "part", T0)
    tick()
    write(inbox / "copying.txt", "part two", T0 + 1)
    [request] = tick()
    assert request.tags["plenary/file_names"] == "done.txt"
    [later] = tick()
    assert later.tags["plenary/file_names"] == "copying.txt"


def test_missing_inbox_skips_quietly(tmp_path, monkeypatch, instance):
    monkeypatch.setenv("PLENARY_INBOX", str(tmp_path / "nowhere"))
    monkeypatch.setenv("PLENARY_WAREHOUSE", str(tmp_path / "plenary.duckdb"))
    assert Ticks(instance)() == []


def publish_read_files(inbox: Path, names: list[str]) -> None:
    """A reader copy whose warehouse has read `names` as they are in the inbox now."""
    reader_copy = config.reader_copy_path()
    reader_copy.parent.mkdir(parents=True, exist_ok=True)
    partial = reader_copy.with_name("partial.duckdb")
    with duckdb.connect(str(partial)) as con:
        con.execute("create schema raw")
        con.execute("create table raw.inbox_files (source_name varchar, size_bytes bigint, mtime_ns bigint)")
        rows = [(name, (inbox / name).stat().st_size, (inbox / name).stat().st_mtime_ns) for name in names]
        con.executemany("insert into raw.inbox_files values (?, ?, ?)", rows)
    partial.replace(reader_copy)  # as runs publish it: a new file, renamed into place


def test_new_dagster_home_does_not_re_request_what_the_reader_copy_has(inbox, instance):
    """An empty cursor (fresh DAGSTER_HOME) starts from the files the published warehouse has read."""
    write(inbox / "known.txt", "read by an earlier run")
    write(inbox / "new.txt", "never read")
    publish_read_files(inbox, ["known.txt"])
    tick = Ticks(instance)
    tick()
    [request] = tick()
    assert request.tags["plenary/file_names"] == "new.txt"


def test_cursor_keeps_only_requests_the_warehouse_does_not_show_yet(inbox, instance):
    """Dagster stores the cursor with every tick: it must not grow with the inbox."""
    names = [f"article-{number:04}.txt" for number in range(2000)]
    for name in names:
        write(inbox / name, f"article number {name}")
    tick = Ticks(instance)
    tick()
    [request] = tick()
    assert request.tags["plenary/files"] == "2000"
    assert all(name in tick.cursor for name in names)  # requested, not read yet: remembered
    publish_read_files(inbox, names)  # the run has read them and published the reader copy
    assert tick() == []
    assert len(tick.cursor) < 100, tick.cursor
    write(inbox / "late.txt", "one more")
    tick()
    [late] = tick()
    assert late.tags["plenary/file_names"] == "late.txt"
    assert tick() == []


def test_sensor_and_schedule_are_on_by_default():
    assert automation.inbox_sensor.default_status == dg.DefaultSensorStatus.RUNNING
    assert automation.inbox_sensor.minimum_interval_seconds <= 10
    assert automation.daily_refresh.default_status == dg.DefaultScheduleStatus.RUNNING
    assert automation.inbox_sensor.job_name == automation.daily_refresh.job_name == "refresh"


def test_daily_refresh_requests_the_whole_graph_at_the_configured_hour(instance):
    assert automation.daily_refresh.cron_schedule == "0 6 * * *"
    context = dg.build_schedule_context(
        instance=instance, scheduled_execution_time=dt.datetime(2024, 5, 14, 6, 0, tzinfo=dt.UTC)
    )
    [request] = automation.daily_refresh.evaluate_tick(context).run_requests
    assert request.tags["plenary/trigger"] == "daily"
    assert request.asset_selection is None  # the job's own selection: every asset


def test_refresh_hour_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("PLENARY_REFRESH_HOUR", "22")
    try:
        reloaded = importlib.reload(automation)
        assert reloaded.daily_refresh.cron_schedule == "0 22 * * *"
        monkeypatch.setenv("PLENARY_REFRESH_HOUR", "25")
        with pytest.raises(dg.DagsterInvalidDefinitionError, match="PLENARY_REFRESH_HOUR"):
            reloaded.refresh_hour()
    finally:
        monkeypatch.delenv("PLENARY_REFRESH_HOUR")
        importlib.reload(automation)


def test_project_instance_runs_one_writer_at_a_time(tmp_path):
    """The dagster.yaml `./dev ui` installs: one run at a time, every pool (warehouse_writer) one step."""
    settings = yaml.safe_load((REPO / "dagster.yaml").read_text())
    with dg.instance_for_test(overrides=settings) as instance:
        concurrency = instance.get_concurrency_config()
        assert concurrency.run_queue_config.max_concurrent_runs == 1
        assert concurrency.pool_config.default_pool_limit == 1
        assert type(instance.run_coordinator).__name__ == "QueuedRunCoordinator"
        assert not instance.nux_enabled


READER = textwrap.dedent(
    """
    import sys, time, duckdb
    con = duckdb.connect(sys.argv[1], read_only=True)
    print("open", con.execute("select count(*) from marts.documents").fetchone()[0], flush=True)
    sys.stdin.readline()  # hold the connection until the test has published a new copy
    print("after", con.execute("select count(*) from marts.documents").fetchone()[0], flush=True)
    """
)


def _warehouse_with_documents(path: Path, count: int) -> None:
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts")
        con.execute("create table marts.documents as select range as doc_id from range(?)", [count])


def test_publish_replaces_the_reader_copy_while_a_reader_has_it_open(tmp_path):
    """Another process reading the old copy keeps reading it; new readers open the new one."""
    warehouse = tmp_path / "plenary.duckdb"
    reader_copy = config.reader_copy_path(warehouse)
    _warehouse_with_documents(warehouse, 1)
    load.publish_reader_copy(warehouse, reader_copy)
    old_inode = reader_copy.stat().st_ino
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(reader_copy)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert reader.stdout.readline().split() == ["open", "1"]
        # A run writes the main file (read-write) while the reader holds the copy.
        with duckdb.connect(str(warehouse)) as con:
            con.execute("insert into marts.documents select range + 1 from range(4)")
        load.publish_reader_copy(warehouse, reader_copy)
        assert reader_copy.stat().st_ino != old_inode
        out, _ = reader.communicate("\n", timeout=30)
        assert out.split() == ["after", "1"], "the open reader keeps its (old) copy"
        assert reader.returncode == 0
    finally:
        if reader.poll() is None:
            reader.kill()
    with duckdb.connect(str(reader_copy), read_only=True) as con:
        assert con.execute("select count(*) from marts.documents").fetchone()[0] == 5
    assert not list(tmp_path.glob(".*.partial")), "no partial copy left behind"
