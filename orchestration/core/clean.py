"""Clean: drop web-page chrome and repeated paragraphs, find the title, derive the doc_id.

The cleaned text is what every later stage reads and what every offset indexes, so cleaning is
deterministic: the same input always gives the same text, id and offsets.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import polars as pl

from orchestration.core import schema

# Lines that are page furniture rather than article text, matched against the whole line.
_CHROME_LINE = re.compile(
    r"""^(?:
        page\s*nav | hide | show | pages? | menu | home | search | skip\s+to\s+(?:main\s+)?content
      | (?:\w+\s+){0,2}ads? | advertisements? | sponsored(?:\s+content)?   # ad slots: "Sidebar Ads"
      | source\s+link | leave\s+a\s+(?:comment|reply) | no\s+comments:? | post\s+a\s+comment
      | \d+\s+comments? | comments?(?:\s*\(\d+\))? | share(?:\s+this(?:\s+(?:article|story))?)?(?:\s+on\s+\w+)?
      | (?:tweet|facebook|twitter|whatsapp|linkedin|email|print)(?:\s*[|/·]\s*\w+)*
      | subscribe(?:\s+.{0,40})? | sign\s+(?:in|up) | log\s*in | newsletter | related(?:\s+(?:articles?|posts?|stories|news))?
      | read\s+more:? | recommended(?:\s+for\s+you)? | trending(?:\s+now)? | most\s+read | you\s+may\s+also\s+like
      | (?:all\s+)?rights\s+reserved.* | ©.* | copyright\b.* | cookies?\b.{0,80} | accept(?:\s+all)?(?:\s+cookies)?
      | (?:image|photo|picture|file\s+photo|video)(?:\s+credit)?\s*:?\s*[^.]{0,60}
      | [A-Za-z]+(?:_[A-Za-z]+)+          # template identifiers such as Some_Theme
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_TEMPLATE_IDENTIFIER = re.compile(r"^[A-Za-z]+(?:_[A-Za-z]+)+$")
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d+[.)])\s+")
_TERMINAL = re.compile(r"[.!?:;\"'”’)\]]\s*$")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_WRAPPED_LINE_LENGTH = 50
_TEASER = re.compile(r"(?:\.\.\.|…)\s*$")
_SPACES = re.compile(r"[ \t\u00a0]+")
# Characters that NFKC and casefolding leave word-for-word alone: text made only of these has the
# same words before and after `document_id`'s normalisation (… becomes ..., not a word either).
_OUTSIDE_PLAIN_TEXT = re.compile(r"[^\x00-\x7f’‘“”–—…•·]")


def clean_text(text: str) -> str:
    """Return the article text without chrome or repeated paragraphs, paragraphs joined by blank lines."""
    return "\n\n".join(paragraph for paragraph, _ in _kept_paragraphs(text))


def _kept_paragraphs(text: str) -> list[tuple[str, str]]:
    """The paragraphs `clean_text` keeps, each with its `_paragraph_key`."""
    paragraphs = _paragraphs(text)
    # A page template prints its theme's name twice: once as an identifier, once in words.
    template_names = {p.casefold() for p in paragraphs if _TEMPLATE_IDENTIFIER.match(p)}
    kept: list[tuple[str, str]] = []
    seen: set[str] = set()
    for paragraph in paragraphs:
        if _CHROME_LINE.match(paragraph) or paragraph.replace(" ", "_").casefold() in template_names:
            continue
        key = _paragraph_key(paragraph)
        if not key or key in seen:
            continue
        seen.add(key)
        kept.append((paragraph, key))
    keys = [key for _, key in kept]
    return [(p, key) for p, key in kept if not _is_teaser_of_another(p, key, keys)]


def _paragraphs(text: str) -> list[str]:
    """Split into paragraphs, re-joining lines that a hard wrap broke mid-sentence."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    paragraphs: list[str] = []
    current = previous_line = ""
    for raw_line in text.split("\n"):
        line = _BULLET.sub("", _SPACES.sub(" ", raw_line).strip())
        if not line:
            if current:
                paragraphs.append(current)
            current = previous_line = ""
            continue
        # A long line that stops mid-sentence was wrapped, whatever the case of the next word.
        continues_sentence = (
            current
            and not _TERMINAL.search(current)
            and (line[:1].islower() or len(previous_line) >= _WRAPPED_LINE_LENGTH)
            and not _BULLET.match(raw_line)
        )
        previous_line = line
        if continues_sentence:
            current = f"{current} {line}"
        else:
            if current:
                paragraphs.append(current)
            current = line
    if current:
        paragraphs.append(current)
    return paragraphs


def _paragraph_key(paragraph: str) -> str:
    """Two paragraphs with the same key say the same thing (a bulleted copy counts as a repeat)."""
    return " ".join(_WORD.findall(_BULLET.sub("", paragraph).casefold()))


def _is_teaser_of_another(paragraph: str, key: str, keys: list[str]) -> bool:
    """A line cut short with '...' whose last words appear in a fuller paragraph is a page teaser."""
    if not _TEASER.search(paragraph):
        return False
    tail = " ".join(_WORD.findall(_TEASER.sub("", paragraph).casefold())[-8:])
    # kept keys are distinct, so only the paragraph itself has its key
    return len(tail) > 20 and any(other != key and tail in other for other in keys)


def guess_title(cleaned: str) -> str | None:
    """The first paragraph is a title when it reads like a headline: short, and not a sentence."""
    first = cleaned.split("\n\n", 1)[0].strip()
    words = _WORD.findall(first)
    if not 2 <= len(words) <= 25 or first.endswith((".", ",", ";")):
        return None
    if "\n\n" not in cleaned:
        return None
    return first


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def document_id(cleaned: str) -> str:
    """Derived from the normalised text, so the same article under two names is one document."""
    normalised = " ".join(_WORD.findall(unicodedata.normalize("NFKC", cleaned).casefold()))
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:20]


def clean_with_measures(text: str) -> tuple[str, int, str]:
    """`clean_text(text)` with its `word_count` and `document_id`.

    Both measures scan the whole cleaned text for words, which the paragraph keys have already
    done: for plain text (no bullet left at a paragraph start, nothing NFKC or casefolding would
    re-segment) they are computed from the keys, a third of cleaning's time; otherwise the
    general functions run.
    """
    kept = _kept_paragraphs(text)
    cleaned = "\n\n".join(paragraph for paragraph, _ in kept)
    if _OUTSIDE_PLAIN_TEXT.search(cleaned) or any(_BULLET.match(paragraph) for paragraph, _ in kept):
        return cleaned, word_count(cleaned), document_id(cleaned)
    normalised = " ".join(key for _, key in kept)
    words = sum(key.count(" ") + 1 for _, key in kept)
    return cleaned, words, hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:20]


def clean_documents(parsed: pl.DataFrame) -> pl.DataFrame:
    """Parsed documents (ingest.PARSED_DOCUMENT) → one row per input with clean text, title, id."""
    cleaned, counts, ids = zip(*map(clean_with_measures, parsed["body_text"])) if parsed.height else ((), (), ())
    return parsed.with_columns(
        pl.Series("clean_text", cleaned, dtype=pl.String),
        pl.coalesce(pl.col("title"), pl.Series([guess_title(c) for c in cleaned], dtype=pl.String)).alias("title"),
        pl.Series("word_count", counts, dtype=pl.Int32),
        pl.Series("doc_id", ids, dtype=pl.String),
    )


def split_new_documents(cleaned: pl.DataFrame, known_doc_ids: pl.Series) -> tuple[pl.DataFrame, pl.DataFrame]:
    """New distinct documents (first name wins) and every (doc_id, source_name) pair seen.

    `known_doc_ids` are already in the warehouse: an article seen again under a new name adds a
    name to `document_sources`, never a second document.
    """
    sources = cleaned.select(
        "doc_id", "source_name", pl.col("ingested_at").alias("first_seen_at")
    ).unique(subset=["doc_id", "source_name"], keep="first", maintain_order=True)
    new = (
        cleaned.filter(~pl.col("doc_id").is_in(known_doc_ids.implode()))
        .sort("source_name")
        .unique(subset="doc_id", keep="first", maintain_order=True)
    )
    return schema.conform(new, schema.DOCUMENTS), schema.conform(sources, schema.DOCUMENT_SOURCES)
