"""Resources: the DuckDB warehouse, the dbt CLI and the staging store between assets."""


import shutil
import sys
from pathlib import Path

import dagster as dg
import polars as pl
from orchestration.defs.dbt_cli import PlenaryDbtCliResource
from dagster_duckdb import DuckDBResource

from orchestration.core import config
from orchestration.defs.project import plenary_dbt


class FramesIOManager(dg.ConfigurableIOManager):
    """Keeps the frames passed between assets as Parquet under `base_dir`, one folder per asset.

    Parquet (through Arrow) rather than pickles: a backlog of 100,000 documents moves between
    steps in seconds, and any step can be re-run alone from the last output of its upstream.
    """

    base_dir: str | None = None  # default: `.staging` beside the warehouse file

    def _folder(self, key: dg.AssetKey) -> Path:
        base = Path(self.base_dir) if self.base_dir else config.warehouse_path().parent / ".staging"
        return base / "__".join(key.path)

    def handle_output(self, context: dg.OutputContext, obj: dict[str, pl.DataFrame]) -> None:
        folder = self._folder(context.asset_key)
        partial = folder.with_name(folder.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        for name, frame in obj.items():
            frame.write_parquet(partial / f"{name}.parquet", compression="zstd", compression_level=1)
        shutil.rmtree(folder, ignore_errors=True)
        partial.rename(folder)

    def load_input(self, context: dg.InputContext) -> dict[str, pl.DataFrame]:
        folder = self._folder(context.asset_key)
        return {path.stem: pl.read_parquet(path) for path in sorted(folder.glob("*.parquet"))}


def _dbt_executable() -> str:
    """The dbt installed beside this Python, so nothing depends on the venv being activated."""
    beside = Path(sys.executable).with_name("dbt")
    return str(beside) if beside.exists() else "dbt"


def build_resources() -> dict[str, object]:
    # Paths resolve when a run starts, not at import, so one process can serve several warehouses.
    return {
        "warehouse": DuckDBResource(database=dg.EnvVar("PLENARY_WAREHOUSE")),
        "dbt": PlenaryDbtCliResource(project_dir=plenary_dbt, profiles_dir=str(plenary_dbt.profiles_dir), dbt_executable=_dbt_executable()),
        "io_manager": FramesIOManager(),
    }
