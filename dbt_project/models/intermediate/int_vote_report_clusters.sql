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

blocked_reports as (
    -- per report, the 64-day blocks its window touches (none when undated: unbounded)
    select
        report_key,
        merge_rank,
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
        end as blocks
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
    -- Pairs that share a piece of identifying evidence (macro `reports_compatible` requires
    -- one), each found by equi-joins on it (macro `blocked_pairs`) instead of comparing every
    -- two reports of a body, which grows with the square of the reports.
    --   both state the vote's date: dates at most 2 * slack days apart
    select a.report_key as a_key, a.merge_rank as a_rank, b.report_key as b_key, b.merge_rank as b_rank
    from (
        select
            report_key,
            merge_rank,
            body_key,
            unnest(generate_series(
                vote_date - 2 * {{ var('vote_date_slack_days') }},
                vote_date + 2 * {{ var('vote_date_slack_days') }},
                interval 1 day
            ))::date as probe_date
        from blocked_reports
        where vote_date is not null
    ) as a
    inner join blocked_reports as b on a.body_key = b.body_key and a.probe_date = b.vote_date
    union all
    --   both state the same yes count and the same no count, or the same abstentions
    {{ blocked_pairs('tallied', ['body_key', 'yes_count', 'no_count']) }}
    union all
    {{ blocked_pairs('tallied', ['body_key', 'yes_count', 'abstain_count']) }}
    union all
    --   both vetoes naming a common vetoing country
    {{ blocked_pairs('veto_countries', ['body_key', 'veto_country']) }}
    union all
    --   both vetoes, neither undated, one naming none
    {{ blocked_pairs('unnamed_vetoes', ['body_key']) }}
),

links as materialized (
    -- the candidate pairs, the higher-ranked report first
    select distinct
        case when a_rank < b_rank then a_key else b_key end as higher_key,
        case when a_rank < b_rank then b_key else a_key end as lower_key
    from candidate_links
    where a_rank <> b_rank
),

higher_sides as materialized (
    -- joined one side at a time: with both at once DuckDB plans the window comparisons as an
    -- inequality join of all reports with all reports before it uses the pairs
    select links.higher_key, links.lower_key, higher.merge_rank as higher_rank, higher.report as higher
    from links
    inner join reports as higher on links.higher_key = higher.report_key
),

edges as (
    -- every compatible pair, the higher-ranked report first
    select
        higher_sides.higher_key,
        higher_sides.higher_rank,
        higher_sides.lower_key,
        {{ reports_affinity('higher_sides.higher', 'lower_ranked.report') }} as affinity
    from higher_sides
    inner join reports as lower_ranked on higher_sides.lower_key = lower_ranked.report_key
    where {{ reports_compatible('higher_sides.higher', 'lower_ranked.report') }}
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
