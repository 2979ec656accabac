"""The Python assets: ingest → clean → extract → load. Each is a thin shell over `orchestration.core`."""


import time
from pathlib import Path

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from orchestration.core import clean, ingest, load, parallel, progress, schema
from orchestration.core import config as paths
from orchestration.core.extract import EXTRACTOR_VERSION
from orchestration.defs.resources import STAGED_FILES, staged_input

WRITER_POOL = "warehouse_writer"
OWNER = "team:plenary"


def markdown_table(frame: pl.DataFrame, limit: int = 20) -> dg.MetadataValue:
    """A frame as a Markdown table for the Dagster UI (cells cut short, pipes escaped)."""
    if frame.is_empty():
        return dg.MetadataValue.md("_none_")
    head = frame.head(limit)
    lines = ["| " + " | ".join(head.columns) + " |", "|" + "---|" * head.width]
    for row in head.iter_rows():
        cells = ["" if v is None else str(v).replace("|", "\\|").replace("\n", " ")[:120] for v in row]
        lines.append("| " + " | ".join(cells) + " |")
    if frame.height > limit:
        lines.append(f"\n_{frame.height - limit} more rows_")
    return dg.MetadataValue.md("\n".join(lines))


FILES_WAITING = "files_waiting"  # inbox_documents' metadata: new files left for the next run


class InboxConfig(dg.Config):
    # Files modified in the last N seconds wait for a later run: they may still be being written.
    # The inbox sensor and the schedule set it; a refresh by hand reads everything.
    settle_seconds: float = 0.0
    # Only these inbox files (names relative to the inbox), when a run is told what is new: the
    # inbox sensor names its batch, `plenary refresh FILE...` the files given. They are stat'ed
    # alone instead of listing the whole inbox. None: every new or changed file.
    files: list[str] | None = None


@dg.asset(
    group_name="ingest",
    kinds={"python", "files"},
    owners=[OWNER],
    pool=WRITER_POOL,
    description="Reads new and changed inbox files (.txt, .md, .html, .jsonl); every unreadable input "
    "becomes a reject with a reason. Files already in the warehouse, unchanged, are not read again.",
)
def inbox_documents(
    context: dg.AssetExecutionContext, config: InboxConfig, warehouse: DuckDBResource
) -> dict[str, pl.DataFrame]:
    inbox = paths.inbox_path()
    if not inbox.is_dir():
        raise dg.Failure(f"The inbox {inbox} does not exist: create it or set PLENARY_INBOX to a folder.")
    entries = ingest.scan_inbox(inbox) if config.files is None else ingest.named_entries(inbox, config.files)
    with warehouse.get_connection() as con:
        load.ensure_raw_tables(con)
        known = load.known_inbox_files(con, among=None if config.files is None else [e.source_name for e in entries])
    changed = ingest.settled_entries(ingest.changed_entries(entries, known), config.settle_seconds)
    # at most PLENARY_MAX_FILES_PER_RUN files; the rest wait for the next run, which `plenary
    # refresh` and the inbox sensor (slicing its batches by the same setting) start
    max_files = paths.max_files_per_run()
    changed, waiting = ingest.take_for_run(changed, max_files)
    if waiting:
        context.log.info(f"{waiting} more new file(s) wait for the next run (at most {max_files:,} a run)")
    with progress.Progress("read", total=len(changed), unit="files", log=context.log.debug) as bar:
        frames = parallel.read_in_batches(changed, on_progress=bar.update)
    rejects = frames["rejects"]
    context.add_output_metadata(
        {
            "inbox": dg.MetadataValue.path(str(inbox)),
            # the files looked at: the whole inbox, or the files the run was given
            ("files_in_inbox" if config.files is None else "files_named"): len(entries),
            "files_read": len(changed),
            FILES_WAITING: waiting,
            "documents_read": frames["documents"].height,
            "rejected": rejects.height,
            "rejects": markdown_table(rejects.select("source_name", "reason", "detail")),
        }
    )
    return frames


@dg.asset(
    group_name="ingest",
    kinds={"python"},
    owners=[OWNER],
    pool=WRITER_POOL,
    ins={"inbox_documents": staged_input({"documents": None})},
    description="Drops web-page chrome and repeated paragraphs, finds titles, derives each doc_id from the "
    "normalised text, and keeps only documents the warehouse does not have yet.",
)
def cleaned_documents(
    context: dg.AssetExecutionContext, inbox_documents: dict[str, pl.DataFrame], warehouse: DuckDBResource
) -> dict[str, pl.DataFrame]:
    parsed = inbox_documents["documents"]
    with progress.Progress("clean", total=parsed.height, log=context.log.debug) as bar:
        cleaned = parallel.clean_in_batches(parsed, on_progress=bar.update)
    with warehouse.get_connection() as con:
        known = load.known_doc_ids(con, among=cleaned["doc_id"])
    documents, sources = clean.split_new_documents(cleaned, known)
    context.add_output_metadata(
        {
            "documents_read": cleaned.height,
            "documents_new": documents.height,
            "already_in_warehouse_or_repeated": cleaned.height - documents.height,
            "words_new": int(documents["word_count"].sum() or 0),
        }
    )
    return {"documents": documents, "document_sources": sources}


@dg.asset(
    group_name="extract",
    kinds={"python"},
    owners=[OWNER],
    pool=WRITER_POOL,
    code_version=EXTRACTOR_VERSION,
    ins={"cleaned_documents": staged_input({"documents": ["doc_id", "clean_text", "metadata_date"]})},
    description="Finds actors, numbers, quotes and votes in new documents (and in stored documents an "
    "older extractor version read), on every core.",
)
def extracted_facts(
    context: dg.AssetExecutionContext, cleaned_documents: dict[str, pl.DataFrame], warehouse: DuckDBResource
) -> dict[str, pl.DataFrame]:
    new = cleaned_documents["documents"].select("doc_id", "clean_text", "metadata_date")
    with warehouse.get_connection() as con:
        stale = load.documents_awaiting_extraction(con, EXTRACTOR_VERSION, exclude=new["doc_id"])
    todo = pl.concat([new, stale], how="vertical_relaxed")
    started = time.perf_counter()
    with progress.Progress("extract", total=todo.height, log=context.log.debug) as bar:
        facts = parallel.extract_in_batches(todo, on_progress=bar.update)
    seconds = time.perf_counter() - started
    parallel.release_workers()
    context.add_output_metadata(
        {
            "documents_extracted": todo.height,
            "re_extracted_for_new_version": stale.height,
            "seconds": round(seconds, 2),
            **{f"rows_{name}": frame.height for name, frame in facts.items()},
        }
    )
    return facts


RAW_TABLE_KEYS = {name: dg.AssetKey([schema.RAW_SCHEMA, name]) for name in schema.ALL_TABLES}


@dg.multi_asset(
    name="warehouse_raw",
    specs=[
        dg.AssetSpec(
            key,
            group_name="warehouse",
            kinds={"duckdb"},
            owners=[OWNER],
            deps=[inbox_documents, cleaned_documents, extracted_facts],
            description=f"DuckDB table raw.{name}, written with the rest of the run in one transaction.",
        )
        for name, key in RAW_TABLE_KEYS.items()
    ],
    pool=WRITER_POOL,
    # The staged Parquet files themselves: DuckDB reads them in a stream, so the backlog never
    # passes through Python here.
    ins={
        "inbox_documents": dg.AssetIn(input_manager_key=STAGED_FILES),
        "cleaned_documents": dg.AssetIn(input_manager_key=STAGED_FILES),
        "extracted_facts": dg.AssetIn(input_manager_key=STAGED_FILES),
    },
)
def warehouse_raw(
    context: dg.AssetExecutionContext,
    inbox_documents: dict[str, Path],
    cleaned_documents: dict[str, Path],
    extracted_facts: dict[str, Path],
    warehouse: DuckDBResource,
):
    """Loads the run's documents, names, rejects and facts into the DuckDB `raw` schema (DuckDB
    reads the staged Parquet files) in one transaction: a failed run leaves the previous state intact."""
    frames = {
        "documents": cleaned_documents["documents"],
        "document_sources": cleaned_documents["document_sources"],
        "inbox_files": inbox_documents["inbox_files"],
        "rejects": inbox_documents["rejects"],
        **extracted_facts,
    }
    with warehouse.get_connection() as con:
        with progress.Progress("load", total=len(frames), unit="tables", log=context.log.debug) as bar:
            written = load.load_run(con, frames, on_progress=bar.update)
        totals = {name: con.execute(f"select count(*) from raw.{name}").fetchone()[0] for name in schema.ALL_TABLES}
    for name, key in RAW_TABLE_KEYS.items():
        yield dg.MaterializeResult(
            asset_key=key, metadata={"rows_written": written.get(name, 0), "rows_total": totals[name]}
        )


REJECT_RATE_LIMIT = 0.5


@dg.asset_check(asset=RAW_TABLE_KEYS["rejects"], description=f"Under {REJECT_RATE_LIMIT:.0%} of inputs are rejected.")
def reject_rate_is_low(warehouse: DuckDBResource) -> dg.AssetCheckResult:
    with warehouse.get_connection() as con:
        documents, rejects = con.execute(
            "select (select count(*) from raw.document_sources), (select count(*) from raw.rejects)"
        ).fetchone()
    rate = rejects / (documents + rejects) if documents + rejects else 0.0
    return dg.AssetCheckResult(
        passed=rate < REJECT_RATE_LIMIT,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"reject_rate": round(rate, 3), "rejects": rejects, "documents": documents},
    )
