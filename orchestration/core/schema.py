"""The raw tables: the one interface between extraction (Python) and the dbt models.

Each frame the core produces has exactly one of these schemas; `load` creates the DuckDB tables
from them and dbt declares them as sources (`dbt_project/models/staging/_sources.yml`).
Offsets (`char_start`, `char_end`) always index the document's cleaned text.
"""

from __future__ import annotations

import polars as pl

RAW_SCHEMA = "raw"

# Every raw table also has this column: the load that wrote the row, numbered in order
# (load.record_load). dbt finds what runs added since its last build from it, on a column that
# grows with the order rows are appended in (DuckDB skips whole row groups by their min/max),
# instead of comparing every document with what it built.
LOAD_ID = "load_id"

# One row per distinct document (doc_id is derived from the normalised text).
DOCUMENTS = pl.Schema(
    {
        "doc_id": pl.String,
        "source_name": pl.String,  # the first name the document was seen under
        "source_format": pl.String,  # txt, md, html, jsonl
        "title": pl.String,
        "metadata_date": pl.Date,  # from front matter / jsonl fields
        "source_outlet": pl.String,  # `source` field of the metadata, if any
        "url": pl.String,
        "encoding": pl.String,  # utf-8, cp1252, latin-1, ...
        "original_text": pl.String,  # verbatim file (or jsonl line) content, decoded
        "clean_text": pl.String,
        "word_count": pl.Int32,
        "ingested_at": pl.Datetime("us"),
    }
)

# Every inbox name a document was seen under (the same article under two names is one document).
DOCUMENT_SOURCES = pl.Schema(
    {
        "doc_id": pl.String,
        "source_name": pl.String,
        "first_seen_at": pl.Datetime("us"),
    }
)

# What the inbox looked like when last read: lets a second run skip unchanged files unread.
INBOX_FILES = pl.Schema(
    {
        "source_name": pl.String,  # relative path inside the inbox
        "size_bytes": pl.Int64,
        "mtime_ns": pl.Int64,
        "content_hash": pl.String,
        "seen_at": pl.Datetime("us"),
    }
)

REJECTS = pl.Schema(
    {
        "source_name": pl.String,
        "reason": pl.String,
        "detail": pl.String,
        "rejected_at": pl.Datetime("us"),
    }
)

# Document-level facts found by extraction.
DOCUMENT_FACTS = pl.Schema(
    {
        "doc_id": pl.String,
        "text_date": pl.Date,  # dateline or date stated at the top of the text
        "extractor_version": pl.String,
    }
)

# One row per mention of an actor. `actor_name` is already canonical within the document
# (a surname mention carries the full name found earlier in the same document).
MENTIONS = pl.Schema(
    {
        "doc_id": pl.String,
        "surface": pl.String,
        "char_start": pl.Int32,
        "char_end": pl.Int32,
        "actor_name": pl.String,  # canonical: "Russia", "Security Council", "Zhang Jun"
        "actor_type": pl.String,  # country, person, organization
        "country_code": pl.String,  # ISO 3166-1 alpha-3 for countries, else null
        "affiliation": pl.String,  # for a person: the country or organization they speak for
        "role": pl.String,  # for a person: "ambassador", "spokesman", ...
    }
)

NUMBERS = pl.Schema(
    {
        "doc_id": pl.String,
        "value": pl.Float64,
        "unit": pl.String,
        "kind": pl.String,  # tally, quantity, count, year, ordinal, percent, money, other
        "is_approximate": pl.Boolean,
        "surface": pl.String,
        "char_start": pl.Int32,
        "char_end": pl.Int32,
    }
)

STATEMENTS = pl.Schema(
    {
        "doc_id": pl.String,
        "statement_index": pl.Int32,  # order within the document
        "speaker_name": pl.String,  # a person's full name or a description ("a senior U.S. official")
        "speaker_is_person": pl.Boolean,  # true when speaker_name is a person's name
        "speaker_affiliation": pl.String,
        "quote": pl.String,
        "is_direct": pl.Boolean,
        "statement_date": pl.Date,  # from the text ("on Wednesday"); null when the text does not say
        "char_start": pl.Int32,
        "char_end": pl.Int32,
    }
)

# One row per report of a vote in a document (the marts merge reports across documents).
VOTE_REPORTS = pl.Schema(
    {
        "doc_id": pl.String,
        "report_index": pl.Int32,
        "body": pl.String,  # "General Assembly", "General Assembly Third Committee", "Security Council", ...
        "subject": pl.String,
        "vote_date": pl.Date,
        "yes_count": pl.Int32,
        "no_count": pl.Int32,
        "abstain_count": pl.Int32,
        "outcome": pl.String,  # adopted, rejected, vetoed, unknown
        "evidence": pl.String,  # the sentence(s) the vote was read from
        "char_start": pl.Int32,
        "char_end": pl.Int32,
    }
)

VOTE_REPORT_POSITIONS = pl.Schema(
    {
        "doc_id": pl.String,
        "report_index": pl.Int32,
        "country": pl.String,  # canonical country name
        "country_code": pl.String,
        "position": pl.String,  # yes, no, abstain
        "is_veto": pl.Boolean,
    }
)

# Tables filled per document by extraction; a document's rows are replaced as a whole.
EXTRACTED_TABLES: dict[str, pl.Schema] = {
    "document_facts": DOCUMENT_FACTS,
    "mentions": MENTIONS,
    "numbers": NUMBERS,
    "statements": STATEMENTS,
    "vote_reports": VOTE_REPORTS,
    "vote_report_positions": VOTE_REPORT_POSITIONS,
}

ALL_TABLES: dict[str, pl.Schema] = {
    "documents": DOCUMENTS,
    "document_sources": DOCUMENT_SOURCES,
    "inbox_files": INBOX_FILES,
    "rejects": REJECTS,
    **EXTRACTED_TABLES,
}


def empty(schema: pl.Schema) -> pl.DataFrame:
    return pl.DataFrame(schema=schema)


def conform(frame: pl.DataFrame, schema: pl.Schema) -> pl.DataFrame:
    """Select and cast `frame` to `schema`, adding missing columns as nulls."""
    return frame.select(
        [
            (pl.col(name) if name in frame.columns else pl.lit(None)).cast(dtype).alias(name)
            for name, dtype in schema.items()
        ]
    )
