-- Every place an actor is named (int_document_references, built per document): mentions,
-- countries in vote positions with an ISO code, and person speakers of statements.
-- Each reference gets `actor_key`, the key of its canonical actor:
--   countries by ISO code (or by a code another reference gives the same name), else by name;
--   people and organizations by name key; a one-word person name ("Zhang") resolves to the
--   only full name in the same document sharing its first or last word, else to the only
--   such full name in any document.
--
-- Incremental per document, although a reference's actor depends on other documents: a
-- document's rows are rebuilt when its extraction is new (int_document_references holds
-- another extractor version than this table) or when the resolution of one of its names
-- changed (a country named without a code, a one-word person name: the only rows whose key
-- other documents decide). Every other row's key is its own code or name key, so the table
-- equals a full build. `references_fingerprint` (the document's extractor version and how those
-- names resolved) tells incremental models downstream which documents to rebuild; it is the
-- same whichever way the table was built.
{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='doc_id',
        on_schema_change='fail',
        pre_hook="{{ delete_outdated_documents(ref('int_document_references'), 'extractor_version') }}"
    )
}}

{%- set actor_key -%}
    case
        when refs.actor_type = 'country'
            then coalesce(refs.country_code, codes_by_name.country_code, refs.name_key)
        when refs.actor_type = 'person' and refs.name_key not like '% %'
            then coalesce(
                case when same_doc_matches.candidates = 1 then same_doc_matches.full_key end,
                case when any_doc_matches.candidates = 1 then any_doc_matches.full_key end,
                refs.name_key
            )
        else refs.name_key
    end
{%- endset -%}

{#- Joined on the keys alone (each side has one row per key), the actor type checked in the
    case above: with `refs.actor_type = ...` in the join condition DuckDB planned a nested
    loop join over every reference. -#}
{%- set resolution_joins -%}
    left join codes_by_name on refs.name_key = codes_by_name.name_key
    left join same_doc_matches
        on refs.doc_id = same_doc_matches.doc_id and refs.name_key = same_doc_matches.name_key
    left join any_doc_matches on refs.name_key = any_doc_matches.name_key
{%- endset %}

with refs as (
    select * from {{ ref('int_document_references') }}
),

codes_by_name as (
    -- the code given most often, a tie to the first alphabetically: `mode` would leave a tie to
    -- the order rows are read in, which differs between an incremental and a full build
    select name_key, country_code
    from (
        select name_key, country_code, count(*) as code_count
        from refs
        where actor_type = 'country' and country_code is not null
        group by name_key, country_code
    ) as code_counts
    qualify row_number() over (partition by name_key order by code_count desc, country_code) = 1
),

full_person_names as (
    select distinct
        doc_id,
        name_key,
        split_part(name_key, ' ', 1) as first_word,
        regexp_extract(name_key, '([^ ]+)$', 1) as last_word
    from refs
    where actor_type = 'person' and name_key like '% %'
),

one_word_people as (
    select distinct doc_id, name_key
    from refs
    where actor_type = 'person' and name_key not like '% %'
),

same_doc_matches as (
    select
        one_word_people.doc_id,
        one_word_people.name_key,
        min(full_person_names.name_key) as full_key,
        count(distinct full_person_names.name_key) as candidates
    from one_word_people
    inner join (
        -- two equi-joins, not one join on `in (first_word, last_word)`
        select doc_id, first_word as word, name_key from full_person_names
        union
        select doc_id, last_word, name_key from full_person_names
    ) as full_person_names
        on
            one_word_people.doc_id = full_person_names.doc_id
            and one_word_people.name_key = full_person_names.word
    group by one_word_people.doc_id, one_word_people.name_key
),

any_doc_matches as (
    select
        one_word_people.name_key,
        min(full_person_names.name_key) as full_key,
        count(distinct full_person_names.name_key) as candidates
    from (select distinct name_key from one_word_people) as one_word_people
    inner join (
        select first_word as word, name_key from full_person_names
        union
        select last_word, name_key from full_person_names
    ) as full_person_names
        on one_word_people.name_key = full_person_names.word
    group by one_word_people.name_key
),

{% if is_incremental() %}
new_extractions as (
    select current_versions.doc_id
    from (select distinct doc_id, extractor_version from refs) as current_versions
    where not exists (
        select 1 from (select distinct doc_id, extractor_version from {{ this }}) as built
        where built.doc_id = current_versions.doc_id and built.extractor_version = current_versions.extractor_version
    )
),

re_resolved as (
    -- documents with a name whose actor other documents decide and now decide differently
    select distinct refs.doc_id
    from (
        select distinct doc_id, actor_type, name_key, country_code, actor_key
        from {{ this }}
        where
            (actor_type = 'country' and country_code is null)
            or (actor_type = 'person' and name_key not like '% %')
    ) as refs
    {{ resolution_joins }}
    where refs.actor_key is distinct from {{ actor_key }}
),

to_build as (
    select doc_id from new_extractions
    union
    select doc_id from re_resolved
),
{% endif %}

keyed as (
    select
        refs.* exclude (extractor_version),
        {{ actor_key }} as actor_key,
        refs.extractor_version
    from refs
    {{ resolution_joins }}
    {%- if is_incremental() %}
    where refs.doc_id in (select to_build.doc_id from to_build)
    {%- endif %}
),

resolved as (
    select * from keyed where actor_key is not null
),

fingerprints as (
    -- the extraction, and the keys other documents decided (the rest follows from the
    -- extraction); a sum of hashes needs no ordering, so a full build stays cheap
    select
        doc_id,
        any_value(extractor_version) || '/' || coalesce(
            cast(sum(distinct hash(actor_type, name_key, country_code, actor_key)) filter (
                where
                    (actor_type = 'country' and country_code is null)
                    or (actor_type = 'person' and name_key not like '% %')
            ) as varchar),
            ''
        ) as references_fingerprint
    from resolved
    group by doc_id
)

select
    resolved.* exclude (extractor_version),
    {{ stable_id(["'actor'", 'resolved.actor_type', 'resolved.actor_key']) }} as actor_id,
    resolved.extractor_version,
    fingerprints.references_fingerprint
from resolved
inner join fingerprints on resolved.doc_id = fingerprints.doc_id
