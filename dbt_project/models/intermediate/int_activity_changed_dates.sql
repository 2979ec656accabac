-- The dates the by-date marts rebuild in this build: every date a changed source counted on at
-- the last build or counts on now (int_activity_source_changes). A view: read by the marts'
-- incremental builds, it costs no step of its own.
{{ config(materialized='view') }}

select distinct unnest(activity_dates) as activity_date
from {{ ref('int_activity_source_changes') }}
