"""The timeline report: a static HTML page of votes and statements over time.

A pure function over frames with the marts columns (see `../shared/docs/warehouse-contract.md`):
no Dagster, no database. The chart is drawn with matplotlib's object API on an Agg canvas (no
pyplot, so no global backend state and safe in threads) and embedded in the page as a base64 PNG,
so the page is one self-contained file. The page is written to a temporary file in the same folder
and renamed over `timeline.html`, so a reader never sees half a page.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import os
import tempfile
from pathlib import Path

import polars as pl
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

REPORT_FILE = "timeline.html"

VOTE_COLUMNS = {
    "vote_id": pl.String,
    "vote_date": pl.Date,
    "body": pl.String,
    "subject": pl.String,
    "yes_count": pl.Int64,
    "no_count": pl.Int64,
    "abstain_count": pl.Int64,
    "outcome": pl.String,
    "source_count": pl.Int64,
}
STATEMENT_COLUMNS = {
    "statement_id": pl.String,
    "doc_id": pl.String,
    "statement_date": pl.Date,
    "speaker_name": pl.String,
    "speaker_affiliation": pl.String,
    "quote": pl.String,
    "is_direct": pl.Boolean,
}
POSITION_COLUMNS = {
    "vote_id": pl.String,
    "country": pl.String,
    "position": pl.String,
    "is_veto": pl.Boolean,
}

MAX_BODIES = 6  # bodies drawn separately in the timeline; the rest are "Other bodies"
TOP_COUNTRIES = 12
NEWEST_ROWS = 10
QUOTE_CHARS = 240

BODY_COLOURS = ["#1f5fa8", "#c8553d", "#2a9d8f", "#8e6bbf", "#e9a23b", "#6b8f23", "#9a9a9a"]
POSITION_COLOURS = {"yes": "#2a9d8f", "no": "#c8553d", "abstain": "#e9a23b"}


def render_timeline_report(
    votes: pl.DataFrame,
    statements: pl.DataFrame,
    vote_positions: pl.DataFrame,
    out_dir: Path,
) -> Path:
    """Write `out_dir/timeline.html` (votes and statements over time, per body and per country)
    and return its path. Empty frames and null dates are fine."""
    votes = _conform(votes, VOTE_COLUMNS)
    statements = _conform(statements, STATEMENT_COLUMNS)
    vote_positions = _conform(vote_positions, POSITION_COLUMNS)

    png = _chart_png(votes, statements, vote_positions)
    page = _page(votes, statements, vote_positions, png)

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / REPORT_FILE
    _write_atomic(target, page)
    return target


# ---------------------------------------------------------------------------------------- data


def _conform(frame: pl.DataFrame | None, columns: dict[str, pl.DataType]) -> pl.DataFrame:
    """The columns the report reads, cast leniently; missing columns become nulls."""
    if frame is None or frame.width == 0:
        return pl.DataFrame(schema=columns)
    exprs = []
    for name, dtype in columns.items():
        if name not in frame.columns:
            exprs.append(pl.lit(None, dtype=dtype).alias(name))
        elif dtype == pl.Date and frame.schema[name] == pl.String:
            exprs.append(pl.col(name).str.to_date(strict=False).alias(name))
        else:
            exprs.append(pl.col(name).cast(dtype, strict=False).alias(name))
    return frame.select(exprs)


def _period(dates: list[pl.Series]) -> str:
    """Monthly buckets, or yearly ones when the data spans more than six years."""
    known = pl.concat([d.drop_nulls() for d in dates]) if dates else pl.Series([], dtype=pl.Date)
    if known.is_empty():
        return "1mo"
    span_days = (known.max() - known.min()).days
    return "1mo" if span_days <= 6 * 366 else "1y"


def _bucketed(frame: pl.DataFrame, date_col: str, every: str, by: str | None = None) -> pl.DataFrame:
    keys = [pl.col(date_col).dt.truncate(every).alias("period")]
    if by:
        keys.append(pl.col(by))
    return (
        frame.filter(pl.col(date_col).is_not_null())
        .group_by(keys)
        .agg(pl.len().alias("n"))
        .sort("period")
    )


def _body_label(votes: pl.DataFrame) -> pl.DataFrame:
    """`body` with unknown bodies named and the long tail folded into 'Other bodies'."""
    votes = votes.with_columns(pl.col("body").fill_null("Unknown body"))
    top = votes.group_by("body").agg(pl.len().alias("n")).sort(["n", "body"], descending=[True, False])
    keep = set(top["body"].head(MAX_BODIES).to_list())
    return votes.with_columns(
        pl.when(pl.col("body").is_in(list(keep))).then(pl.col("body")).otherwise(pl.lit("Other bodies")).alias("body")
    )


def _country_activity(statements: pl.DataFrame, vote_positions: pl.DataFrame) -> pl.DataFrame:
    """Per country: statements by speakers affiliated with it, and positions by vote."""
    said = (
        statements.filter(pl.col("speaker_affiliation").is_not_null())
        .group_by(pl.col("speaker_affiliation").alias("country"))
        .agg(pl.len().alias("statements"))
    )
    positions = (
        vote_positions.filter(pl.col("country").is_not_null())
        .with_columns(pl.col("position").fill_null("unknown"))
        .group_by("country")
        .agg(
            pl.col("vote_id").n_unique().alias("votes"),
            (pl.col("position") == "yes").sum().alias("yes"),
            (pl.col("position") == "no").sum().alias("no"),
            (pl.col("position") == "abstain").sum().alias("abstain"),
            pl.col("is_veto").fill_null(False).sum().alias("vetoes"),
        )
    )
    both = said.join(positions, on="country", how="full", coalesce=True).fill_null(0)
    return (
        both.with_columns((pl.col("statements") + pl.col("votes")).alias("activity"))
        .sort(["activity", "country"], descending=[True, False])
        .head(TOP_COUNTRIES)
    )


# --------------------------------------------------------------------------------------- chart


def _chart_png(votes: pl.DataFrame, statements: pl.DataFrame, vote_positions: pl.DataFrame) -> bytes:
    every = _period([votes["vote_date"], statements["statement_date"]])
    fig = Figure(figsize=(12, 9), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    grid = fig.subplot_mosaic([["votes", "votes"], ["statements", "statements"], ["countries", "positions"]])
    unit = "month" if every == "1mo" else "year"

    _draw_votes_by_body(grid["votes"], _body_label(votes), every, unit)
    _draw_statements(grid["statements"], statements, every, unit)
    countries = _country_activity(statements, vote_positions)
    _draw_country_statements(grid["countries"], countries)
    _draw_country_positions(grid["positions"], countries)

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def _no_data(ax, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#777777")
    ax.set_xticks([])
    ax.set_yticks([])


def _bar_width_days(every: str) -> float:
    return 24.0 if every == "1mo" else 300.0


def _draw_votes_by_body(ax, votes: pl.DataFrame, every: str, unit: str) -> None:
    ax.set_title(f"Votes per {unit}, by body")
    counts = _bucketed(votes, "vote_date", every, by="body")
    undated = votes.filter(pl.col("vote_date").is_null()).height
    if counts.is_empty():
        _no_data(ax, "no dated votes" + (f" ({undated} undated)" if undated else ""))
        return
    periods = sorted(counts["period"].unique().to_list())
    order = counts.group_by("body").agg(pl.col("n").sum()).sort(["n", "body"], descending=[True, False])["body"]
    bottom = {p: 0 for p in periods}
    for i, body in enumerate(order.to_list()):
        rows = dict(counts.filter(pl.col("body") == body).select("period", "n").iter_rows())
        heights = [rows.get(p, 0) for p in periods]
        colour = BODY_COLOURS[-1] if body == "Other bodies" else BODY_COLOURS[i % (len(BODY_COLOURS) - 1)]
        ax.bar(periods, heights, bottom=[bottom[p] for p in periods], width=_bar_width_days(every),
               label=body, color=colour, align="edge")
        for p, h in zip(periods, heights):
            bottom[p] += h
    ax.set_ylim(0, max(bottom.values()) * 1.35 + 0.5)  # headroom for the legend and the note
    ax.set_ylabel("votes")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="upper left", fontsize="small", frameon=False)
    if undated:
        ax.text(0.99, 0.95, f"{undated} undated vote(s) not shown", ha="right", va="top",
                transform=ax.transAxes, fontsize="small", color="#777777")


def _draw_statements(ax, statements: pl.DataFrame, every: str, unit: str) -> None:
    ax.set_title(f"Statements per {unit} (direct quotes and reported speech)")
    dated = statements.with_columns(
        pl.when(pl.col("is_direct").fill_null(False)).then(pl.lit("direct")).otherwise(pl.lit("reported")).alias("kind")
    )
    counts = _bucketed(dated, "statement_date", every, by="kind")
    undated = statements.filter(pl.col("statement_date").is_null()).height
    if counts.is_empty():
        _no_data(ax, "no dated statements" + (f" ({undated} undated)" if undated else ""))
        return
    periods = sorted(counts["period"].unique().to_list())
    bottom = [0] * len(periods)
    for kind, colour in (("direct", "#1f5fa8"), ("reported", "#9cb8d9")):
        rows = dict(counts.filter(pl.col("kind") == kind).select("period", "n").iter_rows())
        heights = [rows.get(p, 0) for p in periods]
        ax.bar(periods, heights, bottom=bottom, width=_bar_width_days(every), label=kind, color=colour, align="edge")
        bottom = [b + h for b, h in zip(bottom, heights)]
    ax.set_ylim(0, max(bottom) * 1.35 + 0.5)
    ax.set_ylabel("statements")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="upper left", fontsize="small", frameon=False)
    if undated:
        ax.text(0.99, 0.95, f"{undated} undated statement(s) not shown", ha="right", va="top",
                transform=ax.transAxes, fontsize="small", color="#777777")


def _draw_country_statements(ax, countries: pl.DataFrame) -> None:
    ax.set_title("Statements by speakers' country or organization")
    rows = countries.filter(pl.col("statements") > 0).sort(["statements", "country"], descending=[False, True])
    if rows.is_empty():
        _no_data(ax, "no attributed statements")
        return
    ax.barh(rows["country"].to_list(), rows["statements"].to_list(), color="#1f5fa8")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.tick_params(axis="y", labelsize="small")


def _draw_country_positions(ax, countries: pl.DataFrame) -> None:
    ax.set_title("Recorded vote positions by country")
    rows = countries.filter(pl.col("votes") > 0).sort(["votes", "country"], descending=[False, True])
    if rows.is_empty():
        _no_data(ax, "no recorded positions")
        return
    names = rows["country"].to_list()
    left = [0] * len(names)
    for position, colour in POSITION_COLOURS.items():
        widths = rows[position].to_list()
        ax.barh(names, widths, left=left, color=colour, label=position)
        left = [a + b for a, b in zip(left, widths)]
    ax.set_xlim(0, max(left) * 1.25 + 0.5)  # room for the veto labels
    vetoes = rows["vetoes"].to_list()
    for y, (x, n) in enumerate(zip(left, vetoes)):
        if n:
            ax.text(x, y, f"  {n} veto" + ("es" if n > 1 else ""), va="center", fontsize="small")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.tick_params(axis="y", labelsize="small")
    ax.legend(loc="lower right", fontsize="small", frameon=False)


# ---------------------------------------------------------------------------------------- page


def _esc(value) -> str:
    if value is None:
        return ""
    return html.escape(str(value), quote=True)


def _tally(row: dict) -> str:
    parts = [row.get("yes_count"), row.get("no_count"), row.get("abstain_count")]
    if all(p is None for p in parts):
        return "—"
    return "–".join("?" if p is None else str(p) for p in parts)


def _shorten(text: str | None, limit: int = QUOTE_CHARS) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _table(headers: list[str], rows: list[list[str]], empty: str) -> str:
    if not rows:
        return f'<p class="empty">{_esc(empty)}</p>'
    head = "".join(f"<th>{_esc(h)}</th>" for h in headers)
    body = "\n".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def _newest(frame: pl.DataFrame, date_col: str, tie: str) -> list[dict]:
    return frame.sort([date_col, tie], descending=[True, False], nulls_last=True).head(NEWEST_ROWS).to_dicts()


def _page(votes: pl.DataFrame, statements: pl.DataFrame, vote_positions: pl.DataFrame, png: bytes) -> str:
    generated = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    dates = [d for d in (votes["vote_date"].min(), votes["vote_date"].max(),
                         statements["statement_date"].min(), statements["statement_date"].max()) if d is not None]
    span = f"{min(dates)} to {max(dates)}" if dates else "no dated activity"
    vetoes = vote_positions.filter(pl.col("is_veto").fill_null(False)).height

    by_body = (
        votes.with_columns(pl.col("body").fill_null("Unknown body"), pl.col("outcome").fill_null("unknown"))
        .group_by("body")
        .agg(
            pl.len().alias("votes"),
            (pl.col("outcome") == "adopted").sum().alias("adopted"),
            (pl.col("outcome") == "rejected").sum().alias("rejected"),
            (pl.col("outcome") == "vetoed").sum().alias("vetoed"),
        )
        .sort(["votes", "body"], descending=[True, False])
    )
    body_rows = [[_esc(r["body"]), str(r["votes"]), str(r["adopted"]), str(r["rejected"]), str(r["vetoed"])]
                 for r in by_body.to_dicts()]

    vote_rows = [
        [_esc(r["vote_date"] or "undated"), _esc(r["body"]), _esc(r["subject"] or "—"), _esc(_tally(r)),
         _esc(r["outcome"] or "unknown"), _esc(r["source_count"] if r["source_count"] is not None else "")]
        for r in _newest(votes, "vote_date", "vote_id")
    ]
    statement_rows = [
        [_esc(r["statement_date"] or "undated"), _esc(r["speaker_name"]), _esc(r["speaker_affiliation"] or ""),
         ("“" + _esc(_shorten(r["quote"])) + "”") if r["is_direct"] else _esc(_shorten(r["quote"])),
         "direct" if r["is_direct"] else "reported"]
        for r in _newest(statements, "statement_date", "statement_id")
    ]
    image = base64.b64encode(png).decode("ascii")

    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Plenary — votes and statements over time</title>
<style>
body {{ font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto; max-width: 1200px; color: #222; padding: 0 1em; }}
h1 {{ margin-bottom: 0.2em; }}
.meta {{ color: #666; margin-top: 0; }}
.figures {{ display: flex; gap: 2em; flex-wrap: wrap; margin: 1em 0; }}
.figures div {{ background: #f3f5f8; padding: 0.6em 1em; border-radius: 6px; }}
.figures b {{ font-size: 1.4em; display: block; }}
img.chart {{ max-width: 100%; height: auto; border: 1px solid #ddd; }}
table {{ border-collapse: collapse; width: 100%; margin-bottom: 2em; font-size: 0.92em; }}
th, td {{ border-bottom: 1px solid #e2e2e2; padding: 0.35em 0.6em; text-align: left; vertical-align: top; }}
th {{ background: #f3f5f8; }}
.empty {{ color: #777; font-style: italic; }}
</style>
</head>
<body>
<h1>Votes and statements over time</h1>
<p class="meta">Generated {_esc(generated)} from the marts votes, statements and vote_positions · {_esc(span)}</p>
<div class="figures">
<div><b>{votes.height}</b> votes</div>
<div><b>{statements.height}</b> statements</div>
<div><b>{vote_positions["country"].drop_nulls().n_unique()}</b> countries with recorded positions</div>
<div><b>{vetoes}</b> vetoes</div>
</div>
<img class="chart" alt="Votes per period by body, statements per period, and the most active countries" src="data:image/png;base64,{image}">
<h2>Votes by body</h2>
{_table(["body", "votes", "adopted", "rejected", "vetoed"], body_rows, "No votes yet.")}
<h2>Newest votes</h2>
{_table(["date", "body", "subject", "yes–no–abstain", "outcome", "sources"], vote_rows, "No votes yet.")}
<h2>Newest statements</h2>
{_table(["date", "speaker", "for", "words", "kind"], statement_rows, "No statements yet.")}
</body>
</html>
"""


def _write_atomic(target: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
