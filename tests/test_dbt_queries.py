"""The five questions of dbt_project/queries.sql run against the built marts and answer right."""

from __future__ import annotations

import datetime as dt
import re

import duckdb
import pytest

from dbt_fixtures import DBT_PROJECT, built_warehouse  # noqa: F401  (built_warehouse is a fixture)

QUERIES = DBT_PROJECT / "queries.sql"


def load_queries() -> tuple[str, dict[str, str]]:
    """(preamble that sets the parameters, {name: sql}) from queries.sql."""
    text = QUERIES.read_text()
    parts = re.split(r"^-- name: (\w+)\s*$", text, flags=re.M)
    return parts[0], {parts[i]: parts[i + 1].strip().rstrip(";") for i in range(1, len(parts), 2)}


def run(warehouse, name: str, country: str | None = None) -> list[tuple]:
    preamble, queries = load_queries()
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        for statement in filter(None, (s.strip() for s in re.sub(r"--.*", "", preamble).split(";"))):
            con.execute(statement)
        if country is not None:
            con.execute("set variable country = ?", [country])
        return con.execute(queries[name]).fetchall()
    finally:
        con.close()


def test_queries_file_has_the_five_questions():
    assert set(load_queries()[1]) == {
        "votes_by_body_and_outcome_per_year", "votes_opposed_by_country", "speakers_for_country",
        "most_quoted_actors", "country_activity_by_week",
    }


def test_votes_by_body_and_outcome_per_year(built_warehouse):
    assert run(built_warehouse, "votes_by_body_and_outcome_per_year") == [
        (2024, "General Assembly", "adopted", 1, 1),
        (2024, "Security Council", "vetoed", 1, 2),
    ]


@pytest.mark.parametrize("country", ["China", "Beijing", "china"])
def test_votes_opposed_by_country_by_name_or_alias(built_warehouse, country):
    rows = run(built_warehouse, "votes_opposed_by_country", country)
    assert [(r[1], r[3], r[5], r[6], r[7], r[8]) for r in rows] == [
        (dt.date(2024, 2, 9), "Security Council", "vetoed", True, 12, 2)
    ]
    assert run(built_warehouse, "votes_opposed_by_country", "Norway") == []


def test_speakers_for_country(built_warehouse):
    rows = run(built_warehouse, "speakers_for_country", "China")
    assert [(r[0], r[2], r[3], r[4]) for r in rows] == [
        ("China's mission spokesperson", 1, dt.date(2024, 3, 1), dt.date(2024, 3, 1)),
        ("Mei Lin", 1, dt.date(2024, 2, 28), dt.date(2024, 2, 28)),
    ]
    norway = run(built_warehouse, "speakers_for_country", "Norway")
    # Berg: two statements in A and one in E; B (a paraphrase of A) is not counted
    assert [(r[0], r[1], r[2], r[5]) for r in norway] == [
        ("Olaf Berg", "ambassador", 3, [dt.date(2024, 1, 20), dt.date(2024, 2, 10)])
    ]


def test_most_quoted_actors(built_warehouse):
    rows = run(built_warehouse, "most_quoted_actors")
    assert [(r[0], r[2]) for r in rows] == [
        ("Olaf Berg", 3), ("Ivan Petrov", 2), ("Ana Souza", 1), ("Mei Lin", 1),
    ]


def test_country_activity_by_week(built_warehouse):
    rows = run(built_warehouse, "country_activity_by_week", "China")
    assert [(r[0].date() if hasattr(r[0], "date") else r[0], *r[1:]) for r in rows] == [
        (dt.date(2024, 2, 5), 1, 0, 1, 0, 1, 0),
        (dt.date(2024, 2, 26), 1, 2, 0, 0, 0, 0),
    ]
