-- Which vote each report belongs to. The rule is a greedy pass per body, most complete report
-- first (merge_rank): a report starts a new vote unless it is compatible (macro
-- `reports_compatible`) with a vote already started, in which case it joins the one it fits
-- best (macro `reports_affinity`: shared countries), then the highest-ranked. The vote's id is
-- the md5 of its leading report's natural key (doc_id, report_index): stable while the inputs are.
--
-- Computed without walking every report in order: a report compatible with no higher-ranked
-- report ("root") always leads; one compatible with a root always follows. Only the rest
-- ("orphans": compatible only with higher-ranked followers) depend on the order, and only they
-- go through the recursive walk, which is exactly the greedy pass restricted to them.
with recursive reports as (
    select
        *,
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
    from {{ ref('int_vote_reports') }}
),

edges as (
    -- every compatible pair, the higher-ranked report first
    select
        higher.report_key as higher_key,
        higher.merge_rank as higher_rank,
        lower_ranked.report_key as lower_key,
        {{ reports_affinity('higher', 'lower_ranked') }} as affinity
    from reports as higher
    inner join reports as lower_ranked
        on
            higher.body_key = lower_ranked.body_key
            and higher.merge_rank < lower_ranked.merge_rank
            and higher.window_start <= lower_ranked.window_end
            and higher.window_end >= lower_ranked.window_start
    where {{ reports_compatible('higher', 'lower_ranked') }}
),

roots as (
    select report_key from reports
    where report_key not in (select edges.lower_key from edges)
),

orphans as (
    select
        reports.*,
        row_number() over (partition by reports.body_key order by reports.merge_rank) as orphan_rank
    from reports
    where
        reports.report_key in (select edges.lower_key from edges)
        and reports.report_key not in (
            select edges.lower_key from edges inner join roots on edges.higher_key = roots.report_key
        )
),

orphan_walk (body_key, orphan_rank, leader_list) as (
    select body_key, orphan_rank, [report]
    from orphans
    where orphan_rank = 1
    union all
    select
        orphan_walk.body_key,
        next_orphan.orphan_rank,
        case
            when
                len(list_filter(
                    orphan_walk.leader_list,
                    leader -> {{ reports_compatible('leader', 'next_orphan.report') }}
                )) = 0
                then list_append(orphan_walk.leader_list, next_orphan.report)
            else orphan_walk.leader_list
        end
    from orphan_walk
    inner join orphans as next_orphan
        on
            orphan_walk.body_key = next_orphan.body_key
            and next_orphan.orphan_rank = orphan_walk.orphan_rank + 1
),

orphan_leaders as (
    select unnest(final_list).report_key as report_key
    from (
        select arg_max(leader_list, orphan_rank) as final_list
        from orphan_walk
        group by body_key
    ) as final_lists
),

leaders as (
    select report_key from roots
    union
    select report_key from orphan_leaders
),

best_leaders as (
    -- a follower joins the compatible vote it fits best (affinity), then the highest-ranked
    select edges.lower_key, edges.higher_key
    from edges
    where edges.higher_key in (select leaders.report_key from leaders)
    qualify
        row_number() over (partition by edges.lower_key order by edges.affinity desc, edges.higher_rank asc)
        = 1
),

assigned as (
    select
        reports.doc_id,
        reports.report_index,
        reports.report_key,
        reports.merge_rank,
        case
            when reports.report_key in (select leaders.report_key from leaders) then reports.report_key
            else best_leaders.higher_key
        end as leader_report_key
    from reports
    left join best_leaders on reports.report_key = best_leaders.lower_key
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
