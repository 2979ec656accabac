-- Statements with their date (the text's, else the document's), the speaker linked to a person
-- actor, and the affiliation linked to a country or organization actor.
--
-- Incremental per document. A statement depends on its document and on three things other
-- documents decide: the speaker's actor (int_actor_references, per document), that actor's most
-- frequent affiliation (int_actors) and the actor an affiliation names (int_actor_alias_keys).
-- A document is rebuilt when its extraction is new or its references were rebuilt since this
-- table's last build (macros/incremental.sql), or when a stored affiliation or affiliation actor
-- is no longer what those tables give: the affiliation of a speaker whose actor int_actors wrote
-- again since, or an affiliation the table holds whose key names another actor now. So the
-- table equals a full build.
-- `statements_fingerprint` goes into the fingerprints of the activity sources.
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        post_hook=[
            "{{ delete_replaced_rows([ref('int_documents_dated'), ref('int_actor_references')]) }}",
            "{{ record_stored_affiliations() }}",
            "{{ record_build_time() }}"
        ]
    )
}}

{%- set rebuilt_documents = documents_built_since_last_build([ref('int_documents_dated'), ref('int_actor_references')]) %}
{#- the raw statements of the rebuilt documents are in their loads or later ones: older row groups
    are skipped; the rechecked documents' rows are read apart, usually none -#}
{%- set loaded = loaded_for_documents(rebuilt_documents) if is_incremental() else 'true' %}

{%- set since = last_build_time() %}

with affiliation_keys as (
    -- every name a country or organization goes by, as a key
    select distinct alias_key, actor_id
    from {{ ref('int_actor_alias_keys') }}
    where actor_type in ('country', 'organization')
),

unique_affiliation_keys as (
    select alias_key, min(actor_id) as actor_id
    from affiliation_keys
    where alias_key is not null
    group by alias_key
    having count(distinct actor_id) = 1
),

{% if is_incremental() %}
built as not materialized (
    select * from {{ this }}
),

stored_links as (
    -- each affiliation the table holds with the actor it named when stored: a few hundred,
    -- kept beside the table (macros/statement_affiliations.sql)
    {%- if stored_affiliations_kept() %}
    select affiliation, actor_id from {{ stored_affiliations_table() }}
    {%- else %}
    select distinct speaker_affiliation as affiliation, speaker_affiliation_actor_id as actor_id
    from built
    where speaker_affiliation is not null
    {%- endif %}
),

stored_affiliations as (
    -- each of those affiliations with the actor it names now
    {{ affiliation_actors('select distinct stored_links.affiliation from stored_links') }}
),

moved_affiliations as (
    -- the affiliations whose key names another actor now (or none): usually none, and then the
    -- statements are not read again (matched against the affiliations, every statement was:
    -- 0.03 s at 100,000 documents)
    {{ short_list(
        'select stored_links.affiliation from stored_links'
        ~ ' left join stored_affiliations on stored_links.affiliation = stored_affiliations.affiliation'
        ~ ' where stored_links.actor_id is distinct from stored_affiliations.actor_id',
        'affiliation') }}
),

rechecked_documents as (
    -- the speaker's actor has another most frequent affiliation now: only an actor whose
    -- affiliation int_actors changed since this table's last build can, usually none (joined
    -- with every actor it wrote again, the statements' speakers were all read: 0.05 s at
    -- 100,000 documents)
    select built.doc_id
    from built
    inner join (
        select actor_id, affiliation from {{ ref('int_actors') }}
        {%- if since is not none %}
        where built_at > timestamp '{{ since }}' and affiliation_changed_at > timestamp '{{ since }}'
        {%- endif %}
    ) as rebuilt_actors on built.speaker_actor_id = rebuilt_actors.actor_id
    where
        built.speaker_affiliation_as_stated is null
        and built.speaker_affiliation is distinct from rebuilt_actors.affiliation
    union
    -- the affiliation names another actor now (the distinct affiliations it holds, keyed: all
    -- the raw statements' took 0.1 s at 100,000 documents)
    select built.doc_id
    from built
    where built.speaker_affiliation in (select moved_affiliations.affiliation from moved_affiliations)
),

to_build as (
    -- a new or re-extracted document, or one whose references were rewritten
    {{ short_list(rebuilt_documents ~ ' union all select rechecked_documents.doc_id from rechecked_documents', 'doc_id') }}
),

rechecked_only as materialized (
    -- the rechecked documents whose references were not rewritten: usually none
    select doc_id from rechecked_documents
    where doc_id not in ({{ rebuilt_documents }})
),

references_to_build as (
    -- every rebuilt document's references were rewritten since this table's last build: a new
    -- or re-extracted document's too, by int_actor_references, which rebuilds them
    {{ upstream_rows_to_build(ref('int_actor_references'), 'rechecked_only') }}
),
{% else %}
to_build as (
    select doc_id from ({{ document_versions() }}) as current_versions
),

references_to_build as (
    select * from {{ ref('int_actor_references') }}
),
{% endif %}

documents as (
    -- the documents built alone (joined with every document, DuckDB hashed them all for a few)
    select doc_id, published_date, extractor_version from {{ ref('int_documents_dated') }}
    {%- if is_incremental() %}
    where doc_id in (select to_build.doc_id from to_build)
    {%- endif %}
),

reference_builds as (
    -- of the documents to build: the distinct pairs of every reference took 0.03-0.05 s
    select distinct doc_id, references_fingerprint
    from references_to_build
),

speaker_refs as (
    select distinct doc_id, name, actor_id
    from references_to_build
    where ref_kind = 'statement'
),

actors as (
    -- the speakers' actors alone: a hash table of every actor cost 0.05 s at 100,000 documents
    {%- if is_incremental() and since is not none %}
    -- A reference written since this table's last build was counted again since, and its
    -- actor written again by int_actors: those of the rebuilt documents are among the newest
    -- rows (looked up among all, DuckDB hashed all 278,000 for a handful); the rechecked
    -- documents' speakers are looked up by id (usually none)
    select actor_id, affiliation from {{ ref('int_actors') }}
    where built_at > timestamp '{{ since }}' and actor_id in (select speaker_refs.actor_id from speaker_refs)
    union
    select actor_id, affiliation from {{ ref('int_actors') }}
    where actor_id in (
        select speaker_refs.actor_id from speaker_refs
        where speaker_refs.doc_id in (select rechecked_only.doc_id from rechecked_only)
    )
    {%- else %}
    select actor_id, affiliation from {{ ref('int_actors') }}
    where actor_id in (select speaker_refs.actor_id from speaker_refs)
    {%- endif %}
),

linked as (
    select
        statements.*,
        documents.published_date as document_date,
        coalesce(statements.text_statement_date, documents.published_date) as statement_date,
        case
            when statements.text_statement_date is not null then 'text'
            when documents.published_date is not null then 'document'
            else 'unknown'
        end as statement_date_source,
        speaker_refs.actor_id as speaker_actor_id
    from (
        {{ raw_rows_to_build('stg_statements', loaded, is_incremental(), 'rechecked_documents') }}
    ) as statements
    left join documents on statements.doc_id = documents.doc_id
    left join speaker_refs
        on
            statements.doc_id = speaker_refs.doc_id
            and statements.speaker_name = speaker_refs.name
),

new_affiliations as (
    -- the affiliations of the statements built, with the actor each names
    {{ affiliation_actors(
        'select distinct coalesce(linked.speaker_affiliation, actors.affiliation) as affiliation from linked'
        ~ ' left join actors on linked.speaker_actor_id = actors.actor_id'
    ) }}
),

built_statements as (
    select
        {{ stable_id(["'statement'", 'linked.doc_id', 'linked.statement_index']) }} as statement_id,
        linked.doc_id,
        linked.statement_index,
        linked.statement_date,
        linked.statement_date_source,
        linked.document_date,
        linked.speaker_actor_id,
        linked.speaker_name,
        coalesce(linked.speaker_is_person, linked.speaker_actor_id is not null) as speaker_is_person,
        coalesce(linked.speaker_affiliation, actors.affiliation) as speaker_affiliation,
        new_affiliations.actor_id as speaker_affiliation_actor_id,
        linked.quote,
        linked.is_direct,
        linked.char_start,
        linked.char_end,
        linked.speaker_affiliation as speaker_affiliation_as_stated,
        versions.extractor_version,
        reference_builds.references_fingerprint
    from linked
    inner join documents as versions on linked.doc_id = versions.doc_id
    left join reference_builds on linked.doc_id = reference_builds.doc_id
    left join actors on linked.speaker_actor_id = actors.actor_id
    left join new_affiliations
        on coalesce(linked.speaker_affiliation, actors.affiliation) = new_affiliations.affiliation
)

select
    built_statements.*,
    fingerprints.statements_fingerprint,
    -- the duplicate candidates find a speaker's statements by it
    if(built_statements.speaker_actor_id is null, null, hash(built_statements.speaker_actor_id)) as speaker_number,
    {{ build_time() }} as built_at
from built_statements
inner join (
    -- the document's extraction and what other documents decide of its statements
    -- (a sum of hashes needs no ordering)
    select
        doc_id,
        concat_ws(
            '/',
            any_value(extractor_version),
            coalesce(any_value(references_fingerprint), ''),
            cast(sum(hash(statement_index, speaker_actor_id, speaker_affiliation, speaker_affiliation_actor_id)) as varchar)
        ) as statements_fingerprint
    from built_statements
    group by doc_id
) as fingerprints on built_statements.doc_id = fingerprints.doc_id
{{ full_build_order('doc_id') }}
