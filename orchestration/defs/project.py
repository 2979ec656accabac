"""The dbt project, declared once. The manifest must exist before the definitions load."""


import hashlib
import os
import sys
from pathlib import Path

from dagster_dbt import DbtProject

from orchestration.core.config import DBT_PROJECT_DIR

plenary_dbt = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def dbt_source_files() -> list[Path]:
    sources = [DBT_PROJECT_DIR / "dbt_project.yml", DBT_PROJECT_DIR / "profiles.yml"]
    for folder in ("models", "macros", "tests", "seeds", "snapshots"):
        sources.extend(sorted((DBT_PROJECT_DIR / folder).rglob("*")))
    return [path for path in sources if path.is_file()]


def dbt_sources_fingerprint() -> str:
    """Changes whenever a model, macro or test changes: the marts must then be rebuilt."""
    digest = hashlib.sha1()
    for path in dbt_source_files():
        digest.update(path.relative_to(DBT_PROJECT_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _manifest_is_stale() -> bool:
    manifest = plenary_dbt.manifest_path
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    return any(path.stat().st_mtime > built for path in dbt_source_files())


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
