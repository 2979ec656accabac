"""Plenary: UN votes, actors and statements from news articles, into DuckDB."""

import os

# Polars allocates through its own jemalloc, which by default keeps freed pages for reuse. Every
# step of a run shares one process, so the texts one step frees stayed resident through the
# next (the load and dbt steps of a 100,000-document run sat on the cleaning step's gigabytes).
# Returning freed pages at once costs little here: steps allocate in large, short-lived frames.
# Set before anything imports Polars (jemalloc reads it once); workers inherit it.
os.environ.setdefault("_RJEM_MALLOC_CONF", "dirty_decay_ms:0,muzzy_decay_ms:0")
