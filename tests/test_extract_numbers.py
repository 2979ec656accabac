"""Numbers with the noun they count."""

from __future__ import annotations

from orchestration.core.extract import extract_one


def numbers(text):
    return [(n["value"], n["unit"], n["kind"], n["is_approximate"]) for n in extract_one("d", text, None)["numbers"]]


def test_forms():
    got = numbers("Some 525,000 tons, then 4 million barrels; Thirty-eight countries, nine votes, dozens of missiles, "
                  "a seventh nuclear test, the 15-member council, 12 per cent, $2.5 billion, in 2017.")
    assert (525000, "ton", "quantity", True) in got
    assert (4000000, "barrel", "quantity", False) in got
    assert (38, "country", "count", False) in got
    assert (9, "vote", "count", False) in got
    assert any(v == 24 and u == "missile" and a for v, u, _, a in got)
    assert (7, "test", "ordinal", False) in got
    assert (15, "member", "count", False) in got
    assert (12, "percent", "percent", False) in got
    assert (2.5e9, "dollar", "money", False) in got
    assert (2017, None, "year", False) in got


def test_range_shares_the_unit():
    got = numbers("cut imports from 4 million to 3 million barrels a year")
    assert (4000000, "barrel") in [(v, u) for v, u, _, _ in got] and (3000000, "barrel") in [(v, u) for v, u, _, _ in got]


def test_tally_numbers_are_tallies():
    got = numbers("The Assembly adopted the text by a recorded vote of 120 in favour to 9 against, with 31 abstentions.")
    assert [(v, k) for v, u, k, _ in got] == [(120, "tally"), (9, "tally"), (31, "tally")]


def test_dates_and_symbols_are_not_numbers():
    got = numbers("On 14 November, resolution A/RES/77/1 and document S/2022/431 were issued at 10 a.m.")
    assert got == []
