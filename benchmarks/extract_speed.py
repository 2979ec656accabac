"""Extraction speed on one core: words per second over the seeds and our test articles, repeated.

usage: .venv/bin/python benchmarks/extract_speed.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import polars as pl

from orchestration.core.clean import clean_text
from orchestration.core.extract import extract_documents

ROOT = Path(__file__).resolve().parents[1]


def corpus() -> list[str]:
    paths = sorted((ROOT / "tests" / "articles").glob("*.txt"))
    seeds = ROOT.parent / "shared" / "seeds"
    if seeds.is_dir():
        paths += sorted(seeds.glob("*.txt"))
    return [clean_text(p.read_text(encoding="utf-8")) for p in paths]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=40)
    a = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    texts = corpus() * a.repeat
    docs = pl.DataFrame(
        {"doc_id": [f"d{i}" for i in range(len(texts))], "clean_text": texts, "metadata_date": [None] * len(texts)},
        schema={"doc_id": pl.String, "clean_text": pl.String, "metadata_date": pl.Date},
    )
    words = sum(len(t.split()) for t in texts)
    extract_documents(docs.head(5))  # warm the gazetteer tables
    t0, c0 = time.perf_counter(), time.process_time()
    out = extract_documents(docs)
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"{len(texts)} docs, {words} words in {dt:.2f} s: {words / dt:,.0f} words/s, {len(texts) / dt:,.0f} docs/s on one core")
    # on a shared machine the wall clock counts other processes' turns too; CPU time does not
    print(f"CPU time {cpu:.2f} s: {words / cpu:,.0f} words/s, {len(texts) / cpu:,.0f} docs/s (load average {os.getloadavg()[0]:.1f})")
    print({k: v.height for k, v in out.items()})


if __name__ == "__main__":
    main()
