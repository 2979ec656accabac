"""Ingest: read the inbox into documents, and say exactly why anything could not be read.

Formats: `.txt`; `.md` with optional YAML front matter (`title`, `published`, `source`, `url`);
`.html` (main text through trafilatura); `.jsonl` (one article per line: `text` plus the same
optional fields). Every failure becomes a reject row with a short reason code and a message a
person can act on; one bad file or line never stops the others.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple

import polars as pl
import yaml

from orchestration.core import schema

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# Fewer words than this in what trafilatura keeps means it found a menu, not an article.
MIN_HTML_WORDS = 5
SUPPORTED_SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
# cp1252 leaves five bytes undefined, so a strict decode still catches text that is not cp1252;
# latin-1 would accept anything and is only tried when a document declares it.
FALLBACK_ENCODINGS = ("cp1252",)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_HTML_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# libyaml's loader (same safe subset) reads front matter about ten times faster than the pure-Python
# one: 0.04 against 0.5 ms a file.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class InboxEntry(NamedTuple):
    """A file found in the inbox: its name relative to the inbox and what `stat` said of it.
    (A named tuple: an inbox of 100,000 files makes as many on every run, and a tuple costs a
    fifth of a frozen dataclass to create.)"""

    source_name: str
    location: str  # absolute path as text: a Path per file costs more than its stat call
    size_bytes: int
    mtime_ns: int
    outside_inbox: bool = False

    @property
    def path(self) -> Path:
        return Path(self.location)


@dataclass
class Rejection(Exception):
    reason: str
    detail: str


@dataclass
class IngestResult:
    documents: list[dict] = field(default_factory=list)
    rejects: list[dict] = field(default_factory=list)
    files: list[dict] = field(default_factory=list)

    def frames(self) -> dict[str, pl.DataFrame]:
        return {
            "documents": pl.DataFrame(self.documents, schema=PARSED_DOCUMENT)
            if self.documents
            else schema.empty(PARSED_DOCUMENT),
            "rejects": pl.DataFrame(self.rejects, schema=schema.REJECTS) if self.rejects else schema.empty(schema.REJECTS),
            "inbox_files": pl.DataFrame(self.files, schema=schema.INBOX_FILES)
            if self.files
            else schema.empty(schema.INBOX_FILES),
        }


# What ingest hands to clean: the parsed document before cleaning and de-duplication.
PARSED_DOCUMENT = pl.Schema(
    {
        "source_name": pl.String,
        "source_format": pl.String,
        "title": pl.String,
        "metadata_date": pl.Date,
        "source_outlet": pl.String,
        "url": pl.String,
        "encoding": pl.String,
        "original_text": pl.String,
        "body_text": pl.String,  # the article text before cleaning (front matter and HTML removed)
        "ingested_at": pl.Datetime("us"),
    }
)


def scan_inbox(
    inbox: Path, only: Callable[[str], bool] | None = None, names: set[str] | None = None
) -> list[InboxEntry]:
    """List the inbox's files (recursively, sorted), without reading any of them.

    `only`: stat and list only the files whose name it accepts; `names`, when given, receives the
    name of every file. The directory listing itself needs no stat call, so a listing that stats
    a few files costs a fraction of a full one (the inbox sensor's ticks between full scans).
    """
    inbox = inbox.resolve()
    entries: list[InboxEntry] = []
    _scan_folder(inbox, inbox, "", entries, only, names)
    return entries


def _scan_folder(
    inbox: Path,
    folder: Path,
    prefix: str,
    entries: list[InboxEntry],
    only: Callable[[str], bool] | None,
    names: set[str] | None,
) -> None:
    # os.scandir, not os.walk + Path.stat: the directory listing already says what is a link or
    # a folder, so each file costs one stat call (an unchanged inbox of 100,000 files is listed
    # on every run).
    with os.scandir(folder) as listing:
        found = [item for item in listing if not item.name.startswith(".")]
    found.sort(key=_ENTRY_NAME)
    append = entries.append
    for item in found:
        name = prefix + item.name
        if item.is_dir(follow_symlinks=False):
            _scan_folder(inbox, Path(item.path), name + "/", entries, only, names)
            continue
        if names is not None:
            names.add(name)
        if only is not None and not only(name):
            continue
        if item.is_symlink():
            append(_linked_entry(inbox, name, item.path))
        else:
            info = item.stat(follow_symlinks=False)
            append(InboxEntry(name, item.path, info.st_size, info.st_mtime_ns))


def _linked_entry(inbox: Path, name: str, location: str) -> InboxEntry:
    """A symbolic link is followed only to a file inside the inbox; any other is an entry marked
    outside the inbox, which reading rejects."""
    target = Path(location).resolve()
    if not target.is_relative_to(inbox) or not target.is_file():
        return InboxEntry(name, location, 0, 0, True)
    info = target.stat()
    return InboxEntry(name, location, info.st_size, info.st_mtime_ns)


def named_entries(inbox: Path, names: list[str]) -> list[InboxEntry]:
    """The entries of the named inbox files (names relative to the inbox, as `scan_inbox` gives
    them), in inbox order, as `scan_inbox` would list them; a name that is no file of the inbox
    now (gone since it was named, a folder, hidden, or outside the inbox) is left out.

    For a run told which files are new (the inbox sensor names them): it stats those alone,
    where listing an inbox of 100,000 files costs 0.7 s."""
    inbox = inbox.resolve()
    entries: list[InboxEntry] = []
    for name in sorted(set(names), key=_inbox_order):
        path = Path(name)
        if not path.parts or path.is_absolute() or any(part.startswith(".") for part in path.parts):
            continue
        source_name, location = path.as_posix(), os.path.join(inbox, *path.parts)
        if os.path.realpath(os.path.dirname(location)) != os.path.dirname(location):
            continue  # under a linked folder, which a listing does not enter either
        try:
            info = os.lstat(location)  # one call says link, file or neither
        except OSError:
            continue
        if stat.S_ISLNK(info.st_mode):
            entries.append(_linked_entry(inbox, source_name, location))
        elif stat.S_ISREG(info.st_mode):
            entries.append(InboxEntry(source_name, location, info.st_size, info.st_mtime_ns))
    return entries


_ENTRY_NAME = attrgetter("name")


def _inbox_order(name: str) -> tuple[str, ...]:
    """A name's place in `scan_inbox`'s order: each folder's entries sorted, a subfolder's files
    where the subfolder sorts."""
    return Path(name).parts


def changed_entries(entries: list[InboxEntry], known_files: set[tuple[str, int, int]]) -> list[InboxEntry]:
    """Entries whose (name, size, mtime) the warehouse has not seen: the only files worth reading."""
    if not known_files:
        return entries
    return [e for e in entries if (e.source_name, e.size_bytes, e.mtime_ns) not in known_files]


def settled_entries(entries: list[InboxEntry], seconds: float, now_ns: int | None = None) -> list[InboxEntry]:
    """Entries not modified in the last `seconds`: a file still being written waits for a later run."""
    if seconds <= 0:
        return entries
    cutoff = (now_ns if now_ns is not None else time.time_ns()) - int(seconds * 1e9)
    return [e for e in entries if e.mtime_ns <= cutoff]


def take_for_run(entries: list[InboxEntry], max_files: int) -> tuple[list[InboxEntry], int]:
    """The first `max_files` entries in inbox order, and how many are left for later runs."""
    return entries[:max_files], max(0, len(entries) - max_files)


def read_entries(entries: list[InboxEntry], now: dt.datetime | None = None) -> IngestResult:
    """Read and parse each entry; never raises for bad input."""
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    result = IngestResult()
    for entry in entries:
        _read_entry(entry, now, result)
    return result


def _read_entry(entry: InboxEntry, now: dt.datetime, result: IngestResult) -> None:
    def reject(source_name: str, rejection: Rejection) -> None:
        result.rejects.append(
            {"source_name": source_name, "reason": rejection.reason, "detail": rejection.detail, "rejected_at": now}
        )

    try:
        raw = _read_bytes(entry)
    except Rejection as rejection:
        reject(entry.source_name, rejection)
        _remember(entry, None, now, result)
        return
    _remember(entry, hashlib.sha1(raw).hexdigest(), now, result)
    source_format = SUPPORTED_SUFFIXES[entry.path.suffix.lower()]
    if source_format == "jsonl":
        for line_number, line in enumerate(raw.splitlines(), start=1):
            if not line.strip():
                continue
            name = f"{entry.source_name}#{line_number}"
            try:
                result.documents.append(_parse_jsonl_line(name, line, now))
            except Rejection as rejection:
                reject(name, rejection)
        return
    try:
        text, encoding = decode(raw, declared=_declared_charset(raw) if source_format == "html" else None)
        parser = {"txt": _parse_txt, "md": _parse_md, "html": _parse_html}[source_format]
        result.documents.append(parser(entry.source_name, text, encoding, now))
    except Rejection as rejection:
        reject(entry.source_name, rejection)


def _remember(entry: InboxEntry, content_hash: str | None, now: dt.datetime, result: IngestResult) -> None:
    result.files.append(
        {
            "source_name": entry.source_name,
            "size_bytes": entry.size_bytes,
            "mtime_ns": entry.mtime_ns,
            "content_hash": content_hash,
            "seen_at": now,
        }
    )


def _read_bytes(entry: InboxEntry) -> bytes:
    if entry.outside_inbox:
        raise Rejection("symlink_outside_inbox", "this is a symbolic link to a file outside the inbox; it was not read")
    suffix = entry.path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        kinds = ", ".join(sorted(set(SUPPORTED_SUFFIXES)))
        raise Rejection("unsupported_type", f"'{suffix or '(no extension)'}' files are not read; supported: {kinds}")
    if entry.size_bytes == 0:
        raise Rejection("empty", "the file is empty (0 bytes)")
    if suffix != ".jsonl" and entry.size_bytes > MAX_DOCUMENT_BYTES:
        raise Rejection(
            "too_large",
            f"the file is {entry.size_bytes / 1_048_576:.1f} MB; a document may be at most 10 MB "
            "(split it, or put articles in a .jsonl batch, one per line)",
        )
    raw = entry.path.read_bytes()
    if b"\x00" in raw:
        first_nul = raw.index(b"\x00")
        raise Rejection("binary", f"the file holds NUL bytes (the first at byte {first_nul}): it is not text")
    if not raw.strip():
        raise Rejection("empty", "the file holds only white space")
    return raw


def decode(raw: bytes, declared: str | None = None) -> tuple[str, str]:
    """UTF-8 first, then a declared charset, then cp1252; text full of control characters is refused."""
    candidates = ["utf-8", *([declared] if declared else []), *FALLBACK_ENCODINGS]
    for encoding in dict.fromkeys(candidates):
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if encoding == "utf-8" and text.startswith("\ufeff"):
            text = text[1:]
            encoding = "utf-8-sig"
        controls = len(_CONTROL_CHARS.findall(text))
        if controls > max(2, len(text) // 100):
            raise Rejection("undecodable", f"decoded as {encoding} the text holds {controls} control characters")
        return text, encoding
    tried = ", ".join(dict.fromkeys(candidates))
    raise Rejection("undecodable", f"the bytes are not valid in any of: {tried}; re-save the file as UTF-8")


def _declared_charset(raw: bytes) -> str | None:
    match = _HTML_CHARSET.search(raw[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def _document(source_name, source_format, text, body, encoding, now, meta: dict | None = None) -> dict:
    meta = meta or {}
    return {
        "source_name": source_name,
        "source_format": source_format,
        "title": _clean_field(meta.get("title")),
        "metadata_date": parse_metadata_date(meta.get("published") or meta.get("date")),
        "source_outlet": _clean_field(meta.get("source")),
        "url": _clean_field(meta.get("url")),
        "encoding": encoding,
        "original_text": text,
        "body_text": body,
        "ingested_at": now,
    }


def _parse_txt(source_name: str, text: str, encoding: str, now: dt.datetime) -> dict:
    return _document(source_name, "txt", text, text, encoding, now)


def _parse_md(source_name: str, text: str, encoding: str, now: dt.datetime) -> dict:
    meta: dict = {}
    body = text
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            loaded = yaml.load(match.group(1), Loader=_YAML_LOADER)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f" at line {mark.line + 2}" if mark else ""
            raise Rejection("malformed_front_matter", f"the YAML front matter does not parse{where}: {error}") from None
        if loaded is not None and not isinstance(loaded, dict):
            raise Rejection("malformed_front_matter", "the front matter must be a YAML mapping (key: value lines)")
        meta = loaded or {}
        body = text[match.end() :]
    body = _strip_markdown(body)
    if not body.strip():
        raise Rejection("empty", "the Markdown file has front matter but no article text")
    return _document(source_name, "md", text, body, encoding, now, meta)


def _parse_html(source_name: str, text: str, encoding: str, now: dt.datetime) -> dict:
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    extracted = trafilatura.bare_extraction(
        text,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if extracted is None or len((extracted.text or "").split()) < MIN_HTML_WORDS:
        raise Rejection("no_main_text", "no article text was found in the HTML page (only navigation or markup)")
    meta = {"title": extracted.title, "published": extracted.date, "source": extracted.sitename, "url": extracted.url}
    return _document(source_name, "html", text, extracted.text, encoding, now, meta)


def _parse_jsonl_line(source_name: str, line: bytes, now: dt.datetime) -> dict:
    if len(line) > MAX_DOCUMENT_BYTES:
        raise Rejection("too_large", f"the line is {len(line) / 1_048_576:.1f} MB; one article may be at most 10 MB")
    try:
        text, encoding = decode(line)
        record = json.loads(text)
    except json.JSONDecodeError as error:
        raise Rejection("malformed_json", f"the line is not valid JSON: {error.msg} at column {error.colno}") from None
    if not isinstance(record, dict):
        raise Rejection("malformed_json", f"the line is a JSON {type(record).__name__}, not an object with a 'text' field")
    body = record.get("text")
    if not isinstance(body, str):
        raise Rejection("missing_text", "the JSON object has no 'text' string field (the article body)")
    if not body.strip():
        raise Rejection("empty", "the 'text' field is empty")
    return _document(source_name, "jsonl", text, body, encoding, now, record)


def _strip_markdown(body: str) -> str:
    """Remove the Markdown syntax that would otherwise show up as words: headings, emphasis, links."""
    body = re.sub(r"^\s{0,3}#{1,6}\s*", "", body, flags=re.MULTILINE)
    body = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", body)
    body = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", body)
    return re.sub(r"(\*\*|__)(.+?)\1", r"\2", body)


def _clean_field(value) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def parse_metadata_date(value) -> dt.date | None:
    """Metadata dates are ISO (`2022-05-26`, or a timestamp); anything else is ignored, not guessed."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None
