-- Country positions per merged vote: the position of the highest-ranked report naming the
-- country, a veto if any report calls it one, the country resolved to its canonical actor.
-- Incremental per vote (macros/vote_increments.sql): a build rebuilds the votes in
-- int_changed_votes.
-- depends_on: {{ ref('int_changed_votes') }}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_changed_votes() }}"
    )
}}

with members as (
    select vote_id, doc_id, report_index, merge_order
    from ({{ changed_vote_members() }}) as changed_members
),

resolution as (
    {{ vote_country_resolution() }}
),

resolved as (
    select
        members.vote_id,
        members.doc_id,
        members.merge_order,
        positions.position,
        positions.is_veto,
        resolution.country_actor_id,
        resolution.country,
        resolution.country_code
    from {{ ref('stg_vote_report_positions') }} as positions
    inner join members
        on positions.doc_id = members.doc_id and positions.report_index = members.report_index
    inner join resolution
        on
            positions.country is not distinct from resolution.reported_country
            and positions.country_code is not distinct from resolution.reported_code
)

select
    vote_id,
    country,
    any_value(country_actor_id) as country_actor_id,
    any_value(country_code) as country_code,
    arg_min(position, merge_order) as position,
    bool_or(is_veto) as is_veto,
    count(distinct doc_id) as report_count,
    count(distinct position) > 1 as has_conflict,
    list(distinct position order by position) as reported_positions,
    {{ build_time() }} as built_at
from resolved
group by vote_id, country
{{ full_build_order('vote_id') }}
