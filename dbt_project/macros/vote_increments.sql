{#- The vote models, rebuilt incrementally for the reports a run can change.

    int_vote_reports is incremental per document. Its rows depend on their own document and, through
    the document's references (`references_fingerprint`) and the names countries go by, on
    others. A document is rebuilt when its `source_version` (extractor version and references
    fingerprint) differs from the one its rows hold, or when a subject it reports names a
    country name added or dropped since the last build (int_vote_country_names keeps the names
    of that build). `report_version` hashes what a report's row is built from, the countries
    its subject names included: it changes when the row may have.

    Which vote a report joins depends on other reports, but only on those above it in merge
    order that it fits (compatible pairs, int_vote_report_edges), and only on whether they lead.
    A run rebuilds:
      * int_changed_vote_reports: the reports whose row is new, rebuilt or gone since the last
        build of int_vote_report_clusters (which stores each report's version);
      * int_vote_report_edges: the pairs of which one report changed;
      * int_vote_affected_reports: the changed reports and those that shared a vote with one at
        the last build, then the reports below them whose leading may change with theirs. Any
        other report's vote is the one it had (the argument is in int_vote_affected_reports);
      * int_vote_report_clusters: the votes of the affected reports only, with the reports
        above them that lead and are not decided again.
    A report's place in its vote is not stored: it would change with every report joining
    above it. The models per vote order a vote's reports by merge_order.
    A run that fails part-way leaves the clusters with the old versions: the next run finds the
    same reports changed again. -#}

{% macro country_subject_names() -%}
    {#- Every way a country is named, as a key, to find countries named in vote subjects. -#}
    select distinct alias_key as name_key, actor_key, split_part(alias_key, ' ', 1) as first_word
    from {{ ref('int_actor_alias_keys') }}
    where actor_type = 'country' and length(alias_key) >= 4
{%- endmacro %}

{% macro vote_report_versions(among=none, references=none) -%}
    {#- Each document with vote reports (among the doc_ids the query `among` gives, if given) and
        the version its report rows are built from: its extraction and how its names resolved
        (from `references`, int_actor_references or the rows of it that hold those documents'
        references). The documents are chosen in each input: joined after, DuckDB took the
        distinct fingerprints of every reference first. -#}
    {%- set chosen -%}{% if among is not none %} where doc_id in ({{ among }}){% endif %}{%- endset -%}
    select
        reporting.doc_id,
        versions.extractor_version || '|' || coalesce(cast(refs.references_fingerprint as varchar), '')
            as source_version
    from (select distinct doc_id from {{ ref('stg_vote_reports') }}{{ chosen }}) as reporting
    inner join (
        select * from ({{ document_versions() }}) as all_versions{{ chosen }}
    ) as versions on reporting.doc_id = versions.doc_id
    left join (
        select distinct doc_id, references_fingerprint from {{ references or ref('int_actor_references') }}{{ chosen }}
    ) as refs on reporting.doc_id = refs.doc_id
{%- endmacro %}

{% macro changed_vote_reports(present_only=false) -%}
    select changed.report_key from {{ ref('int_changed_vote_reports') }} as changed
    {%- if present_only %} where changed.is_present{% endif %}
{%- endmacro %}

{% macro delete_changed_vote_edges() -%}
    {%- if is_incremental() -%}
    delete from {{ this }}
    where higher_key in ({{ changed_vote_reports() }}) or lower_key in ({{ changed_vote_reports() }})
    {%- else -%}
    select 1
    {%- endif -%}
{%- endmacro %}

{% macro delete_affected_reports() -%}
    {%- if is_incremental() -%}
    delete from {{ this }}
    where report_key in (select affected.report_key from {{ ref('int_vote_affected_reports') }} as affected)
    {%- else -%}
    select 1
    {%- endif -%}
{%- endmacro %}

{#- Per vote: int_vote_positions, votes and vote_conflicts are incremental per vote. Each of
    their rows depends on one vote's reports (int_vote_members: the report rows, the vote they
    joined, their documents' duplicate status) and on how the countries those reports name
    resolve to country actors (macro `vote_country_resolution`). int_vote_report_links and
    int_vote_country_links keep both as the last build of these models left them (they are
    built after them); int_changed_votes lists the votes whose reports, members' duplicate
    status or countries differ from them now, and the old and new votes of every report
    int_vote_report_clusters decided again. -#}

{% macro vote_country_resolution() -%}
    {#- Each distinct country a vote report names (as written, with the code extraction gave it)
        and the country actor it resolves to: by ISO code, else by a name key only one country
        actor goes by. -#}
    with reported as (
        select distinct country, country_code
        from {{ ref('stg_vote_report_positions') }}
    ),

    countries as (
        select actor_id, name, iso_code from {{ ref('int_actors') }}
        where actor_type = 'country'
    ),

    unique_country_keys as (
        select alias_key, min(actor_id) as actor_id
        from (
            select distinct alias_key, actor_id
            from {{ ref('int_actor_alias_keys') }}
            where actor_type = 'country' and alias_key is not null
        ) as country_keys
        group by alias_key
        having count(distinct actor_id) = 1
    ),

    by_name as (
        -- each distinct name as written keyed once
        select names.country, unique_country_keys.actor_id
        from (
            select country, {{ name_key('country') }} as alias_key
            from (select distinct country from reported where country is not null) as distinct_countries
        ) as names
        inner join unique_country_keys on names.alias_key = unique_country_keys.alias_key
    ),

    resolved as (
        select
            reported.country as reported_country,
            reported.country_code as reported_code,
            coalesce(by_code.actor_id, by_name.actor_id) as country_actor_id
        from reported
        left join countries as by_code on reported.country_code = by_code.iso_code
        left join by_name on reported.country = by_name.country
    )

    select
        resolved.reported_country,
        resolved.reported_code,
        resolved.country_actor_id,
        coalesce(countries.name, resolved.reported_country) as country,
        countries.iso_code as country_code
    from resolved
    left join countries on resolved.country_actor_id = countries.actor_id
{%- endmacro %}

{% macro vote_members(votes=none) -%}
    {#- int_vote_members' rows: of the votes the query `votes` gives (vote_id), or all. The
        clusters of those votes, then their reports, are each found by the keys' hashes
        (vote_number, report_number) and read whole by row number (`rows_where`); the clusters
        are then matched by vote_id, the reports by the join. Through the view, DuckDB joined
        every report to its cluster before it kept the few votes' (0.05 s at 100,000 documents,
        in each of four models); choosing the clusters first but filtering the reports by
        document still read every column of every report (0.05 s too); by the keys, 0.016 s, of
        which the keys of all 77,000 clusters and reports took 6 ms. -#}
    {%- if votes is none %}
    {%- set clusters = ref('int_vote_report_clusters') %}
    {%- set reports = ref('int_vote_reports') %}
    {%- else %}
    {%- set clusters = '(' ~ rows_with_keys(ref('int_vote_report_clusters'), 'vote_id', 'vote_number',
        short_list(votes, 'vote_id')) ~ ')' %}
    {%- set reports = '(' ~ rows_where(ref('int_vote_reports'),
        'report_number in (select hash(report_key) from ' ~ clusters ~ ' as chosen)') ~ ')' %}
    {%- endif %}
    select
        clusters.vote_id,
        clusters.is_leading_report,
        reports.* exclude (built_at, report_number),
        duplicates.duplicate_of,
        coalesce(duplicates.duplicate_of, reports.doc_id) as original_doc_id,
        clusters.built_at
    -- the clusters on the right: DuckDB hashes that side when it cannot tell the sides apart, and
    -- the tests of vote_sources read the view for the clusters written since (hashing every
    -- report for them took 6-8 ms a test at 100,000 documents)
    from {{ reports }} as reports
    inner join {{ clusters }} as clusters
        on clusters.doc_id = reports.doc_id and clusters.report_index = reports.report_index
    left join {{ ref('int_document_duplicates') }} as duplicates on reports.doc_id = duplicates.doc_id
{%- endmacro %}

{% macro changed_vote_members() -%}
    {#- In a model rebuilt per vote: int_vote_members' rows of the votes int_changed_votes lists
        in an incremental build, every row in a full one. -#}
    {%- if is_incremental() -%}
    {{ vote_members('select changed.vote_id from ' ~ ref('int_changed_votes') ~ ' as changed') }}
    {%- else -%}
    {{ vote_members() }}
    {%- endif -%}
{%- endmacro %}

{% macro changed_votes_only(keyword='where', vote_id='vote_id') -%}
    {{ changed_rows_only('int_changed_votes', 'vote_id', keyword, vote_id) }}
{%- endmacro %}

{% macro delete_changed_votes() -%}
    {{ delete_changed_rows('int_changed_votes', 'vote_id') }}
{%- endmacro %}

{% macro delete_relinked_reports() -%}
    {#- The post-hook of int_vote_report_links: the older rows of the votes int_changed_votes
        lists (a report that changed vote had its old one listed too; a report gone, its last). -#}
    {%- if is_incremental() -%}
    delete from {{ this }} where built_at <> {{ build_time() }} {{ changed_votes_only(keyword='and') }}
    {%- else -%}
    select 1
    {%- endif -%}
{%- endmacro %}
