"""A smaller warehouse as dense as a larger one: the articles of a kept corpus dated in its first
DAYS days, run as a backlog into a run folder `growth.py` can compare with the larger one.

    python benchmarks/density.py benchmarks/out/corpus-100000-seed6 benchmarks/out/run-dense-10000 --days 950
    python benchmarks/growth.py benchmarks/out/run-dense-10000 benchmarks/out/run-100000-* --dated-within 950

The benchmark's corpora spread their articles over the same 26 years at every size, so a
100,000-document warehouse holds ten times the articles of each day, body and speaker that a
10,000-document one does, and a new article has ten times the candidate duplicates and vote
reports to compare with. Those comparisons are the work of deduplicating and merging, not of
the warehouse's size. A tenth of the days of the 100,000-document corpus holds about as many
articles as the 10,000-document corpus, at the larger one's density: with new articles dated in
those days (`growth.py --dated-within`), what still grows is the warehouse's size alone.
The files named as articles are taken (.txt, .md, .html, each by its own slot's date: the
few bad files and exact duplicates among them come along); the .jsonl batches are not.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate_corpus as corpus_generator  # noqa: E402
import run as bench  # noqa: E402

ARTICLE_FILE = re.compile(r"doc_(\d+)\.(txt|md|html)$")


def window_end(days: int) -> dt.date:
    return corpus_generator.FIRST_DAY + dt.timedelta(days=days)


def dense_inbox(corpus: Path, seed: int, days: int, inbox: Path) -> int:
    """Hard links in `inbox` to the files of `corpus` (generated with `seed`) named as articles
    and dated before the window's end; how many."""
    inbox.mkdir(parents=True)
    end = window_end(days)
    linked = 0
    for entry in os.scandir(corpus):
        match = ARTICLE_FILE.match(entry.name)
        if match and corpus_generator.make_article(seed, int(match.group(1)))["published"] < end:
            os.link(entry.path, inbox / entry.name)
            linked += 1
    return linked


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="a corpus folder benchmarks/run.py generated (corpus-N-seedS)")
    parser.add_argument("run_folder", type=Path, help="the new run folder (must not exist)")
    parser.add_argument("--days", type=int, required=True, help="the window: the corpus's first DAYS days")
    args = parser.parse_args(argv)
    seed = int(re.search(r"seed(\d+)$", args.corpus.name).group(1))
    folder = args.run_folder.resolve()  # Dagster takes an absolute DAGSTER_HOME only
    linked = dense_inbox(args.corpus, seed, args.days, folder / "inbox")
    print(f"{linked:,} articles dated before {window_end(args.days)}; backlog run ...", file=sys.stderr)
    figures = bench.refresh(
        "dense backlog", folder / "inbox", folder / "warehouse" / "plenary.duckdb", folder / "dagster_home",
        folder / "refresh.log",
    )
    print(f"backlog: {figures.process_seconds:.1f} s, exit {figures.exit_code}", file=sys.stderr)
    return figures.exit_code or (1 if figures.failed_steps else 0)


if __name__ == "__main__":
    sys.exit(main())
