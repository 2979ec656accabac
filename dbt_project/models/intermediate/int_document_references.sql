-- Every place a document names an actor, with the name's matching key: mentions, countries in
-- vote positions (only with an ISO code, so a position alone cannot invent a country) and
-- person speakers of statements. Each row depends on its own document only, so the table is
-- incremental per document (macro documents_to_build); which canonical actor a reference
-- belongs to depends on other documents and is decided in int_actor_references.
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        post_hook=["{{ delete_replaced_rows() }}", "{{ record_build_time() }}"]
    )
}}

{%- set loaded = loaded_for_documents_to_build() %}

with to_build as (
    {{ documents_to_build() }}
),

mentions as (
    select mentions.*
    from {{ ref('stg_mentions') }} as mentions
    inner join to_build on mentions.doc_id = to_build.doc_id
    where {{ loaded }}
),

positions as (
    select positions.*
    from {{ ref('stg_vote_report_positions') }} as positions
    inner join to_build on positions.doc_id = to_build.doc_id
    where {{ loaded }}
),

statements as (
    select statements.*
    from {{ ref('stg_statements') }} as statements
    inner join to_build on statements.doc_id = to_build.doc_id
    where {{ loaded }}
),

mention_refs as (
    select
        doc_id,
        'mention' as ref_kind,
        actor_type,
        actor_name as name,
        country_code,
        affiliation,
        role,
        surface,
        char_start,
        char_end
    from mentions
    where
        actor_type in ('country', 'person', 'organization')
        and actor_name is not null and actor_name <> ''
),

position_refs as (
    select
        doc_id,
        'vote_position' as ref_kind,
        'country' as actor_type,
        country as name,
        country_code,
        null as affiliation,
        null as role,
        country as surface,
        null::integer as char_start,
        null::integer as char_end
    from positions
    where country_code is not null and country is not null
),

name_keys as (
    -- every distinct name keyed once (the regular expressions of name_key are the costly part)
    select name, {{ name_key('name') }} as name_key
    from (
        select actor_name as name from mentions
        union
        select country from positions
        union
        select speaker_name from statements
    ) as names
    where name is not null
),

person_mentions as (
    select distinct mentions.doc_id, name_keys.name_key
    from mentions
    inner join name_keys on mentions.actor_name = name_keys.name
    where mentions.actor_type = 'person'
),

speaker_refs as (
    select
        doc_id,
        'statement' as ref_kind,
        'person' as actor_type,
        speaker_name as name,
        null as country_code,
        speaker_affiliation as affiliation,
        null as role,
        speaker_name as surface,
        char_start,
        char_end
    from statements
    where
        speaker_name is not null and speaker_name <> ''
        and (
            speaker_is_person
            -- extraction did not say: a person when the same document mentions a person so named
            or (speaker_is_person is null and exists (
                select 1
                from person_mentions
                inner join name_keys on person_mentions.name_key = name_keys.name_key
                where person_mentions.doc_id = statements.doc_id and name_keys.name = statements.speaker_name
            ))
        )
)

select
    unioned.*,
    name_keys.name_key,
    -- hashes int_actor_references looks names up by across all references: a number is
    -- found among 1.6 million rows several times faster than a string, and a word of a
    -- full person name is split once here, not on every lookup
    hash(name_keys.name_key) as name_number,
    case when unioned.actor_type = 'person' and name_keys.name_key like '% %'
        then hash(split_part(name_keys.name_key, ' ', 1)) end as first_word_number,
    case when unioned.actor_type = 'person' and name_keys.name_key like '% %'
        then hash(split_part(name_keys.name_key, ' ', -1)) end as last_word_number,
    to_build.extractor_version,
    {{ build_time() }} as built_at
from (
    select * from mention_refs
    union all
    select * from position_refs
    union all
    select * from speaker_refs
) as unioned
inner join to_build on unioned.doc_id = to_build.doc_id
left join name_keys on unioned.name = name_keys.name
{{ full_build_order('doc_id') }}
