"""The benchmark corpus generator: right counts, every format, deterministic for a seed."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location(
    "generate_corpus", Path(__file__).resolve().parents[1] / "benchmarks" / "generate_corpus.py"
)
gc = importlib.util.module_from_spec(_SPEC)
sys.modules["generate_corpus"] = gc  # worker processes find their functions by module name
_SPEC.loader.exec_module(gc)

DOCS = 200


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus")
    counts = gc.generate_corpus(out, DOCS, seed=7, bad_share=0.03, duplicate_share=0.02)
    return out, counts


def test_counts_add_up(corpus):
    out, counts = corpus
    files = sorted(out.iterdir())
    assert len(files) == counts["files"]
    assert counts["articles"] + counts["duplicates"] + counts["bad"] == DOCS == counts["documents"]
    assert counts["bad"] == 6 and counts["duplicates"] == 4
    assert all(n == 1 for n in counts["bad_by_kind"].values())

    # every input is one file or one jsonl line
    batches = [p for p in files if p.suffix == ".jsonl"]
    lines = [line for p in batches for line in p.read_text(encoding="utf-8").splitlines()]
    assert len(files) - len(batches) + len(lines) == DOCS
    assert all(len(p.read_text(encoding="utf-8").splitlines()) <= gc.BATCH_LINES for p in batches)

    # the bad inputs are what the counts say
    raw = {p.name: p.read_bytes() for p in files if p.suffix != ".jsonl"}
    assert sum(1 for b in raw.values() if b == b"") == 1
    assert sum(1 for b in raw.values() if b and b"\x00" in b) == 1
    assert sum(1 for n in raw if n.endswith(".pdf")) == 1
    parsed, malformed = [], 0
    for line in lines:
        try:
            parsed.append(json.loads(line))
        except json.JSONDecodeError:
            malformed += 1
    assert malformed == 1
    assert sum(1 for obj in parsed if "text" not in obj) == 1

    # exact duplicates under other names
    repeated = sum(n - 1 for n in Counter(raw.values()).values() if n > 1)
    assert repeated >= counts["duplicates"]


def test_all_formats_present_and_articles_look_right(corpus):
    out, counts = corpus
    suffixes = Counter(p.suffix for p in out.iterdir())
    assert {".txt", ".md", ".html", ".jsonl"} <= set(suffixes)
    assert all(counts["articles_by_format"][f] > 0 for f in ("txt", "md", "html", "jsonl"))
    assert sum(counts["articles_by_format"].values()) == counts["articles"]

    md = next(p for p in sorted(out.glob("*.md")))
    text = md.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: ") and "\npublished: " in text
    page = next(p for p in sorted(out.glob("*.html"))).read_text(encoding="utf-8")
    assert "<nav>" in page and "<article>" in page and "Advertisement" in page

    words = []
    for p in out.glob("*.txt"):
        data = p.read_bytes()
        if not data or b"\x00" in data:
            continue
        try:
            words.append(len(data.decode("utf-8").split()))
        except UnicodeDecodeError:
            continue  # cp1252 article or the undecodable sample
    assert words and 330 <= sum(words) / len(words) <= 480


def test_deterministic_for_a_seed(corpus, tmp_path):
    out, counts = corpus
    again = gc.generate_corpus(tmp_path / "again", DOCS, seed=7, bad_share=0.03, duplicate_share=0.02, workers=2)
    assert _digest(tmp_path / "again") == _digest(out)
    assert {k: v for k, v in again.items() if k != "seconds"} == {k: v for k, v in counts.items() if k != "seconds"}

    other = tmp_path / "other"
    gc.generate_corpus(other, DOCS, seed=8, bad_share=0.03, duplicate_share=0.02)
    assert _digest(other) != _digest(out)


def test_command_line(tmp_path, capsys):
    assert gc.main([str(tmp_path / "cli"), "--documents", "20", "--seed", "1", "--bad-share", "0", "--duplicate-share", "0"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["documents"] == printed["articles"] == 20
    assert printed["files"] == len(list((tmp_path / "cli").iterdir()))
