"""The dbt marts built for real (dbt-duckdb, DuckDB in a temp dir) on hand-made raw rows.

Checks the warehouse contract, the merge of vote reports across documents (with conflicts kept
visible), paraphrase detection, canonical actors, statement dates and the activity views.
"""

from __future__ import annotations

import json
import shutil

import duckdb
import pytest

from dbt_fixtures import (  # noqa: F401  (built_warehouse is a fixture)
    D, DOC_A, DOC_B, DOC_C, DOC_E, DOC_F, built_warehouse, query, run_dbt,
)

CONTRACT = {
    "documents": ["doc_id", "source_name", "title", "published_date", "date_source", "word_count",
                  "duplicate_of"],
    "actors": ["actor_id", "name", "actor_type", "affiliation", "mention_count", "document_count",
               "first_seen", "last_seen"],
    "mentions": ["doc_id", "actor_id", "surface", "char_start", "char_end"],
    "votes": ["vote_id", "vote_date", "body", "subject", "yes_count", "no_count", "abstain_count",
              "outcome", "source_count"],
    "vote_sources": ["vote_id", "doc_id"],
    "vote_positions": ["vote_id", "country", "position", "is_veto"],
    "statements": ["statement_id", "doc_id", "statement_date", "speaker_actor_id", "speaker_name",
                   "speaker_affiliation", "quote", "is_direct"],
    "activity_by_date": ["activity_date", "document_count", "vote_count", "statement_count", "actor_count"],
    "rejects": ["source_name", "reason", "detail", "rejected_at"],
    "numbers": ["doc_id", "value", "unit", "kind", "surface", "char_start", "char_end"],
    # issue 4
    "actor_aliases": ["alias", "actor_id"],
    "actor_activity_by_date": ["activity_date", "actor_id", "statements", "votes_cast"],
    "vote_conflicts": ["vote_id", "field", "doc_id", "reported_value", "kept_value"],
}


def one(warehouse, sql, params=None):
    rows = query(warehouse, sql, params)
    assert len(rows) == 1, rows
    return rows[0]


def test_every_contract_table_and_column_is_in_schema_marts(built_warehouse):
    cols = {}
    for table, column in query(built_warehouse, "select table_name, column_name from information_schema.columns "
                                                 "where table_schema = 'marts'"):
        cols.setdefault(table, set()).add(column)
    for table, wanted in CONTRACT.items():
        assert table in cols, f"marts.{table} missing"
        assert set(wanted) <= cols[table], f"marts.{table} lacks {set(wanted) - cols[table]}"
    schemas = {s for (s,) in query(built_warehouse, "select distinct table_schema from information_schema.tables")}
    assert {"raw", "staging", "intermediate", "marts"} <= schemas
    assert not any(s.startswith("main_") for s in schemas)
    kinds = dict(query(built_warehouse, "select table_name, table_type from information_schema.tables "
                                        "where table_schema in ('staging', 'marts')"))
    assert kinds["stg_documents"] == "VIEW" and kinds["votes"] == "BASE TABLE"


def test_documents_date_and_source(built_warehouse):
    rows = {r[0]: r[1:] for r in query(built_warehouse,
            "select doc_id, published_date::varchar, date_source, word_count, source_name_count from marts.documents")}
    assert rows[DOC_A] == ("2024-02-10", "metadata", 300, 2)
    assert rows[DOC_C] == ("2024-03-01", "text", 400, 1)
    assert rows[DOC_F] == (None, "unknown", 150, 1)


def test_paraphrase_is_flagged_as_duplicate_of_the_earlier_document(built_warehouse):
    dup = dict(query(built_warehouse, "select doc_id, duplicate_of from marts.documents"))
    assert dup[DOC_B] == DOC_A  # swaps words, keeps speakers, quote shape, numbers, event
    # same vote and same subject, but other speakers and numbers: not a duplicate
    assert dup[DOC_C] is None
    # shares one speaker with A and B, nothing else
    assert dup[DOC_E] is None and dup[DOC_F] is None and dup[DOC_A] is None


def test_three_reports_merge_into_one_vote_counting_the_paraphrase_once(built_warehouse):
    vote_ids = dict(query(built_warehouse, "select doc_id, vote_id from marts.vote_sources"))
    assert vote_ids[DOC_A] == vote_ids[DOC_B] == vote_ids[DOC_C] != vote_ids[DOC_E]
    vote = one(built_warehouse, "select body, vote_date::varchar, yes_count, no_count, abstain_count, outcome, "
                                "source_count, report_count, has_conflict from marts.votes where vote_id = ?",
               [vote_ids[DOC_A]])
    # the most complete report (A) gives the tally and the date; C's abstentions conflict
    assert vote == ("Security Council", "2024-02-09", 12, 2, 1, "vetoed", 2, 3, True)
    counted = dict(query(built_warehouse, "select doc_id, counted_in_source_count from marts.vote_sources"))
    assert counted[DOC_B] is False and counted[DOC_A] is True and counted[DOC_C] is True
    assert one(built_warehouse, "select count(*) from marts.votes")[0] == 2


def test_conflicting_tally_is_surfaced_not_averaged(built_warehouse):
    rows = query(built_warehouse, "select field, doc_id, reported_value, kept_value from marts.vote_conflicts "
                                  "order by doc_id, field")
    assert rows == [("abstain_count", DOC_A, "1", "1"), ("position:Norway", DOC_A, "yes", "yes"),
                    ("abstain_count", DOC_C, "0", "1"), ("position:Norway", DOC_C, "abstain", "yes")]


def test_positions_joined_from_every_source(built_warehouse):
    vote_id = dict(query(built_warehouse, "select doc_id, vote_id from marts.vote_sources"))[DOC_A]
    rows = query(built_warehouse, "select country, position, is_veto, country_code, report_count, has_conflict "
                                  "from marts.vote_positions where vote_id = ? order by country", [vote_id])
    # Brazil is named only by C; China and Russia by two reports each; Norway by A (yes, the
    # most complete report, kept) and C (abstain): a conflict
    assert rows == [("Brazil", "yes", False, "BRA", 1, False), ("China", "no", True, "CHN", 2, False),
                    ("Norway", "yes", False, "NOR", 2, True), ("Russia", "no", True, "RUS", 2, False)]


def test_merge_rules_on_a_second_warehouse(tmp_path):
    """Keep only C's report of the vetoed vote, undated; give E and F two stock quotes; add to F a vague Council report (no
    tally, no outcome, no positions) and an undated near-tally of E's vote; add a committee
    report to E."""
    from dbt_fixtures import base_rows, write_raw
    rows = base_rows()
    rows["vote_reports"] = [dict(r, vote_date=None) if r["doc_id"] == DOC_C else r
                            for r in rows["vote_reports"] if r["doc_id"] in (DOC_C, DOC_E)] + [
        dict(doc_id=DOC_F, report_index=0, body="Security Council", outcome="unknown", evidence="a council vote"),
        # undated, in an undated document, one vote off E's tally: no evidence it is E's vote
        dict(doc_id=DOC_F, report_index=1, body="General Assembly", yes_count=139, no_count=8,
             abstain_count=20, outcome="adopted", evidence="a near tally"),
        # "the Assembly adopted a resolution": nothing identifies it as E's vote
        dict(doc_id=DOC_F, report_index=2, body="General Assembly", outcome="adopted", evidence="adopted one"),
        # same Council tally and within C's window, but adopted where C says vetoed
        dict(doc_id=DOC_F, report_index=3, body="Security Council", vote_date=D(2024, 2, 29), yes_count=12,
             no_count=2, abstain_count=0, outcome="adopted", evidence="adopted twelve to two"),
        dict(doc_id=DOC_E, report_index=1, body="General Assembly Third Committee", outcome="adopted",
             subject="ocean protection pact", evidence="the committee approved it earlier"),
    ]
    rows["vote_report_positions"] = [r for r in rows["vote_report_positions"] if r["doc_id"] in (DOC_C, DOC_E)]
    # E and F repeat the same two stock phrases verbatim, and share nothing else
    for doc, start in ((DOC_E, 1), (DOC_F, 1)):
        for i, words in enumerate(("Talks on the wording went on for many weeks.",
                                   "The final text reflected a careful compromise.")):
            rows["statements"].append(dict(doc_id=doc, statement_index=start + i, speaker_name="diplomats",
                                           speaker_is_person=False, quote=words, is_direct=True))
    # two undated documents on a Council veto by China: G is about the country C mentions, H
    # about another one. G's report joins C's vote, H's does not.
    rows["mentions"].append(dict(doc_id=DOC_C, surface="Chile", char_start=90, char_end=95,
                                 actor_name="Chile", actor_type="country", country_code="CHL"))
    for doc, (name, code) in (("doc_g", ("Chile", "CHL")), ("doc_h", ("Peru", "PER"))):
        rows["documents"].append(dict(doc_id=doc, source_name=f"{doc}.txt", source_format="txt",
                                      clean_text="x", word_count=100))
        rows["mentions"].append(dict(doc_id=doc, surface=name, char_start=0, char_end=len(name),
                                     actor_name=name, actor_type="country", country_code=code))
        rows["vote_reports"].append(dict(doc_id=doc, report_index=0, body="Security Council",
                                         outcome="vetoed", evidence="vetoed"))
        rows["vote_report_positions"].append(dict(doc_id=doc, report_index=0, country="China",
                                                  country_code="CHN", position="no", is_veto=True))
    # L refers to a Russian veto of 10 May; J reported it that day (9-4-2); K, undated, reports
    # another Russian veto (8-5-2) and mentions more of the countries L mentions. L joins J: a
    # stated date that agrees outweighs shared context.
    for doc, day, tally, date_stated, countries in (
        ("doc_j", D(2024, 5, 10), (9, 4, 2), True, [("Mali", "MLI")]),
        ("doc_k", None, (8, 5, 2), False, [("Mali", "MLI"), ("Peru", "PER"), ("Ghana", "GHA")]),
        ("doc_l", D(2024, 5, 20), (None, None, None), True, [("Mali", "MLI"), ("Peru", "PER"), ("Ghana", "GHA")]),
    ):
        rows["documents"].append(dict(doc_id=doc, source_name=f"{doc}.txt", source_format="txt",
                                      metadata_date=day, clean_text="x", word_count=100))
        for i, (name, code) in enumerate(countries):
            rows["mentions"].append(dict(doc_id=doc, surface=name, char_start=10 * i, char_end=10 * i + len(name),
                                         actor_name=name, actor_type="country", country_code=code))
        rows["vote_reports"].append(dict(doc_id=doc, report_index=0, body="Security Council", outcome="vetoed",
                                         vote_date=D(2024, 5, 10) if date_stated else None,
                                         yes_count=tally[0], no_count=tally[1], abstain_count=tally[2],
                                         evidence="vetoed"))
        rows["vote_report_positions"].append(dict(doc_id=doc, report_index=0, country="Russia",
                                                  country_code="RUS", position="no", is_veto=True))
    # M reports a Council text adopted on 11 June with 4 abstentions (its yes and no counts lost), N
    # a Council vote of 15-0 a day later: nulls match anything, but 15-0-4 would not fit a
    # 15-member Council, so they stay two votes
    for doc, day, tally in (("doc_m", D(2024, 6, 11), (None, None, 4)), ("doc_n", D(2024, 6, 12), (15, 0, None))):
        rows["documents"].append(dict(doc_id=doc, source_name=f"{doc}.txt", source_format="txt",
                                      metadata_date=day, clean_text="x", word_count=100))
        rows["vote_reports"].append(dict(doc_id=doc, report_index=0, body="Security Council", outcome="adopted",
                                         vote_date=day, yes_count=tally[0], no_count=tally[1],
                                         abstain_count=tally[2], evidence="adopted"))
    warehouse = tmp_path / "w.duckdb"
    write_raw(warehouse, rows)
    run_dbt(warehouse, "run", "--select", "+votes", "+vote_sources", "+documents", check=True)
    # verbatim quotes alone (no shared speakers, numbers, people or vote) make no duplicate
    assert query(warehouse, "select doc_id, duplicate_of from marts.documents where duplicate_of is not null") \
        == [(DOC_B, DOC_A)]
    votes = {r[0]: r[1:] for r in query(warehouse, """
        select string_agg(s.doc_id || ':' || s.report_index, ',' order by s.doc_id), v.body, v.vote_date::varchar,
               v.first_reported_date::varchar, v.activity_date::varchar, v.outcome, v.source_count
        from marts.votes v join marts.vote_sources s using (vote_id) group by v.vote_id, v.body, v.vote_date, v.first_reported_date, v.activity_date, v.outcome, v.source_count""")}
    # an undated report keeps a null vote_date: the document's date is not the vote's date
    assert votes[f"{DOC_C}:0,doc_g:0"] == ("Security Council", None, "2024-03-01", "2024-03-01", "vetoed", 2)
    assert votes["doc_h:0"][0:2] == ("Security Council", None)
    # a report that states nothing about the vote does not attach itself to the vetoed vote
    assert votes[f"{DOC_F}:0"] == ("Security Council", None, None, None, "unknown", 1)
    # the Assembly's plenary and its committee are different bodies: two votes
    assert votes[f"{DOC_E}:0"][0:2] == ("General Assembly", "2024-01-19")
    assert votes[f"{DOC_E}:1"][0] == "General Assembly Third Committee"
    # within 2 votes of E's tally, but neither date stated: not merged
    assert votes[f"{DOC_F}:1"][0:2] == ("General Assembly", None)
    assert votes[f"{DOC_F}:2"][0:2] == ("General Assembly", None)
    assert votes[f"{DOC_F}:3"][0:2] == ("Security Council", "2024-02-29")
    assert votes["doc_j:0,doc_l:0"][0:2] == ("Security Council", "2024-05-10")
    assert votes["doc_k:0"][0:2] == ("Security Council", None)
    # a merged tally larger than the body is no merge
    assert votes["doc_m:0"][0:2] == ("Security Council", "2024-06-11")
    assert votes["doc_n:0"][0:2] == ("Security Council", "2024-06-12")
    assert len(votes) == 12


def test_canonical_actors(built_warehouse):
    actors = {r[0]: r[1:] for r in query(built_warehouse,
              "select name, actor_type, affiliation, iso_code, mention_count, document_count from marts.actors")}
    # one person across documents; affiliation and role the most frequent; the lone surname
    # in F resolves to the only full name it fits
    assert actors["Ivan Petrov"] == ("person", "Russia", None, 3, 3)
    assert actors["Olaf Berg"][:2] == ("person", "Norway")
    assert "Petrov" not in actors
    assert actors["Russia"] == ("country", None, "RUS", 2, 2)
    assert actors["Security Council"][0] == "organization"
    names = [r[0] for r in query(built_warehouse, "select name from marts.actors")]
    assert len(names) == len(set(names))
    aliases = dict(query(built_warehouse, "select alias, actor_id from marts.actor_aliases"))
    russia = one(built_warehouse, "select actor_id from marts.actors where name = 'Russia'")[0]
    assert aliases["Russian Federation"] == russia
    assert aliases["Safety Body"] == one(built_warehouse,
                                         "select actor_id from marts.actors where name = 'Security Council'")[0]


def test_statements_dated_and_linked_to_speakers(built_warehouse):
    rows = {(r[0], r[1]): r[2:] for r in query(built_warehouse, """
        select s.doc_id, s.statement_index, s.statement_date::varchar, a.name, s.speaker_affiliation,
               s.statement_date_source
        from marts.statements s left join marts.actors a on a.actor_id = s.speaker_actor_id""")}
    assert rows[(DOC_C, 0)] == ("2024-02-28", "Mei Lin", "China", "text")        # the text's own date
    assert rows[(DOC_A, 0)] == ("2024-02-10", "Olaf Berg", "Norway", "document")  # else the document's
    assert rows[(DOC_C, 1)] == ("2024-03-01", None, "China", "document")          # a described speaker
    assert rows[(DOC_F, 0)] == (None, "Ivan Petrov", "Russia", "unknown")         # surname, actor's affiliation


def test_activity_by_date_does_not_count_the_duplicate(built_warehouse):
    by_date = {r[0]: r[1:] for r in query(built_warehouse,
               "select activity_date::varchar, document_count, vote_count, statement_count from marts.activity_by_date")}
    assert "2024-02-11" not in by_date  # B's day: B is a duplicate, nothing else happened then
    assert by_date["2024-02-10"] == (1, 0, 4)
    assert by_date["2024-02-09"] == (0, 1, 0)
    assert by_date["2024-03-01"] == (1, 0, 1)
    assert by_date["2024-02-28"] == (0, 0, 1)


def test_actor_activity_by_date(built_warehouse):
    rows = query(built_warehouse, """
        select activity_date::varchar, statements, statements_for, votes_cast, votes_no
        from marts.actor_activity_by_date join marts.actors using (actor_id)
        where name = 'China' order by activity_date""")
    assert rows == [("2024-02-09", 0, 0, 1, 1), ("2024-02-10", 0, 0, 0, 0),
                    ("2024-02-28", 0, 1, 0, 0), ("2024-03-01", 0, 1, 0, 0)]
    berg = query(built_warehouse, """
        select sum(statements) from marts.actor_activity_by_date join marts.actors using (actor_id)
        where name = 'Olaf Berg'""")
    assert berg == [(3,)]  # two in A, one in E; B's two are a duplicate's


def test_rejects_and_numbers_pass_through(built_warehouse):
    assert query(built_warehouse, "select source_name, reason from marts.rejects") == [("broken.bin", "binary")]
    assert one(built_warehouse, "select count(*) from marts.numbers")[0] == 9


def test_ids_are_stable_across_rebuilds(built_warehouse, tmp_path):
    copy = tmp_path / "copy.duckdb"
    shutil.copy(built_warehouse, copy)
    sql = ("select (select list(vote_id order by vote_id) from marts.votes), "
           "(select list(actor_id order by actor_id) from marts.actors), "
           "(select list(statement_id order by statement_id) from marts.statements)")
    before = query(copy, sql)
    run_dbt(copy, "run", check=True)
    assert query(copy, sql) == before


def test_contract_constraints_refuse_bad_rows(built_warehouse, tmp_path):
    # not null and accepted values on the mart tables are contract constraints (dbt creates the
    # tables with them), enforced by DuckDB on every write, incremental appends included
    manifest = json.loads((built_warehouse.parent / "dbt_target" / "manifest.json").read_text())
    declared = {
        (node["name"], column, "NOT NULL" if constraint["type"] == "not_null" else constraint["type"].upper())
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model"
        for column, spec in node["columns"].items()
        for constraint in spec.get("constraints", [])
    }
    enforced = set(query(
        built_warehouse,
        "select table_name, constraint_column_names[1], constraint_type from duckdb_constraints() "
        "where schema_name = 'marts' and constraint_type in ('NOT NULL', 'CHECK')",
    ))
    assert ("votes", "outcome", "CHECK") in declared
    assert enforced == declared

    copy = tmp_path / "copy.duckdb"
    shutil.copy(built_warehouse, copy)
    con = duckdb.connect(str(copy))
    try:
        with pytest.raises(duckdb.ConstraintException):
            con.execute("insert into marts.votes select * replace (null as vote_id) from marts.votes limit 1")
        with pytest.raises(duckdb.ConstraintException):
            con.execute("insert into marts.votes select * replace ('postponed' as outcome) from marts.votes limit 1")
        with pytest.raises(duckdb.ConstraintException):
            con.execute("insert into marts.mentions select * replace (null as actor_id) from marts.mentions limit 1")
    finally:
        con.close()


def test_docs_generate(built_warehouse):
    proc = run_dbt(built_warehouse, "docs", "generate", target="dbt_docs")
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert (built_warehouse.parent / "dbt_docs" / "catalog.json").exists()


def test_every_model_and_column_is_described(built_warehouse):
    import json
    target = built_warehouse.parent / "dbt_docs"
    if not (target / "catalog.json").exists():
        run_dbt(built_warehouse, "docs", "generate", check=True, target="dbt_docs")
    manifest = json.loads((target / "manifest.json").read_text())
    catalog = json.loads((target / "catalog.json").read_text())
    missing = []
    for node_id, node in manifest["nodes"].items():
        if node["resource_type"] != "model":
            continue
        if not node["description"].strip():
            missing.append(node["name"])
        built = catalog["nodes"][node_id]["columns"]
        described = {c.lower() for c, spec in node["columns"].items() if spec["description"].strip()}
        missing += [f"{node['name']}.{c}" for c in built if c.lower() not in described]
    assert missing == []
