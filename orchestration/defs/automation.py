"""Jobs, sensors and schedules that keep the warehouse current."""


import dagster as dg

refresh_job = dg.define_asset_job(
    "refresh",
    selection=dg.AssetSelection.all(),
    description="Reads the inbox, extracts, loads DuckDB and builds and tests the dbt marts.",
)

sensors: list[dg.SensorDefinition] = []
schedules: list[dg.ScheduleDefinition] = []
