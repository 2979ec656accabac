"""Does a one-article refresh grow with the warehouse? Runs alternating between two sizes.

    python benchmarks/growth.py benchmarks/out/run-10000-* benchmarks/out/run-100000-* [--rounds 5]

Takes two run folders `./dev bench --sizes 10000,100000 --keep` left (inbox, warehouse,
Dagster home) and, for each round, drops one new article into each inbox (the same article in
both: what an article brings, one vote or five, weighs more than the warehouse's size) and runs
`plenary refresh FILE` on it, as the inbox sensor's runs do. The sizes alternate, and the order
flips every round, so a machine that speeds up or slows down over minutes (a shared 2-core
machine does, by a quarter over an hour here) weighs on both alike: the benchmark's own one-article
figures come minutes apart, one size after the other, and differ by as much as that drift.

Prints each run's run start → marts updated time (and the dbt step's share), the median per
size, and the median of the differences within a round (larger minus smaller): the growth.
Before each run the disk's pending writes are flushed (`os.sync()`), so that no run pays for
writing out the last one's reader copy (runs back to back would share that cost; the figure
is of the run alone). A warm-up round goes first, uncounted: the first run after a change to
the dbt project rebuilds everything (`--full-refresh`).
Each run adds its article to the warehouse for good, as a real refresh would.
With `--dated-within DAYS` and a smaller warehouse from `density.py`, both warehouses hold as
many articles per day, and what grows is the warehouse's size alone (see density.py).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import density  # noqa: E402  (the window of --dated-within)
import run as bench  # noqa: E402  (the benchmark's refresh and event-log reading)


def documents_in(folder: Path) -> int:
    import duckdb

    with duckdb.connect(str(folder / "warehouse" / "plenary.duckdb"), read_only=True) as con:
        return con.execute("select count(*) from raw.documents").fetchone()[0]


def article_seeds(first: int, dated_within: int | None):
    """The seeds of new articles from `first` on: all, or those `bench.new_article` writes with a
    date in the corpora's first `dated_within` days (read from the generator's plan, cheaply)."""
    seed = first
    while True:
        if dated_within is None or bench.new_article_date(seed) < density.window_end(dated_within):
            yield seed
        seed += 1


def one_article(folder: Path, seed: int, label: str) -> tuple[float, float]:
    """Run start → marts updated, and the dbt step's wall time, of one named one-article refresh."""
    article = bench.new_article(folder / "inbox", seed)
    # the runs come back to back: without this, the disk was still writing out the last run's
    # reader copy (1.6 GB at 100,000 documents) during the next, and the first run of each
    # round measured slower, whichever size it was
    os.sync()
    figures = bench.refresh(
        label, folder / "inbox", folder / "warehouse" / "plenary.duckdb", folder / "dagster_home",
        folder / "refresh.log", [article.name],
    )
    if figures.exit_code or figures.failed_steps:
        raise SystemExit(f"{label}: exit {figures.exit_code}, failed steps {figures.failed_steps}; see {folder / 'refresh.log'}")
    dbt = figures.stages.get("dbt build")
    return figures.run_start_to_marts_seconds, dbt.seconds if dbt else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("smaller", type=Path, help="run folder of the smaller warehouse")
    parser.add_argument("larger", type=Path, help="run folder of the larger warehouse")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7_000_003)
    parser.add_argument("--dated-within", type=int, metavar="DAYS",
                        help="only articles dated in the corpora's first DAYS days (with density.py's warehouse)")
    parser.add_argument("--warmup", type=int, default=1,
                        help="untimed rounds first: the first run after a change to the dbt project is a full refresh")
    args = parser.parse_args(argv)
    folders = {"smaller": args.smaller.resolve(), "larger": args.larger.resolve()}
    sizes = {name: documents_in(folder) for name, folder in folders.items()}
    seeds = article_seeds(args.seed, args.dated_within)
    for round_index in range(args.warmup):
        seed = next(seeds)
        for name in folders:
            figures = one_article(folders[name], seed, f"growth warm-up {name}")
            print(f"warm-up {name:7}: run start → marts {figures[0]:.1f} s (not counted)", file=sys.stderr)
    runs: dict[str, list[tuple[float, float]]] = {"smaller": [], "larger": []}
    for round_index in range(args.rounds):
        seed = next(seeds)
        order = ["smaller", "larger"] if round_index % 2 == 0 else ["larger", "smaller"]
        for name in order:
            figures = one_article(folders[name], seed, f"growth {round_index + 1} {name}")
            runs[name].append(figures)
            print(f"round {round_index + 1} {name:7} ({sizes[name]:,} documents): run start → marts "
                  f"{figures[0]:.1f} s, dbt step {figures[1]:.1f} s", file=sys.stderr)
    print(f"\n| figure | {sizes['smaller']:,} documents | {sizes['larger']:,} documents | growth |")
    print("|---|---:|---:|---:|")
    for column, title in ((0, "run start → marts updated"), (1, "dbt step")):
        small = [figures[column] for figures in runs["smaller"]]
        large = [figures[column] for figures in runs["larger"]]
        paired = [b - a for a, b in zip(small, large)]
        print(f"| {title}, median (range) | {statistics.median(small):.1f} s ({min(small):.1f}-{max(small):.1f}) "
              f"| {statistics.median(large):.1f} s ({min(large):.1f}-{max(large):.1f}) "
              f"| {statistics.median(paired):+.1f} s (within rounds: {', '.join(f'{d:+.1f}' for d in paired)}) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
