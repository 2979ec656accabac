-- One row per report whose value for a field disagrees with another report of the same vote:
-- the value each report states and the value the vote kept, side by side.
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
    {{ changed_vote_members() }}
),

votes as (
    select * from {{ ref('votes') }}
    {{ changed_votes_only() }}
),

stated as (
    select
        vote_id, doc_id, report_index, 'yes_count' as field, cast(yes_count as varchar) as reported_value,
        cast(null as varchar) as kept_position
    from members
    where yes_count is not null
    union all
    select
        vote_id, doc_id, report_index, 'no_count' as field, cast(no_count as varchar) as reported_value,
        cast(null as varchar) as kept_position
    from members
    where no_count is not null
    union all
    select
        vote_id,
        doc_id,
        report_index,
        'abstain_count' as field,
        cast(abstain_count as varchar) as reported_value,
        cast(null as varchar) as kept_position
    from members
    where abstain_count is not null
    union all
    select
        vote_id, doc_id, report_index, 'vote_date' as field, cast(vote_date as varchar) as reported_value,
        cast(null as varchar) as kept_position
    from members
    where vote_date is not null
    union all
    select
        vote_id, doc_id, report_index, 'outcome' as field, outcome as reported_value,
        cast(null as varchar) as kept_position
    from members
    where outcome <> 'unknown'
),

positions as (
    select
        members.vote_id,
        members.doc_id,
        members.report_index,
        'position:' || vote_positions.country as field,
        reported.position as reported_value,
        vote_positions.position as kept_position
    from {{ ref('stg_vote_report_positions') }} as reported
    inner join members
        on reported.doc_id = members.doc_id and reported.report_index = members.report_index
    inner join {{ ref('int_vote_positions') }} as vote_positions
        on
            members.vote_id = vote_positions.vote_id
            and list_contains(vote_positions.reported_positions, reported.position)
            and {{ name_key('reported.country') }} = {{ name_key('vote_positions.country') }}
    where vote_positions.has_conflict
),

all_stated as (
    select * from stated
    union all
    select * from positions
),

conflicting_fields as (
    select vote_id, field
    from all_stated
    -- rejected and vetoed describe the same failed draft: not a conflict
    group by vote_id, field
    having count(distinct case
        when field = 'outcome' and reported_value = 'vetoed' then 'rejected'
        else reported_value
    end) > 1
)

select
    {{ stable_id(["'conflict'", 'all_stated.vote_id', 'all_stated.field', 'all_stated.doc_id',
        'all_stated.report_index']) }} as conflict_id,
    all_stated.vote_id,
    all_stated.field,
    all_stated.doc_id,
    all_stated.report_index,
    all_stated.reported_value,
    case all_stated.field
        when 'yes_count' then cast(votes.yes_count as varchar)
        when 'no_count' then cast(votes.no_count as varchar)
        when 'abstain_count' then cast(votes.abstain_count as varchar)
        when 'vote_date' then cast(votes.vote_date as varchar)
        when 'outcome' then votes.outcome
        else all_stated.kept_position
    end as kept_value,
    {{ build_time() }} as built_at
from all_stated
inner join conflicting_fields
    on all_stated.vote_id = conflicting_fields.vote_id and all_stated.field = conflicting_fields.field
inner join votes on all_stated.vote_id = votes.vote_id
{{ full_build_order('vote_id') }}
