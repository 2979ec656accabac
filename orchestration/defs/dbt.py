"""The dbt models as Dagster assets; dbt tests on them arrive as asset checks."""


import functools
import hashlib
import json
from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets
from dagster_duckdb import DuckDBResource

from orchestration.core import load

from orchestration.defs.assets import OWNER, RAW_TABLE_KEYS, WRITER_POOL
from orchestration.defs.project import dbt_sources_fingerprint, plenary_dbt

# dbt folders → Dagster groups: staging and intermediate are warehouse plumbing, marts are for people.
_GROUPS = {"staging": "warehouse", "intermediate": "warehouse", "marts": "marts"}
_COLUMN_SCHEMA = "dagster/column_schema"  # where dagster-dbt puts a model's columns


class PlenaryTranslator(DagsterDbtTranslator):
    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return RAW_TABLE_KEYS[dbt_resource_props["name"]]
        return dg.AssetKey([dbt_resource_props["schema"], dbt_resource_props["name"]])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        folder = dbt_resource_props.get("fqn", ["", "marts"])[1]
        return _GROUPS.get(folder, "marts")

    def get_asset_check_spec(self, asset_spec, manifest, unique_id, project) -> dg.AssetCheckSpec | None:
        spec = super().get_asset_check_spec(asset_spec, manifest, unique_id, project)
        # Not blocking: a failed rule test shows as a failed check and fails `plenary refresh`,
        # while downstream assets (the reader copy, the report) still see the newest marts.
        return spec._replace(blocking=False) if spec is not None else None

    def get_owners(self, dbt_resource_props: Mapping[str, Any]) -> list[str]:
        return [OWNER]

    def get_metadata(self, dbt_resource_props: Mapping[str, Any]) -> Mapping[str, Any]:
        metadata = dict(super().get_metadata(dbt_resource_props))
        schema = metadata.get(_COLUMN_SCHEMA)
        if isinstance(schema, dg.TableSchema):
            # the marts' contract constraints (not null, accepted values as checks) are enforced
            # by DuckDB on every write, in place of data tests: shown on the asset's columns
            constraints = column_constraints(dbt_resource_props)
            columns = [
                dg.TableColumn(
                    name=column.name,
                    type=column.type,
                    description=column.description,
                    constraints=constraints[column.name],
                    tags=column.tags,
                )
                if column.name in constraints
                else column
                for column in schema.columns
            ]
            metadata[_COLUMN_SCHEMA] = dg.TableSchema(columns=columns)
        return metadata


def column_constraints(dbt_resource_props: Mapping[str, Any]) -> dict[str, dg.TableColumnConstraints]:
    """The contract's constraints of each constrained column, as Dagster shows them."""
    constraints = {}
    for name, column in dbt_resource_props.get("columns", {}).items():
        kinds = [constraint["type"] for constraint in column.get("constraints", [])]
        if kinds:
            constraints[name] = dg.TableColumnConstraints(
                nullable="not_null" not in kinds,
                unique="unique" in kinds or "primary_key" in kinds,
                other=[
                    constraint.get("expression") or constraint["type"]
                    for constraint in column.get("constraints", [])
                    if constraint["type"] not in ("not_null", "unique", "primary_key")
                ],
            )
    return constraints


class DbtBuildConfig(dg.Config):
    # Rebuild even when nothing changed since the last clean build, and rebuild the incremental
    # models from scratch (`dbt run --full-refresh`), clearing any drift they could hold (the
    # daily schedule sets it).
    force: bool = False


# The dbt sources (models, macros, tests) the incremental models were last built with. Rows an
# incremental model keeps from earlier runs were computed by the code of those runs: after any
# change to the dbt project the next run rebuilds them all (`--full-refresh`).
_INCREMENTAL_STATE = f"{load.STATE_SCHEMA}.dbt_incremental_build"


def incremental_models_built_with(con) -> str | None:
    con.execute(f"create schema if not exists {load.STATE_SCHEMA}")
    con.execute(f"create table if not exists {_INCREMENTAL_STATE} (sources_fingerprint varchar, built_at timestamp)")
    row = con.execute(f"select sources_fingerprint from {_INCREMENTAL_STATE} order by built_at desc limit 1").fetchone()
    return row[0] if row else None


def record_incremental_models_built_with(con, sources_fingerprint: str) -> None:
    incremental_models_built_with(con)
    con.execute(f"delete from {_INCREMENTAL_STATE}")
    con.execute(f"insert into {_INCREMENTAL_STATE} values (?, now())", [sources_fingerprint])


# Written by the dbt project (macros/incremental.sql): when each per-document model was last
# built, and the build time through which their rows are tested.
_MODEL_BUILDS = f"{load.STATE_SCHEMA}.dbt_model_builds"
_TESTED_THROUGH = f"{load.STATE_SCHEMA}.dbt_tested_through"


def record_rows_tested(con) -> None:
    """After a build of every model whose tests all passed: the rows it and the builds before it
    wrote, and the raw loads it read, are tested. An incremental build then tests only the rows
    written (or loaded) after it (macro rows_to_test), so a build whose tests fail leaves its
    rows to be tested again."""
    con.execute(f"delete from {_TESTED_THROUGH}")
    con.execute(
        f"insert into {_TESTED_THROUGH} (built_at, load_id) "
        f"select max(built_at), (select max(load_id) from {load.LOADS}) from {_MODEL_BUILDS} having count(*) > 0"
    )


def full_refresh_flags(force: bool, sources_fingerprint: str, built_with: str | None) -> list[str]:
    """`--full-refresh` when forced or when the dbt project changed since the incremental models
    were last built (or they never were)."""
    return ["--full-refresh"] if force or built_with != sources_fingerprint else []


def with_kept_views(events, context: dg.AssetExecutionContext, manifest: Mapping[str, Any]):
    """The dbt events, with an output for each view the build left as it was (the view stands,
    over the tables just rebuilt). Dagster takes a multi-asset's outputs in dependency order, so
    each view's comes just before the first event of a node that reads it, the rest at the end."""
    translator = PlenaryTranslator()
    kept = {node["unique_id"]: translator.get_asset_key(node) for node in view_models(manifest)}
    model_ids = {
        translator.get_asset_key(node): unique_id
        for unique_id, node in manifest["nodes"].items()
        if node["resource_type"] == "model"
    }
    settled: set[str] = set()

    def release(unique_id: str):
        # the kept views among the node and its ancestors, parents first
        if unique_id in settled:
            return
        settled.add(unique_id)
        for parent in manifest["parent_map"].get(unique_id, []):
            yield from release(parent)
        if unique_id in kept:
            yield dg.Output(
                None,
                output_name=context.assets_def.get_output_name_for_asset_key(kept.pop(unique_id)),
                metadata={"materialized": "view", "recreated": False, "unique_id": unique_id},
            )

    for event in events:
        if isinstance(event, dg.Output):
            key = context.assets_def.keys_by_output_name[event.output_name]
        else:
            key = getattr(event, "asset_key", None)
        if key in model_ids:
            yield from release(model_ids[key])
        yield event
    for unique_id in list(kept):
        yield from release(unique_id)


def _dbt(dbt: DbtCliResource, context: dg.AssetExecutionContext, args: list[str], keep_views: bool = False):
    """One dbt invocation, its events streamed to Dagster; returns its run results. A model or
    test that cannot run at all (status `error`) fails the step. With `keep_views` (the build
    excludes the views: `keep_views_flags`), the views get their outputs all the same."""
    invocation = dbt.cli(args, context=context, raise_on_error=False)
    events = invocation.stream()
    try:
        yield from with_kept_views(events, context, _manifest()) if keep_views else events
    finally:
        # a step failing mid-stream would leave dbt running, blocked on its output and holding
        # the warehouse's lock
        if invocation.process.poll() is None:
            invocation.process.terminate()
    # dbt exits 1 when a model or test failed (read from the results below), 2 when it could not
    # start (bad arguments, broken project): then run_results.json is a former invocation's.
    if invocation.process.wait() not in (0, 1):
        raise dg.Failure(f"dbt {args[0]} did not run (exit {invocation.process.returncode}); see the dbt log above")
    results = invocation.get_artifact("run_results.json")["results"]
    broken = [result["unique_id"] for result in results if result["status"] == "error"]
    if broken:
        raise dg.Failure(f"dbt {args[0]} failed: {', '.join(broken)}; see the dbt log above")
    return results


@functools.cache
def _manifest() -> dict[str, Any]:
    return json.loads(plenary_dbt.manifest_path.read_text())


def skipped_nodes(results: list[dict], manifest: Mapping[str, Any]) -> dict[str, list[str]]:
    """The models and tests a build skipped (downstream of a failed test), by dbt node name."""
    skipped: dict[str, list[str]] = {"model": [], "test": []}
    for result in results:
        node = manifest["nodes"].get(result["unique_id"], {})
        if result["status"] == "skipped" and node.get("resource_type") in skipped:
            skipped[node["resource_type"]].append(node["name"])
    return skipped


def view_models(manifest: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [
        node for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["config"].get("materialized") == "view"
    ]


def keep_views_flags(refresh: list[str], runs_everything: bool) -> list[str]:
    """On an incremental build of the whole project, the flags that leave the views as they are.

    A view stores its query, not rows: re-creating one with the same SQL changes nothing, and
    its SQL changes only with the dbt project, which makes the build a full refresh. Each view
    still cost dbt's work per node (0.1–0.3 s, 15 views: about 2.5 s of a one-article refresh
    on the 100,000-document warehouse). `--indirect-selection empty`, so the data tests on the
    views still run: dagster-dbt selects every node (`fqn:*`) when the step runs them all, and
    by default excluding a model excludes its tests. Not on a subset chosen in Dagster, whose
    tests are selected through their models."""
    if refresh or not runs_everything:
        return []
    return ["--exclude", "config.materialized:view", "--indirect-selection", "empty"]


def all_but(names: list[str], resource_type: str, manifest: Mapping[str, Any]) -> str:
    """Every other node of `resource_type`, for `--exclude`. Not `--select names`: dagster-dbt
    adds its own `--select` of every asset in the step, and dbt takes the union of the two."""
    keep = set(names)
    return " ".join(
        sorted(node["name"] for node in manifest["nodes"].values() if node["resource_type"] == resource_type and node["name"] not in keep)
    )


@dbt_assets(manifest=plenary_dbt.manifest_path, project=plenary_dbt, dagster_dbt_translator=PlenaryTranslator(), pool=WRITER_POOL)
def plenary_dbt_models(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: DuckDBResource, config: DbtBuildConfig
):
    # When no run has written the raw tables and no model changed since the last build whose
    # tests all passed, the marts are current: skip dbt (and the steps after it) rather than
    # spend half a minute rebuilding the same tables.
    sources_fingerprint = dbt_sources_fingerprint()
    with warehouse.get_connection() as con:
        fingerprint = hashlib.sha1((load.raw_fingerprint(con) + sources_fingerprint).encode()).hexdigest()
        current = load.marts_built_from(con) == fingerprint
        built_with = incremental_models_built_with(con)
    if current and not config.force:
        context.log.info("The raw tables and dbt models are unchanged since the last clean build: marts are current.")
        return
    # One `dbt build`: models and their tests in one dbt process (each start-up costs about 4 s).
    # In a build, a failing test skips every model downstream of the one it tests; those are
    # then run and tested on their own, so every mart is rebuilt from the new raw rows whatever
    # a rule test says, and the failed test stays a failed asset check (and fails `plenary
    # refresh`). A model that cannot build fails the step.
    refresh = full_refresh_flags(config.force, sources_fingerprint, built_with)
    manifest = _manifest()
    runs_everything = (
        set(context.selected_asset_keys) == set(context.assets_def.keys)
        and set(context.selected_asset_check_keys) == set(context.assets_def.check_keys)
    )
    keep_views = keep_views_flags(refresh, runs_everything)
    results = yield from _dbt(dbt, context, ["build", *refresh, *keep_views], keep_views=bool(keep_views))
    skipped = skipped_nodes(results, manifest)
    if skipped["model"]:
        others = all_but(skipped["model"], "model", manifest)
        results += yield from _dbt(dbt, context, ["run", *refresh, "--exclude", others])
    if skipped["test"]:
        results += yield from _dbt(dbt, context, ["test", "--exclude", all_but(skipped["test"], "test", manifest)])
    with warehouse.get_connection() as con:
        record_incremental_models_built_with(con, sources_fingerprint)
    tests_failed = any(result["status"] == "fail" for result in results)
    if not tests_failed:
        with warehouse.get_connection() as con:
            load.record_marts_built_from(con, fingerprint)
            if runs_everything:
                record_rows_tested(con)
