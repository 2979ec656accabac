"""Jobs, sensors and schedules that keep the warehouse current.

- `inbox_sensor` (on by default): every few seconds it lists the inbox and requests one run of
  `refresh` per batch of new or changed files (several runs for a batch larger than
  PLENARY_MAX_FILES_PER_RUN, the most files one run reads), once each file's size and mtime have
  stayed the same across two ticks (a file still being copied in waits). A file the published
  warehouse has read with that size and mtime is not requested; the cursor remembers the requests
  the warehouse does not show yet, and the run key is the fingerprint of the run's files, so a
  file is never requested twice. The run is given the names of its files (up to MAX_NAMED_FILES)
  and stats those alone; it reads only files the warehouse has not seen and extracts only
  new documents (`inbox_documents`, `cleaned_documents`); dbt rebuilds the marts. Removing a file
  from the inbox removes nothing from the warehouse.
- `daily_refresh` (on by default): the whole graph with every dbt test, once a day at
  `PLENARY_REFRESH_HOUR` (default 6) in `PLENARY_REFRESH_TIMEZONE` (default UTC). It also picks up
  anything a failed sensor run left behind.

Runs are serialised by the instance (`dagster.yaml`: one run at a time, pool `warehouse_writer`
limited to 1), so the DuckDB file never has two writers.
"""


import functools
import hashlib
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import dagster as dg
import duckdb

from orchestration.core import config, ingest

refresh_job = dg.define_asset_job(
    "refresh",
    selection=dg.AssetSelection.all(),
    description="Reads the inbox, extracts, loads DuckDB and builds and tests the dbt marts.",
)

# The daemon evaluates sensors in a loop every 5 s and skips a sensor whose last tick began less than
# `minimum_interval_seconds` ago; 4 (not 5) lets every loop tick, so ticks are ~5 s apart, not ~10 s.
SENSOR_INTERVAL_SECONDS = 4
MAX_NAMES_IN_TAG = 3
# A run requested for at most this many files is given their names (run_config_for).
MAX_NAMED_FILES = 1000
DEFAULT_REFRESH_HOUR = 6

# Between full scans a tick stats only the files that are neither read nor requested: new files
# are seen on the next tick, a file rewritten in place under its name within this many seconds.
FULL_SCAN_SECONDS = 60

Fingerprint = tuple[int, int]  # (size in bytes, mtime in ns)


def _fingerprints(
    inbox: Path, only: Callable[[str], bool] | None = None, names: set[str] | None = None
) -> dict[str, Fingerprint]:
    if not inbox.is_dir():
        return {}
    return {e.source_name: (e.size_bytes, e.mtime_ns) for e in ingest.scan_inbox(inbox, only, names)}


def _load_cursor(cursor: str | None) -> tuple[dict[str, Fingerprint], dict[str, Fingerprint], float]:
    """(requested, pending, full_scan_at): requests the warehouse does not show yet, what the last
    tick saw of files not yet stable, and when every file was last looked at."""
    if not cursor:
        return {}, {}, 0.0
    state = json.loads(cursor)
    as_fp = lambda d: {name: (int(fp[0]), int(fp[1])) for name, fp in d.items()}  # noqa: E731
    return as_fp(state.get("requested", {})), as_fp(state.get("pending", {})), float(state.get("full_scan_at", 0))


def _dump_cursor(requested: dict[str, Fingerprint], pending: dict[str, Fingerprint], full_scan_at: float) -> str:
    state = {"requested": requested, "pending": pending, "full_scan_at": full_scan_at}
    return json.dumps(state, sort_keys=True, separators=(",", ":"))


def _known_to_warehouse(reader_copy: Path) -> dict[str, Fingerprint]:
    """Files the published reader copy holds, with the size and mtime they were read with.
    Read-only, on the reader copy: never blocks a run."""
    try:
        stat = reader_copy.stat()
    except OSError:
        return {}
    return _read_known(str(reader_copy), stat.st_size, stat.st_mtime_ns)


# Read again only when a run has published a new copy (another size or mtime): most ticks find
# the copy the last one read.
@functools.lru_cache(maxsize=1)
def _read_known(reader_copy: str, _size: int, _mtime_ns: int) -> dict[str, Fingerprint]:
    try:
        with duckdb.connect(reader_copy, read_only=True) as con:
            rows = con.execute("select source_name, size_bytes, mtime_ns from raw.inbox_files").fetchall()
    except duckdb.Error:
        return {}
    return {name: (int(size), int(mtime)) for name, size, mtime in rows if size is not None and mtime is not None}


def batch_run_key(batch: dict[str, Fingerprint]) -> str:
    """The same files with the same sizes and mtimes always give the same key."""
    text = "\n".join(f"{name}\t{size}\t{mtime}" for name, (size, mtime) in sorted(batch.items()))
    return "inbox-" + hashlib.sha256(text.encode()).hexdigest()[:24]


def evaluate_inbox(
    cursor: str | None, inbox: Path, reader_copy: Path, now: float | None = None
) -> tuple[dict[str, Fingerprint], dict[str, Fingerprint], str]:
    """One tick, without Dagster: (batch to request, files still settling, new cursor).

    What the warehouse has read is the baseline, not the cursor: Dagster stores the cursor with
    every tick (one every 5 s), and a cursor listing every file of a 100,000-file inbox was 4 MB.
    The cursor keeps only the files requested since the reader copy was last published and the
    files still settling, so it stays small however large the inbox grows. Every
    FULL_SCAN_SECONDS a tick looks at every file's size and mtime; the ticks between stat only
    the files neither read nor requested (a tick of 94,000 files: 0.2 s against 1.1-1.2 s).
    """
    requested, pending, full_scan_at = _load_cursor(cursor)
    known = _known_to_warehouse(reader_copy)
    now = time.time() if now is None else now
    full_scan = now - full_scan_at >= FULL_SCAN_SECONDS
    listed: set[str] = set()
    if full_scan:
        seen = _fingerprints(inbox)
        full_scan_at = now
    else:
        seen = _fingerprints(inbox, only=lambda name: name not in known and name not in requested, names=listed)
    batch: dict[str, Fingerprint] = {}
    settling: dict[str, Fingerprint] = {}
    for name, fp in seen.items():
        if known.get(name) == fp or requested.get(name) == fp:
            continue
        if pending.get(name) == fp:
            batch[name] = fp
        else:
            settling[name] = fp
    # A request is forgotten once the reader copy shows the file read, or the file is gone or
    # changed (nothing is deleted from the warehouse; a file put back unchanged is one the
    # warehouse has read, and a changed one is requested anew).
    still_there = (lambda name, fp: seen.get(name) == fp) if full_scan else (lambda name, fp: name in listed)
    requested = {name: fp for name, fp in requested.items() if still_there(name, fp) and known.get(name) != fp}
    requested.update(batch)
    return batch, settling, _dump_cursor(requested, settling, full_scan_at)


# A run started for settled files must not read a file another producer is writing right now.
SETTLED_FILES_ONLY = {"ops": {"inbox_documents": {"config": {"settle_seconds": 5.0}}}}


@dg.sensor(
    job=refresh_job,
    minimum_interval_seconds=SENSOR_INTERVAL_SECONDS,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Starts a refresh for each batch of new or changed inbox files, once their size and "
    "mtime are stable across two ticks; a file is never requested twice (run key = batch fingerprint).",
)
def inbox_sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult:
    inbox = config.inbox_path()
    batch, settling, cursor = evaluate_inbox(context.cursor, inbox, config.reader_copy_path())
    if settling:
        context.log.info(f"waiting for {len(settling)} file(s) to settle: {', '.join(sorted(settling)[:10])}")
    if not batch:
        reason = f"{len(settling)} file(s) still changing" if settling else f"nothing new in {inbox}"
        return dg.SensorResult(skip_reason=dg.SkipReason(reason), cursor=cursor)
    requests = [_run_request(part) for part in run_slices(batch, config.max_files_per_run())]
    context.log.info(
        f"requesting {len(requests)} refresh run(s) for {len(batch)} file(s): {', '.join(list(batch)[:20])}"
    )
    return dg.SensorResult(run_requests=requests, cursor=cursor)


def run_slices(batch: dict[str, Fingerprint], max_files: int) -> list[dict[str, Fingerprint]]:
    """The batch in inbox order, cut into runs of at most `max_files` files: the files each run's
    inbox step takes first, since it reads at most as many, in the same order."""
    items = list(batch.items())
    return [dict(items[start : start + max_files]) for start in range(0, len(items), max_files)]


def run_config_for(names: list[str]) -> dict:
    """The run config of a run for these files: it stats them alone (listing an inbox of 100,000
    files costs the run 0.7 s), unless there are so many that the run config, stored with the
    run, would be large; then the run lists the inbox, and reads the same files."""
    if len(names) > MAX_NAMED_FILES:
        return SETTLED_FILES_ONLY
    inbox_config = SETTLED_FILES_ONLY["ops"]["inbox_documents"]["config"]
    return {"ops": {"inbox_documents": {"config": {**inbox_config, "files": names}}}}


def _run_request(files: dict[str, Fingerprint]) -> dg.RunRequest:
    names = list(files)
    shown = ", ".join(names[:MAX_NAMES_IN_TAG]) + (f" (+{len(names) - MAX_NAMES_IN_TAG})" if len(names) > MAX_NAMES_IN_TAG else "")
    return dg.RunRequest(
        run_key=batch_run_key(files),
        run_config=run_config_for(names),
        tags={"plenary/trigger": "inbox", "plenary/files": str(len(names)), "plenary/file_names": shown},
    )


def refresh_hour() -> int:
    value = os.environ.get("PLENARY_REFRESH_HOUR", str(DEFAULT_REFRESH_HOUR))
    try:
        hour = int(value)
    except ValueError:
        hour = -1
    if not 0 <= hour <= 23:
        raise dg.DagsterInvalidDefinitionError(f"PLENARY_REFRESH_HOUR must be an hour from 0 to 23, not {value!r}")
    return hour


daily_refresh = dg.ScheduleDefinition(
    name="daily_refresh",
    job=refresh_job,
    cron_schedule=f"0 {refresh_hour()} * * *",
    execution_timezone=os.environ.get("PLENARY_REFRESH_TIMEZONE", "UTC"),
    default_status=dg.DefaultScheduleStatus.RUNNING,
    tags={"plenary/trigger": "daily"},
    # The daily run rebuilds and re-tests the marts even when no document arrived.
    run_config={"ops": {**SETTLED_FILES_ONLY["ops"], "plenary_dbt_models": {"config": {"force": True}}}},
    description="Daily refresh of every asset with all dbt tests, at PLENARY_REFRESH_HOUR "
    "(default 6) in PLENARY_REFRESH_TIMEZONE (default UTC).",
)

sensors: list[dg.SensorDefinition] = [inbox_sensor]
schedules: list[dg.ScheduleDefinition] = [daily_refresh]
