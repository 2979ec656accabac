"""Benchmark the real pipeline (`plenary refresh`, through Dagster) on synthetic backlogs.

    python benchmarks/run.py [--sizes 1000,10000] [--seed 6] [--keep] [--no-results]
    ./dev bench --sizes 100000

Per size: generates a corpus once (cached in benchmarks/out/corpus-N-seedS, gitignored), builds
a fresh inbox of hard links to it and an empty warehouse in a temporary folder, and runs
`plenary refresh` as a subprocess with its own DAGSTER_HOME:

1. the whole backlog;
2. the same inbox again, unchanged (nothing should be read or extracted);
3. the inbox plus one new article (the incremental latency: run start to marts updated), three
   times, one more article each time (`--article-runs`): a single run varies by seconds on a
   shared 2-core machine, so the median run is the figure, and all of them are listed.

Stage times come from the Dagster event log of each run (STEP_START / STEP_SUCCESS of each
step), not from guesses; documents per stage come from the steps' output metadata. Peak RSS is
sampled from /proc every 0.2 s over the whole process tree (the CLI, the extraction workers, dbt)
and summed, so shared pages count once per process: an upper bound. Prints a table per size and
writes benchmarks/results.md (the newest figures per size, with the date and machine).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import generate_corpus  # beside this file: the script's folder is on the path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
# the corpus a new article is the first .txt of (its own seed: no corpus holds it)
NEW_ARTICLE_CORPUS = 20
RESULTS_MD = BENCH / "results.md"
VENV_BIN = Path(sys.executable).parent

# Dagster step keys → the stages of the table (a stage may span several steps).
STAGES = {
    "ingest + clean": ("inbox_documents", "cleaned_documents"),
    "extract": ("extracted_facts",),
    "load": ("warehouse_raw",),
    "dbt build": ("plenary_dbt_models",),
    "reader copy": ("warehouse_reader_copy",),
}
TARGETS = {
    "backlog_docs_per_s": 400,
    "dbt_s": 60,
    "peak_rss_mb": 3 * 1024,
    "incremental_s": 15,
    "second_run_s": 20,
}


# ------------------------------------------------------------------------------ memory sampling


def _tree_rss_kb(root_pid: int) -> int:
    """Summed VmRSS of `root_pid` and all its descendants (read from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/status") as status:
                ppid = kb = 0
                for line in status:
                    if line.startswith("PPid:"):
                        ppid = int(line.split()[1])
                    elif line.startswith("VmRSS:"):
                        kb = int(line.split()[1])
        except (OSError, ValueError):
            continue
        pid = int(entry.name)
        children.setdefault(ppid, []).append(pid)
        rss[pid] = kb
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, ()))
    return total


class RssSampler(threading.Thread):
    """Samples the process tree's RSS until stopped: a list of (unix time, MB)."""

    def __init__(self, pid: int, interval: float = 0.2):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.samples: list[tuple[float, float]] = []
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.samples.append((time.time(), _tree_rss_kb(self.pid) / 1024))
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()

    def peak(self, start: float | None = None, end: float | None = None) -> float:
        values = [mb for t, mb in self.samples if (start is None or t >= start) and (end is None or t <= end)]
        return max(values, default=0.0)


# ---------------------------------------------------------------------------------- one run


@dataclass
class StageFigures:
    seconds: float
    documents: int
    peak_rss_mb: float

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.seconds if self.seconds > 0 else 0.0


@dataclass
class RunFigures:
    label: str
    exit_code: int
    process_seconds: float  # `plenary refresh` from exec to exit (imports, dbt parse check, summary)
    run_seconds: float  # Dagster RUN_START → RUN_SUCCESS/FAILURE
    startup_seconds: float  # process start → RUN_START
    start_to_marts_seconds: float  # process start → dbt step finished
    peak_rss_mb: float
    run_start_to_marts_seconds: float = 0.0  # Dagster RUN_START → dbt step finished (models built and tested)
    run_start_to_readers_seconds: float = 0.0  # Dagster RUN_START → reader copy published
    cpu_seconds: float = 0.0  # user + system CPU of the whole process tree (resource.RUSAGE_CHILDREN)
    stages: dict[str, StageFigures] = field(default_factory=dict)
    metadata: dict[str, dict] = field(default_factory=dict)
    failed_steps: list[str] = field(default_factory=list)
    skipped_steps: list[str] = field(default_factory=list)


def refresh(label: str, inbox: Path, warehouse: Path, dagster_home: Path, log: Path, files: list[str] = ()) -> RunFigures:
    """Run `plenary refresh [FILE...]` as a subprocess and read its figures back from the Dagster
    event log."""
    env = {
        **os.environ,
        "PLENARY_INBOX": str(inbox),
        "PLENARY_WAREHOUSE": str(warehouse),
        "DAGSTER_HOME": str(dagster_home),
        "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "PLENARY_LOG_LEVEL": "WARNING",
        # The figures are one Dagster run's: the whole backlog in one run, however large (by
        # default a run reads at most 100,000 files and `plenary refresh` runs again for the rest).
        "PLENARY_MAX_FILES_PER_RUN": str(10**9),
    }
    dagster_home.mkdir(parents=True, exist_ok=True)
    before = _run_ids(dagster_home)
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.time()
    with open(log, "ab") as out:
        out.write(f"\n===== {label} =====\n".encode())
        out.flush()
        process = subprocess.Popen(
            [str(VENV_BIN / "plenary"), "refresh", *files], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
        sampler = RssSampler(process.pid)
        sampler.start()
        exit_code = process.wait()
        sampler.stop()
    ended = time.time()
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    new_runs = [run_id for run_id in _run_ids(dagster_home) if run_id not in before]
    if not new_runs:
        raise SystemExit(f"{label}: no Dagster run was recorded (exit {exit_code}); see {log}")
    figures = _figures(label, dagster_home, new_runs[0], exit_code, started, ended, sampler)
    figures.cpu_seconds = round(cpu, 1)
    return figures


def _instance(dagster_home: Path):
    import dagster as dg

    return dg.DagsterInstance.from_config(str(dagster_home))


def _run_ids(dagster_home: Path) -> list[str]:
    if not (dagster_home / "history").exists():
        return []
    with _instance(dagster_home) as instance:
        return [run.run_id for run in instance.get_runs()]


def _figures(label, dagster_home, run_id, exit_code, started, ended, sampler: RssSampler) -> RunFigures:
    from dagster import DagsterEventType

    with _instance(dagster_home) as instance:
        records = instance.all_logs(run_id)
    step_start: dict[str, float] = {}
    step_end: dict[str, float] = {}
    metadata: dict[str, dict] = {}
    failed, skipped = [], []
    run_start = run_end = None
    for record in records:
        event = record.dagster_event
        if event is None:
            continue
        kind, step = event.event_type, event.step_key
        if kind == DagsterEventType.RUN_START:
            run_start = record.timestamp
        elif kind in (DagsterEventType.RUN_SUCCESS, DagsterEventType.RUN_FAILURE):
            run_end = record.timestamp
        elif kind == DagsterEventType.STEP_START:
            step_start[step] = record.timestamp
        elif kind in (DagsterEventType.STEP_SUCCESS, DagsterEventType.STEP_FAILURE):
            step_end[step] = record.timestamp
            if kind == DagsterEventType.STEP_FAILURE:
                failed.append(step)
        elif kind == DagsterEventType.STEP_SKIPPED:
            skipped.append(step)
        elif kind == DagsterEventType.ASSET_MATERIALIZATION and step in ("inbox_documents", "cleaned_documents", "extracted_facts"):
            materialization = event.event_specific_data.materialization
            metadata[step] = {key: getattr(value, "value", value) for key, value in materialization.metadata.items()}
    run_start = run_start or started
    run_end = run_end or ended
    documents = {
        "ingest + clean": int(metadata.get("inbox_documents", {}).get("files_read", 0) or 0)
        + _jsonl_lines_bonus(metadata),
        "extract": int(metadata.get("extracted_facts", {}).get("documents_extracted", 0) or 0),
        "load": int(metadata.get("cleaned_documents", {}).get("documents_new", 0) or 0),
    }
    stages: dict[str, StageFigures] = {}
    for stage, steps in STAGES.items():
        starts = [step_start[s] for s in steps if s in step_start]
        ends = [step_end[s] for s in steps if s in step_end]
        if not starts or not ends:
            continue
        begin, finish = min(starts), max(ends)
        stages[stage] = StageFigures(
            round(finish - begin, 2), documents.get(stage, documents["load"]), round(sampler.peak(begin, finish), 1)
        )
    backlog_steps = [s for stage in ("ingest + clean", "extract", "load") for s in STAGES[stage]]
    if all(s in step_start and s in step_end for s in backlog_steps):
        begin = min(step_start[s] for s in backlog_steps)
        finish = max(step_end[s] for s in backlog_steps)
        stages["ingest → load"] = StageFigures(
            round(finish - begin, 2), documents["ingest + clean"], round(sampler.peak(begin, finish), 1)
        )
    dbt_end = step_end.get("plenary_dbt_models", run_end)
    return RunFigures(
        label=label,
        exit_code=exit_code,
        process_seconds=round(ended - started, 2),
        run_seconds=round(run_end - run_start, 2),
        startup_seconds=round(run_start - started, 2),
        start_to_marts_seconds=round(dbt_end - started, 2),
        run_start_to_marts_seconds=round(dbt_end - run_start, 2),
        run_start_to_readers_seconds=round(step_end.get("warehouse_reader_copy", run_end) - run_start, 2),
        peak_rss_mb=round(sampler.peak(), 1),
        stages=stages,
        metadata=metadata,
        failed_steps=failed,
        skipped_steps=skipped,
    )


def _jsonl_lines_bonus(metadata: dict) -> int:
    """Inputs, not files: a .jsonl batch holds many documents (documents_read + rejects − files)."""
    ingest = metadata.get("inbox_documents", {})
    files = int(ingest.get("files_read", 0) or 0)
    inputs = int(ingest.get("documents_read", 0) or 0) + int(ingest.get("rejected", 0) or 0)
    return max(0, inputs - files)


# ---------------------------------------------------------------------------------- corpora


def corpus(size: int, seed: int) -> tuple[Path, dict]:
    """The cached corpus of `size` inputs, generated on first use."""
    folder = OUT / f"corpus-{size}-seed{seed}"
    marker = OUT / f"corpus-{size}-seed{seed}.json"
    if marker.exists() and folder.is_dir():
        return folder, json.loads(marker.read_text())
    shutil.rmtree(folder, ignore_errors=True)
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"generating {size:,} documents (seed {seed}) into {folder} ...", file=sys.stderr)
    result = subprocess.run(
        [sys.executable, str(BENCH / "generate_corpus.py"), str(folder), "--documents", str(size), "--seed", str(seed)],
        check=True,
        capture_output=True,
        text=True,
    )
    counts = json.loads(result.stdout)
    marker.write_text(json.dumps(counts, indent=1))
    return folder, counts


def link_inbox(source: Path, inbox: Path) -> None:
    """An inbox of hard links to the cached corpus (copies if linking is not possible)."""
    inbox.mkdir(parents=True)
    for entry in os.scandir(source):
        target = inbox / entry.name
        try:
            os.link(entry.path, target)
        except OSError:
            shutil.copy2(entry.path, target)


def new_article_date(seed: int) -> dt.date:
    """The date of the article `new_article` writes for `seed`, from the generator's plan."""
    files, _, _, _ = generate_corpus._plan(NEW_ARTICLE_CORPUS, seed, 0, 0)
    _, _, slot, _ = min(entry for entry in files if entry[0].endswith(".txt"))
    return generate_corpus.make_article(seed, slot)["published"]


def new_article(inbox: Path, seed: int) -> Path:
    """Write one article no corpus has (its own seed) into the inbox under a new name."""
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run(
            [sys.executable, str(BENCH / "generate_corpus.py"), scratch, "--documents", str(NEW_ARTICLE_CORPUS), "--seed", str(seed),
             "--bad-share", "0", "--duplicate-share", "0"],
            check=True,
            capture_output=True,
        )
        source = sorted(Path(scratch).glob("*.txt"))[0]
        target = inbox / f"incremental_{int(time.time())}_{source.name}"
        shutil.copyfile(source, target)
    return target


# ---------------------------------------------------------------------------------- reporting


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    return f"{os.cpu_count()} cores ({cpu}), {memory_gb:.0f} GB RAM, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def table(result: dict) -> str:
    backlog = RunFigures(**{**result["backlog"], "stages": {}})
    stages = {name: StageFigures(**figures) for name, figures in result["backlog"]["stages"].items()}
    lines = [
        f"### {result['size']:,} inputs ({result['corpus'].get('documents', result['size']):,} generated, "
        f"{result['corpus'].get('bad', '?')} bad, {result['corpus'].get('duplicates', '?')} duplicates) — {result['date']}",
        "",
        "| stage | documents | wall s | documents/s | peak RSS MB |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, figures in stages.items():
        lines.append(f"| {name} | {figures.documents:,} | {figures.seconds:.1f} | {figures.docs_per_s:,.0f} | {figures.peak_rss_mb:,.0f} |")
    lines.append(
        f"| whole Dagster run | {result['size']:,} | {backlog.run_seconds:.1f} | {result['size'] / max(backlog.run_seconds, 1e-9):,.0f} | {backlog.peak_rss_mb:,.0f} |"
    )
    lines.append(
        f"| `plenary refresh` process (incl. {backlog.startup_seconds:.1f} s start-up) | {result['size']:,} | "
        f"{backlog.process_seconds:.1f} | {result['size'] / max(backlog.process_seconds, 1e-9):,.0f} | {backlog.peak_rss_mb:,.0f} |"
    )
    lines.append("")
    lines.append(
        f"CPU time of the backlog run (all processes): {backlog.cpu_seconds:,.0f} s over {backlog.process_seconds:,.0f} s wall "
        f"({backlog.cpu_seconds / max(backlog.process_seconds, 1e-9):.2f} cores busy on average); "
        f"warehouse file {result.get('warehouse_mb') or 0:,.0f} MB; load average at start {result.get('load_average', '?')}."
    )
    lines.append("")
    def article_title(title: str, runs: list[float]) -> str:
        return title + (
            f" (the median of {len(runs)} runs, one article each: run start → marts "
            + " / ".join(f"{seconds:.1f}" for seconds in runs) + " s)" if len(runs) > 1 else ""
        )

    for key, title in (
        ("unchanged", "second run, unchanged inbox"),
        ("incremental", article_title("one new article, `plenary refresh` (lists the inbox)", result.get("incremental_runs") or [])),
        ("incremental_named", article_title(
            "one new article named to the run, as the inbox sensor starts it (`plenary refresh FILE`)",
            result.get("incremental_named_runs") or [],
        )),
    ):
        run = result.get(key)
        if run is None:
            continue
        stage_text = ", ".join(f"{name} {fig['seconds']:.1f} s" for name, fig in run["stages"].items() if name != "ingest → load")
        lines.append(
            f"- **{title}**: process {run['process_seconds']:.1f} s (start-up {run['startup_seconds']:.1f} s, "
            f"Dagster run {run['run_seconds']:.1f} s); run start → marts updated {run.get('run_start_to_marts_seconds', 0):.1f} s, "
            f"→ reader copy published {run.get('run_start_to_readers_seconds', 0):.1f} s; "
            f"process start → marts updated {run['start_to_marts_seconds']:.1f} s; "
            f"peak RSS {run['peak_rss_mb']:,.0f} MB; CPU {run.get('cpu_seconds', 0):.0f} s; {stage_text}"
        )
    runs = [key for key in ("backlog", "unchanged", "incremental", "incremental_named") if key in result]
    problems = [
        f"{key}: failed steps {', '.join(result[key]['failed_steps'])}" for key in runs if result[key]["failed_steps"]
    ] + [
        f"{key}: skipped steps {', '.join(result[key]['skipped_steps'])}" for key in runs if result[key]["skipped_steps"]
    ] + [
        f"{key}: `plenary refresh` exited {result[key]['exit_code']}" for key in runs if result[key]["exit_code"]
    ]
    problems += result.get("incremental_problems", [])
    if problems:
        lines.append("- **not clean**: " + "; ".join(problems))
    lines.append("")
    return "\n".join(lines)


def verdict(result: dict) -> str:
    stages = result["backlog"]["stages"]
    backlog = stages.get("ingest → load", {})
    rate = backlog.get("documents", 0) / backlog["seconds"] if backlog.get("seconds") else 0
    rows = [
        ("ingest + clean + extract + load", f"≥ {TARGETS['backlog_docs_per_s']} docs/s", f"{rate:,.0f} docs/s", rate >= TARGETS["backlog_docs_per_s"]),
        ("dbt build", f"≤ {TARGETS['dbt_s']} s", f"{stages.get('dbt build', {}).get('seconds', float('nan')):.1f} s",
         stages.get("dbt build", {}).get("seconds", 1e9) <= TARGETS["dbt_s"]),
        ("peak memory", "≤ 3 GB", f"{result['backlog']['peak_rss_mb'] / 1024:.2f} GB", result["backlog"]["peak_rss_mb"] <= TARGETS["peak_rss_mb"]),
        # The figure is run start → marts updated; the process start-up (imports, loading
        # the definitions) comes before a run starts and is shown beside it.
        *(
            (f"one new article{suffix}, run start → marts", f"≤ {TARGETS['incremental_s']} s",
             f"{result[key].get('run_start_to_marts_seconds', float('nan')):.1f} s "
             f"(process start → marts {result[key]['start_to_marts_seconds']:.1f} s)",
             result[key].get("run_start_to_marts_seconds", 1e9) <= TARGETS["incremental_s"])
            for key, suffix in (("incremental", " (inbox listed)"), ("incremental_named", " (named, as the sensor's run)"))
            if key in result
        ),
        ("second run, unchanged inbox", f"≤ {TARGETS['second_run_s']} s", f"{result['unchanged']['process_seconds']:.1f} s",
         result["unchanged"]["process_seconds"] <= TARGETS["second_run_s"]),
    ]
    lines = ["| target | goal | measured | met |", "|---|---|---|---|"]
    lines += [f"| {name} | {goal} | {measured} | {'yes' if ok else '**no**'} |" for name, goal, measured, ok in rows]
    return "\n".join(lines) + "\n"


NOTES_HEADING = "## Notes"


def write_results() -> None:
    results = [json.loads(p.read_text()) for p in sorted((OUT / "results").glob("*.json"))]
    results.sort(key=lambda r: r["size"])
    parts = [
        "# Benchmark results",
        "",
        "Written by `benchmarks/run.py` (`./dev bench`); the newest run per size. Each size runs "
        "`plenary refresh` on a fresh warehouse: the backlog, the unchanged inbox again, and "
        "the inbox plus one new article (three times, the median reported), and one new article named "
        "to the run as the inbox sensor names it (`plenary refresh FILE`, three times). Stage times are read from the Dagster event log (step start "
        "→ step success); peak RSS is the summed RSS of the whole process tree (CLI, extraction "
        "workers, dbt), sampled every 0.2 s. The machine is shared with other work, so figures are noisy.",
        "",
    ]
    for result in results:
        parts += [f"Machine: {result['machine']}", "", table(result), "Against the targets (issue 6; the 100,000 run is the one that counts):", "", verdict(result)]
    RESULTS_MD.write_text("\n".join(parts) + kept_notes())


def kept_notes() -> str:
    """The hand-written part of results.md, from its first `## Notes` heading on: kept as it is."""
    if not RESULTS_MD.exists():
        return ""
    text = RESULTS_MD.read_text()
    start = text.find(f"\n{NOTES_HEADING}")
    return text[start:] if start >= 0 else ""


# ---------------------------------------------------------------------------------- main


def median_run(runs: list[RunFigures]) -> RunFigures:
    """The run whose run start → marts time is the median (the lower one of an even count)."""
    ordered = sorted(runs, key=lambda figures: figures.run_start_to_marts_seconds)
    return ordered[(len(ordered) - 1) // 2]


def bench(size: int, seed: int, keep: bool, article_runs: int = 3) -> dict:
    source, counts = corpus(size, seed)
    workdir = Path(tempfile.mkdtemp(prefix=f"run-{size}-", dir=OUT))
    inbox, warehouse = workdir / "inbox", workdir / "warehouse" / "plenary.duckdb"
    dagster_home, log = workdir / "dagster_home", workdir / "refresh.log"
    link_inbox(source, inbox)
    load_before = os.getloadavg()
    print(f"[{size:,}] backlog run (log: {log}) ...", file=sys.stderr)
    backlog = refresh("backlog", inbox, warehouse, dagster_home, log)
    print(f"[{size:,}] backlog: {backlog.process_seconds:.1f} s; second run on the unchanged inbox ...", file=sys.stderr)
    unchanged = refresh("unchanged", inbox, warehouse, dagster_home, log)
    print(f"[{size:,}] unchanged: {unchanged.process_seconds:.1f} s; one new article, {article_runs} times ...", file=sys.stderr)
    article_figures = []
    for index in range(article_runs):
        new_article(inbox, seed + 1_000_003 + index)
        article_figures.append(refresh(f"incremental {index + 1}", inbox, warehouse, dagster_home, log))
    incremental = median_run(article_figures)
    # The same, as the inbox sensor starts it: the run is given the new file's name, so it does
    # not list the inbox (`plenary refresh FILE`).
    print(f"[{size:,}] one new article named to the run, {article_runs} times ...", file=sys.stderr)
    named_figures = []
    for index in range(article_runs):
        article = new_article(inbox, seed + 2_000_003 + index)
        named_figures.append(refresh(f"incremental named {index + 1}", inbox, warehouse, dagster_home, log, [article.name]))
    result = {
        "size": size,
        "seed": seed,
        "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "machine": machine(),
        "corpus": counts,
        "load_average": " ".join(f"{x:.1f}" for x in load_before),
        "warehouse_mb": round(warehouse.stat().st_size / 1024**2, 1) if warehouse.exists() else None,
        "backlog": asdict(backlog),
        "unchanged": asdict(unchanged),
        "incremental": asdict(incremental),
        "incremental_runs": [figures.run_start_to_marts_seconds for figures in article_figures],
        "incremental_named": asdict(median_run(named_figures)),
        "incremental_named_runs": [figures.run_start_to_marts_seconds for figures in named_figures],
        "incremental_problems": [
            f"{figures.label}: exit {figures.exit_code}, failed steps {', '.join(figures.failed_steps) or 'none'}"
            for figures in article_figures + named_figures if figures.exit_code or figures.failed_steps
        ],
        "log": str(log),
    }
    (OUT / "results").mkdir(parents=True, exist_ok=True)
    (OUT / "results" / f"{size:07d}.json").write_text(json.dumps(result, indent=1, default=str))
    if not keep:
        shutil.rmtree(workdir, ignore_errors=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes (default 1000,10000)")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--keep", action="store_true", help="keep the run folders (inbox, warehouse, Dagster home, log)")
    parser.add_argument("--no-results", action="store_true", help="do not rewrite benchmarks/results.md")
    parser.add_argument("--article-runs", type=int, default=3,
                        help="one-new-article runs after the backlog; the median one is reported (default 3)")
    parser.add_argument("--report-only", action="store_true", help="rewrite results.md from saved results and exit")
    args = parser.parse_args(argv)
    if args.report_only:
        write_results()
        print(RESULTS_MD.read_text())
        return 0
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    for size in sizes:
        result = bench(size, args.seed, args.keep, args.article_runs)
        print(f"\nMachine: {result['machine']}\n")
        print(table(result))
        print(verdict(result))
        if not args.no_results:
            write_results()
    return 0


if __name__ == "__main__":
    sys.exit(main())
