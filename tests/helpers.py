"""Helpers for tests that run the real pipeline (`plenary refresh` in its own process)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLE_INBOX = REPO / "samples" / "inbox"
PLENARY = [sys.executable, "-m", "orchestration.cli"]


def plenary_env(inbox: Path, warehouse: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "PLENARY_INBOX": str(inbox),
        "PLENARY_WAREHOUSE": str(warehouse),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        **extra,
    }


def run_refresh(inbox: Path, warehouse: Path, *files: str, **extra: str) -> subprocess.CompletedProcess:
    """`plenary refresh [FILE...]` as a user runs it; fails the test with its output when it fails."""
    result = subprocess.run(
        [*PLENARY, "refresh", *files], env=plenary_env(inbox, warehouse, **extra), capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, f"plenary refresh failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    return result


def query(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


