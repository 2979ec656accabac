"""Helpers for the dbt tests: a raw warehouse built from hand-made rows, and dbt run for real.

The rows describe invented articles (in our own words) about UN votes; they exercise the marts'
merging, de-duplication and UN-rule tests. Nothing here is taken from the seeds.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from pathlib import Path

import duckdb
import polars as pl

from orchestration.core.load import ensure_raw_tables, record_load
from orchestration.core.schema import ALL_TABLES, LOAD_ID, RAW_SCHEMA, conform

REPO = Path(__file__).resolve().parents[1]
DBT_PROJECT = REPO / "dbt_project"
DBT = REPO / ".venv" / "bin" / "dbt"

D = dt.date
T0 = dt.datetime(2024, 3, 1, 12, 0, 0)

# --- documents --------------------------------------------------------------------------------
# A: wire story on a Security Council vote (vetoed draft on a fictional maritime sanctions text).
# B: a machine-paraphrase of A ("Safety Body" for "Security Council", other words swapped) with
#    the same speakers, the same quotes' shape and the same numbers.
# C: a later, independent article referring back to the same vetoed vote, with the tally and a
#    different number of abstentions (a conflict), and a different speaker.
# E: an Assembly plenary vote on a different subject, adopted 140-8-20, dated by metadata.
# F: a document with no date at all and no vote (a commentary quoting one person by surname).
DOC_A, DOC_B, DOC_C, DOC_E, DOC_F = "doc_a", "doc_b", "doc_c", "doc_e", "doc_f"


def _text(words: int, seed: str) -> str:
    return " ".join(f"{seed}{i}" for i in range(words))


def base_rows() -> dict[str, list[dict]]:
    documents = [
        dict(doc_id=DOC_A, source_name="a_wire.txt", source_format="txt",
             title="Council draft on shipping curbs blocked", metadata_date=D(2024, 2, 10),
             clean_text=_text(300, "a"), word_count=300, ingested_at=T0),
        dict(doc_id=DOC_B, source_name="b_spun.html", source_format="html",
             title="Safety Body draft on transport limits halted", metadata_date=D(2024, 2, 11),
             clean_text=_text(320, "b"), word_count=320, ingested_at=T0),
        dict(doc_id=DOC_C, source_name="c_analysis.md", source_format="md",
             title="Weeks after the veto", metadata_date=None,
             clean_text=_text(400, "c"), word_count=400, ingested_at=T0),
        dict(doc_id=DOC_E, source_name="batch.jsonl#1", source_format="jsonl",
             title="Assembly backs ocean pact", metadata_date=D(2024, 1, 20),
             clean_text=_text(200, "e"), word_count=200, ingested_at=T0),
        dict(doc_id=DOC_F, source_name="f_column.txt", source_format="txt", title=None,
             metadata_date=None, clean_text=_text(150, "f"), word_count=150, ingested_at=T0),
    ]
    for d in documents:
        d["original_text"] = d["clean_text"]
        d["encoding"] = "utf-8"
    document_sources = [dict(doc_id=d["doc_id"], source_name=d["source_name"], first_seen_at=T0)
                         for d in documents]
    document_sources.append(dict(doc_id=DOC_A, source_name="a_wire_copy.txt", first_seen_at=T0))
    document_facts = [
        dict(doc_id=DOC_C, text_date=D(2024, 3, 1), extractor_version="test"),
    ]
    rejects = [dict(source_name="broken.bin", reason="binary", detail="NUL bytes at offset 3",
                    rejected_at=T0)]

    def person(doc, name, aff, role, start, surface=None):
        return dict(doc_id=doc, surface=surface or name, char_start=start,
                    char_end=start + len(surface or name), actor_name=name, actor_type="person",
                    affiliation=aff, role=role)

    def country(doc, name, code, start, surface=None):
        return dict(doc_id=doc, surface=surface or name, char_start=start,
                    char_end=start + len(surface or name), actor_name=name, actor_type="country",
                    country_code=code)

    def org(doc, name, start, surface=None):
        return dict(doc_id=doc, surface=surface or name, char_start=start,
                    char_end=start + len(surface or name), actor_name=name, actor_type="organization")

    mentions = [
        org(DOC_A, "Security Council", 0),
        country(DOC_A, "Russia", "RUS", 30), country(DOC_A, "China", "CHN", 50),
        country(DOC_A, "Norway", "NOR", 70), country(DOC_A, "Brazil", "BRA", 90),
        person(DOC_A, "Olaf Berg", "Norway", "ambassador", 110),
        person(DOC_A, "Olaf Berg", "Norway", "ambassador", 200, surface="Berg"),
        person(DOC_A, "Ana Souza", "Brazil", "ambassador", 230),
        person(DOC_A, "Ivan Petrov", "Russia", "envoy", 260),
        org(DOC_B, "Security Council", 0, surface="Safety Body"),
        country(DOC_B, "Russia", "RUS", 30, surface="Russian Federation"),
        country(DOC_B, "China", "CHN", 50),
        person(DOC_B, "Olaf Berg", "Norway", None, 110),
        person(DOC_B, "Ana Souza", None, None, 230),
        person(DOC_B, "Ivan Petrov", "Russia", None, 260),
        org(DOC_C, "Security Council", 0),
        country(DOC_C, "China", "CHN", 40, surface="Beijing"),
        person(DOC_C, "Mei Lin", "China", "spokeswoman", 60),
        person(DOC_E, "Olaf Berg", "Norway", "ambassador", 10),
        org(DOC_E, "General Assembly", 30),
        country(DOC_E, "Norway", "NOR", 60),
        country(DOC_E, "Chile", "CHL", 80),
        person(DOC_F, "Petrov", None, None, 5),
    ]
    numbers = [
        dict(doc_id=DOC_A, value=12.0, unit="vote", kind="tally", surface="12", char_start=300, char_end=302),
        dict(doc_id=DOC_A, value=2.0, unit="vote", kind="tally", surface="two", char_start=310, char_end=313),
        dict(doc_id=DOC_A, value=1.0, unit="vote", kind="tally", surface="one", char_start=320, char_end=323),
        dict(doc_id=DOC_A, value=340.0, unit="ship", kind="count", surface="340", char_start=330, char_end=333),
        dict(doc_id=DOC_B, value=12.0, unit="vote", kind="tally", surface="twelve", char_start=300, char_end=306),
        dict(doc_id=DOC_B, value=2.0, unit="vote", kind="tally", surface="2", char_start=310, char_end=311),
        dict(doc_id=DOC_B, value=1.0, unit="vote", kind="tally", surface="1", char_start=320, char_end=321),
        dict(doc_id=DOC_B, value=340.0, unit="vessel", kind="count", surface="340", char_start=330, char_end=333),
        dict(doc_id=DOC_E, value=140.0, unit="vote", kind="tally", surface="140", char_start=100, char_end=103),
    ]

    def stmt(doc, i, speaker, aff, quote, direct=True, is_person=True, date=None):
        return dict(doc_id=doc, statement_index=i, speaker_name=speaker, speaker_is_person=is_person,
                    speaker_affiliation=aff, quote=quote, is_direct=direct, statement_date=date,
                    char_start=400 + 50 * i, char_end=440 + 50 * i)

    statements = [
        stmt(DOC_A, 0, "Olaf Berg", "Norway", "Our proposal would have kept the sea lanes open for everyone."),
        stmt(DOC_A, 1, "Olaf Berg", "Norway", "We will return to the council with a new text soon."),
        stmt(DOC_A, 2, "Ana Souza", "Brazil", "Dialogue must continue even after this outcome."),
        stmt(DOC_A, 3, "Ivan Petrov", "Russia", "the draft was unbalanced and ignored regional concerns", direct=False),
        stmt(DOC_B, 0, "Olaf Berg", "Norway", "Our plan would have held the ocean routes free for all people."),
        stmt(DOC_B, 1, "Olaf Berg", "Norway", "We shall come back to the body with a fresh draft shortly."),
        stmt(DOC_B, 2, "Ana Souza", "Brazil", "Talks should go on even following this result."),
        stmt(DOC_B, 3, "Ivan Petrov", "Russia", "the text was lopsided and neglected local worries", direct=False),
        stmt(DOC_C, 0, "Mei Lin", "China", "Pressure alone has never solved a crisis like this one.",
             date=D(2024, 2, 28)),
        stmt(DOC_C, 1, "China's mission spokesperson", "China",
             "the veto protected the region from escalation", direct=False, is_person=False),
        stmt(DOC_E, 0, "Olaf Berg", "Norway", "This pact shows that the oceans belong to all of us."),
        stmt(DOC_F, 0, "Petrov", None, "Nobody should expect a quick compromise on the ships."),
    ]
    vote_reports = [
        dict(doc_id=DOC_A, report_index=0, body="Security Council", subject="draft on maritime shipping curbs",
             vote_date=D(2024, 2, 9), yes_count=12, no_count=2, abstain_count=1, outcome="vetoed",
             evidence="twelve in favour, two against, one abstention"),
        dict(doc_id=DOC_B, report_index=0, body="Security Council", subject="draft on transport limits",
             vote_date=None, yes_count=12, no_count=2, abstain_count=None, outcome="vetoed",
             evidence="paraphrased tally"),
        dict(doc_id=DOC_C, report_index=0, body="Security Council", subject="the maritime draft",
             vote_date=D(2024, 2, 9), yes_count=12, no_count=2, abstain_count=0, outcome="vetoed",
             evidence="the veto on the ninth of February"),
        dict(doc_id=DOC_E, report_index=0, body="General Assembly", subject="ocean protection pact",
             vote_date=D(2024, 1, 19), yes_count=140, no_count=8, abstain_count=20, outcome="adopted",
             evidence="140 to 8 with 20 abstentions"),
    ]
    vote_report_positions = [
        dict(doc_id=DOC_A, report_index=0, country="Russia", country_code="RUS", position="no", is_veto=True),
        dict(doc_id=DOC_A, report_index=0, country="China", country_code="CHN", position="no", is_veto=True),
        dict(doc_id=DOC_A, report_index=0, country="Norway", country_code="NOR", position="yes", is_veto=False),
        dict(doc_id=DOC_B, report_index=0, country="Russia", country_code="RUS", position="no", is_veto=True),
        dict(doc_id=DOC_C, report_index=0, country="China", country_code="CHN", position="no", is_veto=True),
        dict(doc_id=DOC_C, report_index=0, country="Brazil", country_code="BRA", position="yes", is_veto=False),
        # A says Norway voted yes, C says it abstained: a position conflict
        dict(doc_id=DOC_C, report_index=0, country="Norway", country_code="NOR", position="abstain", is_veto=False),
        dict(doc_id=DOC_E, report_index=0, country="Chile", country_code="CHL", position="yes", is_veto=False),
        dict(doc_id=DOC_E, report_index=0, country="Norway", country_code="NOR", position="yes", is_veto=False),
    ]
    return dict(
        documents=documents, document_sources=document_sources, inbox_files=[], rejects=rejects,
        document_facts=document_facts, mentions=mentions, numbers=numbers, statements=statements,
        vote_reports=vote_reports, vote_report_positions=vote_report_positions,
    )


def write_raw(path: Path, rows: dict[str, list[dict]]) -> None:
    """Create every raw table (conforming to orchestration.core.schema) in a DuckDB file, the
    rows written by one load as the loader numbers them."""
    con = duckdb.connect(str(path))
    try:
        ensure_raw_tables(con)
        load_id = record_load(con)
        for name, schema in ALL_TABLES.items():
            data = rows.get(name, [])
            frame = pl.DataFrame(data, infer_schema_length=None) if data else pl.DataFrame()
            arrow = conform(frame if data else pl.DataFrame(schema=schema), schema).to_arrow()
            con.register("incoming", arrow)
            con.execute(f"delete from {RAW_SCHEMA}.{name}")
            con.execute(f"insert into {RAW_SCHEMA}.{name} by name select *, {load_id} as {LOAD_ID} from incoming")
            con.unregister("incoming")
    finally:
        con.close()


def insert_raw(path: Path, table: str, rows: list[dict]) -> None:
    """Append rows to one raw table, as a load of their own (numbered as the loader does)."""
    con = duckdb.connect(str(path))
    try:
        arrow = conform(pl.DataFrame(rows, infer_schema_length=None), ALL_TABLES[table]).to_arrow()
        con.register("incoming", arrow)
        con.execute(f"insert into {RAW_SCHEMA}.{table} by name select *, {record_load(con)} as {LOAD_ID} from incoming")
        con.unregister("incoming")
    finally:
        con.close()


def run_dbt(warehouse: Path, *args: str, check: bool = False, target: str = "dbt_target") -> subprocess.CompletedProcess:
    """Run the real dbt CLI on `warehouse`; artifacts go to `<warehouse dir>/<target>`."""
    env = dict(os.environ, PLENARY_WAREHOUSE=str(warehouse), DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    target = warehouse.parent / target
    proc = subprocess.run(
        [str(DBT), *args, "--project-dir", str(DBT_PROJECT), "--profiles-dir", str(DBT_PROJECT),
         "--target-path", str(target), "--log-path", str(warehouse.parent / "dbt_logs")],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=600,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"dbt {' '.join(args)} failed:\n{proc.stdout[-6000:]}\n{proc.stderr[-3000:]}")
    return proc


def failed_tests(warehouse: Path, target: str = "dbt_target") -> set[str]:
    """Names of the tests that failed or errored in the last dbt invocation."""
    results = json.loads((warehouse.parent / target / "run_results.json").read_text())
    return {r["unique_id"].split(".")[2] for r in results["results"]
            if r["unique_id"].startswith("test.") and r["status"] in ("fail", "error")}


def query(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


import pytest  # noqa: E402


_BUILT: dict[str, Path] = {}


@pytest.fixture(scope="session")
def built_warehouse(tmp_path_factory) -> Path:
    """A warehouse built once per test session: the hand-made raw rows, then `dbt build`.

    Each test module imports this fixture, which gives pytest one fixture per module; the cache
    makes them share a single build. Tests only read it (copy it to change it).
    """
    if "base" not in _BUILT:
        warehouse = tmp_path_factory.mktemp("dbt_base") / "plenary.duckdb"
        write_raw(warehouse, base_rows())
        run_dbt(warehouse, "build", check=True)
        _BUILT["base"] = warehouse
    return _BUILT["base"]


def ids(warehouse: Path) -> dict[str, str]:
    """doc_id → vote_id for the documents of the hand-made rows (each reports at most one vote)."""
    return dict(query(warehouse, "select doc_id, vote_id from marts.vote_sources"))
