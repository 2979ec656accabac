-- Every vote report with the vote it was merged into, its document's date and whether the
-- document duplicates an earlier one (then it is kept as a source but not counted).
{{ vote_members() }}
