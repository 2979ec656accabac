"""After the marts are built: a read-only copy of the warehouse for people querying during runs."""


import dagster as dg
from dagster_duckdb import DuckDBResource

from orchestration.core import config, load
from orchestration.defs.assets import OWNER, WRITER_POOL, markdown_table
from orchestration.defs.dbt import plenary_dbt_models


@dg.asset(
    group_name="warehouse",
    kinds={"duckdb"},
    owners=[OWNER],
    pool=WRITER_POOL,
    deps=[plenary_dbt_models],
    description="Publishes a copy of the warehouse (atomic rename) that readers open while runs write "
    "the main file; shows the newest votes and statements.",
)
def warehouse_reader_copy(warehouse: DuckDBResource) -> dg.MaterializeResult:
    with warehouse.get_connection() as con:
        votes = load.read_table(
            con,
            """select vote_date, body, subject, yes_count, no_count, abstain_count, outcome, source_count
               from marts.votes order by vote_date desc nulls last limit 10""",
        )
        statements = load.read_table(
            con,
            """select statement_date, speaker_name, speaker_affiliation, left(quote, 100) as quote
               from marts.statements order by statement_date desc nulls last limit 10""",
        )
        counts = dict(
            con.execute(
                """select table_name, estimated_size from duckdb_tables() where schema_name = 'marts'"""
            ).fetchall()
        )
        # the marts that are views (a projection of one table each) have no stored size: counted
        views = [name for (name,) in con.execute("select view_name from duckdb_views() where schema_name = 'marts'").fetchall()]
        counts |= {name: con.execute(f'select count(*) from marts."{name}"').fetchone()[0] for name in views}
    copy = load.publish_reader_copy(config.warehouse_path(), config.reader_copy_path())
    return dg.MaterializeResult(
        metadata={
            "reader_copy": dg.MetadataValue.path(str(copy)),
            "newest_votes": markdown_table(votes),
            "newest_statements": markdown_table(statements),
            **{f"rows_{table}": int(rows) for table, rows in sorted(counts.items())},
        }
    )


