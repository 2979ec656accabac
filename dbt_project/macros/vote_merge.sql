{#- Whether two vote reports (structs or table aliases with the columns of int_vote_reports)
    can describe the same vote. The rule, in order:
      * never two reports of one document (extraction already tells its own votes apart),
        except a report with itself;
      * the same body (by key: the Assembly's plenary and its committees are different bodies);
      * outcomes agree, or one is unknown, or one says rejected and the other vetoed;
      * no country named voting yes in one and no in the other;
      * they share a piece of identifying evidence beyond body and outcome: a tally count both
        state and agree on, or both state the vote's date, or a country both name on the same
        side, or both are vetoes (rare enough to identify a vote) and one of them names no
        vetoing country. "The Assembly adopted a resolution" twice is not one vote; a report
        that states nothing (no tally, outcome unknown, no positions) joins another only when
        both state the date;
      * dates fit: each report gives a window for the vote, its stated date ± slack days, or
        when undated, from `vote_lookback_days` before its document's date up to that date
        (unbounded when the document is undated too); the windows must overlap;
      * tallies agree where both state a count (a null is compatible with anything), or, when
        both reports state the vote's date (windows overlapping) and the same outcome, differ by
        at most `vote_tally_tolerance` votes in all: the same vote reported with a miscount,
        kept as one vote with a visible conflict. Without stated dates a near tally is no
        evidence (141-5-35 and 143-5-35 were different Assembly votes months apart). -#}
{% macro reports_compatible(a, b) -%}
    (
        ({{ a }}.report_key = {{ b }}.report_key or {{ a }}.doc_id <> {{ b }}.doc_id)
        and {{ a }}.body_key = {{ b }}.body_key
        and (
            coalesce({{ a }}.yes_count = {{ b }}.yes_count, false)
            or coalesce({{ a }}.no_count = {{ b }}.no_count, false)
            or coalesce({{ a }}.abstain_count = {{ b }}.abstain_count, false)
            or ({{ a }}.vote_date is not null and {{ b }}.vote_date is not null)
            or list_has_any({{ a }}.yes_countries, {{ b }}.yes_countries)
            or list_has_any({{ a }}.no_countries, {{ b }}.no_countries)
            or (
                {{ a }}.outcome = 'vetoed' and {{ b }}.outcome = 'vetoed'
                and (len({{ a }}.no_countries) = 0 or len({{ b }}.no_countries) = 0)
            )
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
    )
{%- endmacro %}
