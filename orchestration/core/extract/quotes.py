"""Statements: direct quotes and reported speech, each with its speaker.

Direct quotes: straight and curly double quotes (and single quotes in British style), split
quotes around "he said" joined into one, quotes running on into the next paragraph. Quoted
fragments of fewer than four words are scare quotes, not statements. Reported speech: "X said
(that) …", "…, X told the Global Times", "…, said X", "according to X". Speakers: a named person
(surname and pronoun resolved), or an unnamed described speaker kept as written ("a senior U.S.
official") with the country or organization it speaks for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import compress
from datetime import date

from . import dates
from . import gazetteer as gz
from .entities import CLAUSE_VERBS, SPEECH_VERBS, Mention
from .tokens import Doc


@dataclass
class Statement:
    speaker: str | None
    is_person: bool
    affiliation: str | None
    quote: str
    is_direct: bool
    when: date | None
    start: int
    end: int


@dataclass
class _Quote:
    segs: list[tuple[int, int]]  # inner spans (without the marks)
    open_pos: int
    close_pos: int  # position after the closing mark

    @property
    def start(self) -> int:
        return self.segs[0][0]

    @property
    def end(self) -> int:
        return self.segs[-1][1]


_OPEN_D = "“„«"
_CLOSE_D = "”»"
_ANY_D = _OPEN_D + _CLOSE_D + '"'
_MARK_RE = re.compile(f"[{_ANY_D}]")
_NOT_STATEMENT_BEFORE = re.compile(
    r"(?:titled|entitled|called|named|dubbed|known as|so-called|the term|the word|the words|the phrase|slogan|"
    r"headline|banner|hashtag|label(?:led|ed)?|branded|marked|read|reads|reading)\s*[:,]?\s*$",
    re.IGNORECASE,
)
_SPEAKER_ROLE_RE = re.compile(
    r"\b(?:spokes(?:man|woman|person|people)|officials?|diplomats?|ambassadors?|envoys?|sources?|representatives?|"
    r"delegates?|delegation|mission|ministers?|ministry|negotiators?|aides?|advis[eo]rs?|secretary|president|"
    r"chief|head|director|rapporteur|experts?|analysts?|government|office|embassy|observers?|"
    r"commissioner|coordinator|council|agency|leaders?|member|members|lawmakers?|legislators?|speakers?)\b",
    re.IGNORECASE,
)
_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
_DESCRIBED_BEFORE = re.compile(r"\b(?:[Tt]he\s+)?(?:[Pp]ermanent\s+)?(?:[Rr]epresentatives?|[Dd]elegates?|[Oo]bservers?|[Ss]peakers?|[Dd]elegation)\s+(?:of|for)\s+(?:the\s+)?$")
_VERB_ALT = "|".join(sorted(SPEECH_VERBS, key=len, reverse=True))


def _word_trie(words) -> str:
    """An alternation of letter-only words as a trie ("s(?:a(?:id|ys)|…)"): the regex engine tries
    each alternative in turn, so a trie tests far fewer per position. Only for use between \\b
    and \\b, where at most one word can match and the order of alternatives does not matter."""
    assert all(w.isalpha() and w.isascii() for w in words)
    tree: dict = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [ch + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if "" in node:
            alts.append("")
        if len(alts) == 1:
            return alts[0]
        return "(?:" + "|".join(alts) + ")"

    return emit(tree)
_CLAUSE_VERB_ALT = "|".join(sorted(CLAUSE_VERBS, key=len, reverse=True))
# after a closing mark: ', he said' / ' Wu added' / ' said China's U.N. mission spokesperson'
_AFTER_NP_VERB = re.compile(
    rf"^[\s,.;:]*[-–—]?\s*(?P<np>(?:[^\n“”\".;:!?]|\.(?=\w|\s[a-z])|(?<=\b[A-Z])\.){{1,110}}?)\s+(?:has\s+|had\s+|also\s+|later\s+|then\s+)?(?P<v>{_VERB_ALT})\b(?!\s+(?:that|to)\b)",
)
_AFTER_VERB_NP = re.compile(
    rf"^[\s,.;:]*[-–—]?\s*(?P<v>{_VERB_ALT})\s+(?P<np>(?:[^\n“”\".;:!?,]|\.(?=\w|\s[a-z])|(?<=\b[A-Z])\.){{1,120}})",
)
_TIME_TAIL = re.compile(
    r"\s+(?:on|in|at|during|late|early|earlier|later|last|this|told|to|before|after|while|when|as|who|which|adding|"
    r"referring|speaking|addressing|in an|in a)\b.*$",
    re.IGNORECASE,
)
_LEAD_STRIP = re.compile(r"^(?:[-–—•*]\s*|(?:However|But|And|Meanwhile|Still|Yet|Also|Separately|Later|Earlier),?\s+)", re.IGNORECASE)


def _find_quotes(doc: Doc) -> list[_Quote]:
    text = doc.text
    quotes: list[_Quote] = []
    carry: _Quote | None = None
    for p in doc.paragraphs:
        ptxt = text[p.start:p.end]
        marks = [m.start() + p.start for m in _MARK_RE.finditer(ptxt)]
        cur: int | None = None
        if carry is not None:
            # the quote of the previous paragraph runs on when this one opens with a mark
            if marks and marks[0] == p.start and text[p.start] in _OPEN_D + '"':
                cur = marks.pop(0)
            else:
                quotes.append(carry)
                carry = None
        for mp in marks:
            ch = text[mp]
            if cur is None:
                nxt = text[mp + 1:mp + 2]
                if ch in _CLOSE_D and (not nxt or nxt.isspace() or nxt in ",.;") and mp > p.start:
                    continue  # a stray closing mark
                cur = mp
                continue
            if ch in _OPEN_D and mp > cur + 1 and text[mp - 1].isspace():
                # a new opening before the last one closed: close the last at the word before
                seg = (cur + 1, mp - 1)
                cur_q = carry or _Quote([], cur, mp)
                if carry:
                    carry.segs.append(seg)
                    carry.close_pos = mp
                    quotes.append(carry)
                    carry = None
                else:
                    cur_q.segs.append(seg)
                    quotes.append(cur_q)
                cur = mp
                continue
            seg = (cur + 1, mp)
            if carry is not None:
                carry.segs.append(seg)
                carry.close_pos = mp + 1
                quotes.append(carry)
                carry = None
            else:
                quotes.append(_Quote([seg], cur, mp + 1))
            cur = None
        if cur is not None:
            seg = (cur + 1, p.end)
            if carry is not None:
                carry.segs.append(seg)
            else:
                carry = _Quote([seg], cur, p.end)
    if carry is not None:
        quotes.append(carry)
    # single quotes (British style), only outside double-quoted text
    covered = [(q.open_pos, q.close_pos) for q in quotes]
    for m in _anchored_finditer(_SINGLE_QUOTE_RE, _SINGLE_OPEN_RE, text):
        if any(a <= m.start() < b for a, b in covered):
            continue
        quotes.append(_Quote([(m.start() + 1, m.end() - 1)], m.start(), m.end()))
    quotes.sort(key=lambda q: q.open_pos)
    return quotes


_SINGLE_QUOTE_RE = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))[‘'](?=\w)(?P<body>[^\n]{2,600}?)(?<=[\w.,!?])[’'](?=[\s.,;:!?)—–-]|$)", re.M)
_SINGLE_OPEN_RE = re.compile(r"[‘']")  # where a `_SINGLE_QUOTE_RE` match can start


def _anchored_finditer(rx: re.Pattern, starts: re.Pattern, text: str):
    """`rx.finditer(text)` for a pattern whose matches can only start where `starts` matches:
    tried only there (a pattern opening with a lookbehind is otherwise tried at every position)."""
    last = 0
    for c in starts.finditer(text):
        p = c.start()
        if p < last:
            continue
        m = rx.match(text, p)
        if m:
            last = m.end()
            yield m


_WORD_RE = re.compile(r"[\w’'-]+")
_NON_SPACE = re.compile(r"\S")


def _words(s: str) -> int:
    return len(_WORD_RE.findall(s))


_TITLE_WORD_RE = re.compile(r"[A-Za-z][\w’'-]*")
_CLOSING_PUNCT_RE = re.compile(r"[.!?,]$")


def _is_titleish(s: str) -> bool:
    ws = _TITLE_WORD_RE.findall(s)
    if len(ws) < 3:
        return False
    small = {"of", "the", "and", "in", "on", "for", "to", "a", "an", "at", "by", "with"}
    caps = [w for w in ws if w.lower() not in small]
    return bool(caps) and sum(w[0].isupper() for w in caps) / len(caps) >= 0.8 and not _CLOSING_PUNCT_RE.search(s.strip())


class _Speakers:
    """Who can be meant by 'he', 'the spokesperson', or a bare surname at a position."""

    def __init__(self, doc: Doc, mentions: list[Mention], quote_spans: list[tuple[int, int]]):
        self.doc = doc
        self.mentions = mentions
        self.people = [m for m in mentions if m.kind == "person"]
        self.salient: list[tuple[int, str, str | None, str | None, bool]] = []  # pos, name, aff, role, is_person
        inside = lambda pos: any(a <= pos < b for a, b in quote_spans)
        # the first person named in a sentence (outside quotes) is its likely subject
        seen_sent = set()
        for m in self.people:
            si = doc.sentence_of(m.start)
            if si not in seen_sent and not inside(m.start):
                seen_sent.add(si)
                self.salient.append((m.start, m.name, m.affiliation, m.role, True))
        # a delegation described as the subject of its sentence ("The representative of Austria, which
        # sponsored the text, welcomed the result.") is who a following "he said" means
        for m in mentions:
            if m.kind not in ("country", "organization") or inside(m.start):
                continue
            dm = _DESCRIBED_BEFORE.search(doc.text, max(0, m.start - 45), m.start)
            if not dm:
                continue
            sent = doc.sentences[doc.sentence_of(m.start)]
            lead = doc.text[sent.start:dm.start()]
            if lead.strip() and not lead.rstrip().endswith(","):
                continue  # an object ("thanked the representative of X"), not the subject
            name = re.sub(r"\s+", " ", doc.text[dm.start():m.end]).replace("’", "'")
            self.salient.append((dm.start(), name, m.name, "described", False))
        self.salient.sort()

    def add(self, pos: int, name: str, aff: str | None, role: str | None, is_person: bool) -> None:
        self.salient.append((pos, name, aff, role, is_person))
        self.salient.sort()

    def pronoun(self, pos: int, person_only: bool = True):
        """'he'/'she': the last person, or the last described speaker ("the representative of Norway")."""
        best = None
        for entry in self.salient:
            if entry[0] >= pos:
                break
            if entry[4] or not person_only or (entry[3] == "described"):
                best = entry
        return best

    def by_role(self, role: str, pos: int):
        best = None
        role_re = re.compile(rf"\b{re.escape(role)}")  # once per call, not once per entry
        for entry in self.salient:
            if entry[0] >= pos:
                break
            desc = (entry[1] + " " + (entry[3] or "")).lower()
            if role_re.search(desc):
                best = entry
        return best


def _mentions_in(mentions: list[Mention], a: int, b: int) -> list[Mention]:
    return [m for m in mentions if a <= m.start and m.end <= b]


_SPACES_RE = re.compile(r"\s+")
_POSSESSIVE_NP_RE = re.compile(r"^['’]s\s+\w")
_SPEAKER_LEAD_RE = re.compile(r"^(?:the|state media|state news agency|news agency)\s+")


def _resolve_np(np_text: str, a: int, b: int, mentions: list[Mention], sp: _Speakers):
    """(speaker, affiliation, is_person) for the phrase text[a:b], or None when it names no speaker."""
    np_clean = np_text.strip(" ,")
    low = np_clean.lower()
    if not np_clean:
        return None
    if low in _PRONOUNS:
        if low in {"he", "she"}:
            e = sp.pronoun(a)
            if e:
                return e[1], e[2], e[4]
            return None
        if low in {"they", "we", "it", "i"}:
            e = sp.pronoun(a, person_only=False)
            return (e[1], e[2], e[4]) if e else None
    ms = _mentions_in(mentions, a, b)
    people = [m for m in ms if m.kind == "person"]
    if people and _POSSESSIVE_NP_RE.match(np_clean[people[0].end - a:] if people[0].end - a < len(np_clean) else ""):
        # "Putin's office", "Biden's spokesman": the speaker is the office, speaking for the person
        return _SPACES_RE.sub(" ", np_clean).replace("’", "'"), people[0].affiliation or people[0].name, False
    if people:
        p = people[-1] if low.startswith(("by ", "from ")) else people[0]
        return p.name, p.affiliation, True
    words = low.split()
    # "the spokesperson", "the ambassador": the last speaker of that role
    if len(words) <= 4 and words[0] in {"the", "this"} and _SPEAKER_ROLE_RE.search(low) and not any(m.kind == "country" for m in ms):
        role = _SPEAKER_ROLE_RE.search(low).group().lower().rstrip("s")
        e = sp.by_role(role, a)
        if e:
            return e[1], e[2], e[4]
    if len(words) > 14:
        return None
    cs = [m for m in ms if m.kind == "country"]
    os_ = [m for m in ms if m.kind == "organization"]
    aff = cs[0].name if cs else (os_[-1].name if os_ else None)
    if _SPEAKER_ROLE_RE.search(low):
        return _SPACES_RE.sub(" ", np_clean).replace("’", "'"), aff, False
    # a country or organization speaking as such: "the United States", "Russia", "KCNA"
    bare = _SPEAKER_LEAD_RE.sub("", low)
    if len(ms) == 1 and len(bare.split()) <= len(ms[0].surface.split()) + 1:
        return ms[0].name, ms[0].name if ms[0].kind == "country" else None, False
    return None


_LEAD_CONJ = re.compile(r"^(?:but|and|while|as|so)\s+", re.IGNORECASE)
_AUX_TAIL = re.compile(r"(?:\s+(?:has|have|had|also|later|then|earlier|again|would|will|previously|once|repeatedly|had\s+previously))+$", re.IGNORECASE)


def _strip_np(np_text: str) -> str:
    np_text = np_text.strip().strip("“”\"‘’'").strip()
    if "," in np_text:
        # "Introducing the text, the representative of Norway": the phrase after the last comma
        last = np_text.rsplit(",", 1)[1].strip()
        if len(last.split()) >= 2:
            np_text = last
    np_text = _LEAD_STRIP.sub("", np_text)
    np_text = _LEAD_CONJ.sub("", np_text)
    np_text = _TIME_TAIL.sub("", np_text).strip(" ,")
    return _AUX_TAIL.sub("", np_text)


def _is_clause_verb(t) -> bool:
    return t.lower in CLAUSE_VERBS


_SPEECH_VERB_WORD_RE = re.compile(rf"\b(?:{_VERB_ALT})\b")
_GAP_OPENING_RE = re.compile(r"^\s*[,—–-]?\s*\S")
_DOUBLE_MARK_RE = re.compile(r"[\"“”]")


def find_statements(doc: Doc, mentions: list[Mention], base: date | None) -> list[Statement]:
    text = doc.text
    quotes = _find_quotes(doc)
    spans = [(q.open_pos, q.close_pos) for q in quotes]
    sp = _Speakers(doc, mentions, spans)
    out: list[Statement] = []

    def sentence_bounds(pos: int) -> tuple[int, int]:
        s = doc.sentences[doc.sentence_of(pos)]
        return s.start, s.end

    def para_bounds(pos: int) -> tuple[int, int]:
        for p in doc.paragraphs:
            if p.start <= pos < p.end or p.start <= pos <= p.end:
                return p.start, p.end
        return pos, pos

    # join split quotes: “The draft goes too far,” she said, “and we cannot back it.”
    merged: list[tuple[_Quote, list[tuple[int, int]], tuple[int, int] | None]] = []  # quote, segs, gap
    i = 0
    while i < len(quotes):
        q = quotes[i]
        segs = list(q.segs)
        gap = None
        while i + 1 < len(quotes):
            n = quotes[i + 1]
            between = text[quotes[i].close_pos:n.open_pos]
            if (len(between) <= 90 and "\n" not in between and _SPEECH_VERB_WORD_RE.search(between)
                    and _GAP_OPENING_RE.match(between) and between.rstrip().endswith((",", ":", "—", "–", "-"))
                    and text[quotes[i].close_pos - 2:quotes[i].close_pos - 1] in {",", "—", "-", "–"} | set("…")):
                gap = (quotes[i].close_pos, n.open_pos)
                segs += n.segs
                i += 1
                q = _Quote(segs, q.open_pos, n.close_pos)
            elif (gap is None and len(between) <= 90 and "\n" not in between and between.rstrip().endswith(".")
                    and _SPEECH_VERB_WORD_RE.search(between) and not _DOUBLE_MARK_RE.search(between)
                    and text[quotes[i].close_pos - 2:quotes[i].close_pos - 1] == ","
                    and not text[n.close_pos:n.close_pos + 200].split("\n", 1)[0].strip()):
                # “The first part,” X said after the vote. “The rest closes the paragraph.”: one statement
                gap = (quotes[i].close_pos, n.open_pos)
                segs += n.segs
                i += 1
                q = _Quote(segs, q.open_pos, n.close_pos)
                break
            else:
                break
        merged.append((q, segs, gap))
        i += 1

    # one pass in reading order, so that "he" and "the ambassador" see the speakers before them
    by_sent: dict[int, list] = {}
    for item in merged:
        by_sent.setdefault(doc.sentence_of(item[0].open_pos), []).append(item)
    # sentences that can hold reported speech (a superset of `_reported_sentence`'s own gate)
    verb_sents = {doc.sentence_of(t.start) for t in compress(doc.tokens, doc.flags(_is_clause_verb))}
    has_according = "according to" in text.lower()
    for si, sent in enumerate(doc.sentences):
        for q, segs, gap in by_sent.get(si, []):
            st = _direct(doc, q, segs, gap, mentions, sp, out, base, para_bounds)
            if st is not None:
                out.append(st)
                sp.add(q.open_pos, st.speaker, st.affiliation, _kind(st), st.is_person)
        if si not in verb_sents and not (has_according and "according to" in text[sent.start:sent.end].lower()):
            continue
        st = _reported_sentence(doc, sent, mentions, sp, spans, base)
        if st is not None:
            out.append(st)
            sp.add(st.start, st.speaker, st.affiliation, _kind(st), st.is_person)
    out.sort(key=lambda s: s.start)
    return out


def _kind(st: Statement) -> str | None:
    return "described" if not st.is_person and _SPEAKER_ROLE_RE.search(st.speaker or "") else None


def _direct(doc, q, segs, gap, mentions, sp, out, base, para_bounds):
    text = doc.text
    body = " ".join(text[a:b].strip() for a, b in segs).strip()
    if _words(body) < 4:
        return None
    before_all = text[max(0, q.open_pos - 40):q.open_pos]
    if _NOT_STATEMENT_BEFORE.search(before_all) or _is_titleish(body):
        return None
    # a short noun-phrase fragment inside a sentence is a scare quote: "described the talks as a “theatre of the absurd”"
    if _words(body) <= 5 and not re.search(r"[.!?,]$", body.strip()) and re.search(
            r"\b(?:as|a|an|the|its|their|his|her|called|described|dubbed|termed|branded|labelled|labeled|of)\s*$", before_all, re.I):
        return None
    sent = doc.sentences[doc.sentence_of(q.open_pos)]
    s0 = sent.start
    p0, p1 = para_bounds(q.open_pos)
    who = None
    attrib_span = None
    # 1. attribution between split parts
    if gap is not None:
        who = _attrib_after(text[gap[0]:gap[1]], gap[0], mentions, sp)
        attrib_span = gap
    # 2. attribution right after the closing mark
    if who is None:
        # the attribution after a quote stays in the quote's sentence: a quote that closes its
        # sentence is not attributed to the next sentence's subject
        s_end = doc.sentences[doc.sentence_of(max(q.close_pos - 1, 0))].end
        tail_end = min(p1, q.close_pos + 160, max(s_end, q.close_pos))
        who = _attrib_after(text[q.close_pos:tail_end], q.close_pos, mentions, sp)
        attrib_span = (q.close_pos, tail_end)
    # 3. attribution before the opening mark, in the same sentence
    if who is None and s0 < q.open_pos:
        head_start = s0
        who = _attrib_before(text[head_start:q.open_pos], head_start, mentions, sp)
        attrib_span = (head_start, q.open_pos)
    # 4. a quote standing alone continues the last speaker
    if who is None:
        rest = (text[p0:q.open_pos] + text[q.close_pos:p1]).strip(" .,")
        starts_sentence = not text[s0:q.open_pos].strip()
        recent = bool(out) and out[-1].start >= p0 - 600
        if len(rest) < 80 or (starts_sentence and recent):
            for st in reversed(out):
                if st.start < q.open_pos and st.speaker:
                    who = (st.speaker, st.affiliation, st.is_person)
                    break
            if who is None:
                pe = sp.pronoun(q.open_pos)
                who = (pe[1], pe[2], pe[4]) if pe else None
            attrib_span = (p0, p1)
    if who is None:
        return None
    name, aff, is_person = who
    when = None
    if attrib_span:
        outside = text[attrib_span[0]:attrib_span[1]]
        for a, b in segs:
            outside = outside.replace(text[a:b], " ")
        when = dates.first_date(outside, base)
    return Statement(name, is_person, aff, body, True, when, q.open_pos, q.close_pos)


def _attrib_after(tail: str, offset: int, mentions: list[Mention], sp: _Speakers):
    m = _AFTER_NP_VERB.match(tail)
    if m:
        np_text = m.group("np")
        a = offset + m.start("np")
        r = _resolve_np(_strip_np(np_text), a, offset + m.end("np"), mentions, sp)
        if r:
            return r
    m = _AFTER_VERB_NP.match(tail)
    if m:
        np_text = _strip_np(m.group("np"))
        a = offset + m.start("np")
        r = _resolve_np(np_text, a, a + len(np_text) + 1, mentions, sp)
        if r and not r[2]:
            # "said the US envoy, Linda Thomas-Greenfield": the name in apposition
            after = offset + m.end("np")
            for pm in mentions:
                if pm.kind == "person" and after <= pm.start <= after + 3:
                    return pm.name, pm.affiliation or r[1], True
        if r:
            return r
    return None


_BEFORE_VERB_RE = re.compile(rf"\b(?P<v>{_word_trie(SPEECH_VERBS)})\b")


def _attrib_before(head: str, offset: int, mentions: list[Mention], sp: _Speakers):
    """The subject of the sentence the quote sits in: 'French ambassador X said: “…”'."""
    verbs = list(_BEFORE_VERB_RE.finditer(head))
    limit = verbs[-1].start() if verbs else len(head)
    ms = _mentions_in(mentions, offset, offset + limit)
    people = [m for m in ms if m.kind == "person"]
    if people:
        p = people[0]
        return p.name, p.affiliation, True
    lead = _LEAD_STRIP.sub("", head.lstrip())
    lead_off = offset + (len(head) - len(head.lstrip())) + (len(head.lstrip()) - len(lead))
    pm = re.match(r"(?P<p>[Hh]e|[Ss]he)\b", lead)
    if pm:
        return _resolve_np(pm.group("p"), lead_off, lead_off + len(pm.group("p")), mentions, sp)
    if verbs:
        v = verbs[-1]
        # the noun phrase before the verb, from the last clause boundary
        pre = head[:v.start()]
        cut = max(pre.rfind(","), pre.rfind(";"), pre.rfind(":"))
        np_text = pre[cut + 1:] if cut >= 0 and len(pre) - cut > 3 else pre
        np_off = offset + (cut + 1 if cut >= 0 and len(pre) - cut > 3 else 0)
        np_text2 = _LEAD_STRIP.sub("", np_text.strip())
        np_off += len(np_text) - len(np_text.lstrip()) + (len(np_text.strip()) - len(np_text2))
        np_text2 = re.sub(r"\s+(?:has|had|have|also|later|then|earlier|again)\s*$", "", np_text2)
        r = _resolve_np(np_text2, np_off, np_off + len(np_text2), mentions, sp)
        if r:
            return r
    return None


_ACCORDING_RE = re.compile(r",?\s*according to (?P<np>(?:[^,.;\n]|\.(?=\w|\s[a-z])|(?<=\b[A-Z])\.){2,100})(?=[,.;]|$)", re.IGNORECASE)
_CLAUSE_VERB_RE = re.compile(rf"\b(?P<v>{_word_trie(CLAUSE_VERBS)})\b")
_SAID_TAIL_RE = re.compile(
    r"^(?:\s+(?:on|late|early|earlier|later|last|this)\s+\w+(?:\s+\w+)?|\s+in\s+(?:a|an)\s+[\w\s-]{1,30}|\s+at\s+(?:a|an|the)\s+[\w\s-]{1,30}"
    r"|\s+(?:to\s+)?(?:reporters|journalists|the\s+[A-Z][\w'’.-]*(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][\w'’.-]*){0,5}|state\s+media|a\s+[\w\s-]{1,30})|\s+(?:on\s+)?\w+day|\s+(?:on\s+)?[A-Z][a-z]{2,8}\.?\s+\d{1,2})*\s*[.!?]?[\"”’]?\s*$"
)


_INV_RE = re.compile(rf",\s+(?P<v>(?!told\b|tells\b)(?:{_CLAUSE_VERB_ALT}))\s+(?P<np>(?:[^,.;\n]|\.(?=\w|\s[a-z])|(?<=\b[A-Z])\.){{2,100}}?)\s*[.!?]?[\"”’]?\s*$")


_DATELINE_RE = re.compile(r"^[A-Z][A-Z .'-]{2,40}(?:,[^-–—\n]{0,40})?\s*(?:\([^)]{1,30}\)\s*)?[-–—]\s+")
_CORE_SAY = {"said", "says", "added", "adds", "warned", "stressed", "noted", "argued", "insisted", "claimed", "explained",
             "stated", "mentioned", "declared", "announced", "maintained", "confirmed", "acknowledged", "predicted",
             "reiterated", "emphasized", "emphasised", "told", "insists", "argues", "warns", "notes", "claims", "states"}
_ADVERBIAL = (r"(?:\s+(?:on|late|early|earlier|later|last|this)\s+(?:\w+day|week|month|year|morning|afternoon|evening|night|weekend|"
              r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+)"
              r"|\s+in\s+(?:a|an|his|her|its|their)\s+[\w\s-]{1,30}?|\s+at\s+(?:a|an|the)\s+[\w\s-]{1,30}?"
              # "said in Geneva that", "told the council before the vote that", "last month"
              r"|\s+in\s+(?:New\s+York|[A-Z][\w'’-]+)|\s+(?:before|after|during|ahead\s+of)\s+(?:the|a|an|its|his|her|their|Monday's|Tuesday's)\s+[\w-]+"
              r"|\s+(?:last|this)\s+(?:week|month|year))")


_TOLD_AUDIENCE = re.compile(
    r"^\s+(?:reporters|journalists|delegates|delegations|lawmakers|parliament|members|(?:the|a)\s+(?:\w+\s+)?(?:council|assembly|committee|meeting|"
    r"chamber|hall|session|conference|summit|body|forum|press|briefing|news\s+conference|press\s+conference|gathering|audience))"
    + _ADVERBIAL + r"{0,2},?\s+(?=[a-z]|[A-Z][a-z]+\s)", re.I)
# a relative clause or participle phrase inside the subject: "the representative of X, which requested the vote,"
_REL_CLAUSE = re.compile(r",\s*(?:which|who|whose|whom|where)\b[^,;]*,?")


# the patterns `_reported_sentence` tries on most sentences with a reporting verb, compiled once
_ARTICLE_AFTER_RE = re.compile(r"\s+(?:the|a|an)\s")
_FINITE_VERB_RE = re.compile(r"\b(?:was|were|is|are|has|had|have|would|will|could|that|should|must|can)\b")
_AND_END_RE = re.compile(r"\band\s+$")
_THAT_OPT_AFTER_RE = re.compile(rf"^(?:{_ADVERBIAL}){{0,3}},?\s+(?:that\s+)?")
_SUBORDINATE_NP_RE = re.compile(r"\b(?:after|before|when|as|because|while|since|once|until)\s+(?P<np>[^,;_]{2,60}?)\s*$")
# "told reporters that", "told the Global Times on Monday that"
_TOLD_OBJ = (r"\s+(?:(?:to\s+)?(?:reporters|journalists)|(?:the\s+|a\s+|an\s+)?[A-Za-z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4}"
             # "told the 15-member council", "told the 15 members", "told the full Assembly"
             r"|(?:the\s+|its\s+)?(?:\d+(?:-(?:member|nation))?\s+|full\s+|other\s+)(?:council|assembly|committee|members|member\s+states|"
             r"body|chamber|delegates|delegations|meeting|session)\b)")
_TOLD_THAT_RE = re.compile(rf"^(?:{_TOLD_OBJ})?(?:{_ADVERBIAL}){{0,3}},?\s+that\s+")
_NOT_CLAUSE_AFTER_AUDIENCE = re.compile(r"(?:to|about|of|in|on|at|for|with|and|or|so|how|what|why|when|where|if)\b", re.I)
_THAT_AFTER_RE = re.compile(rf"^(?:{_ADVERBIAL}){{0,3}},?\s+that\s+")
_CLAUSE_GAP_RE = re.compile(rf"^(?:{_ADVERBIAL})?,?\s+")
_NOT_CLAUSE_AFTER_VERB = re.compile(r"^(?:in|at|on|to|of|so|goodbye|yes|no|nothing|something|anything)\b", re.IGNORECASE)


def _blank_relatives(pre: str) -> str:
    return _REL_CLAUSE.sub(lambda m: " " * len(m.group()), pre)


def _reported_sentence(doc: Doc, s, mentions: list[Mention], sp: _Speakers, qspans, base: date | None):
    text = doc.text
    raw = text[s.start:s.end]
    sent = _LEAD_STRIP.sub("", raw)
    off = s.start + (len(raw) - len(sent))
    # quoted stretches do not count as attribution text
    overlapping = [(a, b) for a, b in qspans if a < s.end and b > off]
    if overlapping:
        msent = sent
        for a, b in overlapping:
            lo, hi = max(a, off) - off, min(b, s.end) - off
            if lo < hi:  # every non-space character of the quote becomes "_"
                msent = msent[:lo] + _NON_SPACE.sub("_", msent[lo:hi]) + msent[hi:]
    else:
        msent = sent
    low = msent.lower()
    if "according to" not in low and not any(t.lower in CLAUSE_VERBS for t in doc.tokens_in(s.start, s.end)):
        return None  # no reporting verb: nothing to read (a cheap test before the regexes)
    people = [m for m in mentions if m.kind == "person"]

    def make(r, content, c_off, when_text):
        dm = _DATELINE_RE.match(content)
        if dm:
            content, c_off = content[dm.end():], c_off + dm.end()
        content = content.strip(" ,.")
        if r is None or _words(content) < 4 or _mostly_quoted(content, c_off, qspans):
            return None
        return Statement(r[0], r[2], r[1], content, False, dates.first_date(when_text, base), c_off, c_off + len(content))

    # according to X
    am = _ACCORDING_RE.search(msent) if "according to" in low else None
    if am:
        np_text = _strip_np(am.group("np"))
        r = _resolve_np(np_text, off + am.start("np"), off + am.start("np") + len(np_text), mentions, sp)
        if r:
            content = sent[:am.start()].rstrip(" ,") + (" " if am.start() > 0 else "") + sent[am.end():].lstrip(" ,")
            return make(r, content, off, sent)
    verbs = list(_CLAUSE_VERB_RE.finditer(msent))
    if not verbs:
        return None
    # "…, X said on Wednesday." / "…, X told the Global Times.": the verb closes the sentence
    for v in reversed(verbs):
        tail = msent[v.end():]
        if not _SAID_TAIL_RE.match(tail):
            continue
        if v.group("v").lower() not in {"told", "tells"} and _ARTICLE_AFTER_RE.match(tail):
            continue  # "said the Assembly faced a choice": a reported clause, not an audience
        pre = msent[:v.start()].rstrip()
        pre_core = pre.rstrip(",").rstrip()
        cut = pre_core.rfind(",")
        if cut < 0:
            break
        np_start = cut + 1
        np_text = pre_core[np_start:]
        # apposition: "…, Ana Ruiz, a spokeswoman for the foreign ministry, said"
        if pre.endswith(","):
            k = pre_core.rfind(",", 0, cut)
            seg_start = k + 1
            lead = pre_core[seg_start:cut].lstrip()
            lead_off = off + seg_start + (len(pre_core[seg_start:cut]) - len(lead))
            if any(m.start == lead_off for m in people) and k >= 0:
                np_start, cut = seg_start, k
                np_text = pre_core[np_start:]
        r = _resolve_np(_strip_np(np_text), off + np_start, off + v.start(), mentions, sp)
        if r is None:
            break
        return make(r, sent[:cut], off, tail)
    inv = _INV_RE.search(msent)
    if inv:
        np_text = _strip_np(inv.group("np"))
        if (np_text and len(np_text.split()) <= 12 and np_text.split()[0].lower() not in _PRONOUNS | {"that", "this", "it"}
                and not _FINITE_VERB_RE.search(np_text)):
            r = _resolve_np(np_text, off + inv.start("np"), off + inv.start("np") + len(np_text) + 1, mentions, sp)
            if r:
                return make(r, sent[:inv.start()], off, sent[inv.start():])
    # "X said (that) …": the verb opens the reported clause
    v = verbs[0]
    pre = _blank_relatives(msent[:v.start()])
    if _AND_END_RE.search(pre) and pre.count("_") > 3:
        # "X accused the council of “…” and said the text …": the subject of the first predicate says it
        first = [m for m in people if off <= m.start < off + v.start() and msent[m.start - off] != "_"]
        if first:
            after = msent[v.end():]
            tm = _THAT_OPT_AFTER_RE.match(after)
            start = v.end() + (tm.end() if tm else 0)
            return make((first[0].name, first[0].affiliation, True), sent[start:], off + start, msent[v.start():start + 5])
    if pre.count("_") > 3:
        return None
    cutp = pre.rfind(", ")
    subj = None
    if len(pre.split()) <= 16:
        subj = _resolve_np(_strip_np(pre), off, off + v.start(), mentions, sp)
    if subj is None and cutp >= 0 and len(pre[cutp + 1:].split()) <= 12:
        subj = _resolve_np(_strip_np(pre[cutp + 1:]), off + cutp + 1, off + v.start(), mentions, sp)
    if subj is None:
        # "The vote came after Guterres told the members that …": the subject of a subordinate clause
        sm = _SUBORDINATE_NP_RE.search(pre)
        if sm and len(sm.group("np").split()) <= 8:
            subj = _resolve_np(_strip_np(sm.group("np")), off + sm.start("np"), off + v.start(), mentions, sp)
    if subj is None:
        return None
    after = msent[v.end():]
    verb = v.group("v").lower()
    if verb in {"told", "tells", "warned", "warns", "reminded", "assured", "informed", "urged"}:
        # "told reporters that", "told the Global Times on Monday that", "told the 15-member council that"
        tm = _TOLD_THAT_RE.match(after)
        if tm is None and verb in {"told", "tells"}:
            # "told the Council the session was …": an audience, then the reported clause without "that"
            tm = _TOLD_AUDIENCE.match(after)
            if tm and _NOT_CLAUSE_AFTER_AUDIENCE.match(after[tm.end():]):
                tm = None
    else:
        tm = _THAT_AFTER_RE.match(after)
    if tm:
        start = v.end() + tm.end()
    else:
        if verb not in _CORE_SAY or verb in {"told"}:
            return None
        tm2 = _CLAUSE_GAP_RE.match(after)
        start = v.end() + (tm2.end() if tm2 else 0)
        nxt = msent[start:start + 24]
        if _NOT_CLAUSE_AFTER_VERB.match(nxt):
            return None
    return make(subj, sent[start:], off + start, msent[v.start():start + 5])


def _mostly_quoted(content: str, off: int, qspans) -> bool:
    n = len(content)
    if n == 0:
        return True
    inside = 0
    for a, b in qspans:
        lo, hi = max(a, off), min(b, off + n)
        if hi > lo:
            inside += hi - lo
    return inside / n > 0.5
