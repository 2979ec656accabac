{#- Incremental per-document models: a table whose rows each depend on their own document (and
    on what other documents decide about its names), rebuilt for the documents that changed.

    Each such model stamps the rows it writes with `built_at`, the time its dbt invocation began
    (`build_time()`), and its post-hook records that time as its last build in
    plenary_state.dbt_model_builds, in the same transaction as the rows. A model then rebuilds
    the documents whose rows in the per-document models it reads were written after its own last
    build (`documents_built_since_last_build`): a filter on one timestamp column, which grows
    with the order rows are appended in (DuckDB can skip row groups by their min/max), instead
    of comparing each document's version with the model's own rows (0.05-0.1 s a statement at
    100,000 documents, now about 0.01 s). int_documents_dated, first, rebuilds the documents
    with a raw row in a later load than the newest it has read (the loader numbers its loads,
    `load_id`: a new document, a re-extraction, another inbox name).

    The models append the rows of the documents they rebuild; a post-hook, in the same
    transaction, deletes those documents' older rows (`delete_replaced_rows`). A document added
    since a model's last build has no rows in it (`held_documents`): for the usual build, of new
    documents only, the lookups and deletes of older rows find an empty list and scan nothing.

    A model that fails leaves its rows and its last build time as they were: the next build
    rebuilds the same documents. Models without a recorded build (a table from before this
    bookkeeping) rebuild every document once; a full refresh rebuilds everything. The loader
    never removes a document from raw; a warehouse whose raw tables lost one needs a full
    refresh. -#}

{% macro build_time() -%}
    timestamp '{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S.%f") }}'
{%- endmacro %}

{% macro last_build_time() -%}
    {#- When the last build of this model that committed began, none in a full build and before
        the first recorded one. -#}
    {%- if is_incremental() -%}
        {{ return(last_build_time_of(this)) }}
    {%- endif -%}
    {{ return(none) }}
{%- endmacro %}

{% macro last_build_time_of(relation) -%}
    {#- When the last committed build of the model `relation` began (its post-hook
        record_build_time), as a timestamp literal's text; none before the first, at parse time
        and in a full refresh. -#}
    {%- if execute and relation is not none and not flags.FULL_REFRESH -%}
        {%- set found = run_query(
            "select cast(built_at as varchar) from " ~ model_builds_table()
            ~ " where model = '" ~ relation.schema ~ "." ~ relation.identifier ~ "'"
        ) -%}
        {%- if found.rows | length > 0 -%}
            {{ return(found.rows[0][0]) }}
        {%- endif -%}
    {%- endif -%}
    {{ return(none) }}
{%- endmacro %}

{% macro model_builds_table() -%}
    plenary_state.dbt_model_builds
{%- endmacro %}

{% macro tested_through_table() -%}
    plenary_state.dbt_tested_through
{%- endmacro %}

{% macro create_build_state_tables() -%}
    {#- on-run-start: each per-document model's last build, the build time and the raw load
        through which the rows are tested (written by orchestration/defs/dbt.py after a build
        whose tests passed; the load from warehouses older than it added), the references
        int_actor_tallies has yet to take out (macros/changed_actors.sql), the votes
        int_activity_sources has yet to (macros/activity_increments.sql) and the affiliations
        int_statements holds (macros/statement_affiliations.sql). -#}
    create schema if not exists plenary_state;
    create table if not exists {{ model_builds_table() }} (model varchar primary key, built_at timestamp not null);
    create table if not exists {{ tested_through_table() }} (built_at timestamp not null, load_id bigint);
    alter table {{ tested_through_table() }} add column if not exists load_id bigint;
    {{ create_replaced_references_table() }};
    {{ create_deleted_votes_table() }};
    {{ create_stored_affiliations_table() }}
{%- endmacro %}

{% macro record_build_time() -%}
    {#- The post-hook of a model others follow by build time (the per-document models, the actor
        links, the activity sources), inside the transaction that writes its rows. -#}
    insert or replace into {{ model_builds_table() }}
    values ('{{ this.schema }}.{{ this.identifier }}', {{ build_time() }})
{%- endmacro %}

{% macro documents_built_since_last_build(upstreams) -%}
    {#- The documents whose rows in any of `upstreams` (per-document models this one reads) were
        written after this model's last build began; every document without one. A short list
        in an incremental build (macro short_list). -#}
    {%- set since = last_build_time() -%}
    {%- set documents -%}
    {%- for upstream in upstreams %}
    {% if not loop.first %}union all {% endif -%}
    select doc_id from {{ upstream }}
    {%- if since is not none %} where built_at > timestamp '{{ since }}'{% endif %}
    {%- endfor %}
    {%- endset -%}
    {%- if since is none -%}
    select distinct doc_id from ({{ documents }}) as documents
    {%- else -%}
    {{ short_list(documents, 'doc_id') }}
    {%- endif -%}
{%- endmacro %}

{% macro rows_where(relation, condition) -%}
    {#- The rows of `relation` that `condition` keeps, found by a scan of the columns it reads
        and then read whole by their row numbers: with the condition a join with a few keys,
        DuckDB read every column of every row before it dropped them. -#}
    select * from {{ relation }} where rowid in (select rowid from {{ relation }} where {{ condition }})
{%- endmacro %}

{% macro rows_with_keys(relation, key, number, keys) -%}
    {#- The rows of `relation` whose `key` is one the query `keys` gives (a column named `key`),
        found by `number`, a column of `relation` holding hash(key) (macro rows_where), then
        matched by the key itself. DuckDB reads a key column whole to find a few rows, and a
        column of numbers several times faster than one of names (the ids of all 278,000 actors
        took 19 ms at 100,000 documents); two keys sharing a hash cost a little work, never a
        wrong row. -#}
    select * from (
        {{ rows_where(relation, number ~ ' in (select hash(listed.' ~ key ~ ') from (' ~ keys ~ ') as listed)') }}
    ) as numbered
    where {{ key }} in ({{ keys }})
{%- endmacro %}

{% macro short_list(query, column) -%}
    {#- The distinct values of `column` the query `query` gives, as a list DuckDB plans as one
        row. DuckDB estimates a filtered scan at a fifth of its table: a filter on `built_at`
        that keeps one document's rows among 1.6 million was planned as 330,000 rows, and a
        lookup of those documents hashed all 97,000 documents to probe them with the few (about
        15 ms at 100,000 documents, in each of a dozen statements per build), and a union sized
        its hash table for half a million rows. An aggregate without groups is one row, so the
        list unnested from it is the side DuckDB hashes. For the short lists of an incremental
        build; a full build's are read as they are. -#}
    select unnest(list(distinct {{ column }})) as {{ column }} from ({{ query }}) as listed
{%- endmacro %}

{% macro document_versions() -%}
    {#- Every document with the extractor version of its facts ('' if never extracted). -#}
    select doc_id, extractor_version from {{ ref('int_documents_dated') }}
{%- endmacro %}

{% macro documents_to_build() -%}
    {#- The documents a model reading only their own extraction (re)builds: all of them in a
        full build, else those int_documents_dated rebuilt since this model's last build. -#}
    select doc_id, extractor_version
    from {{ ref('int_documents_dated') }}
    {%- if is_incremental() %}
    where doc_id in ({{ documents_built_since_last_build([ref('int_documents_dated')]) }})
    {%- endif %}
{%- endmacro %}

{% macro newest_load_read_by(relation) -%}
    {#- The newest raw load (load_id) whose rows int_documents_dated has read: 0 when it has
        read only rows from before loads were numbered; none at parse time. -#}
    {%- if execute -%}
        {%- set found = run_query("select coalesce(max(last_load_id), 0) from " ~ relation) -%}
        {{ return(found.rows[0][0]) }}
    {%- endif -%}
    {{ return(none) }}
{%- endmacro %}

{% macro loaded_for_documents_to_build() -%}
    {#- loaded_for_documents, for the documents documents_to_build() returns. -#}
    {%- set since = last_build_time() if execute else none -%}
    {%- if since is not none -%}
        {{ return(loaded_for_documents(
            "select doc_id from " ~ ref('int_documents_dated') ~ " where built_at > timestamp '" ~ since ~ "'"
        )) }}
    {%- endif -%}
    {{ return('true') }}
{%- endmacro %}

{% macro loaded_for_documents(documents) -%}
    {#- In an incremental build, a filter on raw extracted rows (their `load_id`) for the
        documents the query `documents` gives: each row was written in its document's load or a
        later one (extraction follows ingestion), so the rows of older loads are skipped whole
        by their row groups' min/max. `true` in a full build and when a document predates
        numbered loads; `false` when there is none. Run at compile time: a bound from a
        subquery does not skip row groups. -#}
    {%- if execute and is_incremental() -%}
        {%- set found = run_query(
            "select min(document_load_id), count(*) filter (where document_load_id is null), count(*) from "
            ~ ref('int_documents_dated') ~ " where doc_id in (" ~ documents ~ ")"
        ) -%}
        {%- set oldest, unnumbered, count = found.rows[0][0], found.rows[0][1], found.rows[0][2] -%}
        {%- if count == 0 -%}
            {{ return('false') }}
        {%- elif unnumbered == 0 -%}
            {{ return('load_id >= ' ~ oldest) }}
        {%- endif -%}
    {%- endif -%}
    {{ return('true') }}
{%- endmacro %}

{% macro raw_rows_to_build(staged, loaded, incremental_run, others, extra_columns=none) -%}
    {#- The staged raw rows (model `staged`) of the documents in the CTE to_build: in an
        incremental run, those of the loads `loaded` (loaded_for_documents, for the documents
        rebuilt since the last build) and, read apart, the older rows of the documents in the
        CTE `others` (usually none: a join with nothing reads nothing). -#}
    {%- for condition in ([loaded, '(' ~ loaded ~ ') is not true'] if incremental_run else ['true']) %}
    {% if not loop.first %}union all{% endif %}
    select staged_rows.* exclude (load_id){% if extra_columns %}, {{ extra_columns }}{% endif %}
    from {{ ref(staged) }} as staged_rows
    inner join to_build on staged_rows.doc_id = to_build.doc_id
    where {{ condition }}
    {%- if not loop.first %} and staged_rows.doc_id in (select others.doc_id from {{ others }} as others){% endif %}
    {%- endfor %}
{%- endmacro %}

{% macro upstream_rows_to_build(upstream, others) -%}
    {#- In an incremental build of a model whose documents to build are those `upstream` (a
        per-document model it reads, given to documents_built_since_last_build) rebuilt since
        its last build, plus the documents the CTE `others` lists: `upstream`'s rows of them.
        The first by `built_at`, which skips every older row group, the others by document,
        usually none (a join with none reads nothing). Looking the rebuilt documents up by
        id read the id of each of 1.6 million references (10 ms at 100,000 documents). -#}
    {%- set since = last_build_time() -%}
    select * from {{ upstream }}
    {%- if since is not none %}
    where built_at > timestamp '{{ since }}'
    {%- endif %}
    union all
    select * from {{ upstream }}
    where doc_id in ({{ short_list('select others.doc_id from ' ~ others ~ ' as others', 'doc_id') }})
{%- endmacro %}

{% macro full_build_order(columns) -%}
    {#- The order a full build writes an incremental table's rows in: by the key the table's
        rows are most often looked up by (a document, a vote, an actor, a date). DuckDB keeps
        each column segment's minimum and maximum, and a join with a few keys skips the
        segments outside them: one document among 1.6 million references took 7 ms unordered,
        1.5 ms ordered. An incremental build appends its rows after them (the rows written
        since the last full build, which the daily run makes, are read whole). Ordering the
        references by their name's hash instead made every lookup by document read them all:
        a table has one order, and the document is the key most lookups use. -#}
    {%- if not is_incremental() %}
order by {{ columns }}
    {%- endif %}
{%- endmacro %}

{% macro held_documents(documents, since) -%}
    {#- Of the documents the query `documents` gives, those a model last built at `since` may
        hold rows of: int_documents_dated added every other one (`added_in_build`) in a later
        build. A new document has no older rows anywhere, and a lookup or a delete of the rows
        of none stops before it scans the table (about 6 ms a statement at 100,000 documents). -#}
    {%- set held -%}
    select doc_id from {{ ref('int_documents_dated') }}
    where
        doc_id in ({{ short_list(documents, 'doc_id') }})
        {%- if since is not none %}
        and (added_in_build is null or added_in_build <= timestamp '{{ since }}')
        {%- endif %}
    {%- endset -%}
    {{ short_list(held, 'doc_id') }}
{%- endmacro %}

{% macro replaced_rows(upstreams) -%}
    {#- In a per-document model that appends the rows of the documents it rebuilds, a filter to
        the older rows of every document it wrote now or had to rebuild from `upstreams`
        (default: int_documents_dated; a re-extraction finding nothing writes no row), of the
        documents it may hold rows of. -#}
    {%- set rebuilt -%}
        select doc_id from {{ this }} where built_at = {{ build_time() }}
        union all
        {{ documents_built_since_last_build(upstreams or [ref('int_documents_dated')]) }}
    {%- endset -%}
    built_at <> {{ build_time() }} and doc_id in ({{ held_documents(rebuilt, last_build_time()) }})
{%- endmacro %}

{% macro delete_replaced_rows(upstreams) -%}
    {#- The post-hook deleting those rows: after the insert, because the models' selects read
        their own older rows. -#}
    {%- if is_incremental() -%}
    delete from {{ this }} where {{ replaced_rows(upstreams) }}
    {%- else -%}
    select 1
    {%- endif -%}
{%- endmacro %}

{% macro newest_row_time(relation) -%}
    {#- The newest `built_at` of `relation`'s rows, as a timestamp literal's text; none when it
        has none, and at parse time. Run at compile time: a bound from a subquery does not
        skip row groups. -#}
    {%- if execute -%}
        {%- set found = run_query("select cast(max(built_at) as varchar) from " ~ relation) -%}
        {{ return(found.rows[0][0] if found.rows | length > 0 else none) }}
    {%- endif -%}
    {{ return(none) }}
{%- endmacro %}

{% macro previous_build(identifier) -%}
    {#- A model this one reads as the last build left it (not a ref: it is built after this one),
        none before its first build and in a full refresh, which rebuilds everything. -#}
    {%- if execute and not flags.FULL_REFRESH -%}
        {{ return(adapter.get_relation(database=this.database, schema=this.schema, identifier=identifier)) }}
    {%- endif -%}
    {{ return(none) }}
{%- endmacro %}

{% macro changed_rows_only(changed_model, key, keyword='where', column=none) -%}
    {#- In an incremental build, a filter to the rows whose `key` the model `changed_model` lists
        (`keyword`: where or and; `column`: the key's column here, when named otherwise). -#}
    {%- if is_incremental() -%}
    {{ keyword }} {{ column or key }} in (select changed.{{ key }} from {{ ref(changed_model) }} as changed)
    {%- endif -%}
{%- endmacro %}

{% macro delete_changed_rows(changed_model, key, number=none) -%}
    {#- The pre-hook of a model rebuilt for the keys `changed_model` lists: their rows go first,
        so a key that no longer has any leaves none. With `number`, a column holding hash(key):
        the rows are found by it first (a number is matched faster than a string). -#}
    {%- if is_incremental() -%}
    delete from {{ this }} where {{ key }} in (select changed.{{ key }} from {{ ref(changed_model) }} as changed)
    {%- if number %}
    and rowid in (
        select rowid from {{ this }}
        where {{ number }} in (select hash(changed.{{ key }}) from {{ ref(changed_model) }} as changed)
    )
    {%- endif %}
    {%- else -%}
    select 1
    {%- endif -%}
{%- endmacro %}
