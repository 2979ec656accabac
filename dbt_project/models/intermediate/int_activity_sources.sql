-- Each source of the by-date marts (a document or a vote) with its fingerprint and the dates it
-- counts on, as the marts were last built from (macros/activity_increments.sql): the next build
-- compares it with the sources now. Built after the marts, so a build that fails before them
-- leaves it as it was and the next build rebuilds the same dates.
-- depends_on: {{ ref('actor_activity_by_date') }}
-- depends_on: {{ ref('activity_by_date') }}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_changed_rows('int_activity_source_changes', 'source_key', number='source_number') }}",
        post_hook=["{{ prune_deleted_votes() }}", "{{ record_build_time() }}"]
    )
}}

select
    source_key,
    source_fingerprint,
    activity_dates,
    is_duplicate,
    -- int_activity_source_changes and the delete above find a source's row by it
    hash(source_key) as source_number
from {{ ref('int_activity_source_changes') }}
where is_current
{{ full_build_order('source_key') }}
