"""The asset graph as a user sees it in Dagster: a rename or a lost dependency shows here."""

from __future__ import annotations

import dagster as dg
import pytest

from orchestration.definitions import defs

CONTRACT_MARTS = [
    "documents", "actors", "mentions", "votes", "vote_sources", "vote_positions",
    "statements", "activity_by_date", "rejects", "numbers",
]


@pytest.fixture(scope="module")
def graph() -> dg.AssetGraph:
    return defs.resolve_asset_graph()


def test_stages_are_chained_from_inbox_to_reader_copy(graph: dg.AssetGraph):
    chain = ["inbox_documents", "cleaned_documents", "extracted_facts"]
    for upstream, downstream in zip(chain, chain[1:]):
        assert dg.AssetKey(upstream) in graph.get(dg.AssetKey(downstream)).parent_keys
    assert dg.AssetKey("extracted_facts") in graph.get(dg.AssetKey(["raw", "mentions"])).parent_keys
    assert dg.AssetKey(["raw", "documents"]) in graph.get(dg.AssetKey(["staging", "stg_documents"])).parent_keys
    assert dg.AssetKey(["marts", "votes"]) in graph.get(dg.AssetKey("warehouse_reader_copy")).parent_keys


def test_every_contract_mart_is_an_asset_with_dbt_checks(graph: dg.AssetGraph):
    check_targets = {check.asset_key for check in graph.asset_check_keys}
    for mart in CONTRACT_MARTS:
        key = dg.AssetKey(["marts", mart])
        assert key in graph.get_all_asset_keys(), mart
        assert key in check_targets, f"marts.{mart} has no dbt test"
        assert graph.get(key).group_name == "marts"


def test_enforced_contract_constraints_show_on_the_mart_columns(graph: dg.AssetGraph):
    # not null and accepted values are contract constraints, not data tests, on the mart tables:
    # the asset's columns are where a user of the Dagster UI sees them
    columns = {column.name: column.constraints for column in graph.get(dg.AssetKey(["marts", "votes"])).metadata["dagster/column_schema"].columns}
    assert columns["vote_id"].nullable is False
    assert columns["vote_date"].nullable is True
    assert columns["outcome"].nullable is False
    assert columns["outcome"].other == ["outcome in ('adopted', 'rejected', 'vetoed', 'unknown')"]


def test_groups_owners_and_descriptions(graph: dg.AssetGraph):
    groups = {graph.get(key).group_name for key in graph.get_all_asset_keys()}
    assert {"ingest", "extract", "warehouse", "marts"} <= groups
    for key in graph.get_all_asset_keys():
        node = graph.get(key)
        assert node.owners == ["team:plenary"], key
        assert node.description, f"{key.to_user_string()} has no description"


def test_jobs_sensors_and_schedules_are_declared():
    assert defs.resolve_job_def("refresh") is not None
    assert [s.name for s in defs.sensors or []], "no sensor watches the inbox"
    assert [s.name for s in defs.schedules or []], "no scheduled refresh"
