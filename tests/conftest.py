"""Shared fixtures: real pipeline runs (`plenary refresh` in its own process) into temp warehouses."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import SAMPLE_INBOX, SHARED, run_refresh


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared (seeds, gold, score.py) is not beside this checkout")
    return SHARED


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample inbox, refreshed once for the whole session."""
    warehouse = tmp_path_factory.mktemp("samples") / "plenary.duckdb"
    run_refresh(SAMPLE_INBOX, warehouse)
    return warehouse


@pytest.fixture(scope="session")
def seeds_warehouse(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five seed articles, refreshed once for the whole session."""
    warehouse = tmp_path_factory.mktemp("seeds") / "plenary.duckdb"
    run_refresh(shared_dir / "seeds", warehouse)
    return warehouse


# --- `dagster dev` for real: webserver, daemon and code server on loopback (e2e and browser tests) ---

import json  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import urllib.request  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402

import duckdb  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]
DAGSTER_DEV_START_SECONDS = 180
SENSOR_RUN_TAG = "plenary/trigger"

# Short articles written for these tests (invented events, our own words).
REEF_ARTICLE = """General Assembly backs plan to shield coral reefs, 151 to 4

UNITED NATIONS, 14 May 2024 — The UN General Assembly on Tuesday adopted a resolution on the
protection of coral reefs by a recorded vote of 151 in favour to 4 against, with 12 abstentions.

The text asks member states to map damaged reefs and to report on their progress within two
years. "Reefs feed millions of people and we are losing them faster than we can count," the
ambassador of Fiji, Ana Tuilagi, told the hall before the vote.

Delegates who voted against said the plan duplicated work already under way in regional bodies.
"""

HARBOUR_ARTICLE = """---
title: Security Council renews harbour observer mission
published: 2024-06-20
---

UNITED NATIONS — The Security Council on Thursday voted 13 to 0, with 2 abstentions, to extend
for one year a small observer mission that watches over a disputed harbour.

Speaking after the vote, the ambassador of Norway, Erik Sandvold, said the observers "keep the
peace by being seen". The mission has about forty unarmed staff.
"""


def _free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _default_signals() -> None:
    # Background shells here may start children with SIGINT/SIGTERM ignored; restore them so the
    # process group can be stopped.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


@dataclass
class DagsterDev:
    """A running `dagster dev` with its own DAGSTER_HOME, inbox and warehouse in a temp folder."""

    url: str
    home: Path
    inbox: Path
    warehouse: Path
    log: Path
    process: subprocess.Popen
    notes: dict = field(default_factory=dict)

    @property
    def reader_copy(self) -> Path:
        return self.warehouse.with_name(self.warehouse.stem + ".read" + self.warehouse.suffix)

    def graphql(self, query: str, variables: dict | None = None, timeout: float = 30) -> dict:
        body = json.dumps({"query": query, "variables": variables or {}}).encode()
        request = urllib.request.Request(f"{self.url}/graphql", data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            answer = json.load(response)
        if answer.get("errors"):
            raise AssertionError(f"GraphQL errors: {answer['errors']}")
        return answer["data"]

    def log_tail(self, chars: int = 6000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""

    def drop(self, name: str, text: str) -> float:
        """Put an article in the inbox as a user would; returns the time it landed."""
        (self.inbox / name).write_text(text, encoding="utf-8")
        return time.monotonic()

    def query_reader_copy(self, sql: str, params: list | None = None) -> list[tuple] | None:
        """Rows from the published reader copy (read-only), or None while there is none yet."""
        if not self.reader_copy.exists():
            return None
        try:
            with duckdb.connect(str(self.reader_copy), read_only=True) as con:
                return con.execute(sql, params or []).fetchall()
        except duckdb.CatalogException:
            return None

    def runs(self, trigger: str | None = None) -> list[dict]:
        filter_ = {"tags": [{"key": SENSOR_RUN_TAG, "value": trigger}]} if trigger else {}
        data = self.graphql(
            """query Runs($filter: RunsFilter) { runsOrError(filter: $filter) {
                 ... on Runs { results { runId status creationTime startTime endTime tags { key value } } } } }""",
            {"filter": filter_},
        )
        return [
            {**r, "tags": {t["key"]: t["value"] for t in r["tags"]}}
            for r in data["runsOrError"]["results"]
        ]

    def wait_for_runs_to_finish(self, timeout: float) -> list[dict]:
        deadline = time.monotonic() + timeout
        while True:
            runs = self.runs()
            if runs and all(r["status"] in ("SUCCESS", "FAILURE", "CANCELED") for r in runs):
                return runs
            if time.monotonic() > deadline:
                raise AssertionError(f"runs still going after {timeout} s: {runs}\n{self.log_tail()}")
            time.sleep(1)


def _location_loaded(dev: DagsterDev) -> bool:
    try:
        data = dev.graphql("{ workspaceOrError { ... on Workspace { locationEntries { name loadStatus "
                           "locationOrLoadError { __typename } } } } }", timeout=5)
    except OSError:
        return False
    entries = data["workspaceOrError"]["locationEntries"]
    if any(e["locationOrLoadError"] and e["locationOrLoadError"]["__typename"] == "PythonError" for e in entries):
        raise AssertionError(f"the code location failed to load:\n{dev.log_tail()}")
    return bool(entries) and all(e["loadStatus"] == "LOADED" for e in entries)


def _stop_process_group(process: subprocess.Popen) -> None:
    """Stop `dagster dev` and everything it started (webserver, daemon, code server, runs) by its PID."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pass
        except ProcessLookupError:
            return
    try:
        os.killpg(process.pid, signal.SIGKILL)  # stragglers left in the group
    except ProcessLookupError:
        pass
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass


@pytest.fixture(scope="session")
def dagster_dev(tmp_path_factory: pytest.TempPathFactory):
    """`dagster dev -m orchestration.definitions` on a free loopback port, our dagster.yaml in a temp
    DAGSTER_HOME, a temp inbox and warehouse; stopped (the whole process group) at the end."""
    root = tmp_path_factory.mktemp("dagster_dev")
    home, inbox, warehouse = root / "dagster_home", root / "inbox", root / "warehouse" / "plenary.duckdb"
    for folder in (home, inbox, warehouse.parent):
        folder.mkdir(parents=True)
    shutil.copy(REPO_ROOT / "dagster.yaml", home / "dagster.yaml")
    port = _free_loopback_port()
    venv_bin = Path(sys.executable).parent
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "PLENARY_INBOX": str(inbox),
        "PLENARY_WAREHOUSE": str(warehouse),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "PATH": f"{venv_bin}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    log = root / "dagster_dev.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(venv_bin / "dagster"), "dev", "-m", "orchestration.definitions", "-h", "127.0.0.1", "-p", str(port)],
            cwd=REPO_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True, preexec_fn=_default_signals,
        )
    dev = DagsterDev(url=f"http://127.0.0.1:{port}", home=home, inbox=inbox, warehouse=warehouse, log=log, process=process)
    try:
        started = time.monotonic()
        while not _location_loaded(dev):
            if process.poll() is not None:
                raise AssertionError(f"dagster dev exited with {process.returncode}:\n{dev.log_tail()}")
            if time.monotonic() - started > DAGSTER_DEV_START_SECONDS:
                raise AssertionError(f"dagster dev not loaded after {DAGSTER_DEV_START_SECONDS} s:\n{dev.log_tail()}")
            time.sleep(1)
        dev.notes["start_seconds"] = time.monotonic() - started
        print(f"\ndagster dev loaded in {dev.notes['start_seconds']:.1f} s at {dev.url}")
        yield dev
    finally:
        _stop_process_group(process)
        artifacts = REPO_ROOT / "test-artifacts"
        artifacts.mkdir(exist_ok=True)
        shutil.copy(log, artifacts / "dagster_dev.log")


DOCUMENT_VOTE_SQL = """select v.yes_count, v.no_count, v.abstain_count, v.body
                   from marts.votes v
                   join marts.vote_sources s on s.vote_id = v.vote_id
                   join marts.documents d on d.doc_id = s.doc_id
                   where d.source_name = ?"""


@pytest.fixture(scope="session")
def first_article_run(dagster_dev: DagsterDev) -> dict:
    """Drops one article into the running instance's inbox and waits until its document and vote
    are queryable in the reader copy; returns the measured latency. Then waits for the run to end."""
    timeout = 90
    dropped_at = time.time()
    dropped = dagster_dev.drop("reef_vote.txt", REEF_ARTICLE)
    while True:
        documents = dagster_dev.query_reader_copy("select doc_id from marts.documents where source_name = ?", ["reef_vote.txt"])
        votes = dagster_dev.query_reader_copy(DOCUMENT_VOTE_SQL, ["reef_vote.txt"])
        if documents and votes:
            latency = time.monotonic() - dropped
            break
        if time.monotonic() - dropped > timeout:
            raise AssertionError(
                f"reef_vote.txt not queryable {timeout} s after the drop; runs: {dagster_dev.runs()}\n{dagster_dev.log_tail()}"
            )
        time.sleep(0.5)
    runs = dagster_dev.wait_for_runs_to_finish(timeout=120)
    print(f"\ndrop → queryable in the reader copy: {latency:.1f} s")
    for run in runs:
        created, started, ended = (run[k] and run[k] - dropped_at for k in ("creationTime", "startTime", "endTime"))
        print(f"  run {run['runId'][:8]} {run['status']}: requested by the sensor at +{created:.1f} s, "
              f"worker started at +{started:.1f} s, ended at +{ended:.1f} s")
        steps = dagster_dev.graphql(
            "query Steps($id: ID!) { runOrError(runId: $id) { ... on Run { stepStats { stepKey startTime endTime } } } }",
            {"id": run["runId"]},
        )["runOrError"]["stepStats"]
        for step in steps:
            if step["startTime"] and step["endTime"]:
                print(f"    {step['stepKey']:<40} +{step['startTime'] - dropped_at:6.1f} s  {step['endTime'] - step['startTime']:6.1f} s")
    return {"latency_seconds": latency, "votes": votes, "runs": runs}
