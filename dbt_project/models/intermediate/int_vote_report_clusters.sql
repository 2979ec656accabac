-- Which vote each report belongs to. Greedy, per body, most complete report first: a report
-- starts a new vote unless it is compatible (macro `reports_compatible`) with a vote already
-- started, in which case it joins the highest-ranked such vote. The vote's id is the md5 of
-- its first (leading) report's natural key (doc_id, report_index): stable while the inputs are.
with recursive reports as (
    select
        *,
        struct_pack(
            report_key := report_key,
            doc_id := doc_id,
            body_key := body_key,
            outcome := outcome,
            yes_count := yes_count,
            no_count := no_count,
            abstain_count := abstain_count,
            yes_countries := yes_countries,
            no_countries := no_countries,
            window_start := window_start,
            window_end := window_end
        ) as report
    from {{ ref('int_vote_reports') }}
),

leaders (body_key, merge_rank, leader_list) as (
    select body_key, merge_rank, [report]
    from reports
    where merge_rank = 1
    union all
    select
        leaders.body_key,
        next_report.merge_rank,
        case
            when len(list_filter(
                leaders.leader_list,
                leader -> {{ reports_compatible('leader', 'next_report.report') }}
            )) = 0
                then list_append(leaders.leader_list, next_report.report)
            else leaders.leader_list
        end
    from leaders
    inner join reports as next_report
        on leaders.body_key = next_report.body_key
        and next_report.merge_rank = leaders.merge_rank + 1
),

final_leaders as (
    select body_key, arg_max(leader_list, merge_rank) as leader_list
    from leaders
    group by body_key
),

assigned as (
    select
        reports.doc_id,
        reports.report_index,
        reports.report_key,
        reports.merge_rank,
        list_filter(
            final_leaders.leader_list,
            leader -> {{ reports_compatible('leader', 'reports.report') }}
        )[1].report_key as leader_report_key
    from reports
    inner join final_leaders on reports.body_key = final_leaders.body_key
),

leader_keys as (
    select report_key, doc_id, report_index from reports
)

select
    {{ stable_id(["'vote'", 'leader_keys.doc_id', 'leader_keys.report_index']) }} as vote_id,
    assigned.doc_id,
    assigned.report_index,
    assigned.report_key,
    assigned.merge_rank,
    assigned.report_key = assigned.leader_report_key as is_leading_report
from assigned
inner join leader_keys on assigned.leader_report_key = leader_keys.report_key
