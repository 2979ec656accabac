"""The warm dbt (orchestration/defs/warm_dbt.py): a real worker process and the real `plenary-dbt`
client on a warehouse built by dbt. A command runs on the worker once, and as plain `dbt` when no
worker can take it, with the same output and exit code either way."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import dagster as dg
import pytest

from dbt_fixtures import DBT_PROJECT, REPO, built_warehouse  # noqa: F401  (a fixture)
from orchestration.defs.dbt_cli import PlenaryDbtCliResource, target_path_for
from orchestration.defs.warm_dbt import WORKER_ENV, WarmDbt

CLIENT = REPO / ".venv" / "bin" / "plenary-dbt"
LIST_MODELS = ["ls", "--resource-type", "model", "--output", "name"]


@pytest.fixture
def warehouse(built_warehouse, tmp_path) -> Path:  # noqa: F811
    copy = tmp_path / "plenary.duckdb"
    shutil.copyfile(built_warehouse, copy)
    return copy


def dbt_env(warehouse: Path, target: Path) -> dict[str, str]:
    """The environment dagster-dbt gives a dbt command, as the dbt resource sets it up."""
    return {
        **os.environ,
        "PLENARY_WAREHOUSE": str(warehouse),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_TARGET_PATH": str(target),
        "DBT_LOG_PATH": str(target),
        "DBT_PROFILES_DIR": str(DBT_PROJECT),
        "DBT_PROJECT_DIR": str(DBT_PROJECT),
    }


def start_worker(warehouse: Path, target: Path) -> WarmDbt:
    return WarmDbt.start(DBT_PROJECT, target, target / "warm-dbt.log", dbt_env(warehouse, target))


def client(args: list[str], env: dict[str, str], worker: WarmDbt | None) -> subprocess.CompletedProcess:
    env = {**env, **({WORKER_ENV: str(worker.socket_path)} if worker else {})}
    return subprocess.run([str(CLIENT), *args], cwd=DBT_PROJECT, env=env, capture_output=True, text=True, timeout=300)


def model_names(result: subprocess.CompletedProcess) -> list[str]:
    """What `dbt ls --output name` lists (its other lines are timestamped log lines)."""
    return sorted(line for line in result.stdout.splitlines() if line.isidentifier())


def served(worker: WarmDbt) -> bool:
    """The worker took a command and ended: it serves one, and waits for it otherwise."""
    try:
        return worker.process.wait(timeout=60) == 0 and not worker.socket_path.exists()
    except subprocess.TimeoutExpired:
        return False


def test_a_command_runs_on_the_worker_once_then_as_dbt(warehouse, tmp_path):
    target = target_path_for(DBT_PROJECT, warehouse)
    env = dbt_env(warehouse, target)
    worker = start_worker(warehouse, target)
    try:
        warm = client(LIST_MODELS, env, worker)
        assert warm.returncode == 0, warm.stdout[-3000:]
        assert served(worker)
        assert "not used" not in (target / "warm-dbt.log").read_text()
        # the worker is gone: the same command now runs as dbt itself, with the same output
        cold = client(LIST_MODELS, env, worker)
        assert cold.returncode == 0, cold.stdout[-3000:]
    finally:
        worker.close()
    assert "votes" in model_names(warm)
    assert model_names(warm) == model_names(cold)


def test_exit_code_of_a_failing_command_is_dbts(warehouse):
    target = target_path_for(DBT_PROJECT, warehouse)
    env = dbt_env(warehouse, target)
    worker = start_worker(warehouse, target)
    try:
        warm = client(["run-operation", "no_such_macro"], env, worker)
        assert served(worker)
    finally:
        worker.close()
    cold = client(["run-operation", "no_such_macro"], env, None)
    assert cold.returncode != 0
    assert warm.returncode == cold.returncode
    assert "no_such_macro" in warm.stdout


def test_a_worker_for_another_warehouse_is_not_used(warehouse, tmp_path):
    other = tmp_path / "other" / "plenary.duckdb"
    other.parent.mkdir()
    shutil.copyfile(warehouse, other)
    target = target_path_for(DBT_PROJECT, warehouse)
    worker = start_worker(warehouse, target)
    try:
        result = client(LIST_MODELS, dbt_env(other, target_path_for(DBT_PROJECT, other)), worker)
        assert result.returncode == 0, result.stdout[-3000:]
        assert "votes" in model_names(result)
        assert served(worker)
        assert "not used (another warehouse)" in (target / "warm-dbt.log").read_text()
    finally:
        worker.close()


def test_stopping_the_client_stops_the_command_on_the_worker(warehouse):
    target = target_path_for(DBT_PROJECT, warehouse)
    # started by a process that ignores SIGTERM, as a run's process may: an ignored signal stays
    # ignored across exec, and the worker must stop all the same
    previous = signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        worker = start_worker(warehouse, target)
    finally:
        signal.signal(signal.SIGTERM, previous)
    env = {**dbt_env(warehouse, target), WORKER_ENV: str(worker.socket_path)}
    try:
        # a command still running when the signal comes, however fast the machine is (a `dbt
        # build` of the fixture warehouse could finish first and exit 0): a count over a range
        # too long to finish
        running = subprocess.Popen([str(CLIENT), "show", "--inline", "select count(*) as n from range(10000000000000)"],
                                   cwd=DBT_PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while worker.socket_path.exists() and time.monotonic() < deadline:  # until the worker takes it
            time.sleep(0.05)
        assert not worker.socket_path.exists()
        time.sleep(3)  # the query under way
        running.send_signal(signal.SIGTERM)  # as dagster-dbt stops a step's dbt
        assert running.wait(timeout=30) != 0
        assert worker.process.wait(timeout=30) != 0
    finally:
        worker.close()


def test_the_dbt_resource_starts_a_worker_for_the_run_and_stops_it(warehouse, monkeypatch):
    monkeypatch.setenv("PLENARY_WAREHOUSE", str(warehouse))
    monkeypatch.delenv(WORKER_ENV, raising=False)
    resource = PlenaryDbtCliResource(project_dir=str(DBT_PROJECT), profiles_dir=str(DBT_PROJECT), dbt_executable=str(CLIENT))
    with dg.build_resources({"dbt": resource}) as resources:
        socket_path = Path(os.environ[WORKER_ENV])
        worker = resources.dbt._warm
        assert worker.process.poll() is None and worker.socket_path == socket_path
    # the run ended without using it: stopped, its socket and the variable gone
    assert worker.process.poll() is not None
    assert not socket_path.parent.exists()
    assert WORKER_ENV not in os.environ

    monkeypatch.setenv("PLENARY_WARM_DBT", "0")
    with dg.build_resources({"dbt": resource}):
        assert WORKER_ENV not in os.environ
