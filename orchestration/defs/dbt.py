"""The dbt models as Dagster assets; dbt tests on them arrive as asset checks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from orchestration.defs.assets import OWNER, WRITER_POOL, warehouse_raw
from orchestration.defs.project import plenary_dbt

# dbt folders → Dagster groups: staging and intermediate are warehouse plumbing, marts are for people.
_GROUPS = {"staging": "warehouse", "intermediate": "warehouse", "marts": "marts"}


class PlenaryTranslator(DagsterDbtTranslator):
    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            # Every raw table is written by one asset in one transaction.
            return warehouse_raw.key
        return dg.AssetKey([dbt_resource_props["schema"], dbt_resource_props["name"]])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        folder = dbt_resource_props.get("fqn", ["", "marts"])[1]
        return _GROUPS.get(folder, "marts")

    def get_owners(self, dbt_resource_props: Mapping[str, Any]) -> list[str]:
        return [OWNER]


@dbt_assets(manifest=plenary_dbt.manifest_path, project=plenary_dbt, dagster_dbt_translator=PlenaryTranslator(), pool=WRITER_POOL)
def plenary_dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    yield from dbt.cli(["build"], context=context).stream().fetch_row_counts()
