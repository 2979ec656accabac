"""The marts on the real pipeline's output for the shared seeds (issue 4's "done when").

Expectations come from the gold file at run time (nothing about the seeds is written here):
reports of one veto in several documents are one vote, counted once per original document,
with the vetoing countries the gold names; a person quoted in several documents for the same
country or organization is one actor with that affiliation. Uses the session's refreshed seeds
warehouse (tests/conftest.py), so it costs nothing extra when the pipeline tests run too.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict

from dbt_fixtures import query


def _norm(name: str | None) -> str:
    return re.sub(r"[^a-z ]", "", (name or "").lower().replace("-", " ")).strip()


def _gold(shared_dir):
    return json.loads((shared_dir / "gold" / "seeds.json").read_text())


def _doc_ids(warehouse) -> dict[str, str]:
    return {name.split("/")[-1]: doc_id for doc_id, name in query(warehouse, "select doc_id, source_name from marts.documents")}


def test_reports_of_one_veto_are_one_vote(seeds_warehouse, shared_dir):
    docs = _doc_ids(seeds_warehouse)
    # gold vetoes without a date, keyed by who vetoed: each key is one event reported by several files
    events: dict[frozenset, list[str]] = defaultdict(list)
    for gd in _gold(shared_dir)["documents"]:
        for vote in gd["votes"]:
            if vote["outcome"] == "vetoed" and vote["vetoed_by"] and not vote.get("date") and gd["file"] in docs:
                events[frozenset(_norm(c) for c in vote["vetoed_by"])].append(gd["file"])
    assert events, "the gold names no veto"
    for vetoers, files in events.items():
        vote_ids = set()
        for f in files:
            rows = query(seeds_warehouse, f"""
                select v.vote_id, list(p.country) filter (where p.is_veto)
                from marts.votes v join marts.vote_sources s using (vote_id)
                left join marts.vote_positions p using (vote_id)
                where s.doc_id = '{docs[f]}' and v.outcome = 'vetoed' group by v.vote_id""")
            matching = [vid for vid, vetoes in rows if {_norm(c) for c in (vetoes or [])} >= vetoers]
            assert len(matching) == 1, f"{f}: vetoed votes with vetoes {sorted(vetoers)}: {rows}"
            vote_ids.add(matching[0])
        assert len(vote_ids) == 1, f"{files} report one veto but became {len(vote_ids)} votes"
        (source_count, report_count), = query(
            seeds_warehouse, f"select source_count, report_count from marts.votes where vote_id = '{vote_ids.pop()}'")
        assert report_count == len(files)
        # a paraphrased copy among them counts as its original
        assert 2 <= source_count <= len(files)


def test_a_person_quoted_across_documents_is_one_actor(seeds_warehouse, shared_dir):
    speakers: dict[str, set[str]] = defaultdict(set)
    affiliations: dict[str, set[str]] = defaultdict(set)
    for gd in _gold(shared_dir)["documents"]:
        for st in gd["statements"]:
            name = st["speaker"]
            if name[:1].isupper() and len(name.split()) >= 2 and "'" not in name:
                speakers[name].add(gd["file"])
                affiliations[name].add(_norm(st["speaker_affiliation"]))
    persons = query(seeds_warehouse, "select name, affiliation, document_count from marts.actors where actor_type = 'person'")
    checked = 0
    for name, files in speakers.items():
        if len(files) < 2 or len(affiliations[name]) != 1:
            continue
        surname = _norm(name).split()[-1]
        matches = [p for p in persons if surname in _norm(p[0]).split()]
        assert len(matches) == 1, f"{name}: {matches}"
        assert _norm(matches[0][1]) == next(iter(affiliations[name])), f"{name}: {matches[0]}"
        checked += 1
    assert checked, "the gold quotes nobody in two documents"
