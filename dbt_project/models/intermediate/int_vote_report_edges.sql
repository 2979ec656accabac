-- Every compatible pair of vote reports (macro reports_compatible), the higher-ranked report
-- (first in merge_order) first, with how well they fit (macro reports_affinity): the graph the
-- greedy merge in int_vote_report_clusters walks.
-- Incremental (macros/vote_increments.sql): whether two reports are compatible depends on the two
-- rows only, so a build deletes the pairs of the changed reports and looks for their new
-- pairs, among all reports of their bodies.
-- depends_on: {{ ref('int_changed_vote_reports') }}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_changed_vote_edges() }}"
    )
}}

{%- if is_incremental() %}
with changed_reports as materialized (
    select report_key, body_key, yes_count, vote_date, outcome
    from {{ ref('int_vote_reports') }}
    where report_key in ({{ changed_vote_reports(present_only=true) }})
),

reports as (
    -- the reports a changed report can pair with (macro candidate_pairs): of its body (every
    -- join is on body_key), and with its yes count (every tally join), a vote date at most
    -- 2 * slack days from its own (the date join), or vetoed as it is (the veto joins). Of the
    -- body alone, the joins read ten times the reports at 100,000 documents as at 10,000
    -- (31,900 of one body: 0.05 s more).
    select *
    from {{ ref('int_vote_reports') }}
    where
        body_key in ({{ short_list('select body_key from changed_reports', 'body_key') }})
        and (
            report_key in (select changed_reports.report_key from changed_reports)
            or yes_count in ({{ short_list('select yes_count from changed_reports', 'yes_count') }})
            or vote_date in ({{ short_list(
                'select unnest(generate_series(vote_date - ' ~ 2 * var('vote_date_slack_days') ~ ', vote_date + '
                ~ 2 * var('vote_date_slack_days') ~ ', interval 1 day))::date as vote_date from changed_reports',
                'vote_date') }})
            or (outcome = 'vetoed' and 'vetoed' in (select changed_reports.outcome from changed_reports))
        )
),
{%- else %}
with reports as (
    select * from {{ ref('int_vote_reports') }}
),
{%- endif %}

blocked_reports as (
    -- per report, the 64-day blocks its window touches (none when undated: unbounded)
    select
        report_key,
        merge_order,
        body_key,
        is_undated,
        context_countries,
        yes_count,
        no_count,
        abstain_count,
        outcome,
        no_countries,
        vote_date,
        case
            when not is_undated
                then range(
                    floor(datediff('day', date '2000-01-01', window_start) / 64)::bigint,
                    floor(datediff('day', date '2000-01-01', window_end) / 64)::bigint + 1
                )
            else []
        end as blocks,
        {%- if is_incremental() %}
        report_key in ({{ changed_vote_reports(present_only=true) }}) as is_changed
        {%- else %}
        true as is_changed
        {%- endif %}
    from reports
),

tallied as (
    -- a tally that is not unanimous on its own: a pair of unanimous-looking reports can only
    -- merge on this evidence when one of them states a no or abstention
    select
        *,
        coalesce(no_count, 0) > 0 or coalesce(abstain_count, 0) > 0 as is_split
    from blocked_reports
    where yes_count is not null and (no_count is not null or abstain_count is not null)
),

veto_countries as (
    select *, true as is_split, unnest(no_countries) as veto_country
    from blocked_reports
    where outcome = 'vetoed'
),

unnamed_vetoes as (
    select *, len(no_countries) = 0 as is_split
    from blocked_reports
    where outcome = 'vetoed' and not is_undated
),

candidate_links as (
    {%- if is_incremental() %}
    {{ candidate_pairs(a_changed=true) }}
    union all
    {{ candidate_pairs(b_changed=true) }}
    {%- else %}
    {{ candidate_pairs() }}
    {%- endif %}
),

links as materialized (
    -- the candidate pairs, the higher-ranked report first
    select distinct
        case when a_order < b_order then a_key else b_key end as higher_key,
        case when a_order < b_order then b_key else a_key end as lower_key
    from candidate_links
    where a_key <> b_key
),

linked_reports as (
    -- the pairs' reports, whole: the few a build links, not the body's
    select
        report_key,
        struct_pack(
            report_key := report_key,
            doc_id := doc_id,
            body_key := body_key,
            body_family := body_family,
            is_undated := is_undated,
            subject_countries := subject_countries,
            context_countries := context_countries,
            outcome := outcome,
            is_substantive := is_substantive,
            vote_date := vote_date,
            yes_count := yes_count,
            no_count := no_count,
            abstain_count := abstain_count,
            yes_countries := yes_countries,
            no_countries := no_countries,
            window_start := window_start,
            window_end := window_end
        ) as report
    from reports
    {%- if is_incremental() %}
    where report_key in ({{ short_list('select higher_key as report_key from links union all select lower_key from links', 'report_key') }})
    {%- endif %}
),

higher_sides as materialized (
    -- joined one side at a time: with both at once DuckDB plans the window comparisons as an
    -- inequality join of all reports with all reports before it uses the pairs
    select links.higher_key, links.lower_key, higher.report as higher
    from links
    inner join linked_reports as higher on links.higher_key = higher.report_key
),

edges as (
    select
        higher_sides.higher_key,
        higher_sides.lower_key,
        {{ reports_affinity('higher_sides.higher', 'lower_ranked.report') }} as affinity
    from higher_sides
    inner join linked_reports as lower_ranked on higher_sides.lower_key = lower_ranked.report_key
    where {{ reports_compatible('higher_sides.higher', 'lower_ranked.report') }}
)

select higher_key, lower_key, affinity from edges
