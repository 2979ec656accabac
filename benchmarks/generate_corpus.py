"""Generate a synthetic inbox of UN-vote news articles for benchmarks.

    python benchmarks/generate_corpus.py OUT_DIR --documents N --seed S [--bad-share 0.01]
        [--duplicate-share 0.02] [--workers W]

Writes N inputs (a file, or a line of a .jsonl batch, counts as one input) into OUT_DIR, flat:
articles of about 400 words in our own template wording (votes in many phrasings with realistic
random tallies, countries from pycountry, quotes by invented speakers, reported speech, numbers
with units, datelines, filler paragraphs), mostly .txt, some .md with front matter, some .html
inside page chrome, some .jsonl batches of 50 lines; a share of bad inputs (empty, binary,
undecodable, unsupported type, malformed JSON line, JSON line without text) and a share of exact
duplicates of other articles under other names. Prints the counts as JSON.

The output depends only on (documents, seed, shares): every input is rendered from its own
random stream, so the result is the same with any number of workers. Importable:
`generate_corpus(out_dir, documents, seed, ...) -> dict` returns the counts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import os
import random
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

BATCH_LINES = 50
FORMAT_WEIGHTS = (("txt", 0.76), ("md", 0.10), ("html", 0.08), ("jsonl", 0.06))
BAD_FILE_KINDS = ("empty", "binary", "undecodable", "unsupported_type")
BAD_LINE_KINDS = ("malformed_json", "missing_text")
BAD_KINDS = ("empty", "binary", "malformed_json", "missing_text", "undecodable", "unsupported_type")
CP1252_SHARE = 0.02  # of .txt articles, written in cp1252 with curly quotes
FIRST_DAY = dt.date(2000, 1, 1)
DAY_SPAN = (dt.date(2025, 12, 31) - FIRST_DAY).days

# --------------------------------------------------------------------------------- vocabulary

_NON_MEMBERS = set(
    "AS AI AQ AW AX BL BM BQ BV CC CK CW CX EH FK FO GF GG GI GL GP GS GU HK HM IM IO JE KY MF MO MP "
    "MQ MS NC NF NU PF PM PN PR RE SH SJ SX TC TF TK TW UM VA VG VI WF YT PS".split()
)
_SHORT_NAMES = {
    "RU": "Russia", "CD": "Democratic Republic of the Congo", "FM": "Micronesia", "BN": "Brunei",
    "TR": "Turkey", "GB": "United Kingdom", "US": "United States", "CZ": "Czechia",
}
P5 = ("China", "France", "Russia", "United Kingdom", "United States")


def _countries() -> tuple[list[str], dict[str, str]]:
    """UN member states by common short name, and a formal variant where one reads naturally."""
    import pycountry

    names, formal = [], {}
    for c in pycountry.countries:
        if c.alpha_2 in _NON_MEMBERS:
            continue
        short = _SHORT_NAMES.get(c.alpha_2) or getattr(c, "common_name", None) or c.name
        names.append(short)
        official = getattr(c, "official_name", None) or c.name
        if official != short and "," not in official and "(" not in official:
            formal[short] = official
    return sorted(names), formal


COUNTRIES, FORMAL = _countries()

BODIES = (
    # name, weight, members, city
    ("General Assembly", 0.38, 193, "UNITED NATIONS"),
    ("Security Council", 0.27, 15, "UNITED NATIONS"),
    ("Human Rights Council", 0.14, 47, "GENEVA"),
    ("General Assembly Third Committee", 0.09, 193, "NEW YORK"),
    ("General Assembly First Committee", 0.05, 193, "NEW YORK"),
    ("General Assembly Fourth Committee", 0.03, 193, "NEW YORK"),
    ("Economic and Social Council", 0.04, 54, "NEW YORK"),
)
BODY_SHORT = {
    "General Assembly": ("the General Assembly", "the Assembly", "the 193-member Assembly", "the world body"),
    "Security Council": ("the Security Council", "the council", "the 15-member Security Council", "the UN Security Council"),
    "Human Rights Council": ("the Human Rights Council", "the rights council", "the 47-member council", "the UN Human Rights Council"),
    "General Assembly Third Committee": ("the Assembly's Third Committee", "the Third Committee", "a General Assembly committee on human rights"),
    "General Assembly First Committee": ("the First Committee", "the Assembly's disarmament committee", "the First Committee on disarmament"),
    "General Assembly Fourth Committee": ("the Fourth Committee", "the Assembly's decolonization committee"),
    "Economic and Social Council": ("the Economic and Social Council", "ECOSOC", "the 54-member ECOSOC"),
}
OUTLETS = ("Plenary Wire", "Turtle Bay Dispatch", "Geneva Monitor", "The Daily Delegate", "Hemisphere Report",
           "Meridian News", "Capital Ledger", "Harbour Times", "The Quorum", "North Star Press")
SUBJECTS = (
    "on the humanitarian situation in {c1}",
    "condemning missile launches by {c1}",
    "calling for an end to the economic embargo on {c1}",
    "on the safety of journalists and the issue of impunity",
    "on the human rights situation in {c1}",
    "on the territorial integrity of {c1}",
    "demanding a ceasefire in the fighting between {c1} and {c2}",
    "on nuclear disarmament verification",
    "on the prevention of an arms race in outer space",
    "renewing the mandate of the peacekeeping mission in {c1}",
    "imposing an arms embargo on {c1}",
    "on the rights of indigenous peoples",
    "on the elimination of violence against women and girls",
    "extending sanctions against individuals in {c1}",
    "on the use of the veto by permanent members",
    "on cooperation between the United Nations and regional organizations",
    "on a moratorium on the use of the death penalty",
    "on the status of internally displaced persons from {c1}",
    "on unilateral coercive measures",
    "on the right to food",
    "on combating the glorification of extremist ideologies",
    "on the maritime boundary between {c1} and {c2}",
    "establishing a commission of inquiry on {c1}",
    "on the protection of civilians in armed conflict",
    "on the humanitarian access to detainees in {c1}",
)
VERB_SAID = ("said", "told reporters", "told the chamber", "said in a statement", "told delegates", "added", "insisted", "warned")
QUOTES = (
    "This vote sends a clear message that the international community will not look away",
    "We cannot accept a text that ignores the facts on the ground",
    "The council has once again failed the people it was created to protect",
    "Sanctions alone will not solve this problem",
    "Our delegation voted in favour because the principles of the Charter are at stake",
    "This resolution is unbalanced and politically motivated",
    "Today the majority of member states stood on the right side of history",
    "We regret that our amendments were not taken into account",
    "Dialogue, not isolation, is the only way forward",
    "No country should be allowed to redraw borders by force",
    "The humanitarian situation is deteriorating by the hour",
    "We abstained because the draft does not reflect the concerns of the region",
    "The use of the veto in these circumstances is deeply disappointing",
    "This is a victory for multilateralism and for the small states of this organization",
    "We will continue to work with all partners to find a consensus",
    "The text was negotiated in good faith over many weeks",
    "Words on paper mean nothing unless they are implemented",
    "Our vote should not be read as support for either party",
    "Those responsible for these crimes must be held to account",
    "The credibility of this body is on the line",
    "We call on all sides to exercise maximum restraint",
    "It is time for this council to live up to its responsibilities",
    "This draft interferes in the internal affairs of a sovereign state",
    "Civilians are paying the price for our inaction",
)
REPORTED = (
    "the resolution would do little to change the situation on the ground",
    "her government had voted against the text because it was one-sided",
    "his country remained committed to a negotiated settlement",
    "the vote showed the growing isolation of the sponsors",
    "the draft had been rushed through without proper consultation",
    "the international community must now move from words to action",
    "aid deliveries had fallen sharply in recent weeks",
    "the measure would be reviewed again at the next session",
    "her delegation would submit a new draft within days",
    "the outcome reflected deep divisions among the permanent members",
    "the government would study the text carefully before responding",
    "the sanctions were hurting ordinary people rather than the leadership",
)
VOTE_FILLER = (
    "Negotiations on the wording lasted several weeks, diplomats said.",
    "The sponsors made a number of last-minute changes in an attempt to win over undecided delegations.",
    "Several delegations took the floor to explain their votes after the result was announced.",
    "Observers said the outcome had been widely expected.",
    "The text will be forwarded to the Secretary-General, who is asked to report back next year.",
    "Human rights groups welcomed the vote but said more needed to be done.",
    "The meeting was briefly suspended while the secretariat corrected a technical error in the voting system.",
    "Some diplomats said privately that the text had been watered down to secure broader support.",
    "The vote came after a week of intense lobbying in the corridors of the building.",
    "Several amendments proposed from the floor were rejected before the final vote.",
    "Delegates applauded when the result was displayed on the screens in the hall.",
    "The chair reminded members that explanations of vote were limited to ten minutes.",
    "Analysts noted that the number of abstentions had grown compared with previous years.",
    "Some countries that had supported a similar text last year switched to abstaining.",
    "Officials said the text was the product of compromise between competing drafts.",
    "A separate paragraph-by-paragraph vote was requested on two operative clauses.",
    "Critics argued that the resolution would be difficult to enforce.",
    "The delegation of the host country did not take part in the vote.",
)
FILLER = (
    "The debate ran late into the evening, with more than forty speakers inscribed.",
    "Resolutions of this kind are not legally binding but are seen as a barometer of world opinion.",
    "A number of small island states said the issue deserved more attention than it usually receives.",
    "Regional groups held closed consultations throughout the morning.",
    "The secretariat said the budget implications would be considered separately.",
    "The issue has been on the agenda in one form or another for more than a decade.",
    "The sponsors said they would return to the question at the next session.",
    "Aid agencies have repeatedly warned that funding for the response falls far short of needs.",
    "The head of the mission briefed members by video link before the meeting.",
    "The meeting opened with a minute of silence for victims of the conflict.",
    "The wording of the preamble was the subject of a long procedural dispute.",
    "Diplomats expect the question to come back before the end of the year.",
    "The president of the session urged speakers to keep their remarks short.",
    "Interpreters worked in all six official languages throughout the sitting.",
    "Outside the building, a small group of protesters gathered with banners.",
    "Several ministers travelled to attend the session in person.",
    "The secretariat circulated a revised list of speakers shortly before noon.",
    "Delegations from the region met separately to coordinate their positions.",
    "The high commissioner's latest report was cited repeatedly during the debate.",
    "Non-governmental organizations followed the proceedings from the gallery.",
    "The last time the issue was discussed at this level, the meeting ended without agreement.",
    "Some speakers complained that the documents had been circulated too late to be studied properly.",
    "Observers from regional organizations also addressed the meeting.",
    "The discussion was broadcast live on the organization's web channel.",
    "Several delegations asked for more time to consult their capitals.",
    "A briefing by the relief coordinator painted a bleak picture of conditions on the ground.",
    "The envoy said he would travel to the region again next month.",
    "Budget negotiations are due to resume in the autumn.",
)
NUMBER_SENTENCES = (
    "Aid agencies say {m} million people need food assistance.",
    "The mission has about {kp:,} peacekeepers on the ground.",
    "More than {kf:,} people have fled across the border since the start of the year.",
    "The appeal for {y} seeks ${mm} million, of which only {p} percent has been funded.",
    "Exports of {kt:,} tons of grain have been held up at the ports.",
    "The draft would cap fuel imports at {kb:,} barrels a year.",
    "Monitors counted {s} missile launches in the past {s2} months.",
    "The convoy carried {s} trucks of medical supplies and {kl:,} litres of fuel.",
    "Unemployment in the affected areas has risen to {p} percent.",
    "The fund disbursed ${mm} million in emergency grants in {y}.",
    "It was the {o} time the question had been put to a vote.",
    "The border zone stretches for some {kk:,} kilometres.",
    "Officials said {s} members of the delegation had been denied visas.",
    "The agency counted {s} attacks on health facilities last month.",
    "Some {m} million children are out of school in the region, according to the agency.",
)
ORDINALS = ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
            "11th", "12th", "15th", "20th", "25th", "30th")
SYLLABLES = ("ka", "lo", "mir", "san", "te", "vo", "ra", "del", "ni", "sha", "ko", "ba", "ren", "li", "mo",
             "ta", "zu", "fer", "an", "go", "mi", "ser", "tor", "el", "na", "vik", "da", "ha", "jo", "per",
             "ul", "ros", "bi", "cha", "nor", "kim", "lan", "os", "ve", "ga")
TITLES = (
    ("Ambassador", "ambassador to the United Nations"),
    ("Deputy Ambassador", "deputy permanent representative"),
    ("Foreign Minister", "foreign minister"),
    ("Minister", "minister for foreign affairs"),
    ("", "envoy"),
    ("", "representative"),
)
ANON = ("a spokesperson for {p} mission", "an official of {p} foreign ministry",
        "a senior diplomat from {c}", "a spokesperson for the Secretary-General",
        "one Western diplomat", "a spokesman for {p} delegation")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
MONTH_ABBR = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


# ------------------------------------------------------------------------------------ article


def _person(r: random.Random) -> str:
    def word(lo: int, hi: int) -> str:
        return "".join(r.choice(SYLLABLES) for _ in range(r.randint(lo, hi))).capitalize()

    name = f"{word(2, 2)} {word(2, 3)}"
    return name if r.random() > 0.1 else f"{word(1, 2)}-{name}"


def _country_mention(r: random.Random, name: str) -> str:
    formal = FORMAL.get(name)
    return _the(formal if formal and r.random() < 0.15 else name)


_WITH_THE = {
    "United States", "United Kingdom", "United Arab Emirates", "Philippines", "Netherlands", "Bahamas",
    "Gambia", "Marshall Islands", "Solomon Islands", "Comoros", "Maldives", "Seychelles",
    "Central African Republic", "Dominican Republic", "Democratic Republic of the Congo",
}


def _the(name: str) -> str:
    """A country as it reads inside a sentence: 'the Philippines', 'the Russian Federation'."""
    if name in _WITH_THE or name.split()[0] in ("Republic", "Kingdom", "Federal", "Federated", "Islamic",
                                                  "Democratic", "Russian", "United", "Plurinational", "Bolivarian",
                                                  "Lao", "Syrian", "Arab", "Principality", "Sultanate", "Union",
                                                  "Independent", "Hashemite", "State", "Grand", "Commonwealth",
                                                  "Co-operative", "Socialist", "People's", "Oriental"):
        return "the " + name
    return name


def _poss(name: str) -> str:
    return name + ("'" if name.endswith("s") else "'s")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _tally(r: random.Random, body: str, members: int) -> tuple[int, int, int, str, list[str]]:
    """yes, no, abstain, outcome, vetoing countries."""
    if body == "Security Council":
        kind = r.random()
        if kind < 0.4:
            return 15, 0, 0, "adopted", []
        if kind < 0.7:  # adopted with abstentions (a permanent member's no would be a veto)
            abstain = r.randint(1, 4)
            return 15 - abstain, 0, abstain, "adopted", []
        vetoers = r.sample(P5, r.choice((1, 1, 1, 2)))
        abstain = r.randint(0, 4)
        return 15 - len(vetoers) - abstain, len(vetoers), abstain, "vetoed", vetoers
    present = members - r.randint(0, max(1, members // 12))
    if r.random() < 0.85:
        yes = r.randint(int(present * 0.45), int(present * 0.95))
        no = r.randint(0, min(present - yes, max(2, present // 8)))
        abstain = present - yes - no
        if yes <= no:
            yes, no = no + 1, max(0, yes - 1)
        return yes, no, max(0, abstain), "adopted", []
    no = r.randint(int(present * 0.35), int(present * 0.5))
    yes = r.randint(int(present * 0.25), no - 1)
    return yes, no, max(0, present - yes - no), "rejected", []


def _vote_sentence(r: random.Random, body: str, body_ref: str, subject: str, when: str,
                   yes: int, no: int, abstain: int, outcome: str, vetoers: list[str], against: list[str]) -> list[str]:
    Body = body_ref[0].upper() + body_ref[1:]
    out = []
    if outcome == "vetoed":
        v = _join(vetoers)
        forms = (
            f"{v} {when} vetoed a draft resolution {subject}, blocking its adoption by {body_ref}.",
            f"A draft resolution {subject} failed in {body_ref} {when} after {v} cast {'a veto' if len(vetoers) == 1 else 'vetoes'}.",
            f"{Body} {when} failed to adopt a text {subject} when {v} voted against it.",
        )
        out.append(r.choice(forms))
        tallies = (
            f"The draft received {yes} votes in favour and {no} against, with {abstain} abstentions.",
            f"The vote was {yes}-{no}-{abstain}.",
            f"The count was {yes} in favour to {no} against, with {abstain} abstaining.",
            f"It won {yes} votes, with {abstain} abstentions, but a negative vote by a permanent member is a veto.",
        )
        out.append(r.choice(tallies))
        return out
    if body == "Security Council" and yes == 15:
        out.append(r.choice((
            f"{Body} {when} unanimously adopted a resolution {subject}.",
            f"{Body} {when} voted 15-0 to adopt a resolution {subject}.",
            f"All 15 members of {body_ref} {when} backed a resolution {subject}.",
        )))
        return out
    if outcome == "rejected":
        out.append(r.choice((
            f"{Body} {when} rejected a draft {subject} by {no} votes to {yes}, with {abstain} abstentions.",
            f"A motion {subject} was defeated in {body_ref} {when}, gathering only {yes} votes in favour against {no} opposed, while {abstain} delegations abstained.",
            f"{Body} {when} voted down a text {subject}. The tally was {yes} in favour, {no} against and {abstain} abstentions.",
        )))
    else:
        if body != "Security Council" and r.random() < 0.08:
            out.append(r.choice((
                f"{Body} {when} adopted without a vote a resolution {subject}.",
                f"{Body} {when} adopted a resolution {subject} by consensus.",
            )))
            return out
        out.append(r.choice((
            f"{Body} {when} adopted a resolution {subject} by a recorded vote of {yes} in favour to {no} against, with {abstain} abstentions.",
            f"{Body} {when} approved a text {subject}, {yes}-{no}, with {abstain} abstentions.",
            f"By {yes} votes to {no}, with {abstain} abstentions, {body_ref} {when} endorsed a resolution {subject}.",
            f"{yes} members voted yes, {no} voted no and {abstain} abstained as {body_ref} {when} passed a measure {subject}.",
            f"A resolution {subject} was adopted by {body_ref} {when} with {yes} votes for, {no} against and {abstain} abstaining.",
            f"{Body} {when} backed a resolution {subject}. The vote was {yes}-{no}-{abstain}.",
        )))
    if against:
        names = [_country_mention(r, c) for c in against]
        if len(against) == 1 and no == 1:
            out.append(f"The only country voting against was {names[0]}.")
        elif len(against) == no and r.random() < 0.5:
            out.append(f"Voting against were {_join(names)}.")
        elif len(against) == no and r.random() < 0.5:
            out.append(f"The {no} countries voting against were [{', '.join(names)}].")
        else:
            out.append(f"Among those voting no were {_join(names[:6])}.")
    return out


def _quote_paragraph(r: random.Random, country: str) -> str:
    name = _person(r)
    title, role = r.choice(TITLES)
    quote = r.choice(QUOTES)
    mention = _country_mention(r, country)
    form = r.random()
    if form < 0.3:
        return f'"{quote}," said {name}, {_poss(mention)} {role}.'
    if form < 0.5:
        second = r.choice(QUOTES)
        return f'"{quote}," {(title + " " if title else "")}{name} {r.choice(("said", "told reporters"))}. "{second}."'
    if form < 0.7:
        return f'{(title + " " if title else "")}{name} of {mention} said: "{quote}."'
    if form < 0.85:
        return f'{_cap(_poss(mention))} {role}, {name}, {r.choice(VERB_SAID)} that {r.choice(REPORTED)}.'
    who = r.choice(ANON).format(c=mention, p=_poss(mention))
    return f"{_cap(who)} said {r.choice(REPORTED)}."


def _numbers_sentence(r: random.Random, year: int) -> str:
    return r.choice(NUMBER_SENTENCES).format(
        m=r.choice((1.2, 2, 2.5, 3.4, 4, 5.6, 7, 12, 18)),
        mm=r.choice((4.5, 12, 45, 120, 250, 310, 740, 960)),
        kp=r.randint(8, 200) * 100, kf=r.randint(1, 900) * 1000, kt=r.randint(5, 6000) * 100,
        kb=r.randint(5, 400) * 10_000, kl=r.randint(10, 2000) * 100, kk=r.randint(50, 3000),
        p=r.randint(3, 87), s=r.randint(2, 30), s2=r.randint(2, 18), y=year, o=r.choice(ORDINALS),
    )


def _dateline(r: random.Random, city: str, day: dt.date, outlet: str) -> str:
    form = r.random()
    if form < 0.35:
        return f"{city}, {MONTHS[day.month - 1]} {day.day} ({outlet}) —"
    if form < 0.6:
        return f"{city}, {day.day} {MONTHS[day.month - 1]} {day.year} –"
    if form < 0.85:
        return f"{city}, {MONTH_ABBR[day.month - 1]} {day.day}, {day.year} -"
    return f"{city.title()} —"


def make_article(seed: int, index: int) -> dict:
    """One article as a dict: title, published (date), source, url, paragraphs (list of str)."""
    r = random.Random(seed * 1_000_003 + index)
    day = FIRST_DAY + dt.timedelta(days=r.randrange(DAY_SPAN))
    vote_day = day - dt.timedelta(days=r.choice((0, 0, 0, 1)))
    when = r.choice((f"on {WEEKDAYS[vote_day.weekday()]}", f"on {MONTHS[vote_day.month - 1]} {vote_day.day}", "on Thursday" if vote_day.weekday() == 3 else "this week"))
    body, _, members, city = r.choices(BODIES, weights=[b[1] for b in BODIES])[0]
    outlet = r.choice(OUTLETS)
    c1, c2, c3 = r.sample(COUNTRIES, 3)
    subject = r.choice(SUBJECTS).format(c1=_the(c1), c2=_the(c2))
    body_ref = r.choice(BODY_SHORT[body])

    paragraphs: list[str] = []
    statement_only = r.random() < 0.12
    pool = list(FILLER if statement_only else FILLER + VOTE_FILLER)
    r.shuffle(pool)

    def filler(k: int) -> list[str]:
        nonlocal pool
        if len(pool) < k:
            pool = list(FILLER)
            r.shuffle(pool)
        taken, pool = pool[:k], pool[k:]
        return taken

    if statement_only:
        title = f"{_cap(_the(c1))} rejects criticism at the {body.split(' Committee')[0]}"
        paragraphs.append(f"{_dateline(r, city, day, outlet)} Delegates in {body_ref} traded accusations {when} during a debate {subject}, but no vote was taken.")
    else:
        yes, no, abstain, outcome, vetoers = _tally(r, body, members)
        against = vetoers or (r.sample(COUNTRIES, min(no, r.randint(1, 12))) if no else [])
        sentences = _vote_sentence(r, body, body_ref, subject, when, yes, no, abstain, outcome, vetoers, against)
        verb = {"adopted": "adopts", "rejected": "rejects", "vetoed": "fails to pass"}[outcome]
        title = r.choice((
            f"{body.replace('General Assembly ', 'UN ')} {verb} resolution {subject}",
            f"UN {body.split()[-1].lower()} vote {subject}: {yes}-{no}",
            f"{_cap(_the(vetoers[0] if vetoers else c1))} at centre of UN vote {subject}",
        ))
        paragraphs.append(f"{_dateline(r, city, day, outlet)} {sentences[0]}")
        paragraphs.append(" ".join(sentences[1:] + filler(1)))
        if r.random() < 0.15:
            extra_year = day.year - r.randint(1, 5)
            paragraphs.append(f"In {extra_year}, a similar text was approved by {r.randint(90, 160)} votes to {r.randint(2, 30)}, with {r.randint(5, 60)} abstentions.")
    paragraphs.append(_quote_paragraph(r, c1))
    paragraphs.append(" ".join([_numbers_sentence(r, day.year)] + filler(1)))
    paragraphs.append(_quote_paragraph(r, c2))
    target = r.randint(330, 470)
    words = sum(len(p.split()) for p in paragraphs) + len(title.split())
    while words < target:
        k = r.randint(2, 4)
        para = " ".join(filler(k))
        roll = r.random()
        if roll < 0.25:
            para += " " + _quote_paragraph(r, r.choice((c1, c2, c3)))
        elif roll < 0.45:
            para += " " + _numbers_sentence(r, day.year)
        paragraphs.append(para)
        words += len(para.split())
    return {
        "title": title[0].upper() + title[1:],
        "published": day,
        "source": outlet,
        "url": f"https://news.example.org/{day:%Y/%m/%d}/{index}",
        "paragraphs": paragraphs,
        "cp1252": r.random() < CP1252_SHARE,
        "meta_mask": r.randrange(8),
    }


# ------------------------------------------------------------------------------------- formats

_CHROME_TOP = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | {outlet}</title>
<meta property="article:published_time" content="{date}T09:00:00Z">
<script async src="https://ads.example.net/tag.js"></script></head>
<body><div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
<header><a class="logo" href="/">{outlet}</a><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/un">United Nations</a></li><li><a href="/opinion">Opinion</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav></header>
<div class="ad-slot">Advertisement</div>
<main><article><h1>{title}</h1><p class="byline">By Staff Reporter · <time datetime="{date}">{date}</time></p>
"""
_CHROME_BOTTOM = """</article>
<aside class="related"><h2>Related stories</h2><ul><li><a href="/un/1">More from the United Nations</a></li><li><a href="/un/2">Explainer: how UN votes work</a></li></ul></aside>
<section class="comments"><h3>Comments</h3><p>Be the first to comment. <a href="/login">Sign in</a> to join the conversation.</p></section>
</main><div class="ad-slot">Advertisement</div>
<footer><p>&copy; {year} {outlet}. All rights reserved.</p><p><a href="/about">About</a> | <a href="/privacy">Privacy</a> | <a href="/terms">Terms</a></p></footer>
</body></html>
"""


def render_txt(a: dict) -> bytes:
    text = a["title"] + "\n\n" + "\n\n".join(a["paragraphs"]) + "\n"
    if a["cp1252"]:
        text = text.replace(' "', " “").replace('" ', "” ").replace('",', ",”").replace('."', ".”").replace("'s", "’s")
        text = text.replace('"', "“")
        return text.encode("cp1252", errors="replace")
    return text.encode("utf-8")


def render_md(a: dict) -> bytes:
    front = ["---", f"title: {json.dumps(a['title'], ensure_ascii=False)}", f"published: {a['published']:%Y-%m-%d}"]
    if a["meta_mask"] & 1:
        front.append(f"source: {a['source']}")
    if a["meta_mask"] & 2:
        front.append(f"url: {a['url']}")
    front.append("---")
    body = list(a["paragraphs"])
    if len(body) > 4 and a["meta_mask"] & 4:
        body.insert(3, "## Reaction")
    return ("\n".join(front) + "\n\n" + "\n\n".join(body) + "\n").encode("utf-8")


def render_html(a: dict) -> bytes:
    title = html.escape(a["title"])
    outlet = html.escape(a["source"])
    date = f"{a['published']:%Y-%m-%d}"
    paras = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in a["paragraphs"])
    return (_CHROME_TOP.format(title=title, outlet=outlet, date=date) + paras + "\n"
            + _CHROME_BOTTOM.format(year=a["published"].year, outlet=outlet)).encode("utf-8")


def render_jsonl_line(a: dict) -> str:
    obj = {"text": "\n\n".join(a["paragraphs"]), "title": a["title"]}
    if a["meta_mask"] & 1:
        obj["published"] = f"{a['published']:%Y-%m-%d}"
    if a["meta_mask"] & 2:
        obj["source"] = a["source"]
    if a["meta_mask"] & 4:
        obj["url"] = a["url"]
    return json.dumps(obj, ensure_ascii=False)


RENDER = {"txt": render_txt, "md": render_md, "html": render_html}


def bad_file(seed: int, index: int, kind: str) -> bytes:
    r = random.Random(seed * 1_000_003 + index)
    if kind == "empty":
        return b""
    if kind == "binary":
        data = bytearray(r.randbytes(256 + r.randrange(512)))
        for i in range(0, len(data), 37):
            data[i] = 0
        return b"\x89PNG\r\n\x1a\n" + bytes(data)
    if kind == "undecodable":
        pool = [0x81, 0x8D, 0x8F, 0x90, 0x9D, 0xC0, 0xAF, 0xFF, 0xFE, 0xED, 0xA0] + list(range(1, 9)) + list(range(14, 32))
        return b"UN vote " + bytes(r.choice(pool) for _ in range(200 + r.randrange(200))) + b"\n"
    if kind == "unsupported_type":
        return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    raise ValueError(kind)


def bad_line(seed: int, index: int, kind: str) -> str:
    r = random.Random(seed * 1_000_003 + index)
    if kind == "malformed_json":
        return '{"title": "Council to vote on draft", "text": "UNITED NATIONS — The council is expected to' + "x" * r.randrange(20)
    if kind == "missing_text":
        return json.dumps({"title": "Vote postponed", "published": f"{FIRST_DAY + dt.timedelta(days=r.randrange(DAY_SPAN)):%Y-%m-%d}"})
    raise ValueError(kind)


# ----------------------------------------------------------------------------------------- plan


def _plan(documents: int, seed: int, bad_share: float, duplicate_share: float):
    """Decide, per input slot, what it is; cheap and deterministic. Returns (files, batches, counts)."""
    if documents < 0:
        raise ValueError("documents must be >= 0")
    n_bad = min(documents, round(documents * bad_share))
    n_dup = min(documents - n_bad, round(documents * duplicate_share))
    n_art = documents - n_bad - n_dup
    r = random.Random(seed)
    roles = ["article"] * n_art + ["dup"] * n_dup + [BAD_KINDS[i % len(BAD_KINDS)] for i in range(n_bad)]
    r.shuffle(roles)
    fmts, weights = zip(*FORMAT_WEIGHTS)
    width = max(6, len(str(documents)))

    files: list[tuple] = []  # (name, kind, slot, extra)
    line_slots: list[tuple] = []  # (kind, slot)
    file_articles: list[tuple[int, str]] = []
    dup_slots: list[int] = []
    by_format = {f: 0 for f in fmts}
    for slot, role in enumerate(roles):
        if role == "article":
            fmt = r.choices(fmts, weights)[0]
            by_format[fmt] += 1
            if fmt == "jsonl":
                line_slots.append(("article", slot))
            else:
                files.append((f"doc_{slot:0{width}d}.{fmt}", fmt, slot, None))
                file_articles.append((slot, fmt))
        elif role == "dup":
            dup_slots.append(slot)
        elif role in BAD_LINE_KINDS:
            line_slots.append((role, slot))
        else:
            ext = "pdf" if role == "unsupported_type" else "txt"
            files.append((f"doc_{slot:0{width}d}.{ext}", role, slot, None))
    dup_file_kinds = 0
    for slot in dup_slots:
        if file_articles:
            src, fmt = file_articles[r.randrange(len(file_articles))]
            files.append((f"doc_{slot:0{width}d}.{fmt}", "dup", slot, (src, fmt)))
            dup_file_kinds += 1
        else:  # no file article to copy (tiny corpus): repeat a jsonl article line instead
            line_slots.append(("dup_line", slot))
    batches = [line_slots[i:i + BATCH_LINES] for i in range(0, len(line_slots), BATCH_LINES)]
    line_articles = [s for k, s in line_slots if k == "article"]
    # a repeated jsonl line copies an article line
    batches = [[(k, s, (line_articles[r.randrange(len(line_articles))] if k == "dup_line" and line_articles else None))
                for k, s in b] for b in batches]
    bad_by_kind = {k: 0 for k in BAD_KINDS}
    for role in roles:
        if role in bad_by_kind:
            bad_by_kind[role] += 1
    counts = {
        "documents": documents,
        "articles": n_art,
        "duplicates": n_dup,
        "bad": n_bad,
        "bad_by_kind": bad_by_kind,
        "articles_by_format": by_format,
        "files": len(files) + len(batches),
        "jsonl_batches": len(batches),
        "jsonl_lines": len(line_slots),
    }
    return files, batches, counts, width


def _write_files(out_dir: str, seed: int, files: list[tuple]) -> int:
    out = Path(out_dir)
    written = 0
    for name, kind, slot, extra in files:
        if kind in RENDER:
            data = RENDER[kind](make_article(seed, slot))
        elif kind == "dup":
            src, fmt = extra
            data = RENDER[fmt](make_article(seed, src))
        else:
            data = bad_file(seed, slot, kind)
        with open(out / name, "wb") as handle:
            handle.write(data)
        written += len(data)
    return written


def _write_batches(out_dir: str, seed: int, batches: list[tuple[int, list]], width: int) -> int:
    out = Path(out_dir)
    written = 0
    for number, lines in batches:
        rows = []
        for kind, slot, src in lines:
            if kind == "article":
                rows.append(render_jsonl_line(make_article(seed, slot)))
            elif kind == "dup_line":
                rows.append(render_jsonl_line(make_article(seed, src if src is not None else slot)))
            else:
                rows.append(bad_line(seed, slot, kind))
        data = ("\n".join(rows) + "\n").encode("utf-8")
        with open(out / f"batch_{number:0{width}d}.jsonl", "wb") as handle:
            handle.write(data)
        written += len(data)
    return written


def generate_corpus(out_dir, documents: int, seed: int = 0, bad_share: float = 0.01,
                    duplicate_share: float = 0.02, workers: int | None = None) -> dict:
    """Write the corpus into `out_dir` (created if missing) and return the counts."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    files, batches, counts, width = _plan(documents, seed, bad_share, duplicate_share)
    numbered = list(enumerate(batches))
    if workers is None:
        workers = min(os.cpu_count() or 1, 8) if documents >= 5_000 else 1
    if sys.modules.get(__name__) is None:
        workers = 1  # loaded without a module name the worker processes could import
    if workers <= 1:
        size = _write_files(str(out_dir), seed, files) + _write_batches(str(out_dir), seed, numbered, width)
    else:
        chunk = max(500, len(files) // (workers * 4) + 1)
        bchunk = max(1, len(numbered) // (workers * 2) + 1)
        with ProcessPoolExecutor(max_workers=workers) as pool:
            jobs = [pool.submit(_write_files, str(out_dir), seed, files[i:i + chunk]) for i in range(0, len(files), chunk)]
            jobs += [pool.submit(_write_batches, str(out_dir), seed, numbered[i:i + bchunk], width)
                     for i in range(0, len(numbered), bchunk)]
            size = sum(j.result() for j in jobs)
    counts["bytes"] = size
    counts["seconds"] = round(time.perf_counter() - started, 2)
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--documents", type=int, required=True, help="inputs to write (files plus jsonl lines)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--bad-share", type=float, default=0.01)
    ap.add_argument("--duplicate-share", type=float, default=0.02)
    ap.add_argument("--workers", type=int, default=None, help="processes (default: all cores for large corpora)")
    a = ap.parse_args(argv)
    if a.out_dir.exists() and any(a.out_dir.iterdir()):
        print(f"note: {a.out_dir} is not empty; files with the same names are overwritten", file=sys.stderr)
    counts = generate_corpus(a.out_dir, a.documents, a.seed, a.bad_share, a.duplicate_share, a.workers)
    print(json.dumps(counts, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
