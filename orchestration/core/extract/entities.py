"""Actor mentions: countries and organizations from the gazetteer, organizations by their head
noun ("Zhejiang University", "Workers' Party"), people from the way news writing introduces
them (a title before the name, an apposition, a speech verb, a byline), then later mentions by
surname resolved to the full name anywhere in the same document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import compress
from functools import lru_cache
from operator import or_

from . import gazetteer as gz
from .tokens import Doc, Token, norm_key


@dataclass
class Mention:
    start: int
    end: int
    surface: str
    name: str
    kind: str  # country, organization, person
    code: str | None = None
    affiliation: str | None = None
    role: str | None = None
    metonym: bool = False
    demonym: bool = False
    tok: int = 0  # index of the first token
    ntok: int = 1


SPEECH_VERBS = {
    "said", "says", "say", "told", "tells", "added", "adds", "stated", "states", "declared", "announced",
    "noted", "notes", "stressed", "stresses", "warned", "warns", "argued", "argues", "insisted", "insists",
    "claimed", "claims", "explained", "asserted", "emphasized", "emphasised", "underlined", "underscored",
    "urged", "wrote", "writes", "tweeted", "posted", "replied", "responded", "countered", "acknowledged",
    "admitted", "recalled", "observed", "remarked", "commented", "concluded", "continued", "mentioned",
    "maintained", "contended", "affirmed", "reiterated", "cautioned", "complained", "charged", "alleged",
    "predicted", "suggested", "agreed", "confirmed", "denied", "lamented", "questioned", "asked",
    "highlighted", "pointed", "indicated", "reported", "estimated", "accused", "addressed", "stated",
    "described", "called", "expressed", "voiced",
}
# Verbs that take a reported clause ("X said that …"); the others above only attribute quotes.
CLAUSE_VERBS = SPEECH_VERBS - {"agreed", "pointed", "reported", "estimated", "addressed", "called", "expressed", "voiced", "described", "accused", "asked", "questioned", "posted"}

_MONTHS = "january february march april may june july august september october november december".split()
_DAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
NAME_STOP = set(_MONTHS + _DAYS) | set(
    "the a an this that these those his her its their our my your he she it they we i you him them "
    "and or but if in on at by for of to from with as after before while since during under over about "
    "according also both all some many most more other such no not none one two three first last next "
    "new old north south east west northern southern eastern western central mr mrs ms dr "
    "president vice prime foreign deputy senior acting former then special permanent chief top "
    "minister ministry secretary general ambassador envoy representative state department office "
    "house council committee commission court university institute center centre agency party media "
    "news times post government mission embassy army forces navy air force group bank fund union league "
    "people republic kingdom federation islamic democratic united nations national international "
    "assembly meeting session resolution draft image photo source sources reporting editing writing "
    "additional video watch read more related advertisement share comment comments page home menu "
    "search subscribe sign log login click previous next top bottom skip content follow us "
    "however meanwhile earlier later still yet even though although because despite amid "
    "sunday monday god lord covid pandemic ukrainian christmas easter ramadan "
    "western eastern european asian african arab latin islamic muslim christian jewish "
    "breaking exclusive update updated analysis opinion editorial explainer factbox "
    "statement declaration charter convention treaty protocol article chapter annex "
    "peninsula sea ocean gulf strait region province city capital island islands "
    "here there where when what who why how whom whose which "
    "his hers ours theirs yours mine its "
    "yes no ok okay".split()
) | {w for w in gz.ROLE_WORDS}
_PARTICLES = {"de", "da", "van", "von", "der", "den", "bin", "ibn", "al", "el", "la", "le", "du", "di", "dos", "das", "del", "della", "ter", "y", "ben", "abu", "mac"}
_PREFIXED = re.compile(r"^(?:al|el|ad|as|ash|an|bin|ibn|abu|ben|de|d|o|mc)[-'’][A-Z]")

ORG_HEADS = {
    "university", "college", "party", "institute", "foundation", "organization", "organisation",
    "agency", "programme", "fund", "bank", "court", "tribunal", "commission", "league", "alliance",
    "association", "movement", "watch", "times", "post", "news", "daily", "herald", "journal",
    "tribune", "gazette", "academy", "corporation", "company", "council", "committee", "federation",
    "forum", "network", "coalition", "front", "brigade", "brigades", "army", "school", "forces",
}
# Heads that also end many non-organization phrases: only accepted with two or more name words.
_WEAK_HEADS = {"council", "committee", "federation", "front", "army", "network", "forum", "school", "company", "forces"}
_ORG_CONNECT = {"of", "for", "and", "the", "on", "'", "&"}
_BYLINE_RE = re.compile(r"(?:^|[(;\n]|\b(?:[Rr]eporting|[Ee]diting|[Ww]riting|[Rr]eport(?:ed)?)\s)\s*[Bb]y\s+$")
_DASH_OUTLET_RE = re.compile(r"^((?:[A-Z][\w']*|\d+)(?: (?:[A-Z][\w']*|\d+)){0,3}) [-–—] (?=[A-Z“\"])")


@lru_cache(maxsize=1)
def _tables():
    table, longest = gz.phrase_table()
    prefixes: set[str] = set()
    any_first: set[str] = set()
    for k, e in table.items():
        parts = k.split(" ")
        for n in range(1, len(parts) + 1):
            prefixes.add(" ".join(parts[:n]))
        if e.needs_case == "any":
            any_first.add(parts[0])
    return table, longest, prefixes, any_first


_SKIP_IN_KEY = set(".'’\"“”‘")
_SPACES_RE = re.compile(r"\s+")


def _case_ok(e: gz.Entry, toks: list[Token]) -> bool:
    first = toks[0].text
    if e.needs_case == "any":
        return True
    if e.needs_case == "upper":
        letters = "".join(t.text for t in toks if t.text[:1].isalpha())
        return letters.isupper()
    if e.needs_case == "proper":
        return all(t.text[:1].isupper() for t in toks if t.text[:1].isalpha() and t.lower not in _ORG_CONNECT)
    return first[:1].isupper()


# "officials in Seoul", "the authorities in Beijing": the capital stands for the government
_GOV_PEOPLE = {"officials", "authorities", "leaders", "policymakers", "government", "ministers", "diplomats", "leadership"}
_INITIALS = re.compile(r"^(?:[A-Z]\.){1,3}$")
# a person by age: "X, a 22-year-old student"
_AGE_APPOS = re.compile(r"^,\s+(?:a|an)\s+\d{1,3}-year-old\b")
# "X's term as High Commissioner": nouns said only of a person
_PERSON_POSS = {"term", "tenure", "predecessor", "successor", "death", "killing", "arrest", "detention", "widow",
                "wife", "husband", "family", "funeral", "presidency", "premiership", "resignation"}
# "UNITED NATIONS (Hemisphere Report) —", "UNITED NATIONS, March 2 (Plenary Wire) —": the outlet in the dateline
_DATELINE_OUTLET = re.compile(r"^[A-Z][A-Z .'’-]{2,40}(?:,[^()\n]{0,30})?\s*\((?P<o>[A-Z][\w&'’.-]*(?: [A-Z][\w&'’.-]*){0,4})\)\s*(?:[-–—]|--)")
# "By a Plenary Wire correspondent", "By our Daily Delegate staff"
_BY_OUTLET = re.compile(r"^By\s+(?:a|an|our)\s+(?P<o>[A-Z][\w&'’.-]*(?: [A-Z][\w&'’.-]*){0,4})\s+(?:correspondent|reporter|staff(?:\s+writer)?|journalist)\b")
# "the Trump administration": the president it is named after
_ADMIN_RE = re.compile(r"\b[Tt]he\s+(?P<n>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s+administration\b")


def _gazetteer(doc: Doc) -> list[Mention]:
    table, longest, prefixes, any_first = _tables()
    toks = doc.tokens
    n = len(toks)
    out: list[Mention] = []
    nxt = 0
    for i in compress(range(n), doc.flags(_gaz_start)):
        if i < nxt:
            continue  # inside the last name found
        t = toks[i]
        best = None
        key = ""
        j = i
        while j < n and j - i < longest + 3:
            w = toks[j].text
            if w not in _SKIP_IN_KEY:
                key = toks[j].lower if not key else key + " " + toks[j].lower
            if key not in prefixes:
                break
            e = table.get(key)
            if e is not None and w not in _SKIP_IN_KEY:  # a trailing "." is no part of the name
                best = (j, e)
            j += 1
        if best is not None:
            j, e = best
            span = toks[i:j + 1]
            if e.kind != "block" and _case_ok(e, span) and not (
                    e.metonym and i > 0 and toks[i - 1].lower in {"in", "at"} and not (j + 1 < n and toks[j + 1].text in {"'s", "’s"})
                    and not (i > 1 and toks[i - 2].lower in _GOV_PEOPLE)):
                # "a conference in Paris", "the briefing in Washington": a place, not the government
                out.append(Mention(t.start, toks[j].end, doc.text[t.start:toks[j].end], e.name, e.kind, e.code,
                                   metonym=e.metonym, demonym=e.demonym, tok=i, ntok=j + 1 - i))
            nxt = j + 1
    return out


def _gaz_start(t: Token) -> bool:
    """A token that can start a gazetteer name: capitalised, or the first word of a lower-case form."""
    return t.text[:1].isupper() or t.lower in _tables()[3]


def _is_name_tok(t: Token) -> bool:
    s = t.text
    if not s[:1].isupper():
        return bool(_PREFIXED.match(s))
    if t.lower in NAME_STOP:
        return False
    if s.isupper() and len(s) > 1:
        return False
    return any(ch.isalpha() for ch in s)


def _is_initials(t: Token) -> bool:
    return bool(_INITIALS.match(t.text))


def _runs(doc: Doc, taken: list[bool]) -> list[tuple[int, int]]:
    """Maximal runs of name-like tokens (with particles and initials inside)."""
    toks = doc.tokens
    n = len(toks)
    name_ok = doc.flags(_is_name_tok)
    initials = doc.flags(_is_initials)
    out = []
    nxt = 0  # a run starts at or after the end of the last one
    # only a name-like token or an initial can start a run: the other tokens are passed over in C
    for i in compress(range(n), map(or_, name_ok, initials)):
        if i < nxt or taken[i] or not (name_ok[i] or i + 1 < n and name_ok[i + 1] and not taken[i + 1]
                                       and toks[i + 1].start - toks[i].end <= 1):
            continue
        j = i + 1
        while j < n:
            t = toks[j]
            if taken[j] or toks[j].start - toks[j - 1].end > 1 or "\n" in doc.text[toks[j - 1].end:t.start]:
                break
            if name_ok[j]:
                j += 1
            elif t.lower in _PARTICLES and j + 1 < n and name_ok[j + 1] and not taken[j + 1]:
                j += 2
            elif t.text == "." and len(toks[j - 1].text) == 1 and j + 1 < n and name_ok[j + 1]:
                j += 1  # initial: "George W. Bush"
            else:
                break
        out.append((i, j))
        nxt = j
    return out


def _is_org_head(t: Token) -> bool:
    return t.lower in ORG_HEADS and t.text[:1].isupper()


def _org_runs(doc: Doc, taken: list[bool]) -> list[Mention]:
    """Capitalised phrases ending in an organization head noun: "Yanbian University"."""
    toks = doc.tokens
    n = len(toks)
    out = []
    title_lines: dict[int, bool] = {}
    # only a capitalised head noun ends such a phrase: the other tokens are passed over in C
    for j, t in compress(enumerate(toks), doc.flags(_is_org_head)):
        if taken[j]:
            continue
        ls = doc.text.rfind("\n", 0, t.start) + 1
        if ls not in title_lines:
            title_lines[ls] = _is_title_line(doc.text, ls)
        if title_lines[ls]:
            continue  # "… after Recorded Vote, Takes Note of Committee Report": capitals of a headline name nothing
        i = j
        while i - 1 >= 0 and not taken[i - 1]:
            p = toks[i - 1]
            if toks[i].start - p.end > 1:
                break
            if p.text[:1].isupper() and p.lower not in {"the", "a", "an", "by", "in", "at", "with", "for", "of"} | set(_DAYS) | set(_MONTHS) or p.text.isdigit():
                i -= 1
            elif p.lower in _ORG_CONNECT and p.lower != "the" and i - 2 >= 0 and toks[i - 2].text[:1].isupper():
                i -= 1
            else:
                break
        while i < j and toks[i].lower in _ORG_CONNECT:
            i += 1
        if i == j and j + 2 < n and toks[j + 1].lower in {"on", "for"} and toks[j + 2].text[:1].isupper() and not taken[j + 2] \
                and doc.text[toks[j].end:toks[j + 2].start].count(" ") == 2 and toks[j + 2].lower not in NAME_STOP:
            # the head first: "Committee on Non-Governmental Organizations", "Commission for Social Development"
            k = j + 2
            while k + 1 < n and not taken[k + 1] and toks[k + 1].start - toks[k].end <= 1 and (
                    toks[k + 1].text[:1].isupper() and toks[k + 1].lower not in NAME_STOP
                    or toks[k + 1].lower in {"and", "of"} and k + 2 < n and toks[k + 2].text[:1].isupper()):
                k += 1
            if toks[k].text[:1].isupper() and "\n" not in doc.text[toks[i].start:toks[k].end]:
                s_, e_ = toks[i].start, toks[k].end
                surface = doc.text[s_:e_]
                out.append(Mention(s_, e_, surface, _SPACES_RE.sub(" ", surface.replace("’", "'")), "organization", tok=i, ntok=k + 1 - i))
            continue
        words = [x for x in toks[i:j + 1] if x.text not in "'’"]
        if len(words) < 2 or (t.lower in _WEAK_HEADS and len(words) < 3):
            continue
        # "University of X": take the complement
        end = j
        if j + 2 < n and toks[j + 1].lower == "of" and toks[j + 2].text[:1].isupper() and not taken[j + 2]:
            end = j + 2
        s, e = toks[i].start, toks[end].end
        surface = doc.text[s:e]
        if "\n" in surface:
            continue
        out.append(Mention(s, e, surface, _SPACES_RE.sub(" ", surface.replace("’", "'")), "organization", tok=i, ntok=end + 1 - i))
    return out


_SMALL_WORDS = {"of", "the", "and", "in", "on", "for", "to", "a", "an", "at", "by", "with", "as", "after", "from", "over", "into", "amid", "its", "their"}


def _is_title_line(text: str, ls: int) -> bool:
    """A headline in title case: most words capitalised, six or more words, no closing full stop."""
    le = text.find("\n", ls)
    line = text[ls:le if le >= 0 else len(text)].strip()
    words = re.findall(r"[A-Za-z][\w'’-]*", line)
    if len(words) < 6 or line.endswith((".", "”", '"')):
        return False
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    return bool(content) and sum(w[0].isupper() for w in content) >= 0.85 * len(content)


def _dash_outlets(doc: Doc, table) -> list[Mention]:
    """A paragraph opening "Outlet Name - The …" names the publishing organization."""
    out = []
    for p in doc.paragraphs:
        m = _DASH_OUTLET_RE.match(doc.text[p.start:p.end])
        if not m:
            continue
        words = m.group(1).split(" ")
        # a known name at the front ("Reuters Example Daily English"): the rest is the outlet
        while words and norm_key([words[0]]) in table:
            words = words[1:]
        if not words or all(w.isupper() for w in words) or len(words) < 2 and not words[0][:1].isupper():
            continue
        name = " ".join(words)
        if norm_key(words) in table or name.lower().split()[0] in NAME_STOP - {"news"}:
            continue
        s = p.start + m.group(1).rfind(name)
        out.append(Mention(s, s + len(name), name, name, "organization"))
    return out


def _dateline_outlets(doc: Doc, table, known: list[Mention]) -> list[Mention]:
    """The outlet a dateline or a byline names: "UNITED NATIONS (Plenary Wire) —", "By a Plenary Wire correspondent"."""
    out = []
    for p in doc.paragraphs[:8]:
        para = doc.text[p.start:p.end]
        m = _DATELINE_OUTLET.match(para) or _BY_OUTLET.match(para)
        if not m:
            continue
        s, e = p.start + m.start("o"), p.start + m.end("o")
        if any(k.start < e and s < k.end for k in known):
            continue  # a known name (Reuters, AFP) is found already
        name = m.group("o")
        if name.lower().split()[0] in NAME_STOP or (" " not in name and not (name.isupper() and len(name) >= 2)):
            continue  # "(Wire)": a generic word, not a name
        out.append(Mention(s, e, name, name.replace("’", "'"), "organization"))
    return out


def find_mentions(doc: Doc) -> list[Mention]:
    table, _, _, _ = _tables()
    toks = doc.tokens
    n = len(toks)
    gaz = _gazetteer(doc)
    taken = [False] * n
    by_tok: dict[int, Mention] = {}
    for m in gaz:
        for k in range(m.tok, m.tok + m.ntok):
            taken[k] = True
        by_tok[m.tok] = m
    orgs = _org_runs(doc, taken)
    for m in orgs:
        for k in range(m.tok, m.tok + m.ntok):
            taken[k] = True
        by_tok[m.tok] = m
    ent_at: list[Mention | None] = [None] * n
    for m in gaz + orgs:
        for k in range(m.tok, m.tok + m.ntok):
            ent_at[k] = m

    people: list[Mention] = []
    runs = _runs(doc, taken)
    text = doc.text

    def role_before(i: int) -> tuple[str | None, int]:
        """Role word directly before token i (allowing 'then-', titles like 'Secretary of State')."""
        k = i - 1
        steps = 0
        while k >= 0 and steps < 5:
            t = toks[k]
            if t.lower in gz.ROLE_WORDS:
                return t.lower, k
            if t.text in {".", "-"} or t.lower.endswith("-") or t.lower in {"of", "state", "affairs", "general", "nations", "the", "then"}:
                k -= 1
                steps += 1
                continue
            break
        return None, -1

    def phrase_affiliation(a: int, b: int) -> str | None:
        countries = [ent_at[k] for k in range(a, b) if ent_at[k] is not None and ent_at[k].kind == "country"]
        if countries:
            return countries[0].name
        orgs_ = [ent_at[k] for k in range(a, b) if ent_at[k] is not None and ent_at[k].kind == "organization"]
        return orgs_[-1].name if orgs_ else None

    def clause_start(i: int) -> int:
        k = i - 1
        while k >= 0 and toks[k].text not in {",", ".", ";", ":", "(", "“", '"', "–", "—"} and "\n" not in text[toks[k].end:toks[k + 1].start]:
            k -= 1
        return k + 1

    def clause_end(j: int) -> int:
        k = j
        while k < n and toks[k].text not in {",", ".", ";", ":", ")", "”", '"', "–", "—"} and "\n" not in text[toks[k - 1].end:toks[k].start]:
            k += 1
        return k

    pending_coord = -1
    for (i, j) in runs:
        length = j - i
        words = [t for t in toks[i:j] if t.text != "."]
        role = aff = None
        trigger = False
        # title before the name: "China's U.N. Ambassador Zhang Jun", "leader Kim Jong Un"
        r, rk = role_before(i)
        if r is not None:
            trigger = True
            role = r
            # modifiers of the role: "deputy ambassador", "Foreign Minister"
            mk = rk - 1
            while mk >= 0 and toks[mk].lower in {"deputy", "foreign", "vice", "prime", "senior", "special", "permanent", "acting", "former", "chief", "top", "defence", "defense", "interior"}:
                role = toks[mk].lower + " " + role
                mk -= 1
            cs = clause_start(rk)
            aff = phrase_affiliation(max(cs, rk - 6), rk)
            if r in {"citizen", "citizens"}:
                role = "citizen"
        # "Linda Thomas-Greenfield (United States) said": a name with its delegation in brackets
        if j + 2 < n and toks[j].text == "(" and ent_at[j + 1] is not None and ent_at[j + 1].kind in {"country", "organization"}:
            close = ent_at[j + 1].tok + ent_at[j + 1].ntok
            if close < n and toks[close].text == ")":
                trigger = True
                aff = aff or ent_at[j + 1].name
        # byline
        if not trigger and _BYLINE_RE.search(text[max(0, toks[i].start - 30):toks[i].start]):
            trigger, role = True, "reporter"
        if not trigger and length >= 2 and j < n and (_AGE_APPOS.match(text[toks[j].start:toks[j].start + 40]) or (
                toks[j].text in {"'s", "’s"} and j + 1 < n and toks[j + 1].lower in _PERSON_POSS)):
            trigger = True
        # apposition after: "Ana Ruiz, a spokeswoman for the foreign ministry,"
        if j < n and toks[j].text == ",":
            ce = clause_end(j + 1)
            seg = toks[j + 1:ce]
            if seg and len(seg) <= 14 and (seg[0].lower in {"a", "an", "the", "his", "her"} or (ent_at[j + 1] is not None) or seg[0].lower in gz.ROLE_WORDS):
                roles = [t.lower for t in seg if t.lower in gz.ROLE_WORDS and t.lower not in {"member", "head", "foreign", "deputy", "senior", "vice"}]
                roles2 = [t.lower for t in seg if t.lower in gz.ROLE_WORDS]
                if roles or roles2:
                    trigger = True
                    role = role or (roles or roles2)[0]
                    aff = aff or phrase_affiliation(j + 1, ce)
        # apposition before: "Caracas's envoy, Luis Mora," / "Biden's predecessor, Donald Trump"
        if not trigger and i >= 2 and toks[i - 1].text == ",":
            cs = clause_start(i - 1)
            seg = toks[cs:i - 1]
            roles = [t.lower for t in seg if t.lower in gz.ROLE_WORDS]
            if roles and len(seg) <= 12:
                trigger = True
                role = roles[-1]
                aff = phrase_affiliation(cs, i - 1)
        # a speech verb after a full name, or "said John Smith"
        if not trigger and length >= 2:
            nxt = toks[j].lower if j < n else ""
            prv = toks[i - 1].lower if i > 0 else ""
            if nxt in SPEECH_VERBS or prv in {"said", "says", "told", "added"} or (
                    i >= 2 and toks[i - 2].lower == "according" and prv == "to"):
                trigger = True
        # coordination with a person just found: "citizens Kenneth Bae and Matthew Todd Miller"
        if not trigger and pending_coord >= 0 and i >= 1 and toks[i - 1].lower == "and" and pending_coord == i - 1:
            trigger = True
            role = people[-1].role if people else None
            aff = people[-1].affiliation if people else None
        if not trigger or length < 2 or length > 5:
            continue
        s, e = toks[i].start, toks[j - 1].end
        name = _SPACES_RE.sub(" ", text[s:e]).replace("’", "'")
        people.append(Mention(s, e, text[s:e], name, "person", affiliation=aff, role=role, tok=i, ntok=j - i))
        pending_coord = j

    # resolve names: a name seen with a trigger also counts where it stands without one
    full: dict[str, Mention] = {}
    for p in people:
        full.setdefault(p.name, p)
    # unify variants: "Kim Jong-un" / "Kim Jong Un" in the same document
    canon: dict[str, str] = {}
    for nm in full:
        canon.setdefault(nm.replace("-", " ").lower(), nm)
    found_spans = {(p.start, p.end) for p in people}
    surname: dict[str, list[str]] = {}
    for nm in full:
        parts = nm.split(" ")
        keys = {parts[-1]}
        if parts[0].lower() in gz.EAST_ASIAN_SURNAMES:
            keys.add(parts[0])
        for k in keys:
            surname.setdefault(k, [])
            if nm not in surname[k]:
                surname[k].append(nm)
    first_pos = {}
    for p in people:
        first_pos.setdefault(p.name, p.start)

    def resolve(key: str, pos: int) -> str | None:
        cands = surname.get(key)
        if not cands:
            return None
        if len(cands) == 1:
            return cands[0]
        # most recent full mention before pos, else the first after
        best, best_pos = None, -1
        for p in people:
            if p.name in cands and p.start <= pos and p.start > best_pos:
                best, best_pos = p.name, p.start
        return best or cands[0]

    for (i, j) in runs:
        s, e = toks[i].start, toks[j - 1].end
        if (s, e) in found_spans:
            continue
        name = _SPACES_RE.sub(" ", text[s:e]).replace("’", "'")
        key = name.replace("-", " ").lower()
        if key in canon:
            ref = full[canon[key]]
            people.append(Mention(s, e, text[s:e], ref.name, "person", affiliation=ref.affiliation, role=ref.role, tok=i, ntok=j - i))
            continue
        # surname-only mentions inside any run ("Putin's office", "Kim himself", "said Li")
        for k in range(i, j):
            t = toks[k]
            if t.text in surname:
                nm = resolve(t.text, t.start)
                if nm:
                    ref = full[nm]
                    people.append(Mention(t.start, t.end, t.text, nm, "person", affiliation=ref.affiliation, role=ref.role, tok=k, ntok=1))
                    break
    extra = _dateline_outlets(doc, table, gaz + orgs)
    # "the Trump administration" with no full name in the text: the surname alone names the person
    if "administration" in text:
        have = {p.name.split(" ")[-1] for p in people}
        for am in _ADMIN_RE.finditer(text):
            nm = am.group("n")
            if nm in have or nm.lower() in NAME_STOP or norm_key([nm]) in table or any(
                    m.start <= am.start("n") < m.end for m in gaz + orgs):
                continue
            people.append(Mention(am.start("n"), am.end("n"), nm, nm, "person", role="head of government"))
    mentions = gaz + orgs + _dash_outlets(doc, table) + extra + people
    mentions.sort(key=lambda m: m.start)
    return mentions
