"""What people look at after a run: the timeline report, and a check that readers see the newest marts."""


import datetime as dt

import dagster as dg
import duckdb
import polars as pl
from dagster_duckdb import DuckDBResource

from orchestration.core import config, load, report
from orchestration.defs.assets import OWNER, WRITER_POOL
from orchestration.defs.publish import warehouse_reader_copy

MART_KEYS = [dg.AssetKey(["marts", name]) for name in ("votes", "statements", "vote_positions")]
REPORT_MARTS = ("documents", "votes", "statements", "vote_positions")


def reports_dir():
    return config.warehouse_path().parent / "reports"


def _read_marts(con: duckdb.DuckDBPyConnection) -> dict[str, pl.DataFrame]:
    return {
        "votes": load.read_table(con, "select * from marts.votes"),
        "statements": load.read_table(con, "select * from marts.statements"),
        "vote_positions": load.read_table(con, "select * from marts.vote_positions"),
    }


@dg.asset(
    group_name="reports",
    kinds={"html"},
    owners=[OWNER],
    deps=[*MART_KEYS, warehouse_reader_copy],
    description="A static HTML page (embedded chart and tables) of votes and statements over time, per "
    "body and per country, drawn from the published reader copy into warehouse/reports/timeline.html.",
)
def timeline_report(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    # The reader copy, read-only: exactly what readers query, and no lock on the file runs write.
    source = config.reader_copy_path()
    with duckdb.connect(str(source), read_only=True) as con:
        marts = _read_marts(con)
    path = report.render_timeline_report(marts["votes"], marts["statements"], marts["vote_positions"], reports_dir())
    dates = marts["votes"]["vote_date"].drop_nulls() if "vote_date" in marts["votes"].columns else pl.Series([])
    context.log.info(f"timeline report written to {path}")
    return dg.MaterializeResult(
        metadata={
            "report": dg.MetadataValue.path(str(path)),
            "report_url": dg.MetadataValue.url(path.as_uri()),
            "votes": marts["votes"].height,
            "statements": marts["statements"].height,
            "vote_positions": marts["vote_positions"].height,
            "first_vote": str(dates.min()) if len(dates) else "none",
            "last_vote": str(dates.max()) if len(dates) else "none",
            "bytes": path.stat().st_size,
            "source": dg.MetadataValue.path(str(source)),
        }
    )


def _mart_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {name: con.execute(f"select count(*) from marts.{name}").fetchone()[0] for name in REPORT_MARTS}


@dg.asset_check(
    asset=warehouse_reader_copy,
    pool=WRITER_POOL,
    description="The reader copy holds the same marts rows as the warehouse: readers see the newest run.",
)
def reader_copy_matches_warehouse(warehouse: DuckDBResource) -> dg.AssetCheckResult:
    with warehouse.get_connection() as con:
        main = _mart_counts(con)
    copy_path = config.reader_copy_path()
    with duckdb.connect(str(copy_path), read_only=True) as con:
        copy = _mart_counts(con)
    age = dt.datetime.now().timestamp() - copy_path.stat().st_mtime
    differing = sorted(name for name in REPORT_MARTS if main[name] != copy[name])
    return dg.AssetCheckResult(
        passed=not differing,
        metadata={
            "differing_marts": ", ".join(differing) or "none",
            "reader_copy_age_seconds": round(age, 1),
            **{f"rows_{name}": copy[name] for name in REPORT_MARTS},
        },
    )
