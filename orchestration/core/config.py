"""Where the warehouse and the inbox live; environment variables override the defaults."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_WAREHOUSE = PROJECT_ROOT / "warehouse" / "plenary.duckdb"
DEFAULT_INBOX = PROJECT_ROOT / "samples" / "inbox"
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"


def warehouse_path() -> Path:
    return Path(os.environ.get("PLENARY_WAREHOUSE", DEFAULT_WAREHOUSE)).resolve()


def inbox_path() -> Path:
    return Path(os.environ.get("PLENARY_INBOX", DEFAULT_INBOX)).resolve()


def reader_copy_path(warehouse: Path | None = None) -> Path:
    """The read-only copy published after each successful run, for people querying during runs."""
    warehouse = warehouse or warehouse_path()
    return warehouse.with_name(warehouse.stem + ".read" + warehouse.suffix)


def duckdb_settings() -> dict[str, str]:
    """Settings for every writing connection. DuckDB's own default memory limit is 80% of the
    machine; capped here (PLENARY_DUCKDB_MEMORY, default 2GB) so a large load spills to disk
    instead of growing the run past its memory budget. The dbt profile reads the same variable."""
    return {"memory_limit": os.environ.get("PLENARY_DUCKDB_MEMORY", "2GB")}


# One run holds its documents' texts and facts in memory until they are loaded (about 13 KB a
# document: a 100,000-file backlog peaked at 2.4 GB for the whole process tree), so a larger
# backlog goes in as several runs of at most this many files, each as cheap as the last.
DEFAULT_MAX_FILES_PER_RUN = 100_000


def max_files_per_run() -> int:
    """How many inbox files one run reads at most (PLENARY_MAX_FILES_PER_RUN); the rest wait."""
    value = os.environ.get("PLENARY_MAX_FILES_PER_RUN", str(DEFAULT_MAX_FILES_PER_RUN))
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"PLENARY_MAX_FILES_PER_RUN must be a whole number of files above 0, not {value!r}")
    return int(value)


def export_absolute_paths() -> None:
    """Pin the warehouse path as an absolute path in the environment.

    dbt reads PLENARY_WAREHOUSE itself and runs in the dbt project folder; an absolute path
    makes Python and dbt open the same file whatever the working directory.
    """
    os.environ["PLENARY_WAREHOUSE"] = str(warehouse_path())
