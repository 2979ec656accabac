{#- Whether two vote reports (structs or table aliases with the columns of int_vote_reports)
    can describe the same vote. The rule, in order:
      * never two reports of one document (extraction already tells its own votes apart),
        except a report with itself;
      * the same body (by key: the Assembly's plenary and its committees are different bodies);
      * outcomes agree, or one is unknown, or one says rejected and the other vetoed;
      * no country named voting yes in one and no in the other;
      * they share a piece of identifying evidence beyond body and outcome: both state the
        vote's date; or both state the yes count and one more count, equal, and the tally is
        not a unanimous one (15-0-0 happens many times a year) and, for the Security Council
        (15 members: few possible tallies), neither report is undated (no vote date, no
        document date); or both are vetoes naming a common vetoing country, or, when neither
        is undated, one of them naming none (vetoes are rare). "The Assembly adopted a
        resolution" in two articles, or two unanimous Council votes, are not one vote;
      * the subjects do not name different countries (a draft on one country's sanctions is
        not a draft on another's); and when a report is undated, the two documents mention a
        common country other than the permanent members, if both mention any (an undated
        story of a Chinese and Russian veto on one country is not the veto on another);
      * dates fit: each report gives a window for the vote, its stated date ± slack days, or
        when undated, from `vote_lookback_days` before its document's date up to that date
        (unbounded when the document is undated too); the windows must overlap;
      * tallies agree where both state a count (a null is compatible with anything), or, when
        both reports state the vote's date (windows overlapping) and the same outcome, differ by
        at most `vote_tally_tolerance` votes in all: the same vote reported with a miscount,
        kept as one vote with a visible conflict. Without stated dates a near tally is no
        evidence (141-5-35 and 143-5-35 were different Assembly votes months apart). Two reports
        that both state the yes count and differ on it thus only merge under that conflict rule;
      * the merged tally fits the body: per side the count the merge keeps (the higher-ranked
        report's where it states one, `a` being the higher-ranked report at every call site, else
        the other's) sums to no more than the body's members (macro `body_size`: 15, 193, 47). A
        null count matches anything, so "11-0 with 4 abstentions" and "voted 15-0" a day apart
        would otherwise build 15-0-4 in a 15-member Council. -#}
{% macro reports_compatible(a, b) -%}
    (
        ({{ a }}.report_key = {{ b }}.report_key or {{ a }}.doc_id <> {{ b }}.doc_id)
        and {{ a }}.body_key = {{ b }}.body_key
        and (
            ({{ a }}.vote_date is not null and {{ b }}.vote_date is not null)
            or (
                coalesce({{ a }}.yes_count = {{ b }}.yes_count, false)
                and (
                    coalesce({{ a }}.no_count = {{ b }}.no_count, false)
                    or coalesce({{ a }}.abstain_count = {{ b }}.abstain_count, false)
                )
                and not (
                    coalesce({{ a }}.no_count, {{ b }}.no_count, 0) = 0
                    and coalesce({{ a }}.abstain_count, {{ b }}.abstain_count, 0) = 0
                )
                and ({{ a }}.body_family <> 'SC' or not ({{ a }}.is_undated or {{ b }}.is_undated))
            )
            or (
                {{ a }}.outcome = 'vetoed' and {{ b }}.outcome = 'vetoed'
                and (
                    list_has_any({{ a }}.no_countries, {{ b }}.no_countries)
                    or (
                        (len({{ a }}.no_countries) = 0 or len({{ b }}.no_countries) = 0)
                        and not ({{ a }}.is_undated or {{ b }}.is_undated)
                    )
                )
            )
        )
        and (
            len({{ a }}.subject_countries) = 0 or len({{ b }}.subject_countries) = 0
            or list_has_any({{ a }}.subject_countries, {{ b }}.subject_countries)
        )
        and (
            not ({{ a }}.is_undated or {{ b }}.is_undated)
            or len({{ a }}.context_countries) = 0 or len({{ b }}.context_countries) = 0
            or list_has_any({{ a }}.context_countries, {{ b }}.context_countries)
        )
        and (
            {{ a }}.outcome = {{ b }}.outcome
            or {{ a }}.outcome = 'unknown' or {{ b }}.outcome = 'unknown'
            or ({{ a }}.outcome in ('rejected', 'vetoed') and {{ b }}.outcome in ('rejected', 'vetoed'))
        )
        and not list_has_any({{ a }}.yes_countries, {{ b }}.no_countries)
        and not list_has_any({{ a }}.no_countries, {{ b }}.yes_countries)
        and {{ a }}.window_start <= {{ b }}.window_end
        and {{ b }}.window_start <= {{ a }}.window_end
        and (
            (
                ({{ a }}.yes_count is null or {{ b }}.yes_count is null or {{ a }}.yes_count = {{ b }}.yes_count)
                and ({{ a }}.no_count is null or {{ b }}.no_count is null or {{ a }}.no_count = {{ b }}.no_count)
                and ({{ a }}.abstain_count is null or {{ b }}.abstain_count is null
                    or {{ a }}.abstain_count = {{ b }}.abstain_count)
            )
            or (
                {{ a }}.vote_date is not null and {{ b }}.vote_date is not null
                and {{ a }}.outcome = {{ b }}.outcome and {{ a }}.outcome <> 'unknown'
                and coalesce(abs({{ a }}.yes_count - {{ b }}.yes_count), 0)
                + coalesce(abs({{ a }}.no_count - {{ b }}.no_count), 0)
                + coalesce(abs({{ a }}.abstain_count - {{ b }}.abstain_count), 0)
                <= {{ var('vote_tally_tolerance') }}
            )
        )
        and coalesce(
            coalesce({{ a }}.yes_count, {{ b }}.yes_count, 0)
            + coalesce({{ a }}.no_count, {{ b }}.no_count, 0)
            + coalesce({{ a }}.abstain_count, {{ b }}.abstain_count, 0)
            <= {{ body_size(a ~ '.body_family') }},
            true
        )
    )
{%- endmacro %}


{#- How well two compatible reports fit each other, to choose among several votes a report could
    join: stated dates that agree outweigh everything, then tally counts both state equally,
    then countries both subjects name (double) and both documents mention. -#}
{% macro reports_affinity(a, b) -%}
    (
        1000 * ({{ a }}.vote_date is not null and {{ b }}.vote_date is not null)::int
        + 100 * (
            coalesce({{ a }}.yes_count = {{ b }}.yes_count, false)::int
            + coalesce({{ a }}.no_count = {{ b }}.no_count, false)::int
            + coalesce({{ a }}.abstain_count = {{ b }}.abstain_count, false)::int
        )
        + least(
            2 * len(list_intersect({{ a }}.subject_countries, {{ b }}.subject_countries))
            + len(list_intersect({{ a }}.context_countries, {{ b }}.context_countries)),
            99
        )
    )
{%- endmacro %}


{#- Candidate pairs (a_key, a_order, b_key, b_order) of reports that share a piece of
    identifying evidence (macro `reports_compatible` requires one), each found by equi-joins on
    it (macro `blocked_pairs`) instead of comparing every two reports of a body, which grows
    with the square of the reports. Reads the CTEs of int_vote_report_edges: blocked_reports
    and its subsets tallied, veto_countries and unnamed_vetoes. With `a_changed` (`b_changed`)
    the first (second) report of each pair is one of the changed reports (`is_changed`): an
    incremental build looks for the pairs of those only. -#}
{% macro candidate_pairs(a_changed=false, b_changed=false) -%}
    --   both state the vote's date: dates at most 2 * slack days apart
    select a.report_key as a_key, a.merge_order as a_order, b.report_key as b_key, b.merge_order as b_order
    from (
        select
            report_key,
            merge_order,
            body_key,
            unnest(generate_series(
                vote_date - 2 * {{ var('vote_date_slack_days') }},
                vote_date + 2 * {{ var('vote_date_slack_days') }},
                interval 1 day
            ))::date as probe_date
        from {{ merge_side('blocked_reports', a_changed) }}
        where vote_date is not null
    ) as a
    inner join {{ merge_side('blocked_reports', b_changed) }} as b
        on a.body_key = b.body_key and a.probe_date = b.vote_date
    union all
    --   both state the same yes count and the same no count, or the same abstentions
    {{ blocked_pairs('tallied', ['body_key', 'yes_count', 'no_count'], a_changed, b_changed) }}
    union all
    {{ blocked_pairs('tallied', ['body_key', 'yes_count', 'abstain_count'], a_changed, b_changed) }}
    union all
    --   both vetoes naming a common vetoing country
    {{ blocked_pairs('veto_countries', ['body_key', 'veto_country'], a_changed, b_changed) }}
    union all
    --   both vetoes, neither undated, one naming none
    {{ blocked_pairs('unnamed_vetoes', ['body_key'], a_changed, b_changed) }}
{%- endmacro %}


{#- A relation of reports, or only its changed ones. -#}
{% macro merge_side(rel, changed_only) -%}
    {%- if changed_only -%}(select * from {{ rel }} where is_changed){%- else -%}{{ rel }}{%- endif -%}
{%- endmacro %}


{#- Candidate pairs (a_key, a_order, b_key, b_order) of a relation of reports sharing the values of
    `keys`, at least one of the two `is_split`, found by equi-joins only: two reports with
    bounded windows (not undated) must share a block of days (`blocks`: the 64-day blocks their
    window touches); a pair with an undated report must meet the context rule of
    `reports_compatible`: both documents mention a common country other than the permanent
    members, or one mentions none. The relation has report_key, merge_order, is_undated, blocks,
    context_countries, is_split, is_changed and the keys. Every pair `reports_compatible` can
    accept on this evidence is among them (some twice, or in both orders). -#}
{% macro blocked_pairs(rel, keys, a_changed=false, b_changed=false) -%}
    {%- set on_keys -%}
        {% for k in keys %}a.{{ k }} = b.{{ k }}{% if not loop.last %} and {% endif %}{% endfor %}
    {%- endset -%}
    {%- set a_rel = merge_side(rel, a_changed) -%}
    {%- set b_rel = merge_side(rel, b_changed) -%}
    {#- (a side, b side, join condition, filter) -#}
    {%- set joins = [
        (
            '(select *, unnest(blocks) as block from ' ~ a_rel ~ ' where not is_undated) as a',
            '(select *, unnest(blocks) as block from ' ~ b_rel ~ ' where not is_undated) as b',
            on_keys ~ ' and a.block = b.block',
            'a.is_split',
        ),
        (
            '(select *, unnest(context_countries) as context_country from ' ~ a_rel ~ ' where is_undated) as a',
            '(select *, unnest(context_countries) as context_country from ' ~ b_rel ~ ') as b',
            on_keys ~ ' and a.context_country = b.context_country',
            'a.is_split or b.is_split',
        ),
        (
            '(select * from ' ~ a_rel ~ ' where is_undated and len(context_countries) = 0) as a',
            b_rel ~ ' as b',
            on_keys,
            'a.is_split or b.is_split',
        ),
        (
            '(select * from ' ~ a_rel ~ ' where is_undated) as a',
            '(select * from ' ~ b_rel ~ ' where len(context_countries) = 0) as b',
            on_keys,
            'a.is_split or b.is_split',
        ),
    ] -%}
    {%- for a_side, b_side, condition, kept in joins %}
    select a.report_key, a.merge_order, b.report_key, b.merge_order
    {#- the changed side on the right: DuckDB hashes the right side of a join when it estimates
        both sides alike, and a filter on is_changed does not lower its estimate (one changed
        report probed a hash table of its body's 181,000 context countries, 30-45 ms at 100,000
        documents) -#}
    {%- if a_changed %}
    from {{ b_side }}
    inner join {{ a_side }}
    {%- else %}
    from {{ a_side }}
    inner join {{ b_side }}
    {%- endif %}
        on {{ condition }}
    where {{ kept }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}
