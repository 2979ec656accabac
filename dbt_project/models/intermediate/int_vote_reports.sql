-- Vote reports ready for merging: body key and family, the window of days the vote can lie in,
-- the countries each report names per side, and the order the merge takes them in
-- (merge_order: most complete report first).
-- Incremental per document (macros/vote_increments.sql): a document's rows are rebuilt when
-- its extraction or its references were rebuilt since this table's last build
-- (macros/incremental.sql), or when a country name
-- its subjects contain was added or dropped.
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        post_hook=["{{ delete_replaced_rows([ref('int_documents_dated'), ref('int_actor_references')]) }}", "{{ record_build_time() }}"]
    )
}}

{%- set built_names = previous_build('int_vote_country_names') %}
{%- set incremental_run = is_incremental() and built_names is not none %}
{%- set rebuilt_documents = documents_built_since_last_build([ref('int_documents_dated'), ref('int_actor_references')]) %}
{#- the raw rows of the rebuilt documents are in their loads or later ones: older row groups are
    skipped; the renamed documents' rows are read apart, usually none -#}
{%- set loaded = loaded_for_documents(rebuilt_documents) if incremental_run else 'true' %}

with country_names as (
    -- every way a country is named, as a key, to find countries named in subjects
    {{ country_subject_names() }}
),
{%- if incremental_run %}

changed_names as (
    -- names countries go by that were added or dropped since the last build
    select * from (
        (select name_key, actor_key, first_word from country_names
        except select name_key, actor_key, first_word from {{ built_names }})
        union all
        (select name_key, actor_key, first_word from {{ built_names }}
        except select name_key, actor_key, first_word from country_names)
    ) as changed
),

renamed_documents as (
    -- documents reporting a subject that contains such a name (matched as subject_countries is)
    select distinct built_words.doc_id
    from (
        select doc_id, subject_key, unnest(string_split(subject_key, ' ')) as word
        from {{ this }}
        -- no words split when no name changed, as on most builds (0.1 s at 100,000 documents)
        where subject_key is not null and (select count(*) from changed_names) > 0
    ) as built_words
    inner join changed_names
        on
            built_words.word = changed_names.first_word
            and contains(' ' || built_words.subject_key || ' ', ' ' || changed_names.name_key || ' ')
),

candidate_documents as materialized (
    {{ short_list(rebuilt_documents ~ ' union all select renamed_documents.doc_id from renamed_documents', 'doc_id') }}
),

renamed_only as materialized (
    -- the renamed documents whose references were not rewritten: usually none
    select doc_id from renamed_documents
    where doc_id not in ({{ rebuilt_documents }})
),

references_to_build as (
    -- every rebuilt document's references were rewritten since this table's last build (a new
    -- or re-extracted document's by int_actor_references, which rebuilds them)
    {{ upstream_rows_to_build(ref('int_actor_references'), 'renamed_only') }}
),

to_build as (
    {{ vote_report_versions('select candidate_documents.doc_id from candidate_documents', 'references_to_build') }}
),
{%- else %}

references_to_build as (
    select * from {{ ref('int_actor_references') }}
),

to_build as (
    {{ vote_report_versions() }}
),
{%- endif %}

reports as (
    {{ raw_rows_to_build('stg_vote_reports', loaded, incremental_run, 'renamed_documents', 'to_build.source_version') }}
),

documents as (
    select doc_id, source_name, published_date, ingested_at, reading_order
    from {{ ref('int_documents_dated') }}
    where doc_id in (select to_build.doc_id from to_build)
),

report_positions as (
    {{ raw_rows_to_build('stg_vote_report_positions', loaded, incremental_run, 'renamed_documents') }}
),

country_keys as (
    -- each distinct country name keyed once (keyed per row, the regular expressions cost more
    -- than the rest of the model)
    select country, {{ name_key('country') }} as country_key
    from (select distinct country from report_positions) as names
),

positions as (
    -- lists in a fixed order, so a rebuild stores the same lists
    select
        doc_id,
        report_index,
        list(distinct country_key order by country_key) filter (where position = 'yes') as yes_countries,
        list(distinct country_key order by country_key) filter (where position = 'no' or is_veto) as no_countries,
        count(*) as position_count,
        bool_or(is_veto) as has_veto
    from (
        select positions.*, country_keys.country_key
        from report_positions as positions
        left join country_keys on positions.country = country_keys.country
    ) as keyed_positions
    group by doc_id, report_index
),

distinct_subjects as materialized (
    -- each distinct subject keyed once; `materialized`, or DuckDB keys every report's subject
    -- twice (in the filter on the key and in the projection)
    select subject, {{ name_key('subject') }} as subject_key
    from (select distinct subject from reports where subject is not null) as subjects
),

subject_keys as (
    select reports.doc_id, reports.report_index, distinct_subjects.subject_key
    from reports
    inner join distinct_subjects on reports.subject = distinct_subjects.subject
),

subject_words as (
    -- a name is in a subject when its words are a run of the subject's words: join on the
    -- name's first word (an equi-join, not a scan of every name per subject), then check
    -- (a null key unnests to no row: a filter on the key here, DuckDB pushed down into the
    -- scan of every report, keying each report's subject once more; a word twice in a subject
    -- finds the same names twice, which the list(distinct ...) below drops)
    select doc_id, report_index, subject_key, unnest(string_split(subject_key, ' ')) as word
    from subject_keys
),

subject_countries as (
    select
        subject_words.doc_id,
        subject_words.report_index,
        list(distinct country_names.actor_key order by country_names.actor_key) as subject_countries
    from subject_words
    inner join country_names
        on
            subject_words.word = country_names.first_word
            and contains(' ' || subject_words.subject_key || ' ', ' ' || country_names.name_key || ' ')
    group by subject_words.doc_id, subject_words.report_index
),

document_countries as (
    -- the countries a document mentions, the permanent members left out (they are in every
    -- Council story): what the document is about, to tell undated reports of votes apart
    select doc_id, list(distinct actor_key order by actor_key) as context_countries
    from references_to_build
    where
        doc_id in (select to_build.doc_id from to_build)
        and actor_type = 'country' and ref_kind = 'mention'
        and actor_key not in ('CHN', 'FRA', 'RUS', 'GBR', 'USA')
    group by doc_id
),

enriched as (
    select
        {{ stable_id(['reports.doc_id', 'reports.report_index']) }} as report_key,
        reports.*,
        lower(regexp_replace(trim(reports.body), '\s+', ' ', 'g')) as body_key,
        {{ body_family('reports.body') }} as body_family,
        documents.published_date as document_date,
        documents.ingested_at as document_ingested_at,
        documents.source_name as document_source_name,
        documents.reading_order as document_reading_order,
        coalesce(positions.yes_countries, []) as yes_countries,
        coalesce(positions.no_countries, []) as no_countries,
        coalesce(positions.position_count, 0) as position_count,
        coalesce(positions.has_veto, false) as has_veto,
        subject_keys.subject_key,
        coalesce(subject_countries.subject_countries, []) as subject_countries,
        coalesce(document_countries.context_countries, []) as context_countries,
        reports.vote_date is null and documents.published_date is null as is_undated,
        reports.yes_count is not null or reports.no_count is not null or reports.abstain_count is not null
        or reports.outcome <> 'unknown' or coalesce(positions.position_count, 0) > 0 as is_substantive,
        case
            when reports.vote_date is not null
                then reports.vote_date - {{ var('vote_date_slack_days') }}
            when documents.published_date is not null
                then documents.published_date - {{ var('vote_lookback_days') }}
            else date '0001-01-01'
        end as window_start,
        case
            when reports.vote_date is not null
                then reports.vote_date + {{ var('vote_date_slack_days') }}
            when documents.published_date is not null
                then documents.published_date + 1
            else date '9999-12-31'
        end as window_end,
        (reports.yes_count is not null)::int
        + (reports.no_count is not null)::int
        + (reports.abstain_count is not null)::int as tally_fields,
        (reports.yes_count is not null)::int
        + (reports.no_count is not null)::int
        + (reports.abstain_count is not null)::int
        + (reports.vote_date is not null)::int
        + (reports.outcome <> 'unknown')::int
        + (reports.subject is not null)::int
        + least(coalesce(positions.position_count, 0), 1) as completeness
    from reports
    inner join documents on reports.doc_id = documents.doc_id
    left join positions
        on reports.doc_id = positions.doc_id and reports.report_index = positions.report_index
    left join subject_keys
        on reports.doc_id = subject_keys.doc_id and reports.report_index = subject_keys.report_index
    left join subject_countries
        on reports.doc_id = subject_countries.doc_id and reports.report_index = subject_countries.report_index
    left join document_countries on reports.doc_id = document_countries.doc_id
)

-- merge_order: the most complete report first, then its document's reading order (date,
-- ingestion time, unknowns last, name, id), then the report's index in the document
select
    * exclude (document_reading_order),
    -- what the row is built from beyond its document's version: int_changed_vote_reports
    -- compares it with the version the report's vote was decided from
    md5(source_version || '|' || cast(subject_countries as varchar)) as report_version,
    struct_pack(
        completeness := -completeness,
        tally_fields := -tally_fields,
        reading_order := document_reading_order,
        report_index := report_index
    ) as merge_order,
    hash(report_key) as report_number,
    {{ build_time() }} as built_at
from enriched
