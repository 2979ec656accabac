"""The timeline report renders real frames (and empty ones) to a self-contained HTML page."""

from __future__ import annotations

import base64
import datetime as dt
import re

import polars as pl

from orchestration.core.report import REPORT_FILE, render_timeline_report


def _votes() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "vote_id": ["v1", "v2", "v3", "v4", "v5"],
            "vote_date": [dt.date(2022, 3, 2), dt.date(2022, 9, 30), dt.date(2022, 10, 12), dt.date(2023, 12, 12), None],
            "body": ["General Assembly", "Security Council", "General Assembly", "General Assembly", "Human Rights Council"],
            "subject": [
                "Aggression against Ukraine",
                "Annexation referendums in four regions",
                "Territorial integrity of Ukraine",
                "Humanitarian ceasefire in Gaza <ES-10/22>",
                "Debate on Xinjiang",
            ],
            "yes_count": [141, 10, 143, 153, 17],
            "no_count": [5, 1, 5, 10, 19],
            "abstain_count": [35, 4, 35, 23, None],
            "outcome": ["adopted", "vetoed", "adopted", "adopted", "rejected"],
            "source_count": [2, 1, 1, 1, 1],
        },
        schema_overrides={"yes_count": pl.Int32, "no_count": pl.Int32, "abstain_count": pl.Int32, "source_count": pl.Int32},
    )


def _statements() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "statement_id": ["s1", "s2", "s3", "s4"],
            "doc_id": ["d1", "d2", "d2", "d3"],
            "statement_date": [dt.date(2022, 3, 2), dt.date(2022, 9, 30), None, dt.date(2023, 12, 8)],
            "speaker_name": ["António Guterres", "Linda Thomas-Greenfield", "Vasily Nebenzia", "Robert Wood"],
            "speaker_affiliation": ["United Nations", "United States", "Russia", "United States"],
            "quote": [
                "The message of the General Assembly is loud and clear. End hostilities in Ukraine — now.",
                "Washington would now take the matter to the General Assembly",
                "his delegation could not be expected to support the draft",
                "divorced from reality",
            ],
            "is_direct": [True, False, False, True],
        }
    )


def _positions() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "vote_id": ["v1", "v1", "v2", "v2", "v2", "v3", "v4"],
            "country": ["Russia", "Belarus", "Russia", "China", "India", "Russia", "United States"],
            "position": ["no", "no", "no", "abstain", "abstain", "no", "no"],
            "is_veto": [False, False, True, False, False, False, False],
        }
    )


def _png_of(page: str) -> bytes:
    match = re.search(r'<img[^>]+src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    assert match, "no embedded PNG"
    return base64.b64decode(match.group(1))


def test_report_has_chart_and_newest_rows(tmp_path):
    out = render_timeline_report(_votes(), _statements(), _positions(), tmp_path / "reports")

    assert out == tmp_path / "reports" / REPORT_FILE
    assert out.is_file()
    page = out.read_text(encoding="utf-8")
    assert '<img class="chart"' in page and 'src="data:image/png;base64,' in page
    png = _png_of(page)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5_000

    # the newest vote (2023-12-12) comes first in its table, with its subject escaped
    newest = page.index("Humanitarian ceasefire in Gaza &lt;ES-10/22&gt;")
    assert newest < page.index("Territorial integrity of Ukraine")
    assert "<ES-10/22>" not in page
    assert "153–10–23" in page
    # the undated vote is still listed, after the dated ones
    assert page.index("Debate on Xinjiang") > newest
    # the newest statement and speakers
    assert "Robert Wood" in page and "António Guterres" in page
    assert page.index("Robert Wood") < page.index("António Guterres")
    # no temporary file left behind
    assert [p.name for p in out.parent.iterdir()] == [REPORT_FILE]


def test_report_handles_empty_input(tmp_path):
    empty_votes = pl.DataFrame(schema={"vote_id": pl.String, "vote_date": pl.Date, "body": pl.String,
                                       "subject": pl.String, "yes_count": pl.Int32, "no_count": pl.Int32,
                                       "abstain_count": pl.Int32, "outcome": pl.String, "source_count": pl.Int32})
    out = render_timeline_report(empty_votes, pl.DataFrame(), pl.DataFrame(), tmp_path)

    page = out.read_text(encoding="utf-8")
    assert _png_of(page).startswith(b"\x89PNG")
    assert "No votes yet." in page and "No statements yet." in page
    assert "no dated activity" in page


def test_report_handles_all_null_dates_and_replaces_previous_page(tmp_path):
    votes = _votes().with_columns(pl.lit(None, dtype=pl.Date).alias("vote_date"))
    statements = _statements().with_columns(pl.lit(None, dtype=pl.Date).alias("statement_date"))
    first = render_timeline_report(votes, statements, _positions(), tmp_path)
    page = first.read_text(encoding="utf-8")
    assert "undated" in page and "Aggression against Ukraine" in page

    second = render_timeline_report(_votes(), _statements(), _positions(), tmp_path)
    assert second == first
    assert "2023-12-12" in second.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == [REPORT_FILE]


def test_report_spanning_decades_uses_yearly_buckets(tmp_path):
    votes = _votes().with_columns(
        pl.Series("vote_date", [dt.date(1992, 11, 24), dt.date(2001, 1, 1), dt.date(2014, 11, 18), dt.date(2023, 11, 2), None])
    )
    page = render_timeline_report(votes, _statements(), _positions(), tmp_path).read_text(encoding="utf-8")
    assert "1992-11-24 to 2023-12-08" in page
    assert _png_of(page).startswith(b"\x89PNG")
