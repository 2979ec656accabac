"""Extraction over batches on every core: a process pool inside one step, not one process per document.

Small inputs are extracted in-process, since starting workers costs more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor

import polars as pl

from orchestration.core import schema

IN_PROCESS_BELOW = 400
BATCH_SIZE = 250


def default_workers() -> int:
    return max(1, int(os.environ.get("PLENARY_WORKERS", os.cpu_count() or 1)))


def _batches(docs: pl.DataFrame, size: int) -> Iterator[pl.DataFrame]:
    for offset in range(0, docs.height, size):
        yield docs.slice(offset, size)


def _extract(batch: pl.DataFrame) -> dict[str, pl.DataFrame]:
    from orchestration.core.extract import extract_documents

    return extract_documents(batch)


def extract_in_batches(
    docs: pl.DataFrame,
    workers: int | None = None,
    batch_size: int = BATCH_SIZE,
    on_progress: Callable[[int, int], None] | None = None,
) -> dict[str, pl.DataFrame]:
    """Extract `docs` (doc_id, clean_text, metadata_date) and concatenate the facts per table."""
    workers = workers or default_workers()
    parts: dict[str, list[pl.DataFrame]] = {name: [] for name in schema.EXTRACTED_TABLES}
    done = 0

    def collect(result: dict[str, pl.DataFrame], size: int) -> None:
        nonlocal done
        for name in parts:
            parts[name].append(result[name])
        done += size
        if on_progress:
            on_progress(done, docs.height)

    docs = docs.select("doc_id", "clean_text", "metadata_date")
    if workers == 1 or docs.height < IN_PROCESS_BELOW:
        for batch in _batches(docs, batch_size):
            collect(_extract(batch), batch.height)
    else:
        # forkserver: workers never inherit the caller's threads (Dagster's, DuckDB's) or its locks.
        context = multiprocessing.get_context("forkserver")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            batches = list(_batches(docs, batch_size))
            for batch, result in zip(batches, pool.map(_extract, batches)):
                collect(result, batch.height)
    return {
        name: pl.concat(frames, how="vertical") if frames else schema.empty(schema.EXTRACTED_TABLES[name])
        for name, frames in parts.items()
    }
