"""Incremental dbt builds equal a full build.

Documents arrive in steps (with a re-extraction and a one-word name whose actor changes when a
later document names the full name); after each step `dbt run` builds incrementally. The marts
and intermediate tables must then hold exactly what `dbt run --full-refresh` builds from the
same raw tables, and an incremental run must leave the rows of untouched documents alone.
Real dbt on real DuckDB files: the hand-made rows of dbt_fixtures, then the test articles
through the whole pipeline (`plenary refresh`, which decides between an incremental and a full
build in orchestration/defs/dbt.py).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import duckdb
import pytest

from dbt_fixtures import DBT_PROJECT, DOC_A, DOC_B, DOC_C, DOC_E, DOC_F, base_rows, insert_raw, query, run_dbt, write_raw
from helpers import run_refresh

from orchestration.defs.dbt import full_refresh_flags, keep_views_flags
from orchestration.defs.dbt_cli import target_path_for

ARTICLES = Path(__file__).resolve().parent / "articles"

# What one build changed, not data: it differs between an incremental and a full build.
BUILD_BOOKKEEPING = {
    "intermediate.int_changed_vote_reports",
    "intermediate.int_vote_affected_reports",
    "intermediate.int_changed_votes",
    "intermediate.int_activity_source_changes",
    "intermediate.int_duplicate_affected_documents",
}

# Rows an incremental build keeps for the models after it, which a full build has no need of:
# int_actor_tallies' row for an actor no reference names any more.
BOOKKEEPING_ROWS = {"intermediate.int_actor_tallies": "tally <> 'none'"}

# When the build that wrote a row (first added a document, last changed an actor's affiliation)
# began: an incremental build keeps the time of the build that wrote each row it leaves alone, a
# full build stamps every row with its own (and adds no document in an incremental build).
BUILD_TIME_COLUMNS = {"built_at", "added_in_build", "affiliation_changed_at"}

# A mark put into rows an incremental run must leave alone, and taken out before comparing.
KEPT = "#kept"
LEAVES = {"marts.numbers": "unit", "marts.mentions": "surface", "marts.statements": "quote"}


def _tables(warehouse: Path, schema: str) -> list[str]:
    return [name for (name,) in query(
        warehouse, "select table_name from information_schema.tables where table_schema = ? order by 1", [schema]
    )]


def differences(incremental: Path, full: Path, schemas=("marts", "intermediate")) -> dict[str, tuple[int, int]]:
    """Per table: rows only in the incremental build, rows only in the full build (EXCEPT ALL)."""
    con = duckdb.connect()
    try:
        con.execute(f"attach '{incremental}' as inc (read_only)")
        con.execute(f"attach '{full}' as full_build (read_only)")
        found = {}
        for schema in schemas:
            tables = _tables(full, schema)
            assert tables, f"no tables in {schema}"
            assert _tables(incremental, schema) == tables
            for table in tables:
                if f"{schema}.{table}" in BUILD_BOOKKEEPING:
                    continue
                columns = [c for (c,) in con.execute(
                    "select column_name from duckdb_columns() where database_name = 'full_build' "
                    "and schema_name = ? and table_name = ? order by column_index", [schema, table]
                ).fetchall() if c not in BUILD_TIME_COLUMNS]
                select = ", ".join(f'"{c}"' for c in columns)
                kept = f"where {BOOKKEEPING_ROWS[f'{schema}.{table}']}" if f"{schema}.{table}" in BOOKKEEPING_ROWS else ""
                only = [con.execute(
                    f"select count(*) from (select {select} from {a}.{schema}.{table} {kept} "
                    f"except all select {select} from {b}.{schema}.{table} {kept})"
                ).fetchone()[0] for a, b in (("inc", "full_build"), ("full_build", "inc"))]
                if any(only):
                    found[f"{schema}.{table}"] = tuple(only)
        return found
    finally:
        con.close()


def comments(warehouse: Path) -> dict[str, dict[str, str | None]]:
    """The table comment ('' key) and column comments of every table in marts and intermediate."""
    found: dict[str, dict[str, str | None]] = {}
    for schema, table, comment in query(
        warehouse, "select schema_name, table_name, comment from duckdb_tables() where schema_name in ('marts', 'intermediate')"
    ):
        found[f"{schema}.{table}"] = {"": comment}
    for schema, table, column, comment in query(
        warehouse, "select schema_name, table_name, column_name, comment from duckdb_columns() "
                   "where schema_name in ('marts', 'intermediate') "
                   "and (schema_name, table_name) in (select (schema_name, table_name) from duckdb_tables())"
    ):
        found[f"{schema}.{table}"][column] = comment
    return found


def _of(rows: dict[str, list[dict]], docs: set[str]) -> dict[str, list[dict]]:
    return {table: [r for r in table_rows if r.get("doc_id") in docs] for table, table_rows in rows.items()}


def _reextract(warehouse: Path, doc_id: str, version: str, rows: dict[str, list[dict]], text_date=None) -> None:
    """What the loader does on a re-extraction: the document's extracted rows replaced, its
    document_facts row carrying the new extractor version (and the date found in its text)."""
    con = duckdb.connect(str(warehouse))
    try:
        for table in ("document_facts", "mentions", "numbers", "statements", "vote_reports", "vote_report_positions"):
            con.execute(f"delete from raw.{table} where doc_id = ?", [doc_id])
    finally:
        con.close()
    insert_raw(warehouse, "document_facts", [dict(doc_id=doc_id, text_date=text_date, extractor_version=version)])
    _insert(warehouse, rows)


def _person_actor(warehouse: Path, doc_id: str) -> str:
    (actor_id,) = query(warehouse, "select actor_id from marts.mentions m join marts.actors a using (actor_id) "
                                   "where m.doc_id = ? and a.actor_type = 'person'", [doc_id])[0]
    return actor_id


def _mark(warehouse: Path, doc_id: str, mark: bool) -> list[tuple]:
    """Marks (or unmarks) one column of a document's rows in the leaf marts; returns the counts
    of marked rows per table."""
    con = duckdb.connect(str(warehouse))
    try:
        counts = []
        for table, column in LEAVES.items():
            if mark:
                con.execute(f"update {table} set {column} = {column} || '{KEPT}' where doc_id = ? and {column} is not null", [doc_id])
            counts.append(con.execute(f"select count(*) from {table} where doc_id = ? and {column} like '%{KEPT}'", [doc_id]).fetchone()[0])
            if not mark:
                con.execute(f"update {table} set {column} = replace({column}, '{KEPT}', '') where doc_id = ?", [doc_id])
        return counts
    finally:
        con.close()


def _first_step(tmp_path: Path) -> tuple[Path, dict[str, list[dict]], str]:
    """A warehouse built from a commentary quoting someone by surname only and an Assembly vote;
    returns it, the fixture rows and the surname's actor."""
    rows = base_rows()
    warehouse = tmp_path / "incremental" / "plenary.duckdb"
    warehouse.parent.mkdir()
    first = _of(rows, {DOC_E, DOC_F})
    first["rejects"] = rows["rejects"]
    write_raw(warehouse, first)
    run_dbt(warehouse, "run", check=True)
    return warehouse, rows, _person_actor(warehouse, DOC_F)


def _insert(warehouse: Path, rows: dict[str, list[dict]]) -> None:
    """Append the rows of each raw table, each table's as a load of its own."""
    for table, table_rows in rows.items():
        if table_rows:
            insert_raw(warehouse, table, table_rows)


def _add(warehouse: Path, rows: dict[str, list[dict]], docs: set[str]) -> None:
    _insert(warehouse, _of(rows, docs))


def _full_build_of(warehouse: Path, tmp_path: Path) -> Path:
    """A copy of `warehouse` with every model rebuilt in full."""
    full = tmp_path / "full" / "plenary.duckdb"
    full.parent.mkdir()
    shutil.copyfile(warehouse, full)
    run_dbt(full, "run", "--full-refresh", check=True, target="dbt_target_full")
    return full


def test_documents_added_in_steps_build_the_same_tables_as_a_full_build(tmp_path: Path):
    # step 1: a commentary quoting someone by surname only, and an Assembly vote
    warehouse, rows, lone_surname = _first_step(tmp_path)
    assert query(warehouse, "select count(*) from marts.numbers where doc_id = ?", [DOC_E]) == [(1,)]

    # step 2: the wire story naming the full name, its paraphrase, and a re-extraction of the
    # Assembly story that finds no number any more and one more mention
    _add(warehouse, rows, {DOC_A, DOC_B})
    reextracted = {table: table_rows for table, table_rows in _of(rows, {DOC_E}).items()
                   if table not in ("documents", "document_sources")}
    reextracted["numbers"] = []
    reextracted["mentions"] = reextracted["mentions"] + [dict(
        doc_id=DOC_E, surface="Chile", char_start=120, char_end=125, actor_name="Chile",
        actor_type="country", country_code="CHL",
    )]
    _reextract(warehouse, DOC_E, "v2", reextracted)
    run_dbt(warehouse, "run", check=True)
    # the surname now resolves to the full name another document gives: the commentary's rows
    # were rebuilt although its own extraction did not change
    assert _person_actor(warehouse, DOC_F) != lone_surname
    (full_name_actor,) = query(warehouse, "select actor_id from marts.actors where name = 'Ivan Petrov'")[0]
    assert _person_actor(warehouse, DOC_F) == full_name_actor
    # and the surname's own actor, named by no reference any more, left the incremental actor tables
    for table in ("marts.actors", "marts.actor_aliases", "intermediate.int_actors", "intermediate.int_actor_alias_keys"):
        assert query(warehouse, f"select count(*) from {table} where actor_id = ?", [lone_surname]) == [(0,)], table
    assert query(warehouse, "select speaker_actor_id from marts.statements where doc_id = ?", [DOC_F]) == [
        (full_name_actor,)
    ]
    # a re-extraction that finds nothing clears what the older extraction found
    assert query(warehouse, "select count(*) from marts.numbers where doc_id = ?", [DOC_E]) == [(0,)]
    assert query(warehouse, "select count(*) from marts.mentions where doc_id = ?", [DOC_E]) == [(5,)]
    # rows of a document nothing changes for in step 3 are left alone: a mark put into them stays
    marked = _mark(warehouse, DOC_A, mark=True)
    assert all(marked), marked

    # step 3: a later article about the same veto, dated only in its text, and the commentary's
    # text arriving once more under another name
    _add(warehouse, rows, {DOC_C})
    [(names_before,)] = query(warehouse, "select source_name_count from marts.documents where doc_id = ?", [DOC_F])
    first_seen = rows["document_sources"][0]["first_seen_at"]
    insert_raw(warehouse, "document_sources", [dict(doc_id=DOC_F, source_name="commentary-again.txt", first_seen_at=first_seen)])
    run_dbt(warehouse, "run", check=True)
    assert query(warehouse, "select source_name_count from marts.documents where doc_id = ?", [DOC_F]) == [(names_before + 1,)]
    assert _mark(warehouse, DOC_A, mark=False) == marked
    assert query(warehouse, "select count(*) from marts.statements where doc_id = ?", [DOC_C]) == [(2,)]
    # the actor models rebuilt only the actors the new article names, not all of them
    [(changed, actors)] = query(
        warehouse, "select (select count(distinct actor_id) from intermediate.int_actor_tallies "
                   "where built_at = (select max(built_at) from intermediate.int_actor_tallies)), "
                   "(select count(*) from marts.actors)"
    )
    assert 0 < changed < actors
    # and the votes were decided again for the new article's report and those it can merge with
    # (the earlier veto stories), not for the Assembly vote
    [(affected, reports, new_affected)] = query(warehouse, """
        select
            (select count(*) from intermediate.int_vote_affected_reports),
            (select count(*) from intermediate.int_vote_reports),
            (select count(*) from intermediate.int_vote_affected_reports a
             join intermediate.int_vote_reports r using (report_key) where r.doc_id = ?)
    """, [DOC_C])
    assert 0 < new_affected < affected < reports
    # and only the votes of those reports were rebuilt: the Assembly vote's rows were kept
    [(changed_votes, assembly_vote_changed)] = query(warehouse, """
        select
            (select count(*) from intermediate.int_changed_votes),
            (select count(*) from intermediate.int_changed_votes
             where vote_id in (select vote_id from intermediate.int_vote_members where doc_id = ?))
    """, [DOC_E])
    assert changed_votes > 0 and assembly_vote_changed == 0

    # step 4: the paraphrase re-extracted without its vote report: it leaves the veto's vote
    [(reports_before,)] = query(warehouse, "select report_count from marts.votes where outcome = 'vetoed'")
    without_vote = {table: table_rows for table, table_rows in _of(rows, {DOC_B}).items()
                    if table not in ("documents", "document_sources", "vote_reports", "vote_report_positions")}
    _reextract(warehouse, DOC_B, "v2", without_vote)
    run_dbt(warehouse, "run", check=True)
    assert query(warehouse, "select report_count from marts.votes where outcome = 'vetoed'") == [(reports_before - 1,)]

    # step 5: the article dated only in its text re-extracted with another date found there: its
    # mentions and statements leave the old date's rows in the by-date marts for the new date's
    [(old_date,)] = query(warehouse, "select published_date from marts.documents where doc_id = ?", [DOC_C])
    new_date = old_date + dt.timedelta(days=3)
    again = {table: table_rows for table, table_rows in _of(rows, {DOC_C}).items()
             if table not in ("documents", "document_sources", "document_facts")}
    _reextract(warehouse, DOC_C, "v2", again, text_date=new_date)
    [(rows_on_old_date,)] = query(warehouse, "select count(*) from marts.actor_activity_by_date where activity_date = ?", [old_date])
    run_dbt(warehouse, "run", check=True)
    assert query(warehouse, "select published_date from marts.documents where doc_id = ?", [DOC_C]) == [(new_date,)]
    assert query(warehouse, "select count(*) from marts.actor_activity_by_date where activity_date = ?", [old_date]) != [(rows_on_old_date,)]

    full = _full_build_of(warehouse, tmp_path)
    assert differences(warehouse, full) == {}
    # the appends left the comments the first build wrote (macros/persist_docs.sql): the same as
    # a full build's, on the incremental models too
    assert comments(warehouse) == comments(full)
    assert comments(warehouse)["marts.mentions"]["mention_id"]
    # and the UN-rule and key tests pass on the incremental build
    run_dbt(warehouse, "test", check=True)


def test_models_a_build_did_not_reach_catch_up_at_the_next_build(tmp_path: Path):
    """A build that stops part-way (a failure, or a selection) leaves the models after it at
    their last build: the next build rebuilds what was written upstream since, not only what
    it writes itself (macros/incremental.sql)."""
    warehouse, rows, lone_surname = _first_step(tmp_path)
    _add(warehouse, rows, {DOC_A, DOC_B})

    run_dbt(warehouse, "run", "--select", "int_documents_dated", "int_document_references", "int_actor_references", check=True)
    # the references of the new documents and of the commentary whose surname now resolves to
    # their full name were written after the last build of mentions, which has not seen them
    written_since = {doc_id for (doc_id,) in query(warehouse, """
        select distinct doc_id from intermediate.int_actor_references
        where built_at > (select built_at from plenary_state.dbt_model_builds where model = 'marts.mentions')
    """)}
    assert {DOC_A, DOC_B, DOC_F} <= written_since
    assert _person_actor(warehouse, DOC_F) == lone_surname

    run_dbt(warehouse, "run", check=True)
    assert _person_actor(warehouse, DOC_F) != lone_surname
    full = _full_build_of(warehouse, tmp_path)
    assert differences(warehouse, full) == {}


def _replaced_references(warehouse: Path) -> tuple[int, int]:
    """The replaced references int_actor_tallies has not taken out yet: those it had counted
    (written before its last build), and those written since."""
    return query(warehouse, """
        select
            count(*) filter (where built_at <= tallied),
            count(*) filter (where built_at > tallied)
        from plenary_state.replaced_actor_references,
            (select built_at as tallied from plenary_state.dbt_model_builds where model = 'intermediate.int_actor_tallies')
        where doc_id is not null
    """)[0]


def test_the_actor_tallies_take_out_each_replaced_reference_they_counted_once(tmp_path: Path):
    """int_actor_tallies adds the references written since its last build and takes out those
    replaced since that it had counted (macros/changed_actors.sql). References written and
    replaced again between two of its builds, and a build that stops after it, leave the actor
    models as a full build makes them."""
    warehouse, rows, _ = _first_step(tmp_path)
    references = ("int_documents_dated", "int_document_references", "int_actor_references")
    _add(warehouse, rows, {DOC_A, DOC_B})
    run_dbt(warehouse, "run", "--select", *references, check=True)
    # the Assembly vote's article loses a mention (its references were counted at the first
    # step) and the new paraphrase is extracted again (its references never were)
    fewer_mentions = _of(rows, {DOC_E})
    fewer_mentions["mentions"] = fewer_mentions["mentions"][1:]
    _reextract(warehouse, DOC_E, "v2", {t: r for t, r in fewer_mentions.items() if t not in ("documents", "document_sources", "document_facts")})
    _reextract(warehouse, DOC_B, "v2", {t: r for t, r in _of(rows, {DOC_B}).items() if t not in ("documents", "document_sources", "document_facts")})
    run_dbt(warehouse, "run", "--select", *references, check=True)
    counted, not_counted = _replaced_references(warehouse)
    assert counted > 0 and not_counted > 0

    # the tallies, and none of the models after them
    run_dbt(warehouse, "run", "--select", "int_actor_tallies", check=True)
    assert _replaced_references(warehouse) == (0, 0)
    run_dbt(warehouse, "run", check=True)
    full = _full_build_of(warehouse, tmp_path)
    assert differences(warehouse, full) == {}


def _naming(doc_id: str, person: str, affiliation: str, times: int, country: tuple[str, str]) -> dict[str, list[dict]]:
    """The raw rows of an undated note naming `person` `times` times as of `affiliation`, and
    the country `country` (name, ISO code) once."""
    name, code = country
    text = f"{doc_id} " + " ".join([person] * times) + f" {name}"
    mentions = [dict(doc_id=doc_id, surface=person, char_start=40 * index, char_end=40 * index + len(person),
                     actor_name=person, actor_type="person", affiliation=affiliation, role=None)
                for index in range(times)]
    mentions.append(dict(doc_id=doc_id, surface=name, char_start=40 * times, char_end=40 * times + len(name),
                         actor_name=name, actor_type="country", country_code=code))
    return {
        "documents": [dict(doc_id=doc_id, source_name=f"{doc_id}.txt", source_format="txt", title=None,
                           metadata_date=None, original_text=text, clean_text=text, encoding="utf-8",
                           word_count=len(text.split()), ingested_at=dt.datetime(2024, 3, 2))],
        "document_sources": [dict(doc_id=doc_id, source_name=f"{doc_id}.txt", first_seen_at=dt.datetime(2024, 3, 2))],
        "mentions": mentions,
    }


def _speaker_affiliation(warehouse: Path, doc_id: str) -> tuple:
    return query(warehouse, """
        select s.speaker_affiliation, a.name
        from intermediate.int_statements s left join intermediate.int_actors a on s.speaker_affiliation_actor_id = a.actor_id
        where s.doc_id = ?
    """, [doc_id])[0]


def _stored_affiliations(warehouse: Path) -> tuple[list[tuple], list[tuple]]:
    """The affiliations int_statements keeps beside it, and those its rows hold."""
    return (
        query(warehouse, "select affiliation, actor_id from plenary_state.statement_affiliations order by all"),
        query(warehouse, """
            select distinct speaker_affiliation, speaker_affiliation_actor_id from intermediate.int_statements
            where speaker_affiliation is not null order by all
        """),
    )


@pytest.mark.parametrize("kept_affiliations", [True, False], ids=["kept", "older-warehouse"])
def test_a_statement_follows_its_speakers_affiliation_named_most_often_in_other_documents(
    tmp_path: Path, kept_affiliations: bool
):
    """A statement with no affiliation of its own takes its speaker's most frequent one
    (int_actors), and the actor that affiliation names: both decided by other documents. A new
    note that names the speaker more often with another affiliation, and a country another
    statement names as its speaker's, rebuilds those statements, though nothing in their own
    documents changed (int_statements' checks). The affiliations the table holds are kept
    beside it; a warehouse an older version built has none kept, and they are read from the
    table (and kept from then on)."""
    warehouse, rows, _ = _first_step(tmp_path)
    _add(warehouse, rows, {DOC_A, DOC_B})
    # and a note quoting an official of a country no document names yet
    official = _quoting("doc_h", ["Our delegation will abstain on the shipping text."])
    official["statements"][0]["speaker_affiliation"] = "Kazakhstan"
    _insert(warehouse, official)
    run_dbt(warehouse, "run", check=True)
    # the commentary quotes the envoy by surname only, and he is named as Russia's
    assert _speaker_affiliation(warehouse, DOC_F) == ("Russia", "Russia")
    assert _speaker_affiliation(warehouse, "doc_h") == ("Kazakhstan", None)
    kept, held = _stored_affiliations(warehouse)
    assert ("Kazakhstan", None) in kept and set(held) <= set(kept)
    if not kept_affiliations:
        with duckdb.connect(str(warehouse)) as con:
            con.execute("delete from plenary_state.statement_affiliations")

    _insert(warehouse, _naming("doc_g", "Ivan Petrov", "Kazakhstan", 6, ("Kazakhstan", "KAZ")))
    run_dbt(warehouse, "run", check=True)
    assert _speaker_affiliation(warehouse, DOC_F) == ("Kazakhstan", "Kazakhstan")
    # the official's stated affiliation now names a country actor
    assert _speaker_affiliation(warehouse, "doc_h") == ("Kazakhstan", "Kazakhstan")
    kept, held = _stored_affiliations(warehouse)
    # an affiliation no row holds any more may stay; each one held is kept with its actor
    assert ("Kazakhstan", None) not in kept and set(held) <= set(kept)
    full = _full_build_of(warehouse, tmp_path)
    assert differences(warehouse, full) == {}


def _quoting(doc_id: str, quotes: list[str]) -> dict[str, list[dict]]:
    """The raw rows of an undated note that quotes `quotes` verbatim, each from an unnamed
    official."""
    text = f"{doc_id} " + " ".join(quotes)
    return {
        "documents": [dict(doc_id=doc_id, source_name=f"{doc_id}.txt", source_format="txt", title=None,
                           metadata_date=None, original_text=text, clean_text=text, encoding="utf-8",
                           word_count=len(text.split()), ingested_at=dt.datetime(2024, 3, 2))],
        "document_sources": [dict(doc_id=doc_id, source_name=f"{doc_id}.txt", first_seen_at=dt.datetime(2024, 3, 2))],
        "statements": [dict(doc_id=doc_id, statement_index=index, speaker_name="an official", speaker_is_person=False,
                            quote=quote, is_direct=True, char_start=10 * index, char_end=10 * index + 9)
                       for index, quote in enumerate(quotes)],
    }


def _quote_pairs(warehouse: Path) -> int:
    return query(warehouse, "select count(*) from intermediate.int_document_pair_candidates where shared_quotes >= 2")[0][0]


def test_a_quote_held_by_too_many_documents_stops_pairing_them_and_pairs_them_again_when_one_drops_it(tmp_path: Path):
    """A verbatim quote held by more than duplicate_max_quote_documents (5) documents is
    boilerplate. Whether it pairs two documents depends on every other document: the
    incremental pairs must follow a sixth document taking it up, and one dropping it."""
    warehouse, rows, _ = _first_step(tmp_path)
    shared = ["The ceasefire must hold in every district of the city.",
              "Aid convoys need safe passage before the winter comes."]
    notes = [f"note_{index}" for index in range(6)]

    def add_notes(doc_ids: list[str]) -> None:
        for doc_id in doc_ids:
            _insert(warehouse, _quoting(doc_id, shared))

    def build_and_compare(step: str) -> None:
        run_dbt(warehouse, "run", check=True)
        (tmp_path / step).mkdir()
        assert differences(warehouse, _full_build_of(warehouse, tmp_path / step)) == {}, step

    add_notes(notes[:3])
    build_and_compare("three")
    assert _quote_pairs(warehouse) == 3
    add_notes(notes[3:])
    build_and_compare("six")
    assert _quote_pairs(warehouse) == 0
    # the sixth note extracted again quotes something else: the quotes pair the other five
    _reextract(warehouse, notes[5], "v2", {"statements": _quoting(notes[5], ["Nothing was agreed at the talks today."])["statements"]})
    build_and_compare("five")
    assert _quote_pairs(warehouse) == 10


def test_a_report_whose_document_stops_being_a_duplicate_counts_in_its_vote_again(tmp_path: Path):
    """Two notes with the same verbatim quotes report the same vote: the later duplicates the
    earlier, and the vote counts one source. Four more notes taking up the quotes make them
    boilerplate, and the two notes are no longer duplicates, although no vote report changed:
    the vote must count both again (int_changed_votes and int_vote_report_links follow the
    duplicate status of every report, not only of the reports decided again)."""
    warehouse, rows, _ = _first_step(tmp_path)
    shared = ["Clean water is a right and not a favour for the few.",
              "Every village deserves a working well by next summer."]

    def add_note(doc_id: str, reports_the_vote: bool) -> None:
        note = _quoting(doc_id, shared)
        if reports_the_vote:
            note["vote_reports"] = [dict(
                doc_id=doc_id, report_index=0, body="Human Rights Council", subject="resolution on water access",
                vote_date=dt.date(2024, 3, 1), yes_count=30, no_count=5, abstain_count=12, outcome="adopted",
                evidence="thirty in favour, five against, twelve abstaining",
            )]
        _insert(warehouse, note)

    def water_vote_sources() -> list[tuple]:
        return query(warehouse, "select report_count, source_count from marts.votes where body = 'Human Rights Council'")

    add_note("note_0", reports_the_vote=True)
    add_note("note_1", reports_the_vote=True)
    run_dbt(warehouse, "run", check=True)
    assert query(warehouse, "select duplicate_of from marts.documents where doc_id = 'note_1'") == [("note_0",)]
    assert water_vote_sources() == [(2, 1)]

    for index in range(2, 6):
        add_note(f"note_{index}", reports_the_vote=False)
    run_dbt(warehouse, "run", check=True)
    assert query(warehouse, "select duplicate_of from marts.documents where doc_id = 'note_1'") == [(None,)]
    assert water_vote_sources() == [(2, 2)]
    assert differences(warehouse, _full_build_of(warehouse, tmp_path)) == {}


def _reporting(doc_id: str, positions: dict[str, tuple[str, str]] | None = None, **report) -> dict[str, list[dict]]:
    """The raw rows of an undated note reporting one Human Rights Council vote (`report`: the
    fields it states) and, if given, countries' positions ({country: (code, position)})."""
    note = _quoting(doc_id, [f"The council has spoken, said the note {doc_id}."])
    note["vote_reports"] = [dict(doc_id=doc_id, report_index=0, body="Human Rights Council", evidence="a vote", **report)]
    note["vote_report_positions"] = [
        dict(doc_id=doc_id, report_index=0, country=country, country_code=code, position=position, is_veto=False)
        for country, (code, position) in (positions or {}).items()
    ]
    return note


def test_a_report_below_a_vote_it_joins_is_decided_alone_and_one_above_it_moves_the_vote(tmp_path: Path):
    """A vote report's vote depends only on the reports above it in merge order that lead. A
    less complete report of a vote is decided alone: the reports above it keep their rows. A
    more complete one leads the vote from then on, and the reports below it are decided again.
    Both builds give the tables of a full build."""
    warehouse, rows, _ = _first_step(tmp_path)
    day = dt.date(2024, 3, 1)

    def council_vote() -> list[tuple]:
        return query(warehouse, """
            select votes.report_count, sources.doc_id
            from marts.votes
            inner join marts.vote_sources as sources on votes.vote_id = sources.vote_id and sources.is_leading_report
            where votes.body = 'Human Rights Council'
        """)

    def decided_again() -> set[str]:
        return {doc_id for (doc_id,) in query(warehouse, """
            select reports.doc_id from intermediate.int_vote_affected_reports as affected
            inner join intermediate.int_vote_reports as reports on affected.report_key = reports.report_key
        """)}

    def cluster_rows(doc_ids: list[str]) -> list[tuple]:
        return query(warehouse, "select doc_id, vote_id, built_at from intermediate.int_vote_report_clusters "
                                "where doc_id in (select unnest(?)) order by doc_id", [doc_ids])

    tally = dict(yes_count=30, no_count=5, abstain_count=12)
    _insert(warehouse, _reporting("note_full", vote_date=day, subject="resolution on water access", outcome="adopted", **tally))
    _insert(warehouse, _reporting("note_partial", vote_date=day, yes_count=30, no_count=5, outcome="adopted"))
    run_dbt(warehouse, "run", check=True)
    assert council_vote() == [(2, "note_full")]
    kept = cluster_rows(["note_full", "note_partial"])

    # a report below both joins the vote: it alone is decided again
    _insert(warehouse, _reporting("note_brief", vote_date=day, yes_count=30, outcome="adopted"))
    run_dbt(warehouse, "run", check=True)
    assert decided_again() == {"note_brief"}
    assert cluster_rows(["note_full", "note_partial"]) == kept
    assert council_vote() == [(3, "note_full")]
    assert differences(warehouse, _full_build_of(warehouse, tmp_path)) == {}

    # a report above them all (it names a position too) leads the vote now
    _insert(warehouse, _reporting("note_named", positions={"Norway": ("NOR", "yes")}, vote_date=day,
                                  subject="resolution on water access", outcome="adopted", **tally))
    run_dbt(warehouse, "run", check=True)
    assert decided_again() == {"note_named", "note_full", "note_partial", "note_brief"}
    assert council_vote() == [(4, "note_named")]
    shutil.rmtree(tmp_path / "full")
    assert differences(warehouse, _full_build_of(warehouse, tmp_path)) == {}


def test_a_vote_whose_only_report_is_gone_leaves_the_by_date_marts(tmp_path: Path):
    """A re-extraction that finds no vote report any more deletes the vote its report alone
    made: the by-date marts stop counting it at the next build (int_activity_source_changes
    reads the votes the votes mart logged as deleted), as a full build would."""
    warehouse, rows, _ = _first_step(tmp_path)
    [(vote_id, vote_day)] = query(warehouse, """
        select vote_id, activity_date from marts.votes
        where vote_id in (select vote_id from marts.vote_sources where doc_id = ?)
    """, [DOC_E])
    [(votes_that_day,)] = query(warehouse, "select vote_count from marts.activity_by_date where activity_date = ?", [vote_day])
    assert votes_that_day >= 1

    without_vote = {table: table_rows for table, table_rows in _of(rows, {DOC_E}).items()
                    if table not in ("documents", "document_sources", "vote_reports", "vote_report_positions")}
    _reextract(warehouse, DOC_E, "v2", without_vote)
    run_dbt(warehouse, "run", check=True)
    assert query(warehouse, "select count(*) from marts.votes where vote_id = ?", [vote_id]) == [(0,)]
    assert query(warehouse, "select coalesce(sum(vote_count), 0) from marts.activity_by_date where activity_date = ?",
                 [vote_day]) == [(votes_that_day - 1,)]
    # the log is emptied by the build that took the vote out
    assert query(warehouse, "select count(*) from plenary_state.deleted_votes") == [(0,)]
    assert differences(warehouse, _full_build_of(warehouse, tmp_path)) == {}


def test_the_daily_rebuild_and_changed_models_refresh_incremental_models_fully():
    assert full_refresh_flags(force=False, sources_fingerprint="abc", built_with="abc") == []
    assert full_refresh_flags(force=True, sources_fingerprint="abc", built_with="abc") == ["--full-refresh"]
    assert full_refresh_flags(force=False, sources_fingerprint="abc", built_with="old") == ["--full-refresh"]
    assert full_refresh_flags(force=False, sources_fingerprint="abc", built_with=None) == ["--full-refresh"]
    # views are re-created by a full build, and by a build of a subset chosen in Dagster
    assert keep_views_flags(["--full-refresh"], runs_everything=True) == []
    assert keep_views_flags([], runs_everything=False) == []
    assert "config.materialized:view" in keep_views_flags([], runs_everything=True)


def test_articles_refreshed_in_two_steps_give_the_marts_of_a_full_build(tmp_path: Path):
    articles = sorted(ARTICLES.glob("*.txt"))
    assert len(articles) >= 6
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    warehouse = tmp_path / "warehouse" / "plenary.duckdb"
    warehouse.parent.mkdir()
    half = len(articles) // 2
    for article in articles[:half]:
        shutil.copy(article, inbox / article.name)
    run_refresh(inbox, warehouse)
    (first_doc,) = query(warehouse, "select doc_id from marts.numbers order by doc_id limit 1")[0]
    marked = _mark(warehouse, first_doc, mark=True)
    for article in articles[half:]:
        shutil.copy(article, inbox / article.name)
    run_refresh(inbox, warehouse)
    # the second run built incrementally: it left the first step's numbers alone
    assert _mark(warehouse, first_doc, mark=False)[0] == marked[0] > 0
    # and it left the views as they were, but ran their data tests
    results = json.loads((target_path_for(DBT_PROJECT, warehouse.resolve()) / "run_results.json").read_text())
    ran = {result["unique_id"] for result in results["results"]}
    assert "model.plenary.documents" not in ran and "model.plenary.int_vote_members" not in ran
    assert "model.plenary.votes" in ran
    assert any(unique_id.startswith("test.plenary.unique_documents_doc_id") for unique_id in ran)

    full = tmp_path / "full" / "plenary.duckdb"
    full.parent.mkdir()
    shutil.copyfile(warehouse, full)
    run_dbt(full, "run", "--full-refresh", check=True)
    assert differences(warehouse, full, schemas=("marts",)) == {}


def _plant_copy_of_a_mention(warehouse: Path, built_at: str | None = None) -> str:
    """Appends a copy of one mention row (with `built_at` replaced when given); returns its id."""
    with duckdb.connect(str(warehouse)) as con:
        (mention_id,) = con.execute("select min(mention_id) from marts.mentions").fetchone()
        stamp = f"* replace (timestamp '{built_at}' as built_at)" if built_at else "*"
        con.execute(f"insert into marts.mentions select {stamp} from marts.mentions where mention_id = ?", [mention_id])
    return mention_id


def _test_status(target: Path, name: str) -> str:
    results = json.loads((target / "run_results.json").read_text())
    (status,) = [r["status"] for r in results["results"] if r["unique_id"].startswith(f"test.plenary.{name}.")]
    return status


def test_an_incremental_build_tests_the_rows_written_since_the_last_build_that_passed(tmp_path: Path):
    articles = sorted(ARTICLES.glob("*.txt"))
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    warehouse = tmp_path / "warehouse" / "plenary.duckdb"
    warehouse.parent.mkdir()
    for article in articles[:2]:
        shutil.copy(article, inbox / article.name)
    run_refresh(inbox, warehouse)
    # the clean build recorded the newest rows it tested
    [(tested_through, newest_row)] = query(
        warehouse, "select (select max(built_at) from plenary_state.dbt_tested_through), "
                   "(select max(built_at) from marts.mentions)"
    )
    assert tested_through is not None and tested_through == newest_row

    # a row written before that build repeats an id: the next incremental build reads only newer
    # rows and passes, a test of every row (`dbt test`, as the daily full refresh has) fails
    _plant_copy_of_a_mention(warehouse)
    for article in articles[2:4]:
        shutil.copy(article, inbox / article.name)
    run_refresh(inbox, warehouse)
    assert _test_status(target_path_for(DBT_PROJECT, warehouse.resolve()), "unique_mentions_mention_id") == "pass"
    assert run_dbt(warehouse, "test", "--select", "unique_mentions_mention_id").returncode == 1

    # two rows written after it repeating an id fail the incremental build's test
    with duckdb.connect(str(warehouse)) as con:
        con.execute("delete from marts.mentions where mention_id in "
                    "(select mention_id from marts.mentions group by 1 having count(*) > 1)")
    planted = _plant_copy_of_a_mention(warehouse, built_at="2999-01-01")
    with duckdb.connect(str(warehouse)) as con:
        con.execute("insert into marts.mentions select * from marts.mentions where mention_id = ? "
                    "and built_at = timestamp '2999-01-01'", [planted])
    build = run_dbt(warehouse, "build", "--select", "mentions")
    assert build.returncode == 1
    assert _test_status(warehouse.parent / "dbt_target", "unique_mentions_mention_id") == "fail"
