"""Resources: the DuckDB warehouse, the dbt CLI and the staging store between assets."""


import shutil
import sys
from pathlib import Path

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from orchestration.core import config
from orchestration.defs.dbt_cli import WARM_CLIENT, PlenaryDbtCliResource
from orchestration.defs.project import plenary_dbt


class FramesIOManager(dg.ConfigurableIOManager):
    """Keeps the frames passed between assets as Parquet under `base_dir`, one folder per asset.

    Parquet (through Arrow) rather than pickles: a backlog of 100,000 documents moves between
    steps in seconds, and any step can be re-run alone from the last output of its upstream.
    """

    base_dir: str | None = None  # default: `.staging` beside the warehouse file
    # Hand downstream steps the Parquet files instead of frames (for DuckDB to read itself).
    as_files: bool = False

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

    def load_input(self, context: dg.InputContext) -> dict[str, pl.DataFrame] | dict[str, Path]:
        folder = self._folder(context.asset_key)
        staged = {path.stem: path for path in sorted(folder.glob("*.parquet"))}
        wanted = context.definition_metadata.get(_TABLES)
        if wanted is not None:
            missing = sorted(set(wanted) - set(staged))
            if missing:
                raise dg.Failure(f"{folder} holds no {', '.join(missing)}: materialize {context.asset_key.to_user_string()} again")
            staged = {name: staged[name] for name in wanted}
        if self.as_files:
            return staged
        return {name: pl.read_parquet(path, columns=(wanted or {}).get(name)) for name, path in staged.items()}


_TABLES = "plenary/tables"
STAGED_FILES = "staged_files"  # the input manager that hands over the Parquet files


def staged_input(tables: dict[str, list[str] | None]) -> dg.AssetIn:
    """An upstream asset's frames as a step reads them: only `tables`, each with only the listed
    columns (None for all). What a step does not read is never loaded, which keeps a large
    backlog's texts out of the steps that do not need them."""
    return dg.AssetIn(metadata={_TABLES: tables})


def _dbt_executable() -> str:
    """The dbt installed beside this Python, so nothing depends on the venv being activated:
    `plenary-dbt`, which runs the command on the run's warm dbt or else as `dbt` itself."""
    for name in (WARM_CLIENT, "dbt"):
        beside = Path(sys.executable).with_name(name)
        if beside.exists():
            return str(beside)
    return "dbt"


def build_resources() -> dict[str, object]:
    # Paths resolve when a run starts, not at import, so one process can serve several warehouses.
    return {
        "warehouse": DuckDBResource(database=dg.EnvVar("PLENARY_WAREHOUSE"), connection_config=config.duckdb_settings()),
        "dbt": PlenaryDbtCliResource(project_dir=plenary_dbt, profiles_dir=str(plenary_dbt.profiles_dir), dbt_executable=_dbt_executable()),
        "io_manager": FramesIOManager(),
        STAGED_FILES: FramesIOManager(as_files=True),
    }
