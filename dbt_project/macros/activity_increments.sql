{#- The by-date marts (actor_activity_by_date, activity_by_date), rebuilt for the dates a run can change.

    A day's rows are sums over what happened that day: the mentions in documents published that
    day, the statements dated that day and the votes taken (or first reported) that day. So a
    day's rows change only when one of those sources changed: a document's date, duplicate
    status, references (the actors its mentions resolve to) or statements; a vote's date or
    positions. Each source has a fingerprint of those (`activity_sources()`), and the dates it
    counts on. int_activity_source_changes lists the sources whose fingerprint or dates are not
    those int_activity_sources kept at the last build, with the dates they counted on then and
    count on now; the marts rebuild exactly those dates (`changed_dates_only()`, and the pre-hook
    `delete_changed_dates()`, which also clears a date nothing counts on any more).
    int_activity_sources is built after the marts, so a build that fails before them leaves it
    as it was and the next build finds the same changes. Rebuilt in full, the two marts cost
    about 1.1 s of every build at 100,000 documents. -#}

{% macro activity_sources(documents=none, votes=none) -%}
    {#- Every source, or the documents and votes the queries `documents` (doc_id) and `votes`
        (vote_id) give. -#}
    {%- set among_documents -%}{% if documents is not none %} where doc_id in ({{ documents }}){% endif %}{%- endset -%}
    {%- set among_votes -%}{% if votes is not none %} where vote_id in ({{ votes }}){% endif %}{%- endset -%}
    with duplicates as (
        select doc_id from {{ ref('int_document_duplicates') }}
    ),

    reference_fingerprints as (
        select distinct doc_id, references_fingerprint from {{ ref('int_actor_references') }}{{ among_documents }}
    ),

    statement_dates as (
        select
            doc_id,
            any_value(statements_fingerprint) as statements_fingerprint,
            list(distinct statement_date) filter (where statement_date is not null) as statement_dates
        from {{ ref('int_statements') }}{{ among_documents }}
        group by doc_id
    ),

    vote_positions as (
        select
            vote_id,
            cast(sum(hash(country_actor_id, position)) as varchar) as positions_fingerprint
        from {{ ref('vote_positions') }}
        where country_actor_id is not null{% if votes is not none %} and vote_id in ({{ votes }}){% endif %}
        group by vote_id
    )

    select
        'document/' || documents.doc_id as source_key,
        concat_ws(
            '/',
            coalesce(cast(documents.published_date as varchar), ''),
            duplicates.doc_id is not null,
            coalesce(reference_fingerprints.references_fingerprint, ''),
            coalesce(statement_dates.statements_fingerprint, '')
        ) as source_fingerprint,
        list_sort(list_distinct(list_concat(
            [documents.published_date], coalesce(statement_dates.statement_dates, [])
        ))) as activity_dates,
        duplicates.doc_id is not null as is_duplicate
    from (select * from {{ ref('int_documents_dated') }}{{ among_documents }}) as documents
    left join duplicates on documents.doc_id = duplicates.doc_id
    left join reference_fingerprints on documents.doc_id = reference_fingerprints.doc_id
    left join statement_dates on documents.doc_id = statement_dates.doc_id
    union all
    select
        'vote/' || votes.vote_id,
        concat_ws('/', coalesce(cast(votes.activity_date as varchar), ''), coalesce(vote_positions.positions_fingerprint, '')),
        list_distinct([votes.activity_date]),
        false
    from (select * from {{ ref('votes') }}{{ among_votes }}) as votes
    left join vote_positions on votes.vote_id = vote_positions.vote_id
{%- endmacro %}

{% macro changed_dates() -%}
    select unnest(changed.activity_dates) from {{ ref('int_activity_source_changes') }} as changed
{%- endmacro %}

{% macro changed_dates_only(column='activity_date', keyword='where') -%}
    {#- In an incremental build of a by-date mart, a filter to the dates a changed source counted
        or counts on (`keyword`: where or and). -#}
    {%- if is_incremental() -%}
    {{ keyword }} {{ column }} in ({{ changed_dates() }})
    {%- endif -%}
{%- endmacro %}

{% macro delete_changed_dates() -%}
    {#- The pre-hook of a by-date mart: the rows of the dates to rebuild go first. -#}
    {%- if is_incremental() -%}
    delete from {{ this }} where activity_date in ({{ changed_dates() }})
    {%- else -%}
    select 1
    {%- endif -%}
{%- endmacro %}

{% macro deleted_votes_table() -%}
    plenary_state.deleted_votes
{%- endmacro %}

{% macro create_deleted_votes_table() -%}
    {#- on-run-start: the votes the votes mart deleted (no row left), until int_activity_sources
        has taken them out of the by-date marts. -#}
    create table if not exists {{ deleted_votes_table() }} (vote_id varchar not null, deleted_at timestamp not null)
{%- endmacro %}

{% macro log_deleted_votes() -%}
    {#- The post-hook of votes: the votes int_changed_votes listed that it wrote no row of
        again. int_activity_source_changes reads those logged after int_activity_sources' last
        build: a vote can only be gone that way, and finding it among every vote source cost
        12 ms at 100,000 documents. -#}
    {%- if is_incremental() -%}
    insert into {{ deleted_votes_table() }}
    select changed.vote_id, {{ build_time() }}
    from {{ ref('int_changed_votes') }} as changed
    where changed.vote_id not in (select built.vote_id from {{ this }} as built where built.built_at = {{ build_time() }})
    {%- else -%}
    select 1
    {%- endif -%}
{%- endmacro %}

{% macro prune_deleted_votes() -%}
    {#- The post-hook of int_activity_sources, in the transaction that writes its rows: the
        deleted votes it has now taken out. -#}
    delete from {{ deleted_votes_table() }} where deleted_at <= {{ build_time() }}
{%- endmacro %}
