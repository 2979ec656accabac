-- Every way an actor is written (surfaces and per-document canonical names), once per actor.
with refs as (
    select actor_id, surface as alias, ref_kind from {{ ref('int_actor_references') }}
    union all
    select actor_id, name as alias, ref_kind from {{ ref('int_actor_references') }}
)

select
    trim(alias) as alias,
    actor_id,
    cast(count(*) filter (where ref_kind = 'mention') as integer) as mention_count
from refs
where alias is not null and trim(alias) <> ''
group by trim(alias), actor_id
