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

With `plenary-dbt` as its executable (orchestration/defs/resources.py), the resource starts a warm
dbt when a run starts (orchestration/defs/warm_dbt.py): dbt's imports and project loading then
happen while the Python steps work, not at the start of the dbt step.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import sys
from functools import cached_property
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource
from packaging import version
from pydantic import PrivateAttr

from orchestration.core import config
from orchestration.defs.warm_dbt import WORKER_ENV, WarmDbt

WARM_CLIENT = "plenary-dbt"  # the dbt executable that hands a command to the warm worker


def target_path_for(project_dir: Path, warehouse: Path) -> Path:
    """The one dbt target folder of a warehouse file."""
    key = hashlib.sha1(str(warehouse).encode()).hexdigest()[:10]
    return Path(project_dir) / "target" / f"plenary-{key}"


class PlenaryDbtCliResource(DbtCliResource):
    # A warm dbt (orchestration/defs/warm_dbt.py) when the executable is its client; off with
    # PLENARY_WARM_DBT=0.
    _warm: WarmDbt | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        super().setup_for_execution(context)
        if Path(self.dbt_executable).name != WARM_CLIENT or os.environ.get("PLENARY_WARM_DBT") == "0":
            return
        target_path = target_path_for(Path(self.project_dir), config.warehouse_path())
        # the environment dagster-dbt gives the dbt command (DbtCliResource.cli), so that the
        # project loads as the command would load it
        env = {
            **os.environ,
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
            "DBT_LOG_FORMAT": "json",
            "DBT_TARGET_PATH": str(target_path),
            "DBT_LOG_PATH": str(target_path),
            "DBT_PROJECT_DIR": str(self.project_dir),
            **({"DBT_PROFILES_DIR": self.profiles_dir} if self.profiles_dir else {}),
        }
        self._warm = WarmDbt.start(Path(self.project_dir), target_path, target_path / "warm-dbt.log", env)
        os.environ[WORKER_ENV] = str(self._warm.socket_path)

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if self._warm is not None:
            if os.environ.get(WORKER_ENV) == str(self._warm.socket_path):
                del os.environ[WORKER_ENV]
            self._warm.close()
            self._warm = None

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
        return super().cli([*args, "--log-level-file", "info"], target_path=target_path, **kwargs)
