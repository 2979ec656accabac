"""Vote reports: which body voted, the tally, the outcome, and who voted no, abstained or vetoed.

Each sentence (quoted words masked out) is read for vote evidence: tallies in the forms UN
reporting uses, outcome verbs with a resolution-like object, vetoes, and country positions.
Evidence of one vote spread over several sentences is merged into one report while it stays
compatible (same body family, no conflicting tally or outcome, same era); a conflicting tally,
a consensus adoption after a recorded vote, or an earlier year starts a new report.
Future and hypothetical votes ("will vote next month", "likely to veto") are not votes.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date

from . import dates
from . import gazetteer as gz
from .entities import Mention
from .numbers import words_value
from .tokens import Doc

_NUMW = (r"(?:\d{1,3}|none|zero|no|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
         r"fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
         r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|(?:one|a) hundred(?: and)?(?: [a-z]+(?:-[a-z]+)?)?)")

_MEMBERS = r"(?:other\s+)?(?:member\s+states|member\s+countries|members|countries|states|nations|delegations|governments|votes?)"
_FAVOUR = r"(?:in\s+favou?r|for\b|yes\b|ayes?\b|affirmative)"
# "members", "council members", "member states": who casts a vote
_VOTERS = r"(?:(?:council|assembly|committee)\s+)?(?:member\s+states|member\s+countries|members|countries|states|nations|delegations|governments)"


def _n(name: str) -> str:
    return f"(?P<{name}>{_NUMW})"


_TALLY_PATTERNS = [
    # "by a recorded vote of 120 in favour to 9 against": labelled atoms are caught below; here the bare pairs
    re.compile(rf"\b(?:vote|votes|tally|margin|count)\s+(?:was\s+)?(?:of\s+)?{_n('y')}\s*(?:votes?\s+)?(?:to|-|–)\s*{_n('n')}\b(?!\s*(?:votes?\s+)?against|\s*%)(?:\s*(?:-|–)\s*{_n('a')}\b)?", re.I),
    re.compile(rf"\b(?:by|voted|passed|adopted|approved|rejected|defeated|backed|carried)\s+(?:a\s+(?:vote\s+of\s+)?)?{_n('y')}\s*(?:votes?\s+)?(?:to|-|–)\s*{_n('n')}\b(?!\s*(?:votes?\s+)?against|\s*%)(?:\s*(?:-|–)\s*{_n('a')}\b)?", re.I),
    re.compile(rf"\b{_n('y')}\s*(?:-|–)\s*{_n('n')}(?:\s*(?:-|–)\s*{_n('a')})?\s+(?:vote|tally|margin|decision|split|ballot)\b", re.I),
    re.compile(rf"\b{_n('y')}\s+votes?\s+to\s+{_n('n')}\b(?!\s*against)", re.I),
    # "The vote in the 15-member council was 13-1": the tally after a short phrase naming the body
    re.compile(rf"\b(?:vote|tally)\s+(?:in|at|of)\s+[^.;,]{{3,50}}?\s+was\s+{_n('y')}\s*(?:-|–|to)\s*{_n('n')}\b(?!\s*(?:votes?\s+)?against|\s*%)(?:\s*(?:-|–)\s*{_n('a')}\b)?", re.I),
    # a bare hyphenated tally set off after the text or the subject: "approved a text on water, 11-0, with 4
    # abstentions", "adopted the draft 12-0-3.", "The Council, 13-0-2, adopted"; digits only, and only where the
    # tally ends its phrase (a comma, the sentence end, "with …"), so "10-12 June" or "15-member" are not tallies
    re.compile(r"\b(?P<y>\d{1,3})\s*[-–]\s*(?P<n>\d{1,3})(?:\s*[-–]\s*(?P<a>\d{1,3}))?(?=\s*(?:[,;:)]|\.(?!\d)|$)|\s+with\b)", re.I),
]
_TALLY_LED = [rx.pattern.startswith(r"\b(?P<y>") for rx in _TALLY_PATTERNS]
_BARE_TALLY = _TALLY_PATTERNS[-1]
# before a bare tally: no number range or reference ("Articles 5-7,", "S/2024/12-3", "1.5-2")
_BARE_NOT_AFTER = re.compile(r"(?:[-–./:$£€]|\b(?:articles?|paragraphs?|pages?|chapters?|sections?|items?|rules?|annex(?:es)?|from|between|ages?|aged|nos?|numbers?))\s*$", re.I)
# an outcome or vote word in the sentence: a bare tally means nothing without one
_BARE_CONTEXT = re.compile(r"\b(?:vot|adopt|approv|pass|reject|defeat|carried|backed|endors|veto)", re.I)
_REJECT_BY = re.compile(r"\b(?:rejected|defeated|voted\s+down|turned\s+down|not\s+adopted|failed)\b(?:\s+(?:the|a|an|its|their|this|that)?\s*[\w-]+){0,3}?"
                        r"\s+(?:(?:by|with)\s+)?(?:a\s+(?:recorded\s+)?(?:vote|margin)\s+of\s+)?$|\b(?:rejected|defeated|down)\s+$", re.I)
# a threshold, not a count: "needs at least nine votes in favour", "the minimum nine votes needed"
_THRESHOLD_BEFORE = re.compile(r"\b(?:needs?|needed|requires?|required|requiring|at\s+least|minimum(?:\s+of)?|fewer\s+than|short\s+of|majority\s+of)\s+(?:the\s+)?$", re.I)
# an outcome verb over a counted set of texts: "adopted only two resolutions", "approved 19 draft resolutions"
_COUNTED_TEXTS = re.compile(
    r"\s+(?:only\s+|just\s+|some\s+|more\s+than\s+|at\s+least\s+|about\s+|nearly\s+|over\s+)?"
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many|dozens\s+of|a\s+number\s+of|numerous)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:resolutions|drafts|texts|decisions|measures|proposals|amendments)\b", re.I)
_YES_ATOMS = [
    re.compile(rf"\b{_n('v')}\s+(?:votes?\s+|{_VOTERS}\s+)?(?:(?:voting|voted|were)\s+)?{_FAVOUR}", re.I),
    re.compile(rf"\b(?:backed|supported|endorsed|approved|co-?sponsored)\s+by\s+(?:only\s+|just\s+|some\s+)?{_n('v')}\s+(?P<other>other\s+)?(?:member\s+states|member\s+countries|members|countries|states|nations|delegations|governments|votes)\b", re.I),
    re.compile(rf"\b{_n('v')}\s+(?P<other>other\s+)?{_VOTERS}\s+(?:\w+\s+)?(?:vot(?:ed|ing)\s+(?:in\s+favou?r|for|yes)|backed|supported|endorsed)\b", re.I),
    re.compile(rf"\b(?:received|won|garnered|got|secured|drew|gained|obtained|mustered)\s+(?:only\s+|just\s+)?{_n('v')}\s+(?:yes\s+|affirmative\s+)?votes?\b", re.I),
    re.compile(rf"\b{_n('v')}\s+out\s+of\s+(?:the\s+)?\d{{2,3}}\b", re.I),
]
_NO_ATOMS = [
    re.compile(rf"\b{_n('v')}\s+(?:votes?\s+|{_VOTERS}\s+)?(?:(?:voting|voted|were)\s+)?against\b", re.I),
    re.compile(rf"\b{_n('v')}\s+(?:other\s+)?{_VOTERS}\s+(?:\w+\s+)?(?:vot(?:ed|ing)\s+(?:against|no)|opposed)\b", re.I),
    re.compile(rf"\b{_n('v')}\s+(?:no|negative|nay)\s+votes?\b", re.I),
    re.compile(rf"\bopposed\s+by\s+{_n('v')}\b", re.I),
]
_ABS_ATOMS = [
    re.compile(rf"\b{_n('v')}\s+abstentions?\b", re.I),
    re.compile(rf"\b{_n('v')}\s+(?:other\s+)?(?:{_VOTERS})?\s*(?:\w+\s+)?abstain(?:ed|ing)\b", re.I),
    re.compile(rf"\babstentions?\s*[:=]\s*{_n('v')}\b", re.I),
]
# "A and B joined X in voting against", "A and B sided with X in opposing it", "stood with X in rejecting the text"
_JOINED_LIST_RE = re.compile(r"\b(?:joined|sided\s+with|stood\s+with|voted\s+with|aligned\s+(?:themselves\s+)?with)\s+(?P<list>[^.;]{2,80}?)\s+in\s+(?P<what>voting\s+against|opposing|voting\s+no|rejecting|abstaining)", re.I)
_JOINED_RE = re.compile(rf"\b{_n('v')}\s+(?:other\s+)?(?:countries|members|states|nations|delegations)\s+joined\s+(?P<list>[^.;]{{2,120}}?)\s+in\s+(?P<what>voting\s+against|opposing|voting\s+no|abstaining)", re.I)

_OUTCOME_ADOPT = re.compile(r"\b(?:adopt(?:ed|s)|approv(?:ed|es)|pass(?:ed|es)|endors(?:ed|es)|carried|unanimously|by\s+consensus|without\s+a\s+vote|without\s+a\s+recorded\s+vote)\b", re.I)
_OUTCOME_REJECT = re.compile(r"\b(?:reject(?:ed|s)|defeat(?:ed|s)|fail(?:ed|s)\s+to\s+(?:pass|be\s+adopted|win|secure|garner|get)|failed|was\s+not\s+adopted|not\s+adopted|did\s+not\s+pass|voted\s+down|block(?:ed|s))\b", re.I)
_VETO_VERB = re.compile(r"\b(?:vetoed|vetoes|vetoing|veto|cast\s+(?:a|its|their|his|her|the)\s+vetoe?s?|used\s+(?:its|their)\s+vetoe?s?|exercised\s+(?:its|their)\s+(?:right\s+of\s+)?vetoe?s?|wielded\s+(?:its|their)\s+vetoe?s?)\b", re.I)
_NEG_PERM = re.compile(r"\bnegative\s+votes?\s+of\s+(?:a|one|two|three)\s+permanent\s+members?\b|\bowing\s+to\s+(?:the\s+)?(?:a\s+)?veto\b", re.I)
_UNANIMOUS = re.compile(r"\bunanimous(?:ly)?\b", re.I)
_CONSENSUS = re.compile(r"\b(?:by\s+consensus|without\s+a\s+(?:recorded\s+)?vote)\b", re.I)
_OBJECTS = re.compile(
    r"\b(?:resolutions?|draft|drafts|texts?|measures?|motions?|proposals?|amendments?|decisions?|declarations?|"
    r"sanctions|it|request|bid|plan|initiative|call|demand|appeal)\b", re.I)
_VOTED_RE = re.compile(r"\bvot(?:ed|ing)\b", re.I)
_MODAL = re.compile(
    r"\b(?:will|would|could|can|may|might|shall|should|likely\s+to|expected\s+to|set\s+to|due\s+to|plans?\s+to|planning\s+to|"
    r"going\s+to|threaten(?:ed|s|ing)?\s+to|vowed\s+to|vows\s+to|is\s+to|are\s+to|intends?\s+to|wants?\s+to|seeks?\s+to|sought\s+to|"
    r"tried\s+to|try\s+to|hopes?\s+to|ready\s+to|prepared\s+to|if|unless|whether|in\s+order\s+to)\s+(?:\w+\s+){0,3}$"
    r"|(?<!decision\s)(?<!decisions\s)(?<!choice\s)(?<!choices\s)(?<!move\s)\bto\s+$",
    re.I,
)
_POS_AGAINST = re.compile(r"\b(?:voted\s+(?:against|no\b)|vote\s+against|voting\s+(?:against|no\b)|cast\s+(?:negative|no)\s+votes?|opposed\s+(?:the|it|a)\b|"
                          r"opposed(?=\s*(?:[,.;]|and\b|$))|rejected\b|were\s+against)|(?<=\w)['’]s\s+(?:lone\s+|single\s+|sole\s+)?(?:no|negative)\s+vote\b", re.I)
_POS_ABSTAIN = re.compile(r"\babstain(?:ed|ing)\b", re.I)
_POS_FAVOUR = re.compile(rf"\bvoted\s+{_FAVOUR}", re.I)
_AFTER_LIST_INTRO = re.compile(
    r"^\s*(?:(?:were|was|included|including|:)\s+|(?:along\s+)?with\s+(?:countries\s+|nations\s+|states\s+)?(?:like|such\s+as|including)?\s*|by\s+|(?:along\s+)?with\s+)(?:the\s+)?",
    re.I,
)
_LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+|as\s+well\s+as\s+)?|and\s+|&\s*|as\s+well\s+as\s+|\(|\)\s*,?\s*(?:and\s+)?)\s*(?:the\s+)?$", re.I)
_SUBJ_GAP = re.compile(r"^\s*(?:['’]s)?\s*(?:(?:both|all|also|had|have|has|then|each|together|jointly|on\s+\w+day|,|last\s+\w+|earlier|later|in\s+\w+|who|"
                       r"(?:were|was)\s+(?:also\s+)?among\s+(?:the\s+)?(?:\w+\s+)?(?:countries|nations|states|those|members|delegations)(?:\s+that|\s+who)?)\s*)*$", re.I)
_LAST_YEAR = re.compile(r"\b(?:last|previous|past)\s+year(?:['’]s)?\b|\ba\s+year\s+(?:earlier|ago|before)\b", re.I)
_YEAR_RE = re.compile(r"\b(?:in|In|since|during|of)\s+((?:19|20)\d\d)\b|^\s*((?:19|20)\d\d)\b")

_COMMITTEES = [
    (re.compile(r"\b(?:human\s+rights|social,?\s+humanitarian\s+and\s+cultural|third)\s+committee\b", re.I), "General Assembly Third Committee"),
    (re.compile(r"\b(?:disarmament(?:\s+and\s+international\s+security)?|first)\s+committee\b", re.I), "General Assembly First Committee"),
    (re.compile(r"\b(?:economic\s+and\s+financial|second)\s+committee\b", re.I), "General Assembly Second Committee"),
    (re.compile(r"\b(?:special\s+political\s+and\s+decolonization|decolonization|fourth)\s+committee\b", re.I), "General Assembly Fourth Committee"),
    (re.compile(r"\b(?:administrative\s+and\s+budgetary|budget(?:ary)?|fifth)\s+committee\b", re.I), "General Assembly Fifth Committee"),
    (re.compile(r"\b(?:legal|sixth)\s+committee\b", re.I), "General Assembly Sixth Committee"),
]
_COMMITTEE_WORD = re.compile(r"committee\b", re.I)
_BODY_CUES = [
    (re.compile(r"\b15-(?:member|nation)\b", re.I), "Security Council"),
    (re.compile(r"\b(?:193|192)-(?:member|nation)\b", re.I), "General Assembly"),
    (re.compile(r"\b47-(?:member|nation)\b", re.I), "Human Rights Council"),
    (re.compile(r"\b54-(?:member|nation)\b", re.I), "Economic and Social Council"),
    (re.compile(r"\b(?:Common|Normal|Basic)\s+Meeting\b"), "General Assembly"),
    (re.compile(r"\bthe\s+(?:full\s+)?assembly\b", re.I), "General Assembly"),
    (re.compile(r"\bthe\s+world\s+body\b", re.I), "General Assembly"),
    (re.compile(r"\bthe\s+committee\b", re.I), "@committee"),
    (re.compile(r"\bthe\s+council\b", re.I), "@council"),
    (re.compile(r"\bthe\s+(?:rights\s+)?(?:body|forum)\b", re.I), "@body"),
]
_BODY_ORGS = {"General Assembly", "Security Council", "Human Rights Council", "Economic and Social Council"} | {
    c for _, c in _COMMITTEES}


_KEYWORDS = re.compile(r"vot|adopt|approv|pass|reject|veto|abstain|abstention|favou?r|unanim|consensus|endors|defeat|fail|block|support|back|oppos", re.I)
# cheap gate: a sentence without one of these words holds no vote evidence
_GATE_WORDS = ("vot", "adopt", "approv", "passe", "reject", "veto", "abstain", "abstention", "favo", "unanim",
               "consensus", "endors", "defeat", "fail", "against", "supported", "backed", "opposed", "opposing", "blocked")
# the same gate for a whole document in one pass (letters only: no match crosses a sentence end)
_GATE_ANY = re.compile("|".join(map(re.escape, _GATE_WORDS)))
_GATE = re.compile(r"\bvot|adopt|approv|\bpasse|reject|veto|abstain|abstention|in\s+favou?r|unanim|consensus|endors|defeat|\bfail|against|supported|backed|opposed|blocked", re.I)


# a tally pattern not led by a number needs one of these words in the sentence
_TALLY_WORDS = ("vot", "tally", "margin", "count", "by", "passed", "adopted", "approved", "rejected", "defeated", "backed", "carried")
_ATOM_KEYS = ("backed", "supported", "endorsed", "approved", "sponsored", "received", "won", "garnered", "got", "secured",
              "drew", "gained", "obtained", "mustered", "opposed", "abstention")
# After \b, a look at the first character: every alternative starts with a digit or one of these letters
# (compared without case, as the alternatives are), so most word starts fail on one test instead of all
# the alternatives (this scan runs on every sentence read for votes).
_NUM_START = re.compile(
    r"\b(?=[\dnzotfsea])(?:\d|none\b|zero\b|no\b|one\b|two\b|three\b|four\b|five\b|six\b|seven\b|eight\b|nine\b|ten\b|eleven\b|twelve\b|"
    r"(?:thir|four|fif|six|seven|eigh|nine)teen\b|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b|a\s+hundred\b)",
    re.I,
)


def _finditer(rx: re.Pattern, sent: str, num_pos: list[int]):
    """Matches of a pattern that starts with a number: tried only where a number starts."""
    last = -1
    for p in num_pos:
        if p < last:
            continue
        m = rx.match(sent, p)
        if m:
            last = m.end()
            yield m


@dataclass
class VoteMention:
    start: int
    end: int
    body: str | None = None
    yes: int | None = None
    no: int | None = None
    abstain: int | None = None
    yes_other: bool = False
    outcome: str | None = None
    consensus: bool = False
    unanimous: bool = False
    positions: dict[str, tuple[str, bool]] = field(default_factory=dict)
    when: date | None = None
    era: int | None = None
    subject: str | None = None
    tally_spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class VoteReport:
    body: str | None
    subject: str | None
    when: date | None
    yes: int | None
    no: int | None
    abstain: int | None
    outcome: str
    evidence: str
    start: int
    end: int
    positions: dict[str, tuple[str, bool]]
    tally_spans: list[tuple[int, int]]


def _num(s: str | None) -> int | None:
    if s is None:
        return None
    s = s.lower().strip()
    if s.isdigit():
        return int(s)
    if s in {"none", "zero", "no"}:
        return 0
    v = words_value(s.replace(" and ", " "))
    return int(v) if v is not None else None


def _country_lists(countries: list[Mention]) -> list[list[Mention]]:
    """Group country mentions written as a list: 'China, Russia and Cuba'."""
    return []


def _list_before(pos: int, countries: list[Mention], text: str, gap_re=_SUBJ_GAP) -> list[Mention]:
    before = [m for m in countries if m.end <= pos]
    if not before:
        return []
    last = before[-1]
    if not gap_re.match(text[last.end:pos]):
        return []
    out = [last]
    k = len(before) - 2
    while k >= 0:
        m = before[k]
        gap = text[m.end:out[0].start]
        if _LIST_GAP.match(gap) or re.match(r"^\s*(?:,\s*)?(?:and|&)\s*$", gap) or gap.strip() == ",":
            out.insert(0, m)
            k -= 1
        else:
            break
    return out


def _list_after(pos: int, countries: list[Mention], text: str) -> list[Mention]:
    after = [m for m in countries if m.start >= pos]
    if not after:
        return []
    first = after[0]
    gap = text[pos:first.start]
    if not (_AFTER_LIST_INTRO.match(gap) and _AFTER_LIST_INTRO.match(gap).end() == len(gap) or not gap.strip()):
        return []
    out = [first]
    for m in after[1:]:
        g = text[out[-1].end:m.start]
        if _LIST_GAP.match(g) or g.strip() in {",", "and", ", and"}:
            out.append(m)
        else:
            break
    return out


_PAREN_OPEN_RE = re.compile(r"\s*(?:\(|--|—|–)")


def _paren_list(text: str, pos: int, countries: list[Mention]) -> list[Mention]:
    """Countries inside the bracket that opens at or just after pos: '4 against (A, B (C of), D)'."""
    m = _PAREN_OPEN_RE.match(text[pos:pos + 5])
    if not m:
        return []
    i = pos + m.end()
    if m.group().strip() != "(":
        # "two against -- the United States and Israel --": up to the closing dash
        close = re.search(r"--|—|–|[.;]", text[i:i + 200])
        j = i + close.start() if close else i
        return [c for c in countries if i <= c.start and c.end <= j]
    depth = 1
    j = i
    while j < len(text) and depth:
        if text[j] == "(":
            depth += 1
        elif text[j] == ")":
            depth -= 1
        j += 1
    return [c for c in countries if i <= c.start and c.end <= j]


def _masked(doc: Doc, qspans: list[tuple[int, int]]) -> str:
    if not qspans:
        return doc.text
    text = doc.text
    for a, b in qspans:
        if a < b:  # every non-space character of the span becomes "_" (spans may overlap)
            text = text[:a] + _NON_SPACE.sub("_", text[a:b]) + text[b:]
    return text


_NON_SPACE = re.compile(r"\S")


# `_is_hypothetical` runs for every candidate vote word: its patterns are compiled once
_NUMW_WORD_RE = re.compile(_NUMW + r"\b", re.I)
_NO_ONE_RE = re.compile(r"(?:no|one)\b", re.I)
_TO_END_RE = re.compile(r"\bto\s+$")
_CLAUSE_MARK_RE = re.compile(r"[,;:]")
_FUTURE_CLAUSE_RE = re.compile(r"\b(?:will|would|likely)\b[^,;:]*$")


def _is_hypothetical(text: str, sent_start: int, pos: int) -> bool:
    clause = text[max(sent_start, pos - 60):pos]
    if text[pos:pos + 1].isdigit() or _NUMW_WORD_RE.match(text[pos:pos + 14]) and not _NO_ONE_RE.match(text[pos:pos + 4]):
        clause = _TO_END_RE.sub("", clause)  # "126 in favour to 8 against": a tally, not an infinitive
    clause = _CLAUSE_MARK_RE.split(clause)[-1] if not _FUTURE_CLAUSE_RE.search(clause) else clause
    return bool(_MODAL.search(clause))


def _clause(text: str, s0: int, s1: int, pos: int) -> tuple[int, int]:
    a = max(text.rfind(",", s0, pos), text.rfind(";", s0, pos))
    b_candidates = [k for k in (text.find(",", pos, s1), text.find(";", pos, s1)) if k >= 0]
    return (a + 1 if a >= 0 else s0), (min(b_candidates) if b_candidates else s1)


_OBJECT_END_RE = re.compile(r"[,;]|\b(?:of|and|for|with|that|which|over|because|as|on|in|at|by|amid|after|to|from|against)\b")
_OBJECT_BEFORE_RE = re.compile(r"\b(?:resolutions?|draft|text|measure|motion|proposal|amendment|decision|declaration|it)\b", re.I)


def _has_object(text: str, s0: int, s1: int, m_start: int, m_end: int) -> bool:
    """A resolution-like noun as the object after the verb or the (passive) subject before it."""
    after = text[m_end:min(s1, m_end + 70)]
    after = _OBJECT_END_RE.split(after)[0]
    if _OBJECTS.search(after):
        return True
    a, _ = _clause(text, s0, s1, m_start)
    before = text[max(a, m_start - 90):m_start]
    return bool(_OBJECT_BEFORE_RE.search(before))


_BODY_WORDS = re.compile(r"\b(?:assembly|council|committee|body|members|states|countries)\b", re.I)
_SPEAKER_WORDS = re.compile(r"\b(?:representative|ambassador|envoy|delegate|minister|spokes(?:man|woman|person)|official|diplomat|president|secretary)\b", re.I)


def _speaker_subject(text: str, s0: int, s1: int, pos: int, people: list[Mention]) -> bool:
    """A person (or a delegate) is the subject of the verb at pos, and no voting body is."""
    a, _ = _clause(text, s0, s1, pos)
    before = text[a:pos]
    if _BODY_WORDS.search(before):
        return False
    return any(a <= m.start < pos for m in people) or bool(_SPEAKER_WORDS.search(before))


def _sentence_body(text: str, s0: int, s1: int, pos: int, orgs: list[Mention], last_council: str | None,
                   last_committee: str | None, last_body: str | None) -> str | None:
    """The body voting in this sentence: an explicit name in the same clause as the vote word."""
    sent = text[s0:s1]
    cands: list[tuple[int, str]] = []
    # every committee pattern ends in "committee" (same flags): one scan for the word spares the six without it
    for rx, name in _COMMITTEES if _COMMITTEE_WORD.search(sent) else ():
        for m in rx.finditer(sent):
            cands.append((s0 + m.start(), name))
    for m in orgs:
        if s0 <= m.start < s1 and m.name in _BODY_ORGS:
            cands.append((m.start, m.name))
    for rx, name in _BODY_CUES:
        for m in rx.finditer(sent):
            if name == "@committee":
                # "the Committee's report" is no voting body; nor is "the committee" with none named before
                if text[s0 + m.end():s0 + m.end() + 2] in ("'s", "’s"):
                    continue
                name = last_committee
            elif name == "@council":
                name = last_council or "Security Council"
            elif name == "@body":
                name = last_body
            if name:
                cands.append((s0 + m.start(), name))
    if not cands:
        return None
    # same clause first: no clause boundary between the body and the vote word
    def clause_ok(p: int) -> bool:
        if p > pos:
            # after the vote word only as its place or agent: "in a General Assembly committee", "by the Council"
            pre = text[max(pos, p - 25):p]
            return bool(re.search(r"\b(?:in|at|by|of|during|before)\s+(?:the\s+|a\s+|an\s+)?(?:\S+\s+){0,2}$", pre, re.I)) and "," not in text[pos:p]
        seg = text[p:pos]
        if "," not in seg and ";" not in seg:
            return True
        # the body as the sentence subject, with an apposition: "The Council, meeting on Syria, adopted"
        lead = re.sub(r"^[^\n]*?[-–—]\s+(?=\S)", "", text[s0:p]) if re.search(r"\s[-–—]\s", text[s0:p]) else text[s0:p]
        return len(lead.split()) <= 3 and not re.search(r"\b(?:since|because|while|although|though|as|after|before|when|if)\b", lead, re.I) and seg.count(",") <= 2
    ok = [c for c in cands if clause_ok(c[0])]
    if not ok:
        return None
    # a committee named next to a plenary name is the committee ("a General Assembly human rights committee")
    names = {c[1] for c in ok}
    for c in sorted(ok, key=lambda c: abs(c[0] - pos)):
        if "Committee" in c[1]:
            return c[1]
    return min(ok, key=lambda c: abs(c[0] - pos))[1]


def find_votes(doc: Doc, mentions: list[Mention], qspans: list[tuple[int, int]], base: date | None) -> list[VoteReport]:
    text = _masked(doc, qspans)
    countries = [m for m in mentions if m.kind == "country" and not m.demonym]
    orgs = [m for m in mentions if m.kind == "organization"]
    persons = [m for m in mentions if m.kind == "person"]
    doc_year = base.year if base else None
    vms: list[VoteMention] = []
    last_council = last_committee = last_body = None
    by_sent: dict[int, list[Mention]] = {}
    for m in orgs:
        by_sent.setdefault(doc.sentence_of(m.start), []).append(m)
    # sentences passing `_read_sentence`'s substring gate, found in one pass over the document
    low_text = text.lower()
    gated = {doc.sentence_of(m.start()) for m in _GATE_ANY.finditer(low_text)} if len(low_text) == len(text) else None
    starts = [m.start for m in countries]
    pstarts = [m.start for m in persons]
    for si, s in enumerate(doc.sentences):
        s0, s1 = s.start, s.end
        sent = text[s0:s1]
        # running context for "the council" / "the committee"
        for m in by_sent.get(si, ()):
            if s0 <= m.start < s1:
                if m.name in {"Security Council", "Human Rights Council", "Economic and Social Council"}:
                    last_council = m.name
                if "Committee" in m.name:
                    last_committee = m.name
                if m.name in _BODY_ORGS:
                    last_body = m.name
        if "ommittee" in sent:
            for rx, name in _COMMITTEES:
                if rx.search(sent):
                    last_committee = name
        if gated is not None and si not in gated:
            continue
        vm = _read_sentence(doc, text, s0, s1, countries, orgs, last_council, last_committee, last_body, base, persons,
                            scount=countries[bisect_left(starts, s0):bisect_left(starts, s1)],
                            people=persons[bisect_left(pstarts, s0):bisect_left(pstarts, s1)])
        if vm is None:
            continue
        if vm.body and "Committee" in vm.body:
            last_committee = vm.body
        if vm.body:
            last_body = vm.body
        vms.append(vm)
    return _merge(vms, text, doc, doc_year, orgs, base)


# the patterns `_read_sentence` tries on a sentence with vote evidence, compiled once
_OUT_OF_BEFORE = re.compile(r"\bout\s+of\s+(?:the\s+)?$", re.I)
_ALONG_WITH = re.compile(r"\b(?:(?:along|together)\s+with|as\s+did|joined\s+by|including|such\s+as|among\s+them)\s+(?:(?:other\s+)?(?:countries|nations|states|members)\s+)?(?:(?:like|such\s+as|including)\s+)?", re.I)
_LIST_INTRO = re.compile(r"\s*(?:were|was|included|:)\s+")
_CLAUSE_CUT = re.compile(r"\b(?:because|since|after|before|when|which|who|that|while|although)\b")
_ERA_RE = re.compile(r"\b(?:in|In|during|During|of)\s+((?:19|20)\d\d)\b()")
_ERA_LEAD_RE = re.compile(r"\s*(?:In|During)\s+((?:19|20)\d\d)\b()")
_SUBJECT_RE = re.compile(r"\b(?:resolution|draft(?:\s+resolution)?|text|measure|proposal)\b\s*(?:that\s+|which\s+)?(?P<s>(?:condemning|calling|urging|demanding|on(?!\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|\d))|to|that|which|against|aimed|seeking|requiring|expressing|reaffirming|extending|imposing|tightening|establishing|renewing|deploring|welcoming)\b[^.;]{3,140})", re.I)
_SUBJECT_END_RE = re.compile(r",\s+(?:with|by|and|but|while|which|owing|exposing)\b|\s+by\s+a\s+(?:recorded\s+)?vote|\s+with\s+\d|\s+(?:was|were)\s+(?:not\s+)?(?:adopted|approved|rejected|vetoed|passed|supported|backed)\b")


def _read_sentence(doc, text, s0, s1, countries, orgs, last_council, last_committee, last_body, base, persons=(),
                   scount=None, people=None) -> VoteMention | None:
    sent = text[s0:s1]
    low = sent.lower()
    # substring gates first: regex alternations are slow when tried at every position
    if not any(k in low for k in _GATE_WORDS):
        return None
    vm = VoteMention(s0, s1)
    trig: int | None = None
    if scount is None:
        scount = [c for c in countries if s0 <= c.start < s1]
    if people is None:
        people = [m for m in persons if s0 <= m.start < s1]
    evidence = False
    num_pos = [m.start() for m in _NUM_START.finditer(sent)]
    # the substring gates of the patterns below that do not start with a number, tested once per sentence
    tally_words = bool(num_pos) and any(w in low for w in _TALLY_WORDS)
    atom_words = bool(num_pos) and any(w in low for w in _ATOM_KEYS)
    # tallies
    for k, rx in enumerate(_TALLY_PATTERNS):
        led = _TALLY_LED[k]
        if not num_pos or (not led and not tally_words):
            continue
        if rx is _BARE_TALLY and not _BARE_CONTEXT.search(sent):
            continue
        for m in (_finditer(rx, sent, num_pos) if led else rx.finditer(sent)):
            if rx is _BARE_TALLY and (any(a <= s0 + m.start("y") < b for a, b in vm.tally_spans)
                                      or _BARE_NOT_AFTER.search(sent, max(0, m.start() - 12), m.start())):
                continue  # already read by a tally form above, or a range of numbers
            y, n_, a = _num(m.group("y")), _num(m.group("n")), _num(m.groupdict().get("a"))
            if y is None or n_ is None or y > 193 or n_ > 193 or (y < n_ and not re.search(r"reject|defeat|fail|not\s+adopted|down", sent, re.I) and m.group("y").isdigit() and False):
                continue
            if _is_hypothetical(text, s0, s0 + m.start()):
                continue
            if y > n_ and _REJECT_BY.search(text[max(s0, s0 + m.start("y") - 45):s0 + m.start("y")]):
                # "defeated by 19 votes to 17": a rejection names the larger (opposing) side first
                y, n_ = n_, y
            vm.yes, vm.no = vm.yes if vm.yes is not None else y, vm.no if vm.no is not None else n_
            if a is not None and vm.abstain is None:
                vm.abstain = a
            vm.tally_spans += [(s0 + m.start("y"), s0 + m.end("y")), (s0 + m.start("n"), s0 + m.end("n"))]
            if m.groupdict().get("a"):
                vm.tally_spans.append((s0 + m.start("a"), s0 + m.end("a")))
            evidence = True
    for field_, atoms in (("yes", _YES_ATOMS), ("no", _NO_ATOMS), ("abstain", _ABS_ATOMS)) if num_pos else ():
        for rx in atoms:
            led = rx.pattern.startswith(r"\b(?P<v>")
            if not led and not atom_words:
                continue
            for m in (_finditer(rx, sent, num_pos) if led else rx.finditer(sent)):
                v = _num(m.group("v"))
                if v is None or v > 193:
                    continue
                if any(a <= s0 + m.start("v") < b for a, b in vm.tally_spans):
                    continue
                if _OUT_OF_BEFORE.search(text[max(s0, s0 + m.start("v") - 12):s0 + m.start("v")]):
                    continue  # the denominator of "143 out of 193"
                if _THRESHOLD_BEFORE.search(text[max(s0, s0 + m.start("v") - 30):s0 + m.start("v")]):
                    continue
                if field_ == "yes" and "out of" in m.group().lower() and not re.search(r"favou?r|back|support|adopt|approv|vot", sent, re.I):
                    continue
                if m.group("v").lower() == "no" and field_ != "abstain" and "abstention" not in m.group().lower():
                    continue
                if _is_hypothetical(text, s0, s0 + m.start()) and not re.search(r"\b(?:was|were|had|has)\b", sent[:m.start()][-40:]):
                    continue
                if getattr(vm, field_) is None:
                    setattr(vm, field_, v)
                    if field_ == "yes" and m.groupdict().get("other"):
                        vm.yes_other = True
                vm.tally_spans.append((s0 + m.start("v"), s0 + m.end("v")))
                evidence = True
                if field_ == "no":
                    for c in _paren_list(text, s0 + m.end(), countries):
                        vm.positions.setdefault(c.name, ("no", False))
                elif field_ == "abstain":
                    for c in _paren_list(text, s0 + m.end(), countries):
                        vm.positions.setdefault(c.name, ("abstain", False))
                elif field_ == "yes":
                    for c in _paren_list(text, s0 + m.end(), countries):
                        vm.positions.setdefault(c.name, ("yes", False))
    if "joined" in low or " with " in low:
        # "Belarus, Eritrea and Syria joined Russia in voting against": both lists hold that position
        for jm2 in _JOINED_LIST_RE.finditer(sent):
            what = "abstain" if "abstain" in jm2.group("what").lower() else "no"
            p = s0 + jm2.start()
            if _is_hypothetical(text, s0, p):
                continue
            named = _list_before(p, scount, text) + [c for c in scount if s0 + jm2.start("list") <= c.start < s0 + jm2.end("list")]
            for c in named:
                vm.positions.setdefault(c.name, (what, False))
            if named:
                evidence = True
    jm = next(_finditer(_JOINED_RE, sent, num_pos), None) if "joined" in low else None
    if jm:
        v = _num(jm.group("v"))
        joined = [c for c in scount if s0 + jm.start("list") <= c.start < s0 + jm.end("list")]
        what = "abstain" if "abstain" in jm.group("what").lower() else "no"
        if v is not None and joined:
            if what == "no" and vm.no is None:
                vm.no = v + len(joined)
            elif what == "abstain" and vm.abstain is None:
                vm.abstain = v + len(joined)
            vm.tally_spans.append((s0 + jm.start("v"), s0 + jm.end("v")))
            for c in joined:
                vm.positions.setdefault(c.name, (what, False))
            colon = re.match(r"\s*(?:it|them|the\s+\w+)?\s*:\s*", text[s0 + jm.end():s0 + jm.end() + 20])
            if colon:
                for c in _list_after(s0 + jm.end() + colon.end(), scount, text):
                    vm.positions.setdefault(c.name, (what, False))
            evidence = True
    # "12-2, with India abstaining": the named countries are the count
    if (vm.yes is not None or vm.no is not None) and ("abstaining" in low or "voting" in low):
        for rx_, field_, pos_ in ((r"\bwith\s+(?P<l>[^.;]{2,120}?)\s+abstaining\b", "abstain", "abstain"),
                                  (r"\bwith\s+(?P<l>[^.;]{2,120}?)\s+voting\s+(?:against|no)\b", "no", "no")):
            wm = re.search(rx_, sent, re.I)
            if wm:
                named = [c for c in scount if s0 + wm.start("l") <= c.start < s0 + wm.end("l")]
                gap_ok = named and all(_LIST_GAP.match(text[x.end:y.start]) or text[x.end:y.start].strip() in {",", "and", ", and"} for x, y in zip(named, named[1:]))
                if gap_ok:
                    for c in named:
                        vm.positions.setdefault(c.name, (pos_, False))
                    if getattr(vm, field_) is None and not re.search(r"\b(?:including|among|such as|like)\b", wm.group("l"), re.I):
                        setattr(vm, field_, len(named))
    # outcome words
    veto = False
    for m in (_VETO_VERB.finditer(sent) if "veto" in low else ()):
        p = s0 + m.start()
        word = m.group().lower()
        if _is_hypothetical(text, s0, p):
            continue
        lst = _list_before(p, scount, text)
        if word in {"veto", "vetoes"} and not lst:
            # a noun: only a veto someone cast ("China and Russia's vetoes", "the Security Council vetoes two weeks earlier")
            pre = text[max(s0, p - 40):p]
            if not (re.search(r"(?:['’]s|their|its)\s+$", pre) or (re.search(r"council\s*(?:['’]s)?\s*$", pre, re.I) and dates.has_time_phrase(sent))
                    or re.search(r"\b(?:cast|used|exercised|wielded)\b", m.group(), re.I)):
                continue
            if re.search(r"\b(?:their|its)\s+$", pre) and not re.search(r"\b(?:cast|used|exercised)\b", text[max(s0, p - 30):p]):
                pass
        if not lst:
            lst = _list_after(s0 + m.end(), scount, text) if re.match(r"\s+by\b", text[s0 + m.end():s0 + m.end() + 4]) or word.endswith("vetoed") and re.match(r"\s+by\b", text[s0 + m.end():]) else []
        if not lst and word in {"vetoing", "vetoed"} or (not lst and word.startswith(("cast", "used", "exercised"))):
            # "… whether China and Russia had put … by vetoing": the nearest list before
            before = [c for c in scount if c.end <= p]
            if before:
                lst = _list_before(before[-1].end, scount, text)
        if lst and not any(c.name in gz.PERMANENT_MEMBERS for c in lst):
            continue  # "North Korea's vetoes", "N Korea vetoes": no permanent member, no veto cast
        lst = [c for c in lst if c.name in gz.PERMANENT_MEMBERS]
        if trig is None:
            trig = p
        veto = True
        for c in lst:
            vm.positions[c.name] = ("no", True)
        evidence = True
    if ("permanent" in low or "owing" in low) and _NEG_PERM.search(sent):
        veto = True
        evidence = True
    if veto:
        vm.outcome = "vetoed"
        vm.body = "Security Council"
    for m in (_OUTCOME_REJECT.finditer(sent) if any(w in low for w in ("reject", "defeat", "fail", "not adopted", "not pass", "voted down", "block")) else ()):
        p = s0 + m.start()
        if _is_hypothetical(text, s0, p) or not (_has_object(text, s0, s1, p, s0 + m.end()) or vm.yes is not None):
            continue
        if _COUNTED_TEXTS.match(text, s0 + m.end()) and vm.yes is None and vm.no is None:
            continue
        if m.group().lower().startswith("block") and not re.search(r"resolution|draft|text|sanction|measure", sent, re.I):
            continue
        if _speaker_subject(text, s0, s1, p, people):
            continue  # "Ambassador X rejected the draft": an opinion, not the outcome
        active = re.match(r"(?:reject|block|voted\s+down)", m.group(), re.I)
        lst = _list_before(p, scount, text) if active else []
        for c in lst:
            vm.positions.setdefault(c.name, ("no", False))
        if vm.outcome is None:
            vm.outcome = "rejected"
        trig = p if trig is None else trig
        evidence = True
    for m in (_OUTCOME_ADOPT.finditer(sent) if any(w in low for w in ("adopt", "approv", "pass", "endors", "carried", "unanim", "consensus", "without a")) else ()):
        p = s0 + m.start()
        w = m.group().lower()
        if _is_hypothetical(text, s0, p):
            continue
        if not (_has_object(text, s0, s1, p, s0 + m.end()) or vm.yes is not None or w.startswith(("unanim", "by cons", "without"))):
            continue
        if _COUNTED_TEXTS.match(text, s0 + m.end()) and vm.yes is None and vm.no is None:
            continue  # "has adopted only two resolutions since …", "approved 19 drafts": a summary, not one vote
        if w.startswith(("pass", "approv", "endors")) and not re.search(r"resolution|draft|text|measure|motion|proposal|amendment|decision|declaration|sanction", sent, re.I):
            continue
        if _speaker_subject(text, s0, s1, p, people):
            continue
        if vm.outcome is None:
            vm.outcome = "adopted"
        trig = p if trig is None else trig
        if _CONSENSUS.search(sent):
            vm.consensus = True
        if _UNANIMOUS.search(sent):
            vm.unanimous = True
        evidence = True
    # positions in prose
    for rx, pos, keys in ((_POS_AGAINST, "no", ("against", "opposed", "voted no", "voting no", "cast", "no vote", "negative vote")), (_POS_ABSTAIN, "abstain", ("abstain",)), (_POS_FAVOUR, "yes", ("favo", "voted for", "voted yes"))):
        if not any(k in low for k in keys):
            continue
        for m in rx.finditer(sent):
            p = s0 + m.start()
            if _is_hypothetical(text, s0, p):
                continue
            if rx is _POS_AGAINST and m.group().lower().startswith("rejected"):
                continue  # handled with the outcome
            lst = _list_before(p, scount, text)
            tail = s0 + m.end()
            # "… voted against the resolution … along with countries like A, B and C"
            after_part = _ALONG_WITH.search(text[tail:s1])
            more = []
            if after_part:
                more = _list_after(tail + after_part.end(), scount, text)
            if not lst:
                intro = _LIST_INTRO.match(text[tail:tail + 20])
                if intro:
                    more = _list_after(tail, scount, text) + more
            for c in lst + more:
                if c.name not in vm.positions or vm.positions[c.name][0] != "no":
                    vm.positions.setdefault(c.name, (pos, False))
            # "Russia, China and Algeria voted against and Guyana abstained" beside a tally: the named list is the count
            field_ = {"no": "no", "abstain": "abstain"}.get(pos)
            if (field_ and lst and not more and getattr(vm, field_) is None
                    and any(getattr(vm, f) is not None for f in ("yes", "no", "abstain"))
                    and not re.search(r"\bamong\b", text[lst[-1].end:p], re.I)
                    and not re.search(r"\b(?:including|includes|such\s+as|like|among\s+them|notably)\s+(?:the\s+)?$", text[max(s0, lst[0].start - 30):lst[0].start], re.I)):
                setattr(vm, field_, len({c.name for c in lst}))
            if lst or more:
                evidence = True
                if vm.outcome is None and pos != "yes" and not re.search(r"\bvote\b", text[p:p + 12]):
                    pass
    if not evidence:
        return None
    if vm.yes is None and vm.no is None and vm.abstain is None and vm.outcome is None and not vm.positions:
        return None
    if vm.tally_spans:
        pos = min(a for a, _ in vm.tally_spans)
    elif trig is not None:
        pos = trig
    else:
        first_kw = _KEYWORDS.search(sent)
        pos = s0 + (first_kw.start() if first_kw else 0)
    if vm.body is None:
        vm.body = _sentence_body(text, s0, s1, pos, orgs, last_council, last_committee, last_body)
    c0, c1 = _clause(text, s0, s1, pos)
    window = text[c0:min(c1, pos + 50)]
    cut = _CLAUSE_CUT.search(text[pos:pos + 50])
    if cut:
        window = text[c0:pos + cut.start()]
    ym = _ERA_RE.search(window) or _ERA_LEAD_RE.match(sent)
    if ym:
        vm.era = int(ym.group(1) or ym.group(2))
    elif _LAST_YEAR.search(text, s0, min(s1, pos + 40)):
        # "almost identical to last year's, when two countries abstained": last year's vote, not this one
        vm.era = base.year - 1 if base else -1
    # the date in the vote's clause, else earlier in its sentence ("The Council on Monday …, adopting … 13-0-2")
    vm.when = dates.first_date(text[c0:c1], base) or dates.first_date(text[s0:pos], base)
    sm = _SUBJECT_RE.search(sent)
    if sm:
        vm.subject = _SUBJECT_END_RE.split(sm.group("s"))[0].strip(" ,")
    return vm


def _family(body: str | None) -> str | None:
    if body is None:
        return None
    return body


def _compatible(r: VoteMention, m: VoteMention, doc_year: int | None) -> bool:
    if r.body and m.body and r.body != m.body:
        return False
    for f in ("yes", "no", "abstain"):
        a, b = getattr(r, f), getattr(m, f)
        if a is not None and b is not None and a != b:
            return False
    if r.outcome and m.outcome and r.outcome != m.outcome and {r.outcome, m.outcome} != {"vetoed", "rejected"}:
        return False
    if (r.consensus and m.yes is not None) or (m.consensus and r.yes is not None):
        return False
    era_r = None if r.era is None or r.era == doc_year else r.era
    era_m = None if m.era is None or m.era == doc_year else m.era
    if era_r != era_m:
        return False
    if r.when and m.when and r.when != m.when:
        return False
    for c, (p, v) in m.positions.items():
        if c in r.positions and r.positions[c][0] != p:
            return False
    return True


def _merge(vms: list[VoteMention], text: str, doc: Doc, doc_year: int | None, orgs: list[Mention],
           base: date | None = None) -> list[VoteReport]:
    groups: list[list[VoteMention]] = []
    merged: list[VoteMention] = []
    for m in vms:
        target = None
        # the most recent compatible report takes the evidence
        for k in range(len(merged) - 1, -1, -1):
            r = merged[k]
            if _compatible(r, m, doc_year):
                full_r = all(getattr(r, f) is not None for f in ("yes", "no", "abstain"))
                has_tally_m = any(getattr(m, f) is not None for f in ("yes", "no", "abstain"))
                if full_r and has_tally_m and (r.yes, r.no, r.abstain) != (m.yes if m.yes is not None else r.yes, m.no if m.no is not None else r.no, m.abstain if m.abstain is not None else r.abstain):
                    continue
                target = k
                break
        if target is None:
            merged.append(VoteMention(m.start, m.end, m.body, m.yes, m.no, m.abstain, m.yes_other, m.outcome, m.consensus,
                                      m.unanimous, dict(m.positions), m.when, m.era, m.subject, list(m.tally_spans)))
            groups.append([m])
            continue
        r = merged[target]
        groups[target].append(m)
        r.body = r.body or m.body
        for f in ("yes", "no", "abstain"):
            if getattr(r, f) is None:
                setattr(r, f, getattr(m, f))
        r.yes_other = r.yes_other or m.yes_other
        if m.outcome == "vetoed" or r.outcome is None:
            r.outcome = m.outcome or r.outcome
        r.consensus |= m.consensus
        r.unanimous |= m.unanimous
        for c, pv in m.positions.items():
            if c not in r.positions or pv[1]:
                r.positions[c] = pv
        r.when = r.when or m.when
        r.era = r.era if r.era is not None else m.era
        r.subject = r.subject or m.subject
        r.tally_spans += m.tally_spans
        r.end = max(r.end, m.end)
    bodies_named = {m.name for m in orgs if m.name in _BODY_ORGS}
    out: list[VoteReport] = []
    for r, g in zip(merged, groups):
        body = r.body
        if body is None:
            if len(bodies_named) == 1:
                body = next(iter(bodies_named))
            elif r.outcome == "vetoed":
                body = "Security Council"
            elif any(getattr(r, f) is not None for f in ("yes", "no", "abstain")) and bodies_named:
                body = sorted(bodies_named)[0]
            else:
                continue  # outcome-only evidence with no body in sight
        size = gz.BODY_SIZES.get(body) or (193 if "Committee" in body else None)
        yes, no, ab = r.yes, r.no, r.abstain
        if r.yes_other and yes is not None:
            known_no = no if no is not None else sum(1 for p, _ in r.positions.values() if p == "no")
            if size is None or yes + 1 + known_no + (ab or 0) <= size:
                yes += 1
        if r.unanimous and not r.consensus:
            if no is None:
                no = 0
            if body == "Security Council":
                yes = 15 if yes is None else yes
                ab = 0 if ab is None else ab
        if size and sum(x or 0 for x in (yes, no, ab)) > size:
            continue  # not a tally of this body
        outcome = r.outcome
        vetoers = [c for c, (p, v) in r.positions.items() if v]
        if outcome == "vetoed" and body == "Security Council" and not vetoers:
            for c, (p, v) in list(r.positions.items()):
                if p == "no" and c in gz.PERMANENT_MEMBERS:
                    r.positions[c] = ("no", True)
            vetoers = [c for c, (p, v) in r.positions.items() if v]
        if body == "Security Council" and yes is not None and not r.consensus:
            # fifteen members vote: named abstainers are the abstentions, and the rest of fifteen voted no
            named_ab = {c for c, (p, v) in r.positions.items() if p == "abstain"}
            named_no = {c for c, (p, v) in r.positions.items() if p == "no"}
            if ab is None and named_ab and no is not None and yes + no + len(named_ab) <= 15:
                ab = len(named_ab)
            if no is None and ab is not None and 15 - yes - ab >= len(named_no) and (named_no or 15 - yes - ab == 0):
                no = 15 - yes - ab
            elif no is None and ab is None and named_ab and yes + len(named_ab) + len(named_no) == 15:
                ab, no = len(named_ab), len(named_no)
            if yes >= 9 and outcome in (None, "rejected", "unknown") and any(p == "no" and c in gz.PERMANENT_MEMBERS for c, (p, v) in r.positions.items()):
                # nine or more in favour and still not adopted: a permanent member's no is a veto
                outcome = "vetoed"
                for c, (p, v) in list(r.positions.items()):
                    if p == "no" and c in gz.PERMANENT_MEMBERS:
                        r.positions[c] = ("no", True)
                vetoers = [c for c, (p, v) in r.positions.items() if v]
        if outcome is None and body == "Security Council" and yes is not None and yes < 9:
            outcome = "rejected"
        if outcome is None and body != "Security Council" and size and yes is not None and no is None:
            # "backed by 100 members … 58 abstained": the noes left cannot reach a third of the votes
            max_no = size - yes - (ab or 0)
            if yes > 2 * max_no:
                outcome = "adopted"
        if outcome is None:
            if yes is not None and no is not None:
                if body == "Security Council":
                    outcome = "adopted" if yes >= 9 else "rejected"
                else:
                    outcome = "adopted" if yes > no else "rejected"
            else:
                outcome = "unknown"
        if outcome == "unknown" and yes is None and not r.positions:
            continue  # a count of noes or abstentions alone, with no result and no one named, is no vote report
        if outcome == "rejected" and vetoers:
            outcome = "vetoed"
        if outcome == "adopted" and body == "Security Council" and vetoers:
            outcome = "vetoed"
        ev_start = g[0].start
        ev_end = g[-1].end
        evidence = " … ".join(text_piece for text_piece in (doc.text[m.start:m.end].strip() for m in g[:4]))
        when = r.when
        if when is None and base is not None and (r.era is None or r.era == doc_year):
            when = _event_date(text, doc, g, body, orgs, base)
        out.append(VoteReport(body, r.subject, when, yes, no, ab, outcome, evidence[:2000], ev_start, ev_end, dict(r.positions), r.tally_spans))
    return out


def _body_family(body: str | None) -> str | None:
    if not body:
        return None
    if "Security" in body:
        return "SC"
    if "Human Rights Council" in body:
        return "HRC"
    if "Economic and Social" in body:
        return "ECOSOC"
    if "Assembly" in body or "Committee" in body:
        return "GA"
    return body


_EVENT_VERB = re.compile(r"\b(?:vot(?:ed|ing)|adopt(?:ed|ing)|approv(?:ed|ing)|pass(?:ed|ing)|endors(?:ed|ing)|reject(?:ed|ing)|"
                         r"defeat(?:ed|ing)|vetoe?(?:d|s|ing)?|block(?:ed|ing)|back(?:ed|ing))\b", re.I)
_NOT_DONE = re.compile(r"\b(?:will|would|is\s+(?:expected|due|set|scheduled)\s+to|are\s+(?:expected|due|set)\s+to|plans?\s+to|next\s+(?:week|month))\b", re.I)
_DATELINE_HEAD = re.compile(r"^[^\n]{0,80}?\s(?:—|–|--?)\s+(?=\S)")


def _event_date(text: str, doc: Doc, group: list[VoteMention], body: str | None, orgs: list[Mention], base: date) -> date | None:
    """The date of the event a dated-less report belongs to.

    Wire copy and press releases date the event once, in the lead ("The General Assembly on Thursday voted …",
    "The Council today adopted …"), and give the tally in a later sentence. A report without a date of its own
    takes the date of the nearest earlier sentence of its paragraph, else of the lead, when that sentence tells
    of a vote by the same body (a body of the same family, or no body and a vote verb) and is not about the future.
    A report whose own sentences hold a time phrase of another kind ("in March", "last year") keeps none."""
    for m in group:
        seg = text[m.start:m.end]
        if dates.has_time_phrase(seg) or _YEAR_RE.search(seg) or _LAST_YEAR.search(seg):
            return None
    fam = _body_family(body)
    # the sentence that gives the tally (a headline may lead the group)
    first = next((m for m in group if any(getattr(m, f) is not None for f in ("yes", "no", "abstain"))), group[0])
    si = doc.sentence_of(first.start)
    para = doc.sent_para[si]
    order = [k for k in range(si - 1, -1, -1) if doc.sent_para[k] == para]
    # the lead: among the first three sentences of eight words or more (title, lead, second sentence; the
    # short header lines of a press release are skipped), the first with a time phrase and a vote verb or a body
    long_seen = 0
    for k in range(min(len(doc.sentences), si, 16)):
        sp = doc.sentences[k]
        sent = text[sp.start:sp.end]
        if len(sent.split()) < 8:
            continue
        long_seen += 1
        if long_seen > 3:
            break
        if dates.has_time_phrase(sent) and (_EVENT_VERB.search(sent) or any(sp.start <= o.start < sp.end and o.name in _BODY_ORGS for o in orgs)):
            if k not in order:
                order.append(k)
            break
    for k in order:
        sp = doc.sentences[k]
        s0, s1 = sp.start, sp.end
        head = _DATELINE_HEAD.match(text, s0, s1)
        if head:
            s0 = head.end()
        sent = text[s0:s1]
        if _NOT_DONE.search(sent):
            continue
        bods = [(o.start, o.name) for o in orgs if s0 <= o.start < s1 and o.name in _BODY_ORGS]
        for rx, name in _COMMITTEES:
            bods += [(s0 + bm.start(), name) for bm in rx.finditer(sent)]
        for rx, name in _BODY_CUES[:7]:
            bods += [(s0 + bm.start(), name) for bm in rx.finditer(sent)]
        if re.search(r"\bthe\s+council\b", sent, re.I) and fam in ("SC", "HRC", "ECOSOC"):
            bods.append((s0 + re.search(r"\bthe\s+council\b", sent, re.I).start(), body))
        if bods:
            same = [b for b in bods if _body_family(b[1]) == fam]
            if not same:
                continue
            anchor = min(b[0] for b in same)
        else:
            vm = _EVENT_VERB.search(sent)
            if not vm:
                continue
            anchor = s0 + vm.start()
        # the date in the clause of the body (or verb), else the first in the sentence before the anchor
        c0, c1 = _clause(text, s0, s1, anchor)
        d = dates.first_date(text[c0:c1], base) or dates.first_date(text[s0:anchor], base)
        if d is not None and d <= base:
            return d
    return None
