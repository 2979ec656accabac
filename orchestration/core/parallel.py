"""Work over batches on every core: a process pool inside one step, not one process per document.

Reading (ingest), cleaning and extraction are pure functions of their batch, so each runs the
same in-process, in a pool here, or in separate Dagster steps (tests/test_scaling.py). Small
inputs stay in-process, since starting workers costs more than it saves. Results come back in
input order, so the output does not depend on the number of workers.
"""

from __future__ import annotations

import atexit
import datetime as dt
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

import polars as pl

from orchestration.core import schema

IN_PROCESS_BELOW = 400
BATCH_SIZE = 250
READ_BATCH_SIZE = 200

T = TypeVar("T")
R = TypeVar("R")
Progress = Callable[[int, int], None]


def default_workers() -> int:
    return max(1, int(os.environ.get("PLENARY_WORKERS", os.cpu_count() or 1)))


def _batches(docs: pl.DataFrame, size: int) -> Iterator[pl.DataFrame]:
    for offset in range(0, docs.height, size):
        yield docs.slice(offset, size)


def map_batches(
    func: Callable[[T], R],
    batches: Sequence[T],
    sizes: Sequence[int],
    workers: int | None = None,
    on_progress: Progress | None = None,
) -> Iterator[R]:
    """`func` over `batches` in order, on a process pool when there is enough work for one.

    `sizes` are the items in each batch (for `on_progress(done, total)`). `func` must be a
    module-level function (workers import it by name).
    """
    workers = workers or default_workers()
    total = sum(sizes)
    done = 0
    if workers == 1 or total < IN_PROCESS_BELOW or len(batches) < 2:
        results: Iterable[R] = map(func, batches)
        for result, size in zip(results, sizes):
            done += size
            if on_progress:
                on_progress(done, total)
            yield result
        return
    pool = _pool(workers)
    try:
        for result, size in zip(pool.map(func, batches), sizes):
            done += size
            if on_progress:
                on_progress(done, total)
            yield result
    except BrokenProcessPool:
        _shutdown_pool()  # a worker died (killed, out of memory): the next call starts a new pool
        raise


# One pool per process, kept warm between steps: reading, cleaning and extraction in one run pay
# for starting workers (and their imports) once. forkserver: workers never inherit the caller's
# threads (Dagster's, DuckDB's) or its locks.
_POOL: ProcessPoolExecutor | None = None
_POOL_WORKERS = 0
_POOL_LOCK = threading.Lock()


def _pool(workers: int) -> ProcessPoolExecutor:
    global _POOL, _POOL_WORKERS
    with _POOL_LOCK:
        if _POOL is None or _POOL_WORKERS != workers:
            if _POOL is not None:
                _POOL.shutdown(wait=True)
            _POOL = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("forkserver"))
            _POOL_WORKERS = workers
        return _POOL


def _shutdown_pool(wait: bool = False) -> None:
    global _POOL
    with _POOL_LOCK:
        if _POOL is not None:
            _POOL.shutdown(wait=wait, cancel_futures=not wait)
            _POOL = None


def release_workers() -> None:
    """Stop the pool's workers and wait for them to exit, giving their memory back: for a step
    after which the run needs no more workers (the load and dbt come next, and the load's DuckDB
    wants the memory the workers hold)."""
    _shutdown_pool(wait=True)


atexit.register(_shutdown_pool)


def _concat(frames: list[pl.DataFrame], table_schema: pl.Schema) -> pl.DataFrame:
    return pl.concat(frames, how="vertical") if frames else schema.empty(table_schema)


# ------------------------------------------------------------------------------------ ingest


def _read(job: tuple[list, dt.datetime]) -> dict[str, pl.DataFrame]:
    from orchestration.core import ingest

    entries, now = job
    return ingest.read_entries(entries, now).frames()


def read_in_batches(
    entries: list,
    workers: int | None = None,
    batch_size: int = READ_BATCH_SIZE,
    on_progress: Progress | None = None,
    now: dt.datetime | None = None,
) -> dict[str, pl.DataFrame]:
    """`ingest.read_entries(entries).frames()`, read on every core; the same frames, in the same order."""
    from orchestration.core import ingest

    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    chunks = [entries[i : i + batch_size] for i in range(0, len(entries), batch_size)]
    parts: dict[str, list[pl.DataFrame]] = {"documents": [], "rejects": [], "inbox_files": []}
    for frames in map_batches(_read, [(chunk, now) for chunk in chunks], [len(c) for c in chunks], workers, on_progress):
        for name, frame in frames.items():
            parts[name].append(frame)
    empty = ingest.IngestResult().frames()
    return {name: _concat(frames, empty[name].schema) for name, frames in parts.items()}


# ------------------------------------------------------------------------------------- clean


_CLEAN_INPUT = ("title", "body_text")
_CLEAN_OUTPUT = ("clean_text", "title", "word_count", "doc_id")


def _clean(batch: pl.DataFrame) -> pl.DataFrame:
    from orchestration.core import clean

    # Only the columns cleaning reads go to the worker and only what it adds comes back: the
    # original texts never cross a process boundary.
    return clean.clean_documents(batch).select(_CLEAN_OUTPUT)


def clean_in_batches(
    parsed: pl.DataFrame,
    workers: int | None = None,
    batch_size: int = BATCH_SIZE,
    on_progress: Progress | None = None,
) -> pl.DataFrame:
    """`clean.clean_documents(parsed)` on every core; the same rows in the same order."""
    from orchestration.core import clean

    if parsed.is_empty():
        return clean.clean_documents(parsed)
    batches = list(_batches(parsed.select(_CLEAN_INPUT), batch_size))
    added = pl.concat(list(map_batches(_clean, batches, [b.height for b in batches], workers, on_progress)), how="vertical")
    return parsed.drop("title").hstack(added).select(clean.clean_documents(parsed.head(0)).columns)


# ----------------------------------------------------------------------------------- extract


def _extract(batch: pl.DataFrame) -> dict[str, pl.DataFrame]:
    from orchestration.core.extract import extract_documents

    return extract_documents(batch)


def extract_in_batches(
    docs: pl.DataFrame,
    workers: int | None = None,
    batch_size: int = BATCH_SIZE,
    on_progress: Progress | None = None,
) -> dict[str, pl.DataFrame]:
    """Extract `docs` (doc_id, clean_text, metadata_date) and concatenate the facts per table."""
    parts: dict[str, list[pl.DataFrame]] = {name: [] for name in schema.EXTRACTED_TABLES}
    docs = docs.select("doc_id", "clean_text", "metadata_date")
    batches = list(_batches(docs, batch_size))
    for result in map_batches(_extract, batches, [b.height for b in batches], workers, on_progress):
        for name in parts:
            parts[name].append(result[name])
    return {name: _concat(frames, schema.EXTRACTED_TABLES[name]) for name, frames in parts.items()}
