"""Score a warehouse against hand-annotated gold facts (`plenary evaluate GOLD.json`).

The gold file has the format of `../shared/gold/seeds.json`: `{"documents": [{"file", "votes",
"statements", "actors", "numbers"?}, ...]}`. Only the documents the gold file names are scored;
everything else in the warehouse is ignored. The warehouse is read through the marts contract
(`../shared/docs/warehouse-contract.md`) and opened read-only; when a running refresh holds the
lock, the reader copy published after the last successful run is scored instead.

The rules agree with `../shared/tools/score.py`, so the figures printed here are the figures the
project is judged by (`tests/test_evaluate.py` checks that on the seeds):

Documents
    A gold `file` is found by the last path component of `marts.documents.source_name`
    (`batch.jsonl#3` for a line of a batch). A gold document missing from the warehouse counts all
    its required votes and statements as missed; its actors and numbers are not scored.

Names
    Names are compared after normalisation: Unicode NFKC, lower case, curly quotes straightened,
    spaces collapsed, surrounding punctuation and a leading "the" dropped, then mapped through an
    alias table to one canonical name. Country aliases come from pycountry (short, official and
    common names, plus the UN "Iran (Islamic Republic of)" form of its "Iran, Islamic Republic of"
    names), pointing at the common English short name the gold uses ("Russia", "North Korea");
    a short table of our own adds abbreviations and metonyms (DPRK, U.S., Britain, Pyongyang,
    Washington), UN bodies (UNSC, "UN Security Council") and a few spelling variants. The table
    is a superset of score.py's, so it can only forgive names that score.py would count as wrong.

Votes (per document, over the votes `marts.vote_sources` links to it)
    A predicted vote is *compatible* with a gold vote when both are of the same body family
    (Security Council / Human Rights Council / General Assembly and its committees / other), every
    count the gold states (yes, no, abstain) is stated and equal in the prediction — a count the
    gold leaves null accepts anything — and the outcome agrees (a gold `unknown` accepts any; a
    gold `vetoed` accepts `rejected` when the prediction records a veto). Gold votes are matched
    greedily, most specific first (most counts stated), each to the unused compatible prediction
    agreeing on most counts. Only *substantive* predictions (some count, or a known outcome) count
    as predictions; an unmatched one is an extra. Optional gold votes are not required, but they
    take part in the matching: a prediction matched to one counts as right for precision.
    Of the matched required votes: tallies exactly right (every stated gold count equal), recall of
    the countries the gold names as voting against or vetoing (against ∪ vetoed_by versus the
    prediction's `no` positions ∪ vetoes), and vote dates right where the gold gives one. (Since a
    match already requires the stated counts, "tallies exact" is 100 % whenever votes are found;
    a wrong tally shows as a missed vote plus an extra one, which is what lowers votes F1.)

Statements (per document)
    A gold statement is keyed by `quote_start`; it is found when that text (normalised: NFKC,
    quotes removed, spaces collapsed, lower case) occurs in a predicted statement's quote. Its
    speaker is right when any of those predictions names the speaker: for a named gold speaker,
    the surname (last word) appears in the predicted name, or the first word is a token of it
    (family-name-first names such as "Fu Cong"); for a described speaker ("China's UN mission
    spokesperson"), both names share a role word (spokesperson, ambassador, official, …) or the
    prediction's affiliation equals the gold speaker. Optional statements are not required.
    Direct-quote precision is over predicted direct quotes of 4 words or more (shorter scare-quoted
    fragments are neither required nor penalised): a quote is right when it contains the
    `quote_start` of any gold statement of its document, direct or reported, optional or not.

Actors (over all found gold documents, per type)
    The predicted set is the distinct (name, type) of actors mentioned in those documents; the gold
    set is the union of the documents' `actors` lists. Countries and organizations are compared as
    normalised names; people match when the normalised names are equal or share the last word
    (the surname), which forgives "Zhang Jun" / "Jun" but also counts a second "Jun" as right.

Numbers (only documents whose gold lists `numbers`)
    A gold number is found when some `marts.numbers` row of the document has a value within 0.5 %
    of it and, where the gold gives a unit, a unit starting with it ("barrel" matches "barrels").

Ratios with an empty denominator are 0.0, as in score.py (the report also gives the counts, so a
0/0 is visible as such). F1 is the harmonic mean of precision and recall, computed before rounding.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb
import pycountry

from orchestration.core.config import reader_copy_path

REQUIRED_MARTS = ("documents", "votes", "vote_sources", "vote_positions", "statements", "actors", "mentions")
COUNT_FIELDS = (("yes", "yes_count"), ("no", "no_count"), ("abstain", "abstain_count"))
ACTOR_TYPES = {"countries": "country", "people": "person", "organizations": "organization"}
DIRECT_QUOTE_MIN_WORDS = 4  # shorter direct quotes are scare-quoted fragments, not statements
NUMBER_TOLERANCE = 0.005  # relative: "about 4 million" stored as 4.01e6 is still 4 million
ROUND = 3

# Words that make a gold speaker a description rather than a name, and the role words two
# descriptions must share to be the same speaker ("a senior U.S. official" ~ "U.S. official").
DESCRIPTION_MARKERS = ("spokes", "ambassador", "official", "envoy", "mission")
ROLE_WORDS = frozenset({"spokesperson", "spokesman", "spokeswoman", "ambassador", "official", "envoy", "mission", "diplomat"})


class EvaluationError(Exception):
    """The warehouse or the gold file cannot be scored (missing file, missing marts tables, bad gold)."""


# ---------------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------------

# Where pycountry's common name / short name is not what the gold (and newsrooms) write.
CANONICAL_COUNTRY = {
    "RU": "Russia",
    "TR": "Turkey",
    "BN": "Brunei",
    "VA": "Holy See",
    "PS": "Palestine",
    "CD": "Democratic Republic of the Congo",
    "FM": "Micronesia",
    "FK": "Falkland Islands",
    "VG": "British Virgin Islands",
    "VI": "United States Virgin Islands",
}

# Our own aliases: abbreviations, metonyms and other names not in pycountry, and UN bodies.
# Keys are written as `_clean` leaves them (no trailing dot: "u.s." is cleaned to "u.s").
OWN_ALIASES = {
    # countries
    "dprk": "north korea", "pyongyang": "north korea", "democratic peoples republic of korea": "north korea",
    "rok": "south korea", "korea republic": "south korea",
    "us": "united states", "u.s": "united states", "usa": "united states", "u.s.a": "united states",
    "america": "united states", "washington": "united states",
    "uk": "united kingdom", "u.k": "united kingdom", "britain": "united kingdom", "great britain": "united kingdom",
    "prc": "china", "peoples republic of china": "china",
    "burma": "myanmar", "myanmar (burma)": "myanmar", "turkiye": "turkey", "laos": "laos",
    "cape verde": "cabo verde", "ivory coast": "côte d'ivoire", "cote d'ivoire": "côte d'ivoire",
    "swaziland": "eswatini", "east timor": "timor-leste", "macedonia": "north macedonia",
    "czech republic": "czechia", "vatican": "holy see", "dr congo": "democratic republic of the congo",
    "drc": "democratic republic of the congo",
    # organizations
    "eu": "european union", "un": "united nations", "u.n": "united nations",
    "icc": "international criminal court",
    "unsc": "security council", "un security council": "security council",
    "u.n. security council": "security council", "united nations security council": "security council",
    "unga": "general assembly", "un general assembly": "general assembly",
    "u.n. general assembly": "general assembly", "united nations general assembly": "general assembly",
    "un human rights council": "human rights council", "united nations human rights council": "human rights council",
    # people
    "kim jong-un": "kim jong un", "kim jong\u2011un": "kim jong un",
}


def _clean(text: str | None) -> str:
    """Lower-case, straighten quotes, collapse spaces, drop surrounding punctuation and a leading 'the'."""
    if text is None:
        return ""
    s = unicodedata.normalize("NFKC", str(text)).lower().strip()
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    s = re.sub(r"\s+", " ", s).strip(" .,;:\"'")
    return re.sub(r"^the ", "", s)


@lru_cache(maxsize=1)
def alias_table() -> dict[str, str]:
    """Cleaned name → cleaned canonical name, for countries (pycountry) and our own aliases."""
    table: dict[str, str] = {}
    for country in pycountry.countries:
        canonical = CANONICAL_COUNTRY.get(country.alpha_2) or getattr(country, "common_name", None) or country.name
        names = {country.name, getattr(country, "official_name", None), getattr(country, "common_name", None), canonical}
        if ", " in country.name:  # "Iran, Islamic Republic of" is written "Iran (Islamic Republic of)" at the UN
            head, tail = country.name.split(", ", 1)
            names.add(f"{head} ({tail})")
            names.add(f"{tail} {head}")
        for name in filter(None, names):
            table[_clean(name)] = _clean(canonical)
    table.update(OWN_ALIASES)
    return table


def normalize_name(name: str | None) -> str:
    """The canonical form two names are compared in: 'the Russian Federation' → 'russia'."""
    cleaned = _clean(name)
    return alias_table().get(cleaned, cleaned)


def normalize_text(text: str | None) -> str:
    """Quote text as compared: NFKC, no double quotes, collapsed spaces, lower case."""
    s = unicodedata.normalize("NFKC", text or "")
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    s = s.replace('"', "")
    return re.sub(r"\s+", " ", s).strip().lower()


def name_tokens(name: str | None) -> set[str]:
    return set(re.findall(r"[a-z][a-z'\-]+", normalize_name(name)))


def body_family(body: str | None) -> str:
    """Votes only match within a family: the wording of a body varies more than its identity."""
    b = (body or "").lower()
    if "security" in b or "safety council" in b:  # "Safety Council": machine-paraphrased copies
        return "SC"
    if "human rights council" in b:
        return "HRC"
    if "assembly" in b or "committee" in b:  # the Main Committees are committees of the Assembly
        return "GA"
    return "other"


def speaker_matches(gold_speaker: str, predicted_name: str | None, predicted_affiliation: str | None) -> bool:
    """Whether a predicted speaker is the gold speaker (see the module docstring)."""
    gold, pred = normalize_name(gold_speaker), normalize_name(predicted_name)
    if not pred:
        return False
    if gold == pred:
        return True
    is_name = gold_speaker[:1].isupper() and not any(marker in gold for marker in DESCRIPTION_MARKERS)
    if is_name:
        # Surname last ("Barbara Woodward") or first ("Fu Cong"): either alone identifies them.
        words = gold.split()
        first, last = words[0], words[-1]
        return last in pred or (len(first) > 1 and first in name_tokens(predicted_name))
    shared_roles = name_tokens(gold_speaker) & name_tokens(predicted_name) & ROLE_WORDS
    return bool(shared_roles) or (predicted_affiliation is not None and normalize_name(predicted_affiliation) == gold)


def same_person(a: str, b: str) -> bool:
    """Normalised person names match when equal or when the surnames (last words) are."""
    return bool(a and b) and (a == b or a.split()[-1] == b.split()[-1])


# ---------------------------------------------------------------------------------------------
# Gold file
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldVote:
    body: str
    counts: dict[str, int | None]  # yes / no / abstain, None where the text does not state it
    outcome: str
    against: tuple[str, ...] = ()
    vetoed_by: tuple[str, ...] = ()
    date: str | None = None
    optional: bool = False

    @property
    def stated_counts(self) -> int:
        return sum(v is not None for v in self.counts.values())

    def describe(self) -> str:
        tally = "-".join("?" if self.counts[k] is None else str(self.counts[k]) for k, _ in COUNT_FIELDS)
        return f"{self.body} {tally} {self.outcome}"


@dataclass(frozen=True)
class GoldStatement:
    speaker: str
    quote_start: str
    direct: bool
    optional: bool = False


@dataclass(frozen=True)
class GoldNumber:
    value: float
    unit: str | None


@dataclass(frozen=True)
class GoldDocument:
    file: str
    votes: tuple[GoldVote, ...]
    statements: tuple[GoldStatement, ...]
    actors: dict[str, tuple[str, ...]]  # countries / people / organizations
    numbers: tuple[GoldNumber, ...] | None  # None: the gold does not list numbers for it


def load_gold(path: Path) -> list[GoldDocument]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return [_gold_document(d) for d in data["documents"]]
    except FileNotFoundError as exc:
        raise EvaluationError(f"gold file not found: {path}") from exc
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise EvaluationError(f"{path} is not a gold file like ../shared/gold/seeds.json: {exc!r}") from exc


def _gold_document(d: dict[str, Any]) -> GoldDocument:
    votes = tuple(
        GoldVote(
            body=v["body"],
            counts={k: v.get(k) for k, _ in COUNT_FIELDS},
            outcome=v.get("outcome") or "unknown",
            against=tuple(v.get("against") or ()),
            vetoed_by=tuple(v.get("vetoed_by") or ()),
            date=v.get("date"),
            optional=bool(v.get("optional")),
        )
        for v in d.get("votes") or ()
    )
    statements = tuple(
        GoldStatement(s.get("speaker") or "", s["quote_start"], bool(s.get("direct")), bool(s.get("optional")))
        for s in d.get("statements") or ()
    )
    actors = {key: tuple((d.get("actors") or {}).get(key) or ()) for key in ACTOR_TYPES}
    numbers = None
    if "numbers" in d:
        numbers = tuple(GoldNumber(float(n["value"]), n.get("unit")) for n in d["numbers"] or ())
    return GoldDocument(d["file"], votes, statements, actors, numbers)


# ---------------------------------------------------------------------------------------------
# Warehouse
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PredictedVote:
    body: str | None
    counts: dict[str, int | None]
    outcome: str
    vote_date: str | None
    noes: tuple[str, ...]
    vetoes: tuple[str, ...]

    @property
    def substantive(self) -> bool:
        """A vote row with neither a tally nor an outcome claims nothing, so it cannot be wrong."""
        return any(v is not None for v in self.counts.values()) or self.outcome != "unknown"

    def describe(self) -> str:
        tally = "-".join("?" if self.counts[k] is None else str(self.counts[k]) for k, _ in COUNT_FIELDS)
        return f"{self.body} {tally} {self.outcome}"


@dataclass(frozen=True)
class PredictedStatement:
    speaker_name: str | None
    speaker_affiliation: str | None
    quote: str
    is_direct: bool


def open_warehouse(warehouse: Path) -> tuple[duckdb.DuckDBPyConnection, Path, list[str]]:
    """Open read-only; if a running writer holds the lock, open the reader copy instead."""
    warehouse = Path(warehouse)
    if not warehouse.exists():
        raise EvaluationError(f"warehouse not found: {warehouse} (run `plenary refresh` first)")
    try:
        return duckdb.connect(str(warehouse), read_only=True), warehouse, []
    except duckdb.IOException as exc:
        if "lock" not in str(exc).lower():
            raise
        copy = reader_copy_path(warehouse)
        if not copy.exists():
            raise EvaluationError(f"{warehouse} is locked by a running writer and there is no reader copy {copy}") from exc
        note = f"{warehouse} is locked by a running writer; scoring the reader copy {copy} (the last successful run)"
        return duckdb.connect(str(copy), read_only=True), copy, [note]


class Marts:
    """The few queries the scorer needs, over the `marts` schema of an open connection."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con
        self.tables = {r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'marts'").fetchall()}
        missing = [t for t in REQUIRED_MARTS if t not in self.tables]
        if missing:
            raise EvaluationError(f"the warehouse lacks marts tables {missing}")

    def _rows(self, sql: str, *params: Any) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, list(params))
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]

    def documents_by_file(self) -> dict[str, str]:
        rows = self._rows("select doc_id, source_name from marts.documents order by source_name, doc_id")
        return {r["source_name"].split("/")[-1]: r["doc_id"] for r in rows}

    def votes(self, doc_id: str) -> list[PredictedVote]:
        rows = self._rows(
            """select v.vote_id, v.body, v.yes_count, v.no_count, v.abstain_count, v.outcome, v.vote_date,
                      (select list(p.country) from marts.vote_positions p
                        where p.vote_id = v.vote_id and p.position = 'no') as noes,
                      (select list(p.country) from marts.vote_positions p
                        where p.vote_id = v.vote_id and p.is_veto) as vetoes
               from marts.votes v join marts.vote_sources s using (vote_id)
               where s.doc_id = ? order by v.vote_id""",
            doc_id,
        )
        return [
            PredictedVote(
                body=r["body"],
                counts={k: None if r[col] is None else int(r[col]) for k, col in COUNT_FIELDS},
                outcome=r["outcome"] or "unknown",
                vote_date=None if r["vote_date"] is None else str(r["vote_date"]),
                noes=tuple(r["noes"] or ()),
                vetoes=tuple(r["vetoes"] or ()),
            )
            for r in rows
        ]

    def statements(self, doc_id: str) -> list[PredictedStatement]:
        rows = self._rows(
            """select speaker_name, speaker_affiliation, quote, is_direct from marts.statements
               where doc_id = ? order by statement_id""",
            doc_id,
        )
        return [PredictedStatement(r["speaker_name"], r["speaker_affiliation"], r["quote"] or "", bool(r["is_direct"])) for r in rows]

    def numbers(self, doc_id: str) -> list[tuple[float, str | None]]:
        if "numbers" not in self.tables:
            return []
        rows = self.con.execute(
            "select value, unit from marts.numbers where doc_id = ? and value is not null", [doc_id]).fetchall()
        return [(float(value), unit) for value, unit in rows]

    def actors(self, doc_ids: Sequence[str]) -> list[tuple[str, str, str]]:
        """(name, actor_type, doc_id) of the actors mentioned in these documents."""
        if not doc_ids:
            return []
        return self.con.execute(
            """select distinct a.name, a.actor_type, m.doc_id from marts.actors a join marts.mentions m using (actor_id)
               where m.doc_id in (select unnest(?::varchar[]))""",
            [list(doc_ids)],
        ).fetchall()


# ---------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------


@dataclass
class Miss:
    """One item the extraction got wrong: what kind, in which document, and what."""

    area: str  # votes / statements / actors / numbers / documents
    kind: str  # missed / extra / wrong_speaker / wrong_date / position_missed
    file: str
    what: str

    def line(self) -> str:
        return f"{self.area} {self.kind.replace('_', ' ')}  {self.file}: {self.what}"


@dataclass
class Ratio:
    hit: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.hit / self.total if self.total else 0.0

    def __str__(self) -> str:
        return f"{self.hit}/{self.total}"


@dataclass
class Tallies:
    """Running counts over all gold documents."""

    vote_recall: Ratio = field(default_factory=Ratio)  # required gold votes matched
    vote_precision: Ratio = field(default_factory=Ratio)  # substantive predictions matched
    tally_exact: Ratio = field(default_factory=Ratio)  # of matched required votes with a stated tally
    positions: Ratio = field(default_factory=Ratio)  # against / veto countries named
    vote_dates: Ratio = field(default_factory=Ratio)
    statement_recall: Ratio = field(default_factory=Ratio)
    attribution: Ratio = field(default_factory=Ratio)  # of required statements
    direct_precision: Ratio = field(default_factory=Ratio)
    numbers: Ratio = field(default_factory=Ratio)
    misses: list[Miss] = field(default_factory=list)


def f1(precision: float, recall: float) -> float:
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def vote_compatible(gold: GoldVote, pred: PredictedVote) -> bool:
    if body_family(gold.body) != body_family(pred.body):
        return False
    for key, value in gold.counts.items():
        if value is not None and pred.counts[key] != value:  # a stated count must be stated and equal
            return False
    if gold.outcome != "unknown" and pred.outcome != gold.outcome:
        # a veto is a rejection: 'rejected' stands for 'vetoed' only when the veto is recorded
        if not (gold.outcome == "vetoed" and pred.outcome == "rejected" and pred.vetoes):
            return False
    return True


def vote_agreement(gold: GoldVote, pred: PredictedVote) -> int:
    return sum(value is not None and pred.counts[key] == value for key, value in gold.counts.items())


def match_votes(golds: Sequence[GoldVote], preds: Sequence[PredictedVote]) -> dict[int, int]:
    """Greedy matching, most specific gold vote first: gold index → prediction index.

    Specific votes go first so that a vague gold vote ("adopted", no tally) does not take the
    prediction a fully stated tally needs.
    """
    used: set[int] = set()
    matches: dict[int, int] = {}
    for gi in sorted(range(len(golds)), key=lambda i: -golds[i].stated_counts):
        candidates = [pi for pi, p in enumerate(preds) if pi not in used and vote_compatible(golds[gi], p)]
        if candidates:
            best = max(candidates, key=lambda pi: vote_agreement(golds[gi], preds[pi]))
            used.add(best)
            matches[gi] = best
    return matches


def score_votes(doc: GoldDocument, preds: Sequence[PredictedVote], acc: Tallies) -> None:
    matches = match_votes(doc.votes, preds)
    for gi, gold in enumerate(doc.votes):
        if gold.optional:
            continue
        acc.vote_recall.total += 1
        if gi not in matches:
            acc.misses.append(Miss("votes", "missed", doc.file, gold.describe()))
            continue
        acc.vote_recall.hit += 1
        pred = preds[matches[gi]]
        if gold.stated_counts:
            acc.tally_exact.total += 1
            acc.tally_exact.hit += all(v is None or pred.counts[k] == v for k, v in gold.counts.items())
        wanted = {normalize_name(c) for c in gold.against + gold.vetoed_by}
        named = {normalize_name(c) for c in pred.noes + pred.vetoes}
        acc.positions.total += len(wanted)
        acc.positions.hit += len(wanted & named)
        for country in sorted(wanted - named):
            acc.misses.append(Miss("votes", "position_missed", doc.file, f"{country} against/veto in {gold.describe()}"))
        if gold.date:
            acc.vote_dates.total += 1
            if pred.vote_date == gold.date:
                acc.vote_dates.hit += 1
            else:
                acc.misses.append(Miss("votes", "wrong_date", doc.file, f"{gold.describe()}: gold {gold.date}, got {pred.vote_date}"))
    matched = set(matches.values())
    for pi, pred in enumerate(preds):
        if not pred.substantive:
            continue
        acc.vote_precision.total += 1
        if pi in matched:  # matched to a required or an optional gold vote
            acc.vote_precision.hit += 1
        else:
            acc.misses.append(Miss("votes", "extra", doc.file, pred.describe()))


def score_statements(doc: GoldDocument, preds: Sequence[PredictedStatement], acc: Tallies) -> None:
    quotes = [normalize_text(p.quote) for p in preds]
    for gold in doc.statements:
        if gold.optional:
            continue
        key = normalize_text(gold.quote_start)
        found = [p for p, q in zip(preds, quotes) if key in q]
        acc.statement_recall.total += 1
        acc.attribution.total += 1
        if not found:
            acc.misses.append(Miss("statements", "missed", doc.file, f"'{gold.quote_start}' ({gold.speaker})"))
            continue
        acc.statement_recall.hit += 1
        if any(speaker_matches(gold.speaker, p.speaker_name, p.speaker_affiliation) for p in found):
            acc.attribution.hit += 1
        else:
            got = ", ".join(sorted({str(p.speaker_name) for p in found}))
            acc.misses.append(Miss("statements", "wrong_speaker", doc.file, f"'{gold.quote_start}': gold {gold.speaker}, got {got}"))
    # Any gold key makes a direct quote right, even a reported or optional one: the annotators
    # mark quote vs paraphrase less reliably than whether the words were said.
    keys = [normalize_text(g.quote_start) for g in doc.statements]
    for pred, quote in zip(preds, quotes):
        if not pred.is_direct or len(quote.split()) < DIRECT_QUOTE_MIN_WORDS:
            continue
        acc.direct_precision.total += 1
        if any(k in quote for k in keys):
            acc.direct_precision.hit += 1
        else:
            acc.misses.append(Miss("statements", "extra", doc.file, f"'{pred.quote[:70]}' ({pred.speaker_name})"))


def number_found(gold: GoldNumber, preds: Iterable[tuple[float, str | None]]) -> bool:
    return any(
        abs(value - gold.value) <= NUMBER_TOLERANCE * abs(gold.value)
        and (gold.unit is None or (unit or "").lower().startswith(gold.unit))
        for value, unit in preds
    )


def score_numbers(doc: GoldDocument, preds: Sequence[tuple[float, str | None]], acc: Tallies) -> None:
    for gold in doc.numbers or ():
        acc.numbers.total += 1
        if number_found(gold, preds):
            acc.numbers.hit += 1
        else:
            acc.misses.append(Miss("numbers", "missed", doc.file, f"{gold.value:g} {gold.unit or ''}".strip()))


def score_actors(docs: Sequence[GoldDocument], predicted: Sequence[tuple[str, str, str]],
                 file_of: dict[str, str], acc: Tallies) -> dict[str, dict[str, Any]]:
    """Per type, over all documents at once (an actor is one item however many documents name it)."""
    result = {}
    for gold_key, actor_type in ACTOR_TYPES.items():
        gold_files: dict[str, set[str]] = {}  # normalised name → the gold documents listing it
        for doc in docs:
            for name in doc.actors[gold_key]:
                if normalize_name(name):
                    gold_files.setdefault(normalize_name(name), set()).add(doc.file)
        pred_files: dict[str, set[str]] = {}  # normalised name → the documents mentioning it
        for name, kind, doc_id in predicted:
            if kind == actor_type and normalize_name(name):
                pred_files.setdefault(normalize_name(name), set()).add(file_of[doc_id])
        gold, pred = set(gold_files), set(pred_files)
        if actor_type == "person":
            found = {g for g in gold if any(same_person(g, p) for p in pred)}
            right = {p for p in pred if any(same_person(p, g) for g in gold)}
        else:
            found = right = gold & pred
        recall = len(found) / len(gold) if gold else 0.0
        precision = len(right) / len(pred) if pred else 0.0
        missed, extra = sorted(gold - found), sorted(pred - right)
        acc.misses += [Miss("actors", "missed", ", ".join(sorted(gold_files[n])), f"{actor_type} {n}") for n in missed]
        acc.misses += [Miss("actors", "extra", ", ".join(sorted(pred_files[n])), f"{actor_type} {n}") for n in extra]
        result[actor_type] = {
            "precision": round(precision, ROUND), "recall": round(recall, ROUND), "f1": round(f1(precision, recall), ROUND),
            "gold": len(gold), "predicted": len(pred), "missed": missed, "extra": extra,
        }
    return result


def evaluate_warehouse(warehouse: Path, gold: Path) -> dict[str, Any]:
    """Score `warehouse` against the gold file; a JSON-ready report (see `format_report`)."""
    gold_docs = load_gold(gold)
    con, scored_path, notes = open_warehouse(warehouse)
    try:
        marts = Marts(con)
        by_file = marts.documents_by_file()
        acc = Tallies()
        found_docs: list[GoldDocument] = []
        for doc in gold_docs:
            doc_id = by_file.get(doc.file)
            if doc_id is None:
                acc.misses.append(Miss("documents", "missed", doc.file, "not in marts.documents"))
                score_votes(doc, [], acc)  # everything required in it is missed
                score_statements(doc, [], acc)
                continue
            found_docs.append(doc)
            score_votes(doc, marts.votes(doc_id), acc)
            score_statements(doc, marts.statements(doc_id), acc)
            if doc.numbers is not None:
                score_numbers(doc, marts.numbers(doc_id), acc)
        file_of = {by_file[d.file]: d.file for d in found_docs}
        actors = score_actors(found_docs, marts.actors(list(file_of)), file_of, acc)
        has_numbers_table = "numbers" in marts.tables
    finally:
        con.close()
    return build_report(gold, scored_path, notes, gold_docs, found_docs, acc, actors, has_numbers_table)


def build_report(gold: Path, warehouse: Path, notes: list[str], gold_docs: Sequence[GoldDocument],
                 found_docs: Sequence[GoldDocument], acc: Tallies, actors: dict[str, dict[str, Any]],
                 has_numbers_table: bool) -> dict[str, Any]:
    r = lambda x: round(x, ROUND)  # noqa: E731
    vp, vr = acc.vote_precision.value, acc.vote_recall.value
    sp, sr = acc.direct_precision.value, acc.statement_recall.value
    actors_mean = sum(a["f1"] for a in actors.values()) / len(actors)
    found = {d.file for d in found_docs}
    summary = {
        "votes_f1": r(f1(vp, vr)),
        "tallies_exact": r(acc.tally_exact.value),
        "against_veto_recall": r(acc.positions.value),
        "statements_recall": r(sr),
        "speaker_right": r(acc.attribution.value),
        "direct_quote_precision": r(sp),
        "actors_f1_countries": actors["country"]["f1"],
        "actors_f1_people": actors["person"]["f1"],
        "actors_f1_organizations": actors["organization"]["f1"],
        "numbers_recall": r(acc.numbers.value),
    }
    return {
        "gold": str(gold),
        "warehouse": str(warehouse),
        "notes": notes,
        "documents": {"gold": len(gold_docs), "found": len(found_docs),
                      "missing": [d.file for d in gold_docs if d.file not in found]},
        "summary": summary,
        "votes": {
            "precision": r(vp), "recall": r(vr), "f1": summary["votes_f1"],
            "matched": str(acc.vote_recall), "predicted_right": str(acc.vote_precision),
            "tally_exact": str(acc.tally_exact), "tally_exact_rate": summary["tallies_exact"],
            "against_veto": str(acc.positions), "against_veto_recall": summary["against_veto_recall"],
            "dates": str(acc.vote_dates), "dates_rate": r(acc.vote_dates.value),
        },
        "statements": {
            "recall": r(sr), "found": str(acc.statement_recall),
            "attribution": summary["speaker_right"], "attributed": str(acc.attribution),
            "precision_direct": r(sp), "direct_right": str(acc.direct_precision), "f1": r(f1(sp, sr)),
        },
        "actors": {**actors, "mean_f1": r(actors_mean)},
        "numbers": {"recall": summary["numbers_recall"], "found": str(acc.numbers), "table": has_numbers_table},
        "misses": [asdict(m) for m in acc.misses],
    }


def headline_f1(report: dict[str, Any]) -> float:
    """The figure `--min-f1` is held against: the worst of votes F1, statements F1, mean actors F1."""
    return min(report["votes"]["f1"], report["statements"]["f1"], report["actors"]["mean_f1"])


def format_report(report: dict[str, Any]) -> str:
    """The report as text: the issue's figures with their counts, then every miss, then a score line."""
    v, s, a, n, d = report["votes"], report["statements"], report["actors"], report["numbers"], report["documents"]
    rows = [
        ("votes F1 (body, tally, outcome)", v["f1"], f"P {v['precision']:.3f} ({v['predicted_right']})  R {v['recall']:.3f} ({v['matched']})"),
        ("tallies exactly right, of votes found", v["tally_exact_rate"], v["tally_exact"]),
        ("against / veto countries, recall", v["against_veto_recall"], v["against_veto"]),
        ("statements found, recall", s["recall"], s["found"]),
        ("speaker right, of required statements", s["attribution"], s["attributed"]),
        ("direct-quote precision", s["precision_direct"], s["direct_right"]),
    ]
    for label, key in (("countries", "country"), ("people", "person"), ("organizations", "organization")):
        x = a[key]
        rows.append((f"actors F1, {label}", x["f1"], f"P {x['precision']:.3f}  R {x['recall']:.3f}  gold {x['gold']}  predicted {x['predicted']}"))
    numbers_note = n["found"] if n["table"] else f"{n['found']} (no marts.numbers table)"
    rows.append(("numbers (value and unit), recall", n["recall"], numbers_note))
    rows.append(("vote dates right", v["dates_rate"], v["dates"]))

    lines = [f"plenary evaluate: {d['found']} of {d['gold']} gold documents found in {report['warehouse']}"]
    lines += [f"  note: {note}" for note in report["notes"]]
    lines.append("")
    lines += [f"  {label:<40}{value:>7.3f}   {detail}" for label, value, detail in rows]
    misses = [Miss(**m) for m in report["misses"]]
    lines.append("")
    lines.append(f"misses ({len(misses)}):" if misses else "misses: none")
    lines += [f"  {m.line()}" for m in misses]
    score_line = (f"score: votes_f1={v['f1']:.2f} statements_f1={s['f1']:.2f} "
                  f"attribution={s['attribution']:.2f} actors_f1={a['mean_f1']:.2f}")
    if n["found"] != "0/0":
        score_line += f" numbers_recall={n['recall']:.2f}"
    lines += ["", score_line]
    return "\n".join(lines)
