-- The names countries go by, as int_vote_reports last matched subjects against them: the next
-- build rebuilds the documents whose subjects contain a name added or dropped since
-- (macros/vote_increments.sql). Built after int_vote_reports, so a failed build finds the same
-- names changed again.
-- depends_on: {{ ref('int_vote_reports') }}
{{ country_subject_names() }}
