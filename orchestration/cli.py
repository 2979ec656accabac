"""`plenary`: run the pipeline through Dagster, and measure extraction against a gold file."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="plenary", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    refresh = commands.add_parser("refresh", help="run the whole asset graph once (ingest → dbt marts)")
    refresh.add_argument("--inbox", type=Path, help="inbox folder (default: $PLENARY_INBOX or samples/inbox)")
    refresh.add_argument("--warehouse", type=Path, help="DuckDB file (default: $PLENARY_WAREHOUSE or warehouse/plenary.duckdb)")
    refresh.add_argument(
        "files", nargs="*", type=Path, metavar="FILE",
        help="read only these inbox files, as the inbox sensor's runs do (the inbox is not listed); "
        "default: every new or changed file",
    )
    evaluate = commands.add_parser("evaluate", help="score the warehouse against a gold file")
    evaluate.add_argument("gold", type=Path)
    evaluate.add_argument("--warehouse", type=Path)
    evaluate.add_argument("--json", type=Path, metavar="OUT", help="also write the full report as JSON to OUT")
    evaluate.add_argument("--min-f1", type=float, metavar="X", help="exit 1 when votes, statements or mean actors F1 is under X")
    args = parser.parse_args(argv)
    if args.command == "refresh" and args.inbox:
        os.environ["PLENARY_INBOX"] = str(args.inbox.resolve())
    if args.warehouse:
        os.environ["PLENARY_WAREHOUSE"] = str(args.warehouse.resolve())
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    if args.command == "refresh":
        from orchestration.core.config import inbox_path

        try:
            names = inbox_names(args.files, inbox_path()) if args.files else None
        except ValueError as exc:
            print(f"plenary refresh: {exc}", file=sys.stderr)
            return 2
        return run_refresh(names)
    from orchestration.core.evaluate import EvaluationError, evaluate_warehouse, format_report, headline_f1
    from orchestration.core.config import warehouse_path

    try:
        report = evaluate_warehouse(warehouse_path(), args.gold)
    except EvaluationError as exc:
        print(f"plenary evaluate: {exc}", file=sys.stderr)
        return 1
    print(format_report(report))
    if args.json:
        import json

        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.min_f1 is not None and headline_f1(report) < args.min_f1:
        print(f"plenary evaluate: F1 {headline_f1(report):.3f} is under --min-f1 {args.min_f1}", file=sys.stderr)
        return 1
    return 0


def inbox_names(files: list[Path], inbox: Path) -> list[str]:
    """Files given on the command line as names relative to the inbox: each a path to a file in
    the inbox (absolute or from here) or a name within it."""
    inbox = inbox.resolve()
    names = []
    for file in files:
        located = file if file.is_absolute() or file.exists() else inbox / file
        location = Path(os.path.abspath(located))
        if not location.is_relative_to(inbox):
            raise ValueError(f"{file} is not in the inbox {inbox}")
        if not location.is_file():
            raise ValueError(f"{file} is not a file of the inbox {inbox}")
        names.append(location.relative_to(inbox).as_posix())
    return names


def run_refresh(files: list[str] | None = None) -> int:
    """Materialize every asset through Dagster; non-zero when any step or dbt test fails.

    A backlog of more new files than one run takes (PLENARY_MAX_FILES_PER_RUN) goes in as
    several runs, one after the other, until nothing waits. With `files` (names in the inbox)
    the runs read only those."""
    import dagster as dg

    from orchestration.core import config
    from orchestration.definitions import refresh_job

    config.warehouse_path().parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()
    run_config: dict = {"loggers": {"console": {"config": {"log_level": os.environ.get("PLENARY_LOG_LEVEL", "WARNING")}}}}
    if files is not None:
        run_config["ops"] = {"inbox_documents": {"config": {"files": files}}}
    failed_checks: list[str] = []
    runs, waiting = 0, sys.maxsize
    while True:
        # execute_job, not execute_in_process: the latter keeps every step's output in memory for
        # its result, so a backlog's texts stayed resident to the end of the run (3.9 GB at 100,000).
        result = dg.execute_job(dg.reconstructable(refresh_job), instance, run_config=run_config, raise_on_error=False)
        runs += 1
        failed_checks += [
            evaluation.asset_check_key.to_user_string()
            for evaluation in result.get_asset_check_evaluations()
            if not evaluation.passed and evaluation.severity == dg.AssetCheckSeverity.ERROR
        ]
        if not result.success:
            seconds = time.perf_counter() - started
            failed_steps = [event.step_key for event in result.all_events if event.event_type_value == "STEP_FAILURE"]
            print(f"plenary refresh FAILED in {seconds:.1f} s; failed steps: {', '.join(failed_steps) or 'see log'}", file=sys.stderr)
            return 1
        waiting, left_before = files_waiting(result), waiting
        if not waiting:
            break
        if waiting >= left_before:
            print(f"plenary refresh: {waiting:,} file(s) still wait after run {runs}, as many as before it; stopping", file=sys.stderr)
            return 1
        print(f"plenary refresh: run {runs} done; {waiting:,} more file(s) wait, starting run {runs + 1}", flush=True)
    print(summary(config.warehouse_path(), time.perf_counter() - started, runs))
    if failed_checks:
        print(f"{len(failed_checks)} data test(s) failed: " + ", ".join(failed_checks), file=sys.stderr)
        return 1
    return 0


def files_waiting(result) -> int:
    """New inbox files the run left for the next one (its inbox step's metadata)."""
    from orchestration.defs.assets import FILES_WAITING

    for materialization in result.asset_materializations_for_node("inbox_documents"):
        value = materialization.metadata.get(FILES_WAITING)
        if value is not None:
            return int(value.value)
    return 0


def summary(warehouse: Path, seconds: float, runs: int = 1) -> str:
    import duckdb

    from orchestration.core import config

    # The reader copy is only published when the marts built; a run whose dbt tests failed (dbt
    # then skips the models downstream of the test) still gets a summary, from the warehouse.
    reader_copy = config.reader_copy_path(warehouse)
    source = reader_copy if reader_copy.exists() else warehouse
    counts: dict[str, object] = {}
    with duckdb.connect(str(source), read_only=True) as con:
        for table in ("documents", "votes", "statements", "actors", "rejects"):
            try:
                counts[table] = con.execute(f"select count(*) from marts.{table}").fetchone()[0]
            except duckdb.CatalogException:
                counts[table] = "not built"
    lines = [f"plenary refresh: done in {seconds:.1f} s" + (f" ({runs} runs)" if runs > 1 else "")]
    lines += [f"  {table:<11}{count:>8}" for table, count in counts.items()]
    lines.append(f"  warehouse  {warehouse}")
    lines.append(f"  readers    {config.reader_copy_path(warehouse)} (query this one while runs write)")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
