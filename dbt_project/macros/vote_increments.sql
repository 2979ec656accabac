{#- The vote models, rebuilt incrementally for the reports a run can change.

    int_vote_reports is incremental per document. Its rows depend on their own document and, through
    the document's references (`references_fingerprint`) and the names countries go by, on
    others. A document is rebuilt when its `source_version` (extractor version and references
    fingerprint) differs from the one its rows hold, or when a subject it reports names a
    country name added or dropped since the last build (int_vote_country_names keeps the names
    of that build). `report_version` hashes what a report's row is built from, the countries
    its subject names included: it changes when the row may have.

    Which vote a report joins depends on other reports, but only on those connected to it by
    compatible pairs (int_vote_report_edges): the greedy merge gives each connected group of
    reports the same votes whether it runs over that group or over all reports. A run rebuilds:
      * int_changed_vote_reports: the reports whose row is new, rebuilt or gone since the last
        build of int_vote_report_clusters (which stores each report's version);
      * int_vote_report_edges: the pairs of which one report changed;
      * int_vote_affected_reports: the changed reports and those that shared a vote with one at
        the last build, then every report connected to them by the edges now. Any other
        report's vote is the one it had: its connected group holds no changed report, and it
        took no vote from one (the argument is in int_vote_affected_reports);
      * int_vote_report_clusters: the votes of the affected reports only.
    A run that fails part-way leaves the clusters with the old versions: the next run finds the
    same reports changed again. -#}

{% macro previous_build(identifier) -%}
    {#- A model this one reads as the last build left it (not a ref: it is built after this one),
        none before its first build and in a full refresh, which rebuilds everything. -#}
    {%- if execute and not flags.FULL_REFRESH -%}
        {{ return(adapter.get_relation(database=this.database, schema=this.schema, identifier=identifier)) }}
    {%- endif -%}
    {{ return(none) }}
{%- endmacro %}

{% macro country_subject_names() -%}
    {#- Every way a country is named, as a key, to find countries named in vote subjects. -#}
    select distinct alias_key as name_key, actor_key, split_part(alias_key, ' ', 1) as first_word
    from {{ ref('int_actor_alias_keys') }}
    where actor_type = 'country' and length(alias_key) >= 4
{%- endmacro %}

{% macro vote_report_versions() -%}
    {#- Each document with vote reports and the version its report rows are built from: its
        extraction and how its names resolved. -#}
    select
        reporting.doc_id,
        versions.extractor_version || '|' || coalesce(cast(refs.references_fingerprint as varchar), '')
            as source_version
    from (select distinct doc_id from {{ ref('stg_vote_reports') }}) as reporting
    inner join ({{ document_versions() }}) as versions on reporting.doc_id = versions.doc_id
    left join (
        select distinct doc_id, references_fingerprint from {{ ref('int_actor_references') }}
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
