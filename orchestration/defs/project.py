"""The dbt project, declared once. The manifest must exist before the definitions load."""


import os
import sys
from pathlib import Path

from dagster_dbt import DbtProject

from orchestration.core.config import DBT_PROJECT_DIR

plenary_dbt = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def _manifest_is_stale() -> bool:
    manifest = plenary_dbt.manifest_path
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    sources = [DBT_PROJECT_DIR / "dbt_project.yml", DBT_PROJECT_DIR / "profiles.yml"]
    for folder in ("models", "macros", "tests", "seeds", "snapshots"):
        sources.extend((DBT_PROJECT_DIR / folder).rglob("*"))
    return any(path.is_file() and path.stat().st_mtime > built for path in sources)


# dagster-dbt's preparer runs plain `dbt`: find the one installed beside this Python even when
# the virtual environment is not activated (`.venv/bin/plenary refresh`).
_here = str(Path(sys.executable).parent)
if _here not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = os.pathsep.join([_here, os.environ.get("PATH", "")])

# Parse only when the manifest is missing or older than the dbt sources, so a fresh clone works
# with no extra step. Not `prepare_if_dev()`: under `dagster dev` every run process inherits its
# flag and would re-parse (about 20 s) on each sensor-triggered run.
if _manifest_is_stale():
    plenary_dbt.preparer.prepare(plenary_dbt)
