-- Statements with their date (the text's, else the document's), the speaker linked to a person
-- actor, and the affiliation linked to a country or organization actor.
with statements as (
    select * from {{ ref('stg_statements') }}
),

documents as (
    select doc_id, published_date from {{ ref('int_documents_dated') }}
),

speaker_refs as (
    select distinct doc_id, name, actor_id
    from {{ ref('int_actor_references') }}
    where ref_kind = 'statement'
),

actors as (
    select * from {{ ref('int_actors') }}
),

affiliation_keys as (
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

affiliation_lookup as (
    -- each distinct affiliation as written, keyed once, with the actor its key names
    select names.affiliation, unique_affiliation_keys.actor_id
    from (
        select affiliation, {{ name_key('affiliation') }} as alias_key
        from (
            select speaker_affiliation as affiliation from statements
            union
            select affiliation from actors
        ) as affiliations
        where affiliation is not null
    ) as names
    inner join unique_affiliation_keys on names.alias_key = unique_affiliation_keys.alias_key
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
    from statements
    left join documents on statements.doc_id = documents.doc_id
    left join speaker_refs
        on
            statements.doc_id = speaker_refs.doc_id
            and statements.speaker_name = speaker_refs.name
)

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
    affiliation_lookup.actor_id as speaker_affiliation_actor_id,
    linked.quote,
    linked.is_direct,
    linked.char_start,
    linked.char_end
from linked
left join actors on linked.speaker_actor_id = actors.actor_id
left join affiliation_lookup
    on coalesce(linked.speaker_affiliation, actors.affiliation) = affiliation_lookup.affiliation
