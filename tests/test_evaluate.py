"""`plenary evaluate`: exact figures on a hand-built warehouse, and agreement with score.py on the seeds.

The pipeline runs once for the module, over one inbox holding the bundled samples and (when
`../shared` is there) the seeds, so both gold files are scored against the same real warehouse.
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from orchestration import cli
from orchestration.core.config import reader_copy_path
from orchestration.core.evaluate import (
    EvaluationError, evaluate_warehouse, format_report, normalize_name, speaker_matches,
)

ROOT = Path(__file__).resolve().parents[1]
SAMPLES_GOLD = ROOT / "samples" / "gold.json"
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS, SEEDS_GOLD, SCORE_PY = SHARED / "seeds", SHARED / "gold" / "seeds.json", SHARED / "tools" / "score.py"
HAVE_SHARED = SEEDS.is_dir() and SEEDS_GOLD.is_file() and SCORE_PY.is_file()

SUMMARY_KEYS = {
    "votes_f1", "tallies_exact", "against_veto_recall", "statements_recall", "speaker_right",
    "direct_quote_precision", "actors_f1_countries", "actors_f1_people", "actors_f1_organizations", "numbers_recall",
}


# ---------------------------------------------------------------------------------------------
# A hand-built warehouse where every figure is known
# ---------------------------------------------------------------------------------------------

TINY_GOLD = {
    "documents": [
        {
            "file": "a.txt",
            "votes": [
                {"body": "Security Council", "yes": 13, "no": 2, "abstain": 0, "outcome": "vetoed",
                 "against": [], "abstained": [], "vetoed_by": ["China", "Russia"]},
                {"body": "General Assembly", "yes": 141, "no": 5, "abstain": 35, "outcome": "adopted",
                 "against": ["Belarus"], "abstained": [], "vetoed_by": []},
                {"body": "Human Rights Council", "yes": None, "no": None, "abstain": None, "outcome": "adopted",
                 "against": [], "abstained": [], "vetoed_by": [], "optional": True},
            ],
            "statements": [
                {"speaker": "Zhang Jun", "quote_start": "We cannot accept", "direct": True},
                {"speaker": "a senior U.S. official", "quote_start": "the draft ignored", "direct": False},
                {"speaker": "Vasily Nebenzia", "quote_start": "Nobody asked us", "direct": True},
                {"speaker": "Zhang Jun", "quote_start": "an optional aside", "direct": False, "optional": True},
            ],
            "actors": {"countries": ["China", "Russia", "United States"],
                       "people": ["Zhang Jun", "Linda Thomas-Greenfield"],
                       "organizations": ["Security Council", "United Nations"]},
            "numbers": [{"value": 13, "unit": None}, {"value": 4000000, "unit": "barrel"}, {"value": 525000, "unit": "ton"}],
        },
        {"file": "absent.txt", "votes": [], "statements": [], "actors": {}},
    ]
}


def build_tiny_warehouse(path: Path, ga_yes: int = 140) -> Path:
    """A few marts rows for a.txt: one vote right, one with `ga_yes` in favour, a vague one."""
    con = duckdb.connect(str(path))
    con.execute("create schema marts")
    con.execute("create table marts.documents as select 'd1' as doc_id, 'inbox/a.txt' as source_name")
    con.execute("""create table marts.votes (vote_id varchar, body varchar, yes_count integer, no_count integer,
                   abstain_count integer, outcome varchar, vote_date date)""")
    con.execute("""insert into marts.votes values
        ('v1', 'Security Council', 13, 2, 0, 'rejected', null),
        ('v2', 'General Assembly', ?, 5, 35, 'adopted', null),
        ('v3', 'General Assembly', null, null, null, 'unknown', null)""", [ga_yes])
    con.execute("create table marts.vote_sources as select * from (values ('v1','d1'), ('v2','d1'), ('v3','d1')) t(vote_id, doc_id)")
    con.execute("""create table marts.vote_positions as select * from (values
        ('v1', 'China', 'no', true), ('v1', 'Russian Federation', 'no', true), ('v2', 'Belarus', 'no', false))
        t(vote_id, country, position, is_veto)""")
    con.execute("""create table marts.statements as select * from (values
        ('s1', 'd1', 'Jun', 'China', '“We cannot accept this text at all,”', true),
        ('s2', 'd1', 'U.S. official', 'United States', 'the draft ignored what happened on the ground', false),
        ('s3', 'd1', 'Someone', null, 'This is a claim nobody made here', true),
        ('s4', 'd1', 'Someone', null, 'rogue', true))
        t(statement_id, doc_id, speaker_name, speaker_affiliation, quote, is_direct)""")
    con.execute("""create table marts.actors as select * from (values
        ('a1', 'China', 'country'), ('a2', 'Russian Federation', 'country'), ('a3', 'France', 'country'),
        ('a4', 'Zhang Jun', 'person'), ('a5', 'Thomas-Greenfield', 'person'),
        ('a6', 'UN Security Council', 'organization'), ('a7', 'UN', 'organization'))
        t(actor_id, name, actor_type)""")
    con.execute("create table marts.mentions as select 'd1' as doc_id, actor_id from marts.actors")
    con.execute("""create table marts.numbers as select * from (values
        ('d1', 13.0, 'vote'), ('d1', 4010000.0, 'barrels')) t(doc_id, value, unit)""")
    con.close()
    return path


@pytest.fixture
def tiny(tmp_path: Path) -> tuple[Path, Path]:
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(TINY_GOLD))
    return build_tiny_warehouse(tmp_path / "tiny.duckdb"), gold


def test_tiny_warehouse_exact_figures(tiny):
    warehouse, gold = tiny
    report = evaluate_warehouse(warehouse, gold)
    votes, statements, actors = report["votes"], report["statements"], report["actors"]
    # SC vote matched (rejected + recorded veto stands for vetoed); GA 140-5-35 vs gold 141 is a
    # miss and an extra; the vague row claims nothing and is not a prediction.
    assert (votes["precision"], votes["recall"], votes["f1"]) == (0.5, 0.5, 0.5)
    assert votes["matched"] == "1/2" and votes["predicted_right"] == "1/2"
    assert votes["tally_exact"] == "1/1"
    assert votes["against_veto"] == "2/2"  # "Russian Federation" is Russia
    assert (statements["recall"], statements["attribution"]) == (0.667, 0.667)
    assert statements["direct_right"] == "1/2"  # 'rogue' is a fragment, not counted
    assert actors["country"]["precision"] == actors["country"]["recall"] == 0.667
    assert actors["country"]["extra"] == ["france"] and actors["country"]["missed"] == ["united states"]
    assert actors["person"]["f1"] == 1.0 and actors["organization"]["f1"] == 1.0
    assert report["numbers"]["found"] == "2/3"
    assert report["documents"] == {"gold": 2, "found": 1, "missing": ["absent.txt"]}
    misses = {(m["area"], m["kind"], m["what"]) for m in report["misses"]}
    assert ("votes", "missed", "General Assembly 141-5-35 adopted") in misses
    assert ("votes", "extra", "General Assembly 140-5-35 adopted") in misses
    assert ("statements", "missed", "'Nobody asked us' (Vasily Nebenzia)") in misses
    assert ("numbers", "missed", "525000 ton") in misses


def test_tallies_are_compared(tmp_path: Path):
    """With 141 in favour the GA vote matches; with 140 it must not (see the test above)."""
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(TINY_GOLD))
    right = evaluate_warehouse(build_tiny_warehouse(tmp_path / "right.duckdb", ga_yes=141), gold)
    wrong = evaluate_warehouse(build_tiny_warehouse(tmp_path / "wrong.duckdb", ga_yes=140), gold)
    assert right["votes"]["f1"] == 1.0 and right["votes"]["against_veto"] == "3/3"
    assert wrong["votes"]["f1"] == 0.5


def test_cli_json_and_min_f1(tiny, tmp_path: Path, monkeypatch, capsys):
    warehouse, gold = tiny
    monkeypatch.setenv("PLENARY_WAREHOUSE", str(warehouse))  # cli.main sets it; monkeypatch restores it
    out = tmp_path / "report.json"
    assert cli.main(["evaluate", str(gold), "--warehouse", str(warehouse), "--json", str(out)]) == 0
    assert json.loads(out.read_text())["votes"]["f1"] == 0.5
    text = capsys.readouterr().out
    assert "votes F1" in text and "votes missed" in text and text.rstrip().splitlines()[-1].startswith("score: votes_f1=0.50")
    assert cli.main(["evaluate", str(gold), "--warehouse", str(warehouse), "--min-f1", "0.6"]) == 1
    assert cli.main(["evaluate", str(gold), "--warehouse", str(tmp_path / "nowhere.duckdb")]) == 1


def test_locked_warehouse_falls_back_to_reader_copy(tiny):
    warehouse, gold = tiny
    shutil.copy(warehouse, reader_copy_path(warehouse))
    holder = subprocess.Popen(  # a writer holding the lock, as a running refresh does
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True); time.sleep(60)",
         str(warehouse)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        report = evaluate_warehouse(warehouse, gold)
    finally:
        holder.kill()
        holder.wait()
    assert report["warehouse"] == str(reader_copy_path(warehouse))
    assert "locked" in report["notes"][0] and "note: " in format_report(report)
    assert report["votes"]["f1"] == 0.5


def test_missing_tables_and_bad_gold(tmp_path: Path, tiny):
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    with pytest.raises(EvaluationError, match="marts tables"):
        evaluate_warehouse(empty, tiny[1])
    bad = tmp_path / "bad.json"
    bad.write_text('{"docs": []}')
    with pytest.raises(EvaluationError, match="not a gold file"):
        evaluate_warehouse(tiny[0], bad)


@pytest.mark.parametrize("name, canonical", [
    ("the Russian Federation", "russia"), ("DPRK", "north korea"), ("U.S.", "united states"),
    ("Venezuela (Bolivarian Republic of)", "venezuela"), ("Iran (Islamic Republic of)", "iran"),
    ("Türkiye", "turkey"), ("United Kingdom of Great Britain and Northern Ireland", "united kingdom"),
    ("Viet Nam", "vietnam"), ("UN Security Council", "security council"), ("Cuba", "cuba"),
])
def test_name_aliases(name, canonical):
    assert normalize_name(name) == canonical


@pytest.mark.parametrize("gold, name, affiliation, expected", [
    ("Jeffrey DeLaurentis", "Ambassador DeLaurentis", None, True),
    ("Wu Jianjian", "Wu", None, True),  # family name first
    ("Zhang Jun", "Geng Shuang", "China", False),
    ("China's UN mission spokesperson", "Chinese mission spokesperson", "China", True),
    ("a senior U.S. official", "Linda Thomas-Greenfield", "United States", False),
    ("Zhang Jun", None, None, False),
])
def test_speaker_matching(gold, name, affiliation, expected):
    assert speaker_matches(gold, name, affiliation) is expected


# ---------------------------------------------------------------------------------------------
# The real pipeline: the session's refreshed sample and seed warehouses (tests/conftest.py)
# ---------------------------------------------------------------------------------------------


def test_samples_report_structure(sample_warehouse):
    report = evaluate_warehouse(sample_warehouse, SAMPLES_GOLD)
    assert report["documents"]["gold"] == 11 and report["documents"]["missing"] == []
    assert set(report["summary"]) == SUMMARY_KEYS
    for name, value in report["summary"].items():
        assert isinstance(value, float) and 0.0 <= value <= 1.0 and not math.isnan(value), name
    for kind in ("country", "person", "organization"):
        assert {"precision", "recall", "f1", "gold", "predicted", "missed", "extra"} <= set(report["actors"][kind])
    assert all(set(m) == {"area", "kind", "file", "what"} for m in report["misses"])
    json.dumps(report)  # the --json output
    text = format_report(report)
    assert "direct-quote precision" in text and text.splitlines()[-1].startswith("score: ")


@pytest.mark.skipif(not HAVE_SHARED, reason="../shared (seeds, gold, score.py) is not here")
def test_seeds_figures_agree_with_score_py(seeds_warehouse, tmp_path: Path):
    theirs_file = tmp_path / "score.json"
    subprocess.run([sys.executable, str(SCORE_PY), str(seeds_warehouse), str(SEEDS_GOLD), "--json", str(theirs_file)],
                   check=True, capture_output=True, text=True)
    theirs = json.loads(theirs_file.read_text())
    ours = evaluate_warehouse(seeds_warehouse, SEEDS_GOLD)
    for key in ("f1", "precision", "recall", "positions_recall"):
        mine = ours["votes"]["against_veto_recall" if key == "positions_recall" else key]
        assert mine == theirs["votes"][key], f"votes {key}"
    assert ours["votes"]["tally_exact"] == theirs["votes"]["tally_exact"]
    assert ours["votes"]["dates"] == theirs["votes"]["dates"]
    for key in ("recall", "attribution", "precision_direct", "f1"):
        assert ours["statements"][key] == theirs["statements"][key], f"statements {key}"
    for kind in ("country", "person", "organization"):
        for key in ("f1", "precision", "recall", "gold", "predicted"):
            assert ours["actors"][kind][key] == theirs["actors"][kind][key], f"actors {kind} {key}"
    assert ours["numbers"]["recall"] == theirs["numbers"]["recall"]
    assert ours["documents"]["missing"] == theirs["docs_missing"]
