"""Extraction core: clean article text in, raw-table frames out (see `core.schema`).

Pure functions, no Dagster: `extract_documents` runs the same in a test, a benchmark or a
process pool. Per document: tokens and sentences (`tokens`), actor mentions (`entities`),
numbers (`numbers`), the document date (`dates`), statements (`quotes`) and votes (`votes`).
"""

from __future__ import annotations

from datetime import date

import polars as pl

from orchestration.core import schema

from . import gazetteer
from .dates import find_text_date
from .entities import find_mentions
from .numbers import find_numbers
from .quotes import find_statements
from .tokens import make_doc
from .votes import find_votes

EXTRACTOR_VERSION = "1.0.0"
_VOTER_NOUNS = {"member", "country", "state", "nation", "delegation", "government", "vote"}


def extract_one(doc_id: str, text: str, metadata_date: date | None) -> dict[str, list[dict]]:
    """All rows for one document, as lists of dicts keyed like the raw tables."""
    text = text or ""
    doc = make_doc(text)
    text_date = find_text_date(doc.text, metadata_date)
    base = metadata_date or text_date
    mentions = find_mentions(doc)
    statements = find_statements(doc, mentions, base)
    qspans = [(s.start, s.end) for s in statements if s.is_direct]
    votes = find_votes(doc, mentions, qspans, base)
    numbers = find_numbers(doc.text, doc.tokens)

    rows: dict[str, list[dict]] = {k: [] for k in schema.EXTRACTED_TABLES}
    rows["document_facts"].append({"doc_id": doc_id, "text_date": text_date, "extractor_version": EXTRACTOR_VERSION})
    for m in mentions:
        rows["mentions"].append({
            "doc_id": doc_id, "surface": text[m.start:m.end], "char_start": m.start, "char_end": m.end,
            "actor_name": m.name, "actor_type": m.kind, "country_code": m.code if m.kind == "country" else None,
            "affiliation": m.affiliation, "role": m.role,
        })
    tally_spans = {span for v in votes for span in v.tally_spans}
    for n in numbers:
        kind, unit = n.kind, n.unit
        if (n.start, n.end) in tally_spans or any(a <= n.start < b for a, b in tally_spans):
            # a tally counts votes; keep the noun the text gives ("13 other members")
            kind, unit = "tally", unit if unit in _VOTER_NOUNS else "vote"
        rows["numbers"].append({
            "doc_id": doc_id, "value": n.value, "unit": unit, "kind": kind, "is_approximate": n.approx,
            "surface": text[n.start:n.end], "char_start": n.start, "char_end": n.end,
        })
    for i, s in enumerate(statements):
        rows["statements"].append({
            "doc_id": doc_id, "statement_index": i, "speaker_name": s.speaker, "speaker_is_person": s.is_person,
            "speaker_affiliation": s.affiliation, "quote": s.quote, "is_direct": s.is_direct,
            "statement_date": s.when, "char_start": s.start, "char_end": s.end,
        })
    for i, v in enumerate(votes):
        rows["vote_reports"].append({
            "doc_id": doc_id, "report_index": i, "body": v.body, "subject": v.subject, "vote_date": v.when,
            "yes_count": v.yes, "no_count": v.no, "abstain_count": v.abstain, "outcome": v.outcome,
            "evidence": v.evidence, "char_start": v.start, "char_end": v.end,
        })
        for country, (position, is_veto) in sorted(v.positions.items()):
            rows["vote_report_positions"].append({
                "doc_id": doc_id, "report_index": i, "country": country,
                "country_code": gazetteer.country_code(country), "position": position, "is_veto": is_veto,
            })
    return rows


def extract_documents(docs: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """docs: doc_id, clean_text, metadata_date -> one frame per table of `schema.EXTRACTED_TABLES`."""
    rows: dict[str, list[dict]] = {k: [] for k in schema.EXTRACTED_TABLES}
    has_date = "metadata_date" in docs.columns
    for rec in docs.iter_rows(named=True):
        one = extract_one(rec["doc_id"], rec.get("clean_text") or "", rec.get("metadata_date") if has_date else None)
        for k, v in one.items():
            rows[k].extend(v)
    out = {}
    for name, sch in schema.EXTRACTED_TABLES.items():
        if rows[name]:
            out[name] = schema.conform(pl.DataFrame(rows[name], schema_overrides=dict(sch), infer_schema_length=None), sch)
        else:
            out[name] = schema.empty(sch)
    return out
