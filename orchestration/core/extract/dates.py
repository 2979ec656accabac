"""Dates: the document's own date (dateline or a date line) and dates of events resolved against
a base date. Phrases are found by our own patterns and resolved by arithmetic: a weekday is the
most recent such day on or before the base date; without a base date relative phrases stay None.

(dateparser is not used here: its `search_dates` misreads names and weekdays, and `parse` costs a
millisecond or more per call, which alone would halve our throughput.)
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_NUMWORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a": 1}

_MON = r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_MON2 = _MON.replace("?P<mon>", "?P<mon2>")
_FULL_DATE_RE = re.compile(
    rf"\b{_MON}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>(?:19|20)\d\d))?\b"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON2}(?:,?\s+(?P<y2>(?:19|20)\d\d))?\b"
    rf"|\b(?P<iy>(?:19|20)\d\d)-(?P<im>\d\d)-(?P<id>\d\d)\b"
    rf"|(?<![\d/])(?P<sa>\d{{1,2}})[/.](?P<sb>\d{{1,2}})[/.](?P<sy>(?:19|20)?\d\d)(?![\d/])",
)
_DATE_LINE_RE = re.compile(
    r"^\s*(?:(?:published|posted|updated|date|dated|last updated)\s*:?\s*)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"(?P<body>[^\n]{4,40}?)\s*(?:\d{1,2}:\d\d\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?)?\s*$",
    re.IGNORECASE,
)

# Phrases of time inside a sentence, in the order they are tried. After \b, a look at the first character:
# every alternative starts with a digit or one of these letters (compared without case, as the alternatives
# are), so most positions fail on one test instead of all the alternatives (`first_date` runs 10 times a document).
_REL_RE = re.compile(
    rf"\b(?=[\dadefijlmnostwy])(?:(?P<wd>(?:on|last|this|earlier|late|early|later)\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:'s|’s)?)"
    rf"|(?P<md>(?:on\s+)?(?:{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d\d)?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON2}(?:,?\s+(?:19|20)\d\d)?))"
    rf"|(?P<yday>yesterday|today|tonight|this\s+(?:morning|afternoon|evening))"
    rf"|(?P<ago>(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a)\s+(?P<u>days?|weeks?)\s+(?:ago|earlier|before))"
    rf"|(?P<lastw>last\s+week)|(?P<lastm>last\s+month)|(?P<inmon>in\s+{_MON.replace('?P<mon>', '?P<mon3>')})(?!\s+\d)"
    rf")",
    re.IGNORECASE,
)


def month_num(s: str) -> int:
    return MONTHS[s.lower().rstrip(".")[:3]]


def _mk(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _year_for(month: int, day: int, base: date) -> date | None:
    d = _mk(base.year, month, day)
    if d and d > base + timedelta(days=7):
        d = _mk(base.year - 1, month, day)
    return d


def _from_match(m: re.Match, base_year: int | None) -> date | None:
    if m.group("mon"):
        mon, d, y = month_num(m.group("mon")), int(m.group("d")), m.group("y")
    elif m.group("mon2"):
        mon, d, y = month_num(m.group("mon2")), int(m.group("d2")), m.group("y2")
    elif m.group("iy"):
        return _mk(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
    else:
        a, b, yy = int(m.group("sa")), int(m.group("sb")), m.group("sy")
        y = int(yy) + (2000 if len(yy) == 2 and int(yy) < 70 else 1900 if len(yy) == 2 else 0)
        # day first ("19/11/14"), unless the second number cannot be a month
        if b > 12 and a <= 12:
            a, b = b, a
        return _mk(y, b, a)
    if y:
        return _mk(int(y), mon, d)
    if base_year:
        return _mk(base_year, mon, d)
    return None


def find_text_date(text: str, metadata_date: date | None = None) -> date | None:
    """The date the document states for itself: a date near the top, or a line that is only a date."""
    base_year = metadata_date.year if metadata_date else None
    head = text[:700]
    # a dateline or date near the top
    for m in _FULL_DATE_RE.finditer(head):
        if m.group("mon") and not m.group("y") or m.group("mon2") and not m.group("y2"):
            # "May 26 (Reuters)": only with a year from the metadata
            if base_year is None:
                continue
        d = _from_match(m, base_year)
        if d:
            return d
    # a line that holds nothing but a date (page footers, "Published: …")
    for line in text.split("\n"):
        s = line.strip()
        if not s or len(s) > 60:
            continue
        lm = _DATE_LINE_RE.match(s)
        if not lm:
            continue
        m = _FULL_DATE_RE.search(lm.group("body"))
        if m and len(m.group().strip()) >= len(lm.group("body").strip()) - 2:
            if (m.group("mon") and not m.group("y")) or (m.group("mon2") and not m.group("y2")):
                if base_year is None:
                    continue
            d = _from_match(m, base_year)
            if d:
                return d
    return None


def resolve_phrase(m: re.Match, base: date | None) -> date | None:
    """Resolve one `_REL_RE` match to a day; None when the phrase is vaguer than a day or no base."""
    g = m.group
    if g("md"):
        fm = _FULL_DATE_RE.search(g("md"))
        if not fm:
            return None
        has_year = bool(fm.group("y") or fm.group("y2"))
        if has_year:
            return _from_match(fm, None)
        if base is None:
            return None
        mon = fm.group("mon") or fm.group("mon2")
        day = int(fm.group("d") or fm.group("d2"))
        return _year_for(month_num(mon), day, base)
    if base is None:
        return None
    if g("wd"):
        w = re.search(r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)", g("wd"), re.IGNORECASE).group(1).lower()
        delta = (base.weekday() - WEEKDAYS[w]) % 7
        if g("wd").lower().startswith("last") and delta == 0:
            delta = 7
        return base - timedelta(days=delta)
    if g("yday"):
        return base - timedelta(days=1) if g("yday").lower() == "yesterday" else base
    if g("ago"):
        n = g("n").lower()
        k = int(n) if n.isdigit() else _NUMWORDS.get(n, 1)
        return base - timedelta(days=k * (7 if g("u").lower().startswith("week") else 1))
    return None  # last week / last month / in May: coarser than a day


def resolve_month(m: re.Match, base: date | None) -> tuple[int, int] | None:
    """(year, month) for "last month" / "in May", given a base date."""
    if base is None:
        return None
    if m.group("lastm"):
        y, mo = (base.year, base.month - 1) if base.month > 1 else (base.year - 1, 12)
        return y, mo
    if m.group("inmon"):
        mo = month_num(m.group("mon3"))
        return (base.year, mo) if mo <= base.month else (base.year - 1, mo)
    return None


def first_date(text: str, base: date | None) -> date | None:
    """The first day-precise date phrase in `text`, resolved against `base`."""
    for m in _REL_RE.finditer(text):
        d = resolve_phrase(m, base)
        if d is not None:
            return d
    return None


def has_time_phrase(text: str) -> bool:
    return _REL_RE.search(text) is not None


REL_RE = _REL_RE
