"""Ingest: every kind of bad input is rejected with a reason; good documents beside it are kept."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from orchestration.core import ingest

ARTICLE = "The Security Council met on Monday and heard the envoy describe the crisis in detail.\n"


def read(inbox: Path) -> ingest.IngestResult:
    return ingest.read_entries(ingest.scan_inbox(inbox))


def reasons(result: ingest.IngestResult) -> dict[str, str]:
    return {row["source_name"]: row["reason"] for row in result.rejects}


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n ", "empty"),
        ("binary.txt", b"PK\x03\x04\x00\x00binary", "binary"),
        ("undecodable.txt", b"caf\x81\x8d\x8f\x90\x9d words", "undecodable"),
        ("controls.txt", bytes(range(1, 9)) * 20, "undecodable"),
        ("report.pdf", b"%PDF-1.4 whatever", "unsupported_type"),
        ("noext", b"text without an extension", "unsupported_type"),
        ("bad-front.md", b"---\ntitle: [unclosed\n---\nBody text here.\n", "malformed_front_matter"),
        ("chrome-only.html", b"<html><body><nav>Home</nav></body></html>", "no_main_text"),
    ],
)
def test_bad_file_is_rejected_and_good_file_kept(tmp_path: Path, name: str, content: bytes, reason: str):
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text(ARTICLE)
    result = read(tmp_path)
    assert reasons(result) == {name: reason}
    assert [d["source_name"] for d in result.documents] == ["good.txt"]
    assert all(row["detail"] for row in result.rejects)
    assert {f["source_name"] for f in result.files} == {name, "good.txt"}


def test_too_large_document_is_rejected_without_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(ingest, "MAX_DOCUMENT_BYTES", 100)
    (tmp_path / "big.txt").write_text("word " * 100)
    (tmp_path / "batch.jsonl").write_text(json.dumps({"text": "short line"}) + "\n" + json.dumps({"text": "x " * 80}) + "\n")
    result = read(tmp_path)
    assert reasons(result) == {"big.txt": "too_large", "batch.jsonl#2": "too_large"}
    assert [d["source_name"] for d in result.documents] == ["batch.jsonl#1"]


def test_jsonl_bad_lines_are_rejected_and_other_lines_load(tmp_path: Path):
    lines = [
        json.dumps({"text": ARTICLE, "title": "First", "published": "2023-02-23", "source": "Wire", "url": "https://x"}),
        "{not json",
        json.dumps({"title": "no body"}),
        "",
        json.dumps(["a", "list"]),
        json.dumps({"text": "Second article about the assembly vote."}),
    ]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n")
    result = read(tmp_path)
    assert reasons(result) == {
        "batch.jsonl#2": "malformed_json",
        "batch.jsonl#3": "missing_text",
        "batch.jsonl#5": "malformed_json",
    }
    first, second = result.documents
    assert (first["source_name"], second["source_name"]) == ("batch.jsonl#1", "batch.jsonl#6")
    assert first["title"] == "First" and first["metadata_date"] == dt.date(2023, 2, 23)
    assert first["source_outlet"] == "Wire" and first["url"] == "https://x"


def test_markdown_front_matter_and_cp1252_fallback(tmp_path: Path):
    (tmp_path / "a.md").write_text("---\ntitle: Council vote\npublished: 2022-05-26\n---\n# Heading\n\nThe **council** voted.\n")
    (tmp_path / "b.txt").write_bytes("The envoy said \u201cno\u201d to the caf\u00e9 plan.".encode("cp1252"))
    result = read(tmp_path)
    md, txt = result.documents
    assert md["title"] == "Council vote" and md["metadata_date"] == dt.date(2022, 5, 26)
    assert md["body_text"].strip().splitlines() == ["Heading", "", "The council voted."]
    assert md["encoding"] == "utf-8" and txt["encoding"] == "cp1252"
    assert "\u201cno\u201d" in txt["body_text"] and "caf\u00e9" in txt["body_text"]
    assert result.rejects == []


def test_html_main_text_and_metadata(tmp_path: Path):
    page = """<html><head><title>Assembly backs resolution</title>
    <meta property="article:published_time" content="2022-10-12"></head><body>
    <nav><a href="/">Home</a> <a href="/world">World</a></nav><div class="ad">Buy now</div>
    <article><h1>Assembly backs resolution</h1>
    <p>The General Assembly adopted a resolution on Wednesday by a recorded vote of 143 in favour to 5 against.</p>
    <p>Thirty-five delegations abstained, and several explained their votes afterwards in the hall.</p></article>
    <footer>Copyright 2022 Example News. All rights reserved.</footer></body></html>"""
    (tmp_path / "page.html").write_text(page)
    (document,) = read(tmp_path).documents
    assert "143 in favour to 5 against" in document["body_text"]
    assert "Buy now" not in document["body_text"] and "Copyright" not in document["body_text"]
    assert document["title"] == "Assembly backs resolution"
    assert document["original_text"] == page


def test_symlink_outside_inbox_is_never_read(tmp_path: Path):
    inbox, outside = tmp_path / "inbox", tmp_path / "secret.txt"
    inbox.mkdir()
    outside.write_text("private words")
    (inbox / "link.txt").symlink_to(outside)
    (inbox / "inside.txt").write_text(ARTICLE)
    (inbox / "inner-link.txt").symlink_to(inbox / "inside.txt")
    result = read(inbox)
    assert reasons(result) == {"link.txt": "symlink_outside_inbox"}
    assert sorted(d["source_name"] for d in result.documents) == ["inner-link.txt", "inside.txt"]


def test_unchanged_files_are_not_read_again(tmp_path: Path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    first = set(read(tmp_path).frames()["inbox_files"].select("source_name", "size_bytes", "mtime_ns").iter_rows())
    (tmp_path / "b.txt").write_text(ARTICLE + " More.")
    changed = ingest.changed_entries(ingest.scan_inbox(tmp_path), first)
    assert [e.source_name for e in changed] == ["b.txt"]


def test_files_still_being_written_wait_for_a_later_run(tmp_path: Path):
    (tmp_path / "old.txt").write_text(ARTICLE)
    (tmp_path / "fresh.txt").write_text(ARTICLE)
    entries = ingest.scan_inbox(tmp_path)
    fresh_mtime = max(e.mtime_ns for e in entries)
    old = next(e for e in entries if e.source_name == "old.txt")
    os.utime(tmp_path / "old.txt", ns=(old.mtime_ns - 60_000_000_000, old.mtime_ns - 60_000_000_000))
    entries = ingest.scan_inbox(tmp_path)
    assert [e.source_name for e in ingest.settled_entries(entries, 5, now_ns=fresh_mtime + 1)] == ["old.txt"]
    assert len(ingest.settled_entries(entries, 0)) == 2


def test_named_entries_are_what_a_listing_gives_for_those_files_and_nothing_else(tmp_path: Path):
    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True)
    (inbox / "linked-folder").symlink_to(inbox / "sub")
    for name in ("b.txt", "a.txt", "sub/c.md", ".hidden.txt"):
        (inbox / name).write_text(ARTICLE)
    (tmp_path / "outside.txt").write_text("private words")
    (inbox / "out-link.txt").symlink_to(tmp_path / "outside.txt")
    listed = {e.source_name: e for e in ingest.scan_inbox(inbox)}
    named = ingest.named_entries(
        inbox,
        ["sub/c.md", "b.txt", "out-link.txt", "gone.txt", "sub", ".hidden.txt", "../outside.txt",
         "linked-folder/c.md", "b.txt"],
    )
    # inbox order, each once; the link out of the inbox is kept, marked, for reading to reject
    assert named == [listed["b.txt"], listed["out-link.txt"], listed["sub/c.md"]]
    assert listed["out-link.txt"].outside_inbox
    assert ingest.named_entries(inbox, []) == []
