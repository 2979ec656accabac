-- Which vote each report belongs to. The rule is a greedy pass per body, most complete report
-- first (merge_rank): a report starts a new vote unless it is compatible (macro
-- `reports_compatible`) with a vote already started, in which case it joins the one it fits
-- best (macro `reports_affinity`: shared countries), then the highest-ranked. The vote's id is
-- the md5 of its leading report's natural key (doc_id, report_index): stable while the inputs are.
--
-- Computed without walking every report in order: a report compatible with no higher-ranked
-- report ("root") always leads; one compatible with a root always follows. Only the rest
-- ("orphans": compatible only with higher-ranked followers) depend on the order, and only they
-- go through the greedy pass, settled in rounds (`orphan_rounds`).
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

orphan_links as (
    -- the compatible pairs among orphans, by their rank within the body: the only pairs whose
    -- outcome depends on the order (edges hold every compatible pair, see `candidate_links`)
    select lower_orphan.body_key, lower_orphan.orphan_rank, higher_orphan.orphan_rank as higher_orphan_rank
    from edges
    inner join orphans as higher_orphan on edges.higher_key = higher_orphan.report_key
    inner join orphans as lower_orphan on edges.lower_key = lower_orphan.report_key
),

orphan_lists as (
    -- per body, for each orphan in rank order, the ranks of the higher orphans it fits
    select
        orphans.body_key,
        list(coalesce(uplinks.higher_orphan_ranks, []) order by orphans.orphan_rank) as higher_ranks
    from orphans
    left join (
        select body_key, orphan_rank, list(higher_orphan_rank) as higher_orphan_ranks
        from orphan_links
        group by body_key, orphan_rank
    ) as uplinks
        on orphans.body_key = uplinks.body_key and orphans.orphan_rank = uplinks.orphan_rank
    group by orphans.body_key
),

orphan_rounds (body_key, round, is_leader) as (
    -- The greedy pass over the orphans, settled in rounds instead of one orphan at a time (a
    -- walk of thousands of steps, each copying the leaders so far, took seconds): an orphan
    -- follows as soon as a higher orphan it fits leads, and leads as soon as every higher
    -- orphan it fits is known to follow. Each round settles at least the highest unsettled
    -- orphan, and the result is the greedy pass's; the rounds needed are the longest chain of
    -- orphans each fitting the one before, a handful in practice.
    select body_key, 0, list_transform(higher_ranks, ranks -> null::boolean)
    from orphan_lists
    union all
    select
        orphan_rounds.body_key,
        orphan_rounds.round + 1,
        list_transform(
            orphan_lists.higher_ranks,
            (ranks, orphan_rank) -> coalesce(
                orphan_rounds.is_leader[orphan_rank],
                case
                    when list_contains(list_transform(ranks, higher -> orphan_rounds.is_leader[higher]), true)
                        then false
                    when list_count(list_transform(ranks, higher -> orphan_rounds.is_leader[higher])) = len(ranks)
                        then true
                end
            )
        )
    from orphan_rounds
    inner join orphan_lists on orphan_rounds.body_key = orphan_lists.body_key
    where list_count(orphan_rounds.is_leader) < len(orphan_rounds.is_leader)
),

orphan_leaders as (
    select orphans.report_key
    from (
        select body_key, unnest(final_is_leader) as is_leader, generate_subscripts(final_is_leader, 1) as orphan_rank
        from (
            select body_key, arg_max(is_leader, round) as final_is_leader
            from orphan_rounds
            group by body_key
        ) as final_rounds
    ) as settled
    inner join orphans on settled.body_key = orphans.body_key and settled.orphan_rank = orphans.orphan_rank
    where settled.is_leader
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
