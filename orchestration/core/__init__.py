"""Plenary's core: pure functions over text and Polars frames (ingest, clean, extract, load).

Nothing in this package imports Dagster, so the same code runs in tests, benchmarks, a process
pool or a remote executor.
"""
