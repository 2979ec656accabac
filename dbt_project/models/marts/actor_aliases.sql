-- Every way an actor is written (surfaces and per-document canonical names), once per actor.
-- Counted in int_actor_alias_keys, per alias as written; here per trimmed alias.
select
    trim(alias) as alias,
    actor_id,
    cast(sum(mention_count) as integer) as mention_count
from {{ ref('int_actor_alias_keys') }}
where alias is not null and trim(alias) <> ''
group by trim(alias), actor_id
