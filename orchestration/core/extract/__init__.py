"""Extraction core: clean article text in, raw-table frames out (see `core.schema`)."""

from __future__ import annotations

import polars as pl

from orchestration.core import schema

EXTRACTOR_VERSION = "0.0.1"


def extract_documents(docs: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """docs: doc_id, clean_text, metadata_date -> one frame per table of `schema.EXTRACTED_TABLES`."""
    facts = pl.DataFrame(
        {"doc_id": docs["doc_id"].to_list(), "text_date": [None] * docs.height,
         "extractor_version": [EXTRACTOR_VERSION] * docs.height}
    )
    out = {name: schema.empty(s) for name, s in schema.EXTRACTED_TABLES.items()}
    out["document_facts"] = schema.conform(facts, schema.DOCUMENT_FACTS)
    return out
