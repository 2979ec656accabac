-- Which vote each report belongs to. The rule is a greedy pass per body, most complete report
-- first (merge_order): a report starts a new vote unless it is compatible (macro
-- `reports_compatible`) with a vote already started, in which case it joins the one it fits
-- best (macro `reports_affinity`: shared countries), then the highest-ranked. The vote's id is
-- the md5 of its leading report's natural key (doc_id, report_index): stable while the inputs are.
--
-- Computed without walking every report in order: a report compatible with no higher-ranked
-- report ("root") always leads; one compatible with a root always follows. Only the rest
-- ("orphans": compatible only with higher-ranked followers) depend on the order, and only they
-- go through the greedy pass, settled in rounds (`orphan_rounds`).
--
-- Incremental (macros/vote_increments.sql): a build deletes the rows of the reports in
-- int_vote_affected_reports and runs the pass over those only, with the reports above them
-- that lead and keep their rows ("kept leaders"): whether a report leads, and which vote it
-- follows, depends only on which reports above it that it fits lead. A kept leader is a root
-- of the pass (nothing above it is in it), so it leads there as it does among all reports.
-- depends_on: {{ ref('int_vote_affected_reports') }}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_affected_reports() }}"
    )
}}
with recursive
{%- if is_incremental() %}
decided_keys as materialized (
    select affected.report_key from {{ ref('int_vote_affected_reports') }} as affected where affected.is_present
),

kept_leader_keys as materialized (
    -- the rows left after the pre-hook are the reports not decided again
    select edges.higher_key as report_key
    from {{ ref('int_vote_report_edges') }} as edges
    where
        edges.lower_key in (select decided_keys.report_key from decided_keys)
        and edges.higher_key in (select kept.report_key from {{ this }} as kept where kept.is_leading_report)
),
{%- endif %}

reports as (
    select
        report_key,
        doc_id,
        report_index,
        body_key,
        merge_order,
        {%- if is_incremental() %}
        report_key in (select decided_keys.report_key from decided_keys) as is_decided,
        {%- else %}
        true as is_decided,
        {%- endif %}
        -- ranks within the reports merged in this build: the same order as among all reports
        row_number() over (partition by body_key order by merge_order) as merge_rank
    from {{ ref('int_vote_reports') }}
    {%- if is_incremental() %}
    where report_key in (
        select decided_keys.report_key from decided_keys
        union
        select kept_leader_keys.report_key from kept_leader_keys
    )
    {%- endif %}
),

edges as (
    -- the pairs below a report of the pass: a kept leader's pairs with reports below it that
    -- are not decided again are theirs already
    select edges.higher_key, higher.merge_rank as higher_rank, edges.lower_key, edges.affinity
    from {{ ref('int_vote_report_edges') }} as edges
    inner join reports as higher on edges.higher_key = higher.report_key
    inner join reports as lower_ranked on edges.lower_key = lower_ranked.report_key
    where lower_ranked.is_decided
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
        case
            when reports.report_key in (select leaders.report_key from leaders) then reports.report_key
            else best_leaders.higher_key
        end as leader_report_key
    from reports
    left join best_leaders on reports.report_key = best_leaders.lower_key
    where reports.is_decided
),

leader_keys as (
    select report_key, doc_id, report_index from reports
)

select
    {{ stable_id(["'vote'", 'leader_keys.doc_id', 'leader_keys.report_index']) }} as vote_id,
    assigned.doc_id,
    assigned.report_index,
    assigned.report_key,
    assigned.report_key = assigned.leader_report_key as is_leading_report,
    hash(vote_id) as vote_number,
    {{ build_time() }} as built_at
from assigned
inner join leader_keys on assigned.leader_report_key = leader_keys.report_key
{{ full_build_order('vote_id') }}
