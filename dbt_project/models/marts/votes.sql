-- One row per merged vote. Each field comes from the highest-ranked (most complete) report
-- that states it, so the most complete tally is kept whole; disagreements are listed in
-- vote_conflicts, never averaged. vote_date is only ever a date some report states for the
-- vote: a document's publication date is not the vote's date (first_reported_date keeps it).
-- Incremental per vote (macros/vote_increments.sql): a build rebuilds the votes in
-- int_changed_votes.
-- depends_on: {{ ref('int_changed_votes') }}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_changed_votes() }}",
        post_hook="{{ log_deleted_votes() }}"
    )
}}

with members as (
    {{ changed_vote_members() }}
),

positions as (
    select
        vote_id,
        bool_or(is_veto) as has_veto,
        bool_or(has_conflict) as has_position_conflict
    from {{ ref('int_vote_positions') }}
    {{ changed_votes_only() }}
    group by vote_id
),

merged as (
    select
        vote_id,
        arg_min(vote_date, merge_order) filter (where vote_date is not null) as vote_date,
        arg_min(body, merge_order) as body,
        any_value(body_family) as body_family,
        arg_min(subject, merge_order) filter (where subject is not null) as subject,
        arg_min(yes_count, merge_order) filter (where yes_count is not null) as yes_count,
        arg_min(no_count, merge_order) filter (where no_count is not null) as no_count,
        arg_min(abstain_count, merge_order) filter (where abstain_count is not null) as abstain_count,
        arg_min(outcome, merge_order) filter (where outcome <> 'unknown') as stated_outcome,
        bool_or(outcome = 'vetoed') as any_report_vetoed,
        count(distinct original_doc_id) as source_count,
        count(distinct doc_id) as report_count,
        min(document_date) as first_reported_date,
        count(distinct yes_count) > 1
        or count(distinct no_count) > 1
        or count(distinct abstain_count) > 1
        or count(distinct vote_date) > 1
        or count(distinct case when outcome = 'vetoed' then 'rejected' else outcome end)
        filter (where outcome <> 'unknown') > 1 as has_field_conflict
    from members
    group by vote_id
)

select
    merged.vote_id,
    merged.vote_date,
    merged.body,
    merged.body_family,
    merged.subject,
    cast(merged.yes_count as integer) as yes_count,
    cast(merged.no_count as integer) as no_count,
    cast(merged.abstain_count as integer) as abstain_count,
    case
        -- a report that says rejected when another (or a position) records the veto: vetoed
        when merged.stated_outcome = 'rejected' and (merged.any_report_vetoed or positions.has_veto)
            then 'vetoed'
        else coalesce(merged.stated_outcome, 'unknown')
    end as outcome,
    cast(merged.source_count as integer) as source_count,
    cast(merged.report_count as integer) as report_count,
    merged.first_reported_date,
    coalesce(merged.vote_date, merged.first_reported_date) as activity_date,
    merged.has_field_conflict or coalesce(positions.has_position_conflict, false) as has_conflict,
    {{ build_time() }} as built_at
from merged
left join positions on merged.vote_id = positions.vote_id
{{ full_build_order('vote_id') }}
