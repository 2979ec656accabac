"""Numbers stated in the text, each with the singular noun it counts.

Digits with separators and scales ("525,000", "4 million barrels"), number words ("nine",
"Thirty-eight", "dozens"), ordinals ("seventh", "77th"), compounds ("15-member"), percentages,
money and years. Day numbers of dates and parts of document symbols (A/RES/77/1) are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import compress

from .tokens import token_flags

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000, "bn": 1_000_000_000, "m": 1_000_000, "k": 1_000, "mn": 1_000_000}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
    "eightieth": 80, "ninetieth": 90, "hundredth": 100,
}
# Vague quantities: a value of the right size, marked approximate.
_VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2_000, "millions": 2_000_000,
          "billions": 2_000_000_000, "dozen": 12, "tens of thousands": 20_000, "hundreds of thousands": 200_000}

_W = "|".join(sorted(list(_UNITS) + list(_TENS), key=len, reverse=True))
_WORD_NUM = rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(k for k in _UNITS if _UNITS[k] and _UNITS[k] < 10)}))?|{_W})"
_ORD_WORDS = "|".join(sorted(_ORDINALS, key=len, reverse=True))
_ORD_COMPOUND = rf"(?:(?:{'|'.join(_TENS)})-(?:{_ORD_WORDS}))"
_MONTHS = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"

NUMBER_RE = re.compile(
    rf"(?P<cur>US\$|\$|€|£|¥|USD\s?|EUR\s?)?"
    rf"(?:(?P<dig>(?<![\w/.])(?<![A-Za-z]-)\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|(?<![\w/.,])(?<![A-Za-z]-)\d+(?:\.\d+)?)(?P<ordsfx>st|nd|rd|th)?(?!(?!(?:bn|mn|m|k)\b)[\w/]|\.\d|/)"
    rf"|(?P<vague>\b(?:tens|hundreds) of thousands\b|\b(?:dozens|scores|hundreds|thousands|millions|billions)\b|\ba dozen\b)"
    rf"|(?P<ordw>\b(?:{_ORD_COMPOUND}|{_ORD_WORDS})\b)"
    rf"|(?P<word>\b{_WORD_NUM}(?:\s+(?:and\s+)?(?:hundred|thousand|million|billion)(?:\s+(?:and\s+)?{_WORD_NUM})?)*\b))"
    rf"(?P<scale>\s?(?:hundred|thousand|million|billion|trillion)\b|\s?(?:bn|mn|m|k)\b)?"
    rf"(?P<pct>\s?(?:%|per\s?cent\b|percent\b|pct\b))?",
    re.IGNORECASE,
)
_DATE_BEFORE_RE = re.compile(rf"\b{_MONTHS}\s*$", re.IGNORECASE)
_DATE_AFTER_RE = re.compile(rf"^(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\b", re.IGNORECASE)
_TIME_AFTER_RE = re.compile(r"^(?::\d\d|\s?(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|GMT\b|hrs\b|h\b))", re.IGNORECASE)
_COMPOUND_RE = re.compile(r"^-(?P<noun>[a-z]+)(?:-[a-z]+)?\b")
_APPROX_BEFORE_RE = re.compile(
    r"\b(?:about|around|nearly|almost|some|roughly|approximately|more than|over|at least|up to|fewer than|"
    r"less than|an estimated|close to|upwards of|as many as|as much as|under|just over|just under)\s+$",
    re.IGNORECASE,
)
_STOP_AFTER = {
    "of", "in", "to", "from", "at", "on", "for", "with", "and", "or", "that", "which", "who", "was", "were",
    "are", "is", "have", "has", "had", "will", "would", "could", "can", "may", "might", "should", "by",
    "as", "than", "but", "per", "a", "an", "the", "it", "they", "he", "she", "this", "these", "those",
    "be", "been", "being", "not", "no", "against", "abstaining", "abstained", "voted", "votes", "vote", "so", "if",
    "when", "after", "before", "since", "while", "during", "under", "over", "into", "out", "up", "down",
    "its", "their", "his", "her", "our", "we", "you", "i", "there", "here", "all", "both", "each",
}
_NOT_PLURAL_NOUNS = {
    "this", "was", "has", "is", "its", "as", "us", "less", "across", "thus", "perhaps", "always", "whereas",
    "various", "previous", "serious", "numerous", "unless", "always", "besides", "yes", "his", "hers", "does",
}
_MEASURE = {
    "barrel", "ton", "tonne", "kilogram", "kg", "gram", "litre", "liter", "gallon", "metre", "meter",
    "kilometre", "kilometer", "km", "mile", "hectare", "acre", "megawatt", "watt", "degree", "hour",
    "minute", "day", "week", "month", "year", "decade", "pound", "ounce", "cubic", "square", "foot", "feet",
}
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z\-']*|[^\sA-Za-z]")
_IRREGULAR = {"people": "person", "children": "child", "men": "man", "women": "woman", "feet": "foot",
              "personnel": "personnel", "police": "police", "troops": "troop", "staff": "staff"}


@dataclass
class Number:
    value: float
    unit: str | None
    kind: str
    approx: bool
    surface: str
    start: int
    end: int


def singular(w: str) -> str:
    w = w.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes", "zes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


_WORD_SPLIT_RE = re.compile(r"[\s\-]+")


def words_value(s: str) -> float | None:
    total, cur = 0, 0
    for w in _WORD_SPLIT_RE.split(s.lower()):
        if w == "and" or not w:
            continue
        if w in _UNITS:
            cur += _UNITS[w]
        elif w in _TENS:
            cur += _TENS[w]
        elif w == "hundred":
            cur = max(cur, 1) * 100
        elif w in _SCALES:
            total += max(cur, 1) * _SCALES[w]
            cur = 0
        else:
            return None
    return float(total + cur)


def _unit_after(text: str, pos: int, singular_only: bool) -> str | None:
    """The counted noun after a number: skip up to three modifiers, stop at function words."""
    seg = text[pos:pos + 80]
    words = _WORD_RE.findall(seg)
    if words and words[0].lower() == "of":
        words = words[1:]
    for k, w in enumerate(words[:4]):
        lw = w.lower()
        if not w[:1].isalpha() or lw in _STOP_AFTER:
            if lw in {"votes", "vote"} and k == 0:
                return "vote"
            return None
        if w[:1].isupper() and k == 0 and lw not in {"member", "members"}:
            return None
        if singular_only:
            # "seventh nuclear test," -> test: the last word of the noun phrase
            nxt = words[k + 1].lower() if k + 1 < len(words) else ""
            if k == 3 or not nxt[:1].isalpha() or nxt in _STOP_AFTER or nxt.endswith("ing"):
                return singular(lw)
            continue
        if (lw.endswith("s") and lw not in _NOT_PLURAL_NOUNS and not lw.endswith(("ous", "ss", "ics")) and len(lw) > 3) or lw in _IRREGULAR:
            return singular(lw)
        if lw in _MEASURE or lw.rstrip("s") in _MEASURE:
            return singular(lw)
    return None


# checks on the text around each number, compiled once
_NOT_NUMBER_AFTER_RE = re.compile(r"-\d")
_DOLLARS_AFTER_RE = re.compile(r"\s*(?:dollars|US dollars)\b")
_LOWER_WORD_AFTER_RE = re.compile(r"\s+[a-z]")

_STARTERS = set(_UNITS) | set(_TENS) | set(_ORDINALS) | {"dozens", "scores", "hundreds", "thousands", "millions",
                                                          "billions", "tens", "a", "us", "usd", "eur", "$", "€", "£", "¥"}


def _can_start(t) -> bool:
    c = t.text[0]
    return c.isdigit() or t.lower.split("-", 1)[0] in _STARTERS


def _candidates(text: str, tokens) -> list[re.Match]:
    """NUMBER_RE anchored at the tokens that can start a number: far cheaper than scanning every position."""
    if tokens is None:
        from .tokens import tokenize

        tokens = tokenize(text)
    out = []
    last = -1
    for t in compress(tokens, token_flags(tokens, _can_start)):
        if t.start < last:
            continue
        m = NUMBER_RE.match(text, t.start)
        if m and m.end() > m.start():
            out.append(m)
            last = m.end()
    return out


def find_numbers(text: str, tokens=None) -> list[Number]:
    out: list[Number] = []
    for m in _candidates(text, tokens):
        s, e = m.start(), m.end()
        surface = m.group()
        if not surface.strip():
            continue
        # trailing spaces of optional groups are not part of the surface
        while e > s and text[e - 1].isspace():
            e -= 1
        surface = text[s:e]
        before = text[max(0, s - 25):s]
        after = text[e:e + 30]
        approx = bool(_APPROX_BEFORE_RE.search(before))
        kind = "count"
        unit = None
        if m.group("dig"):
            raw = m.group("dig").replace(",", "")
            value = float(raw)
            if m.group("ordsfx"):
                kind = "ordinal"
                unit = _unit_after(text, e, True)
                out.append(Number(value, unit, kind, approx, surface, s, e))
                continue
            if _DATE_BEFORE_RE.search(before) and value <= 31 and "." not in raw:
                continue  # "November 8"
            if _DATE_AFTER_RE.match(after) and value <= 31:
                continue  # "8 November"
            if _TIME_AFTER_RE.match(after):
                continue
            if before.endswith(("No. ", "no. ")):
                kind = "other"
        elif m.group("vague"):
            value = float(_VAGUE[m.group("vague").lower()] if m.group("vague").lower() in _VAGUE else _VAGUE["dozen"])
            approx = True
        elif m.group("ordw"):
            w = m.group("ordw").lower()
            if "-" in w:
                a, b = w.split("-", 1)
                value = float(_TENS[a] + _ORDINALS[b])
            else:
                value = float(_ORDINALS[w])
            unit = _unit_after(text, e, True)
            out.append(Number(value, unit, "ordinal", False, surface, s, e))
            continue
        else:
            v = words_value(m.group("word"))
            if v is None:
                continue
            value = v
        scale = (m.group("scale") or "").strip().lower()
        if scale:
            if scale in {"m", "k", "mn", "bn"} and not m.group("cur") and not m.group("dig"):
                continue
            if scale in {"m", "k"} and not m.group("cur"):
                # "4m barrels" is fine, "10 m" (metres) is not a scale
                if not _LOWER_WORD_AFTER_RE.match(after):
                    scale = ""
            if scale:
                value *= _SCALES[scale]
        if m.group("cur"):
            kind = "money"
            c = m.group("cur").strip().upper()
            unit = {"$": "dollar", "US$": "dollar", "USD": "dollar", "€": "euro", "EUR": "euro", "£": "pound", "¥": "yen"}.get(c, "dollar")
        elif m.group("pct"):
            kind, unit = "percent", "percent"
        else:
            cm = _COMPOUND_RE.match(after)
            if cm and not _NOT_NUMBER_AFTER_RE.match(after):
                unit = singular(cm.group("noun"))
                e2 = e + cm.end()
                if m.group("dig") and m.group("dig").isdigit() and 1900 <= value <= 2100 and unit in {"year", "yr"}:
                    pass
                out.append(Number(value, unit, "count" if unit not in _MEASURE else "quantity", approx, text[s:e2], s, e2))
                continue
            unit = _unit_after(text, e, value == 1)
            if _DOLLARS_AFTER_RE.match(after):
                kind, unit = "money", "dollar"
            elif m.group("dig") and 1900 <= value <= 2100 and "." not in m.group("dig") and "," not in m.group("dig") and not scale:
                if unit is None or unit in {"resolution", "report", "election", "summit", "session", "vote", "law", "plan"}:
                    kind, unit = "year", None
            elif unit in _MEASURE:
                kind = "quantity"
            elif unit is None:
                kind = "other"
            if m.group("word") and value == 1 and unit is None:
                continue  # "one of the", "no one": not a stated quantity
        out.append(Number(value, unit, kind, approx, surface, s, e))
    _propagate_ranges(text, out)
    return out


_RANGE_GAP_RE = re.compile(r"^\s*(?:to|and|-|–|or)\s*$")
_RATE_RANGE_GAP_RE = re.compile(r"^\s*[a-z]+\s+(?:per|a)\s+[a-z]+\s+to\s*$")
_SAME_UNIT_GAP_RE = re.compile(r"^\s*(?:per\s+[a-z]+\s+)?(?:to|and|or|-|–)\s*$")


def _propagate_ranges(text: str, nums: list[Number]) -> None:
    """'from 4 million to 3 million barrels', '525,000 to 393,750 tons': the first takes the unit."""
    for a, b in zip(nums, nums[1:]):
        if a.unit is None and b.unit is not None and a.kind in {"count", "other"} and b.kind == a.kind or (
                a.unit is None and b.unit and a.kind == "other"):
            gap = text[a.end:b.start]
            if _RANGE_GAP_RE.match(gap) or _RATE_RANGE_GAP_RE.match(gap):
                a.unit = b.unit
                a.kind = b.kind
        elif a.unit is not None and b.unit is None and b.kind in {"count", "other"}:
            gap = text[a.end:b.start]
            # "4 million barrels per year to 3 million": the second counts the same thing
            if _SAME_UNIT_GAP_RE.match(gap) and text[b.end:b.end + 1] in ",.;) " and not text[b.end:b.end + 2].strip(" ")[:1].isalpha():
                b.unit, b.kind = a.unit, a.kind
