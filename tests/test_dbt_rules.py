"""The UN-rule data tests: each passes on good data and fails on a deliberately wrong row.

One warehouse gets all the wrong rows at once (each in its own invented document, dated and
shaped so it merges with nothing else), is built once with `--store-failures`, and each rule's
stored failing rows are checked to be exactly the row planted for it.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from dbt_fixtures import (  # noqa: F401  (built_warehouse is a fixture)
    T0, base_rows, built_warehouse, failed_tests, insert_raw, query, run_dbt, write_raw,
)
from orchestration.defs.dbt import record_rows_tested

RULES = [
    "assert_vote_tally_within_body_size",
    "assert_security_council_adoption_has_nine_yes_and_no_veto",
    "assert_vetoed_vote_has_permanent_member_veto",
    "assert_veto_is_a_no_by_a_permanent_member",
    "assert_no_vote_or_statement_after_newest_document",
    "assert_vote_position_country_is_known_country",
]


def _doc(doc_id: str, day: dt.date) -> dict:
    return dict(doc_id=doc_id, source_name=f"{doc_id}.txt", source_format="txt", title=doc_id,
                metadata_date=day, clean_text="x " * 50, original_text="x " * 50, word_count=50,
                ingested_at=T0, encoding="utf-8")


def _report(doc_id, body, day, yes, no, abstain, outcome):
    return dict(doc_id=doc_id, report_index=0, body=body, subject=f"subject of {doc_id}", vote_date=day,
                yes_count=yes, no_count=no, abstain_count=abstain, outcome=outcome, evidence="planted")


def _position(doc_id, country, code, position, veto=False):
    return dict(doc_id=doc_id, report_index=0, country=country, country_code=code, position=position,
                is_veto=veto)


@pytest.fixture(scope="module")
def wrong_warehouse(tmp_path_factory):
    rows = base_rows()
    bad = {
        # 16 votes in a 15-member Council
        "bad_tally": (dt.date(2023, 5, 2), _report("bad_tally", "Security Council", dt.date(2023, 5, 1),
                                                   14, 2, 0, "adopted"), []),
        # "adopted" by the Council with 7 in favour
        "bad_adopted": (dt.date(2023, 6, 2), _report("bad_adopted", "Security Council", dt.date(2023, 6, 1),
                                                     7, 0, 8, "adopted"), []),
        # "vetoed", but no permanent member's veto is named
        "bad_vetoed": (dt.date(2023, 7, 2), _report("bad_vetoed", "Security Council", dt.date(2023, 7, 1),
                                                    11, 3, 1, "vetoed"), [_position("bad_vetoed", "Brazil", "BRA", "no")]),
        # a veto in the General Assembly, by a country that has none
        "bad_veto_member": (dt.date(2023, 8, 2), _report("bad_veto_member", "General Assembly",
                                                         dt.date(2023, 8, 1), 100, 10, 30, "adopted"),
                            [_position("bad_veto_member", "Brazil", "BRA", "no", veto=True)]),
        # a vote dated years after the newest document
        "bad_future": (dt.date(2023, 9, 2), _report("bad_future", "Human Rights Council", dt.date(2031, 1, 1),
                                                    20, 10, 17, "adopted"), []),
        # a position for something that is not a known country
        "bad_country": (dt.date(2023, 10, 2), _report("bad_country", "General Assembly", dt.date(2023, 10, 1),
                                                      90, 20, 40, "adopted"),
                        [_position("bad_country", "Atlantis", None, "no")]),
    }
    for doc_id, (day, report, positions) in bad.items():
        rows["documents"].append(_doc(doc_id, day))
        rows["vote_reports"].append(report)
        rows["vote_report_positions"].extend(positions)
    # a vote dated a month after the document that reports it (a future vote read as taken)
    rows["documents"].append(_doc("bad_early", dt.date(2023, 11, 2)))
    rows["vote_reports"].append(_report("bad_early", "General Assembly", dt.date(2023, 12, 5), 100, 20, 30,
                                        "adopted"))
    # a statement dated after the newest document
    rows["statements"].append(dict(doc_id="bad_future", statement_index=0, speaker_name="A Speaker",
                                   speaker_is_person=True, quote="words said in the future",
                                   is_direct=True, statement_date=dt.date(2031, 2, 1)))
    warehouse = tmp_path_factory.mktemp("dbt_wrong") / "plenary.duckdb"
    write_raw(warehouse, rows)
    proc = run_dbt(warehouse, "build", "--store-failures")
    assert proc.returncode != 0, "dbt build passed on planted wrong rows"
    return warehouse


def test_every_rule_passes_on_good_data(built_warehouse):
    assert failed_tests(built_warehouse) == set()  # the session build ran every test, all passed
    names = set(RULES) | {"assert_vote_not_dated_after_its_reports"}
    import json
    results = json.loads((built_warehouse.parent / "dbt_target" / "run_results.json").read_text())
    ran = {r["unique_id"].split(".")[2] for r in results["results"] if r["status"] == "pass"}
    assert names <= ran


def test_each_rule_fails_on_its_wrong_row(wrong_warehouse):
    failed = failed_tests(wrong_warehouse)
    assert set(RULES) <= failed, set(RULES) - failed


def test_vote_after_its_reports_warns(wrong_warehouse):
    import json
    results = json.loads((wrong_warehouse.parent / "dbt_target" / "run_results.json").read_text())
    status = {r["unique_id"].split(".")[2]: r["status"] for r in results["results"]}
    assert status["assert_vote_not_dated_after_its_reports"] == "warn"
    # bad_future (dated years after its document) is caught too
    assert _failing_docs(wrong_warehouse, "assert_vote_not_dated_after_its_reports") == {"bad_early", "bad_future"}


def _failing_docs(warehouse, rule: str) -> set[str]:
    """The documents behind the failing rows a rule stored (through its vote or statement)."""
    rows = query(warehouse, f"select * from dbt_test__audit.{rule}")
    cols = [c for (c,) in query(warehouse, "select column_name from information_schema.columns where "
                                           f"table_schema = 'dbt_test__audit' and table_name = '{rule}' "
                                           "order by ordinal_position")]
    docs = set()
    for row in rows:
        record = dict(zip(cols, row))
        key = record.get("vote_id") or record.get("id")
        docs |= {d for (d,) in query(warehouse, "select doc_id from marts.vote_sources where vote_id = ? "
                                                "union select doc_id from marts.statements where statement_id = ?",
                                     [key, key])}
    return docs


@pytest.mark.parametrize("rule, planted", [
    ("assert_vote_tally_within_body_size", {"bad_tally"}),
    ("assert_security_council_adoption_has_nine_yes_and_no_veto", {"bad_adopted"}),
    ("assert_vetoed_vote_has_permanent_member_veto", {"bad_vetoed"}),
    ("assert_veto_is_a_no_by_a_permanent_member", {"bad_veto_member"}),
    ("assert_no_vote_or_statement_after_newest_document", {"bad_future"}),
    ("assert_vote_position_country_is_known_country", {"bad_country"}),
])
def test_rule_flags_exactly_the_planted_row(wrong_warehouse, rule, planted):
    assert _failing_docs(wrong_warehouse, rule) == planted


def test_an_incremental_build_checks_the_rules_on_the_votes_it_writes_only(tmp_path):
    warehouse = tmp_path / "plenary.duckdb"
    write_raw(warehouse, base_rows())
    run_dbt(warehouse, "build", check=True)
    with duckdb.connect(str(warehouse)) as con:
        record_rows_tested(con)  # as the Dagster asset does after a build whose tests passed
        # a vote tested before (its row is not written again) that breaks the rule now
        con.execute("update marts.votes set yes_count = 99 where vote_id = (select min(vote_id) from marts.votes)")

    # a new good article: the incremental build reads the votes written since and passes
    insert_raw(warehouse, "documents", [_doc("good_new", dt.date(2023, 4, 2))])
    insert_raw(warehouse, "vote_reports", [_report("good_new", "Security Council", dt.date(2023, 4, 1),
                                                   13, 0, 2, "adopted")])
    run_dbt(warehouse, "build", check=True)
    assert "assert_vote_tally_within_body_size" not in failed_tests(warehouse)
    # the same rule over every vote (`dbt test`, as the daily full refresh has) fails
    assert run_dbt(warehouse, "test", "--select", "assert_vote_tally_within_body_size").returncode == 1

    # a new article breaking the rule fails the incremental build
    insert_raw(warehouse, "documents", [_doc("bad_new", dt.date(2023, 5, 2))])
    insert_raw(warehouse, "vote_reports", [_report("bad_new", "Security Council", dt.date(2023, 5, 1),
                                                   14, 2, 0, "adopted")])
    assert run_dbt(warehouse, "build").returncode == 1
    assert "assert_vote_tally_within_body_size" in failed_tests(warehouse)
    assert _failing_docs_in_build(warehouse, "assert_vote_tally_within_body_size") == {"bad_new"}


def _failing_docs_in_build(warehouse, rule: str) -> set[str]:
    """The documents of the votes a rule returned in the last build (rerun as its compiled query)."""
    compiled = next((warehouse.parent / "dbt_target" / "compiled").rglob(f"{rule}.sql")).read_text()
    with duckdb.connect(str(warehouse), read_only=True) as con:
        votes = [vote_id for (vote_id, *_) in con.execute(compiled).fetchall()]
        return {doc for (doc,) in con.execute(
            "select doc_id from marts.vote_sources where list_contains(?, vote_id)", [votes]).fetchall()}


def test_an_incremental_build_tests_the_document_sources_loaded_since_the_last_tested_build(tmp_path):
    """document_sources is a view over raw rows: an incremental build tests the rows of the loads
    after the last build whose tests passed (their `load_id`), `dbt test` every row."""
    warehouse = tmp_path / "plenary.duckdb"
    write_raw(warehouse, base_rows())
    run_dbt(warehouse, "build", check=True)
    with duckdb.connect(str(warehouse)) as con:
        record_rows_tested(con)  # as the Dagster asset does after a build whose tests passed
        (tested_load,) = con.execute("select load_id from plenary_state.dbt_tested_through").fetchone()
        # a source of no document, in a load tested before
        con.execute("insert into raw.document_sources (doc_id, source_name, first_seen_at, load_id) "
                    "values ('no_such_document', 'ghost.txt', ?, ?)", [T0, tested_load])
    relationship = "relationships_document_sources_doc_id__doc_id__ref_documents_"

    insert_raw(warehouse, "documents", [_doc("good_new", dt.date(2023, 4, 2))])
    insert_raw(warehouse, "document_sources", [dict(doc_id="good_new", source_name="good_new.txt", first_seen_at=T0)])
    run_dbt(warehouse, "build", check=True)
    assert run_dbt(warehouse, "test", "--select", "document_sources").returncode == 1
    assert relationship in failed_tests(warehouse)

    # a source of no document in a new load fails the incremental build
    with duckdb.connect(str(warehouse)) as con:
        con.execute("delete from raw.document_sources where doc_id = 'no_such_document'")
    insert_raw(warehouse, "document_sources", [dict(doc_id="lost_new", source_name="lost.txt", first_seen_at=T0)])
    assert run_dbt(warehouse, "build").returncode == 1
    assert failed_tests(warehouse) == {relationship}


def test_an_incremental_build_finds_a_new_row_naming_an_actor_that_does_not_exist(tmp_path):
    """The relationship tests to `actors` look the parent up by actor_number in an incremental
    build: a new mention of an unknown actor fails, one of a known actor passes."""
    warehouse = tmp_path / "plenary.duckdb"
    write_raw(warehouse, base_rows())
    run_dbt(warehouse, "build", check=True)
    with duckdb.connect(str(warehouse)) as con:
        record_rows_tested(con)
        # two new rows: one copied whole (its actor exists), one naming no actor
        con.execute("insert into marts.mentions select * replace (timestamp '2999-01-01' as built_at) "
                    "from marts.mentions where mention_id = (select min(mention_id) from marts.mentions)")
        con.execute("insert into marts.mentions select * replace ('lost-' || mention_id as mention_id, "
                    "'no_such_actor' as actor_id, timestamp '2999-01-01' as built_at) "
                    "from marts.mentions where mention_id = (select max(mention_id) from marts.mentions)")
    relationship = "relationships_mentions_actor_id__actor_id__ref_actors_"
    assert run_dbt(warehouse, "build", "--select", "mentions").returncode == 1
    assert relationship in failed_tests(warehouse)
    compiled = next((warehouse.parent / "dbt_target" / "compiled").rglob(f"{relationship}*.sql")).read_text()
    assert "actor_number" in compiled
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute(compiled).fetchall() == [("no_such_actor",)]
