-- Every place an actor is named: mentions, countries in vote positions (only with an ISO
-- code, so a position alone cannot invent a country) and person speakers of statements.
-- Each reference gets `actor_key`, the key of its canonical actor:
--   countries by ISO code (or by a code another reference gives the same name), else by name;
--   people and organizations by name key; a one-word person name ("Zhang") resolves to the
--   only full name in the same document sharing its first or last word, else to the only
--   such full name in any document.
with mention_refs as (
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
    from {{ ref('stg_mentions') }}
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
    from {{ ref('stg_vote_report_positions') }}
    where country_code is not null and country is not null
),

name_keys as (
    -- every distinct name keyed once (the regular expressions of name_key are the costly part)
    select name, {{ name_key('name') }} as name_key
    from (
        select actor_name as name from {{ ref('stg_mentions') }}
        union
        select country from {{ ref('stg_vote_report_positions') }}
        union
        select speaker_name from {{ ref('stg_statements') }}
    ) as names
    where name is not null
),

person_mentions as (
    select distinct mentions.doc_id, name_keys.name_key
    from {{ ref('stg_mentions') }} as mentions
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
    from {{ ref('stg_statements') }} as statements
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
),

refs as (
    select unioned.*, name_keys.name_key
    from (
        select * from mention_refs
        union all
        select * from position_refs
        union all
        select * from speaker_refs
    ) as unioned
    left join name_keys on unioned.name = name_keys.name
),

codes_by_name as (
    select
        name_key,
        mode(country_code) as country_code
    from refs
    where actor_type = 'country' and country_code is not null
    group by name_key
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

keyed as (
    select
        refs.*,
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
        end as actor_key
    -- Joined on the keys alone (each side has one row per key), the actor type checked in the
    -- case above: with `refs.actor_type = ...` in the join condition DuckDB planned a nested
    -- loop join over every reference.
    from refs
    left join codes_by_name on refs.name_key = codes_by_name.name_key
    left join same_doc_matches
        on refs.doc_id = same_doc_matches.doc_id and refs.name_key = same_doc_matches.name_key
    left join any_doc_matches on refs.name_key = any_doc_matches.name_key
)

select
    *,
    {{ stable_id(["'actor'", 'actor_type', 'actor_key']) }} as actor_id
from keyed
where actor_key is not null
