"""The dbt CLI resource, without the fixed costs dagster-dbt adds to every `dbt build`.

Measured on 2 cores (benchmarks/run.py): stock `DbtCliResource.cli` spends, before dbt starts,
2.5–9 s running `dbt --version` in a subprocess and 2–6 s building a dbt adapter in-process
(only used to fetch row counts and column metadata, which Plenary does not ask for); and it
gives every invocation a new target folder, so dbt can never partially parse and re-parses the
whole project (about 6 s) on each run, leaving one folder per run behind in `target/`.

This resource reads the installed dbt-core version from the package metadata, skips the
adapter, and gives each warehouse file one stable target folder (dbt's partial parse state is
valid per set of environment variables, and the profile reads PLENARY_WAREHOUSE). Only one run
writes a warehouse at a time (DuckDB's lock and the writer pool), so the folder is never shared
by two invocations at once.

dbt's own log file (`dbt.log` in that folder) is kept at info level: at its default, debug, a
build writes every SQL statement with its node's details, about 6,000 JSON lines for one new
article, and measured on the 100,000-document warehouse that cost about 0.8 s of a 17 s run.
Node starts, results and errors are still there, and dbt run by hand keeps its debug file log.

`run_in_process` runs dbt inside the step's own process, through dbt's programmatic entry point
(`dbtRunner`), instead of a `dbt` subprocess. The step's process imported dbt already (dagster-dbt
imports it to load the definitions), and a new `dbt` process pays that import again before it
parses anything: about 4.5 s of every one-article refresh on 2 cores (measured: `import
dbt.cli.main` 4.0 s, a one-article `dbt build` 27.8 s as a process against 23.2 s of dbt's own
log). dbt hands each event to a callback; the result events become the same Dagster outputs and
check results dagster-dbt makes from a subprocess's JSON lines.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import os
import queue
import sys
import threading
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from typing import Any

import orjson
from dagster_dbt import DbtCliResource
from dagster_dbt.asset_utils import extract_runtime_selection_from_args, get_updated_cli_invocation_params_for_context
from dagster_dbt.core.dbt_cli_event import DbtCoreCliEventMessage
from packaging import version

from orchestration.core import config


def target_path_for(project_dir: Path, warehouse: Path) -> Path:
    """The one dbt target folder of a warehouse file."""
    key = hashlib.sha1(str(warehouse).encode()).hexdigest()[:10]
    return Path(project_dir) / "target" / f"plenary-{key}"


class PlenaryDbtCliResource(DbtCliResource):
    @cached_property
    def _cli_version(self) -> version.Version:
        if Path(self.dbt_executable).parent == Path(sys.executable).parent:
            try:
                return version.parse(importlib.metadata.version("dbt-core"))
            except importlib.metadata.PackageNotFoundError:
                pass
        return super()._cli_version

    def _initialize_dbt_core_adapter(self, args):
        # dagster-dbt uses the adapter only for row counts and column metadata; without one it
        # streams the same events.
        return None

    def cli(self, args, *, target_path: Path | None = None, **kwargs):
        if target_path is None:
            target_path = target_path_for(Path(self.project_dir), config.warehouse_path())
        return super().cli([*args, *_FILE_LOG_FLAGS], target_path=target_path, **kwargs)

    def run_in_process(self, args: list[str], *, context) -> "InProcessDbtRun":
        """`dbt <args>` for the assets the step selected, as `cli` would run it, but in this
        process; call `stream()` on the result for the Dagster events."""
        cleaned_args, selects, excludes = extract_runtime_selection_from_args(args)
        params = get_updated_cli_invocation_params_for_context(
            context=context, manifest={}, dagster_dbt_translator=None, runtime_selects=selects, runtime_excludes=excludes
        )
        project_dir = Path(params.dbt_project.project_dir if params.dbt_project else self.project_dir)
        target_path = target_path_for(Path(self.project_dir), config.warehouse_path())
        indirect = []
        if params.indirect_selection and "--indirect-selection" not in cleaned_args:
            indirect = ["--indirect-selection", params.indirect_selection]
        profile = [*(["--profile", self.profile] if self.profile else []), *(["--target", self.target] if self.target else [])]
        dbt_args = [
            *self.global_config_flags, *cleaned_args, *profile, *params.selection_args, *indirect,
            "--project-dir", str(project_dir), "--profiles-dir", str(self.profiles_dir or project_dir),
            "--target-path", str(target_path), "--log-path", str(target_path), *_FILE_LOG_FLAGS,
            # dbt's own console output would land in the middle of `plenary refresh`'s progress
            # display; its warnings and errors go to the Dagster log instead (`stream`).
            "--quiet", "--no-use-colors", "--no-send-anonymous-usage-stats",
        ]
        return InProcessDbtRun(dbt_args, project_dir, target_path, params.manifest, params.dagster_dbt_translator, params.dbt_project, context)


_FILE_LOG_FLAGS = ["--log-level-file", "info"]
# dbt's events for a node's outcome, the ones dagster-dbt turns into outputs and check results.
_RESULT_EVENTS = frozenset({"LogModelResult", "LogTestResult", "LogSeedResult", "LogSnapshotResult"})
_DONE = object()


class InProcessDbtRun:
    """One dbt invocation in a thread of this process, its events handed over through a queue
    so that the step yields each model's output as soon as it is built."""

    def __init__(self, args, project_dir, target_path, manifest, translator, project, context):
        self.args, self.project_dir, self.target_path = args, project_dir, target_path
        self._manifest, self._translator, self._project, self._context = manifest, translator, project, context
        self.exit_code: int | None = None
        self.error: BaseException | None = None

    def stream(self) -> Iterator[Any]:
        from dbt.cli.main import dbtRunner
        from dbt_common.events.functions import msg_to_dict

        events: queue.SimpleQueue = queue.SimpleQueue()

        def on_event(message) -> None:
            # called on dbt's threads for every event, SQL statements included: keep it cheap
            name, level = message.info.name, message.info.level
            if name in _RESULT_EVENTS:
                events.put(("result", msg_to_dict(message)))
            elif level in ("warn", "error"):
                events.put((level, message.info.msg))

        def invoke() -> None:
            try:
                # the profile's default warehouse path is relative to the project, as for `dbt` run there
                with contextlib.chdir(self.project_dir):
                    outcome = dbtRunner(callbacks=[on_event]).invoke(self.args)
                self.error = outcome.exception
                self.exit_code = 0 if outcome.success else 2 if outcome.exception is not None else 1
            except BaseException as error:  # noqa: BLE001 - reported to the step, never lost in the thread
                self.error, self.exit_code = error, 2
            finally:
                _release_warehouse()
                events.put(_DONE)

        worker = threading.Thread(target=invoke, name="dbt", daemon=True)
        worker.start()
        try:
            while (item := events.get()) is not _DONE:
                kind, payload = item
                if kind == "result":
                    message = DbtCoreCliEventMessage(raw_event=payload, event_history_metadata={})
                    yield from message.to_default_asset_events(
                        manifest=self._manifest, dagster_dbt_translator=self._translator, context=self._context,
                        target_path=self.target_path, project=self._project,
                    )
                elif kind == "warn":
                    self._context.log.warning(payload)
                else:
                    self._context.log.error(payload)
        finally:
            # dbt cannot be stopped from another thread; a step failing mid-stream waits for it,
            # so the warehouse is closed before the step's failure releases the writer pool
            worker.join()

    def artifact(self, name: str) -> dict[str, Any]:
        return orjson.loads((self.target_path / name).read_bytes())


def _release_warehouse() -> None:
    """Close the DuckDB database dbt-duckdb keeps open after an invocation. In a process of its
    own that happened at exit; here the step's own connections (other settings) would be
    refused ("different configuration than existing connections")."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager
    from dbt.adapters.factory import cleanup_connections

    cleanup_connections()
    with DuckDBConnectionManager._LOCK:
        if DuckDBConnectionManager._ENV is not None:
            DuckDBConnectionManager._ENV.close()
        DuckDBConnectionManager.close_all_connections()
