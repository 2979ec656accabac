"""Golden-output check for the extraction core: the same input must give the same six frames.

    .venv/bin/python benchmarks/extract_equivalence.py save  [--ref DIR] [--corpus DIR]
    .venv/bin/python benchmarks/extract_equivalence.py check [--ref DIR] [--corpus DIR]

The input set: the seeds (/work/shared/seeds/*.txt, cleaned), our test articles
(tests/articles/*.txt), the sample inbox (read through `ingest` and `clean`, so md/html/jsonl and
metadata dates are covered) and a synthetic corpus (default /tmp/corpus, made with
`benchmarks/generate_corpus.py /tmp/corpus --documents 2000 --seed 1`; read the same way; skipped
when absent). `save` writes the reference parquet files to --ref; `check` extracts again and
reports, per table, the documents whose rows differ (exit code 1 on any difference).
Not a test: a tool for refactors that must not change output (speed work).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import polars as pl

from orchestration.core import ingest, schema
from orchestration.core.clean import clean_documents, clean_text
from orchestration.core.extract import extract_documents

ROOT = Path(__file__).resolve().parents[1]
DOC_SCHEMA = {"doc_id": pl.String, "clean_text": pl.String, "metadata_date": pl.Date}


def _plain(prefix: str, paths: list[Path]) -> pl.DataFrame:
    texts = [clean_text(p.read_text(encoding="utf-8")) for p in paths]
    return pl.DataFrame(
        {"doc_id": [f"{prefix}/{p.name}" for p in paths], "clean_text": texts, "metadata_date": [None] * len(paths)},
        schema=DOC_SCHEMA,
    )


def _inbox(prefix: str, inbox: Path) -> pl.DataFrame:
    docs = ingest.read_entries(ingest.scan_inbox(inbox)).frames()["documents"]
    if docs.is_empty():
        return pl.DataFrame(schema=DOC_SCHEMA)
    cleaned = clean_documents(docs)
    return cleaned.select(
        (pl.lit(prefix + "/") + pl.col("source_name")).alias("doc_id"), "clean_text", "metadata_date"
    ).cast(DOC_SCHEMA)


def documents(corpus: Path | None, seeds: Path = ROOT.parent / "shared" / "seeds") -> pl.DataFrame:
    parts = []
    if seeds.is_dir():
        parts.append(_plain("seeds", sorted(seeds.glob("*.txt"))))
    parts.append(_plain("articles", sorted((ROOT / "tests" / "articles").glob("*.txt"))))
    parts.append(_inbox("samples", ROOT / "samples" / "inbox"))
    if corpus is not None and corpus.is_dir():
        parts.append(_inbox("corpus", corpus))
    return pl.concat(parts)


def _diff(name: str, ref: pl.DataFrame, new: pl.DataFrame, show: int) -> int:
    """Number of documents whose rows differ; prints the first few."""
    if ref.schema != new.schema:
        print(f"{name}: schema differs\n  ref {ref.schema}\n  new {new.schema}")
        return 1
    if ref.equals(new, null_equal=True):
        return 0
    ref_ids = ref["doc_id"].unique().to_list()
    new_ids = new["doc_id"].unique().to_list()
    bad = []
    for d in sorted(set(ref_ids) | set(new_ids)):
        a = ref.filter(pl.col("doc_id") == d)
        b = new.filter(pl.col("doc_id") == d)
        if not a.equals(b, null_equal=True):
            bad.append((d, a, b))
    print(f"{name}: {len(bad)} documents differ ({ref.height} -> {new.height} rows)")
    with pl.Config(tbl_rows=40, tbl_cols=-1, fmt_str_lengths=60, tbl_width_chars=250):
        for d, a, b in bad[:show]:
            only_a = a.join(b, on=a.columns, how="anti", nulls_equal=True)
            only_b = b.join(a, on=a.columns, how="anti", nulls_equal=True)
            print(f"  {d}: reference only\n{only_a}\n  new only\n{only_b}")
            if only_a.is_empty() and only_b.is_empty():
                print("  (same rows, different order)")
    return len(bad) or 1


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["save", "check"])
    ap.add_argument("--ref", type=Path, default=Path("/tmp/extract_ref"))
    ap.add_argument("--corpus", type=Path, default=Path("/tmp/corpus"))
    ap.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    ap.add_argument("--show", type=int, default=3)
    a = ap.parse_args()
    docs = documents(a.corpus, a.seeds)
    words = sum(len(t.split()) for t in docs["clean_text"].to_list())
    t0 = time.perf_counter()
    out = extract_documents(docs)
    dt = time.perf_counter() - t0
    print(f"{docs.height} docs, {words} words, extracted in {dt:.1f} s ({words / dt:,.0f} words/s)")
    if a.mode == "save":
        a.ref.mkdir(parents=True, exist_ok=True)
        for name, frame in out.items():
            frame.write_parquet(a.ref / f"{name}.parquet")
        print(f"saved {', '.join(f'{k}={v.height}' for k, v in out.items())} to {a.ref}")
        return 0
    failed = 0
    for name in schema.EXTRACTED_TABLES:
        ref = pl.read_parquet(a.ref / f"{name}.parquet")
        failed += _diff(name, ref, out[name], a.show)
    print("IDENTICAL" if not failed else "DIFFERENT")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
