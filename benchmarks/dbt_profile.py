"""Where a dbt build's time goes, on a warehouse that already exists.

    python benchmarks/dbt_profile.py WAREHOUSE [--top 15]

Runs the incremental `dbt build` the refresh job runs (views left alone, their tests kept) on
WAREHOUSE, as a subprocess with a JSON debug log in a temporary target folder, then reads the
log back and prints:

- the process's wall time, and how much of it passed before dbt's first log line (Python
  imports) and before its first node (parse, connection, graph);
- for models and for tests: wall time, time inside SQL statements, and the rest per node
  (dbt's own Python: Jinja, materialization macros, events);
- the slowest nodes and the slowest kinds of statement.

On a warehouse with nothing new this is the fixed cost of every refresh; after adding a
document (a run of `plenary refresh` that loads it, then this script) it is the cost of one
new article. The warehouse is modified as a refresh would modify it: use a copy
(`./dev bench --sizes 100000 --keep` leaves one in benchmarks/out/run-100000-*).
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DBT = Path(sys.executable).with_name("dbt")
INCREMENTAL_BUILD = ["build", "--exclude", "config.materialized:view", "--indirect-selection", "empty"]


def run_build(warehouse: Path, target: Path) -> tuple[float, int]:
    env = {**os.environ, "PLENARY_WAREHOUSE": str(warehouse), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    # parsed once beforehand, as the refresh job's stable target folder is: the build then
    # parses partially, as it does in a refresh
    subprocess.run([str(DBT), "parse", "--target-path", str(target), "--log-path", str(target), "--quiet"],
                   cwd=ROOT / "dbt_project", env=env, check=True, stdout=subprocess.DEVNULL)
    (target / "dbt.log").unlink(missing_ok=True)
    started = time.time()
    build = subprocess.run(
        [str(DBT), *INCREMENTAL_BUILD, "--target-path", str(target), "--log-path", str(target),
         "--log-format-file", "json", "--log-level-file", "debug", "--quiet"],
        cwd=ROOT / "dbt_project", env=env, check=False, stdout=subprocess.DEVNULL,
    )
    return started, build.returncode


def _seconds(line: dict) -> float:
    return dt.datetime.fromisoformat(line["info"]["ts"].replace("Z", "+00:00")).timestamp()


def _statement_kind(sql: str) -> str:
    words = re.sub(r"/\*.*?\*/|--[^\n]*", " ", sql, flags=re.S).split()
    return " ".join(words[:2]).lower() if words else "?"


def profile(log: Path, started: float, ended: float, top: int) -> str:
    lines = [json.loads(text) for text in log.read_text().splitlines() if text.strip()]
    node_start: dict[str, float] = {}
    node_end: dict[str, float] = {}
    node_sql: collections.Counter[str] = collections.Counter()
    kind_sql: collections.Counter[str] = collections.Counter()
    kind_count: collections.Counter[str] = collections.Counter()
    node, statement = "", ""
    for line in lines:
        name, data = line["info"]["name"], line.get("data") or {}
        unique_id = (data.get("node_info") or {}).get("unique_id", "")
        if name == "NodeStart":
            node = unique_id
            node_start[node] = _seconds(line)
        elif name == "NodeFinished":
            node_end[unique_id] = _seconds(line)
        elif name == "SQLQuery":
            statement = _statement_kind(data.get("sql", ""))
        elif name == "SQLQueryStatus":
            node_sql[node] += data["elapsed"]
            kind_sql[statement] += data["elapsed"]
            kind_count[statement] += 1
    first_line = _seconds(lines[0])
    first_node = min(node_start.values())
    out = [
        f"dbt process {ended - started:.1f} s: {first_line - started:.1f} s before dbt's first log line (imports), "
        f"{first_node - first_line:.1f} s more before the first node (parse, connection, graph)",
    ]
    for kind in ("model", "test"):
        ids = [i for i in node_start if i.startswith(kind + ".") and i in node_end]
        wall = sum(node_end[i] - node_start[i] for i in ids)
        sql = sum(node_sql[i] for i in ids)
        if ids:
            out.append(
                f"{kind}s: {len(ids)} nodes, {wall:.1f} s wall, {sql:.1f} s in SQL, "
                f"{(wall - sql) / len(ids) * 1000:.0f} ms of dbt's own work per node"
            )
    out.append("slowest nodes (wall, SQL):")
    slowest = sorted(node_end, key=lambda i: node_start[i] - node_end[i])[:top]
    out += [f"  {node_end[i] - node_start[i]:6.2f} {node_sql[i]:6.2f}  {i}" for i in slowest]
    out.append("slowest kinds of statement (SQL s, count):")
    out += [f"  {seconds:6.2f} {kind_count[kind]:5}  {kind}" for kind, seconds in kind_sql.most_common(top)]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("warehouse", type=Path)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args(argv)
    if not args.warehouse.is_file():
        parser.error(f"{args.warehouse} is not a DuckDB file")
    with tempfile.TemporaryDirectory(prefix="dbt-profile-") as target:
        started, exit_code = run_build(args.warehouse.resolve(), Path(target))
        ended = time.time()
        if exit_code != 0:
            # a node that errors skips everything downstream of it: the figures would then
            # describe part of a build (a warehouse built by older models needs a full refresh)
            print(f"dbt build exited {exit_code}: a node failed and those after it were skipped; "
                  "the figures below cover only what ran", file=sys.stderr)
        log = Path(target) / "dbt.log"
        if not log.exists():
            print(f"dbt wrote no log in {target}: it did not start", file=sys.stderr)
            return 2
        print(profile(log, started, ended, args.top))
    return 0 if exit_code == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
