"""The dbt project as Dagster sees it, and the one way to build its manifest.

Kept free of asset definitions so the manifest can be prepared before `orchestration.definitions` is imported:
    python -m orchestration.project
"""

from __future__ import annotations

import os
import shutil
import sys
from functools import cached_property
from importlib.metadata import version as installed_version
from pathlib import Path

from dagster_dbt import DbtCliResource, DbtProject
from packaging.version import Version

REPO_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"

# The dbt next to this interpreter, so an un-activated venv (`.venv/bin/jeugdkpi`) still finds it.
_VENV_DBT = Path(sys.executable).parent / "dbt"
DBT_EXECUTABLE = str(_VENV_DBT) if _VENV_DBT.exists() else (shutil.which("dbt") or "dbt")

os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")

dbt_project = DbtProject(
    project_dir=DBT_PROJECT_DIR,
    profiles_dir=DBT_PROJECT_DIR,
    # DBT_TARGET_PATH lets parallel runs (tests, CI) keep their own manifest and run folders.
    target_path=os.environ.get("DBT_TARGET_PATH", "target"),
)
dbt_project.prepare_if_dev()


class JeugdkpiDbtCliResource(DbtCliResource):
    """dagster-dbt's dbt CLI resource without two start-up costs of every invocation that this project does not use
    (together 7.7 s of every refresh, docs/design.md "Fixed costs of a refresh"):
    - the dbt version comes from the installed dbt-core package (the executable is the dbt of this venv) instead of
      a `dbt --version` subprocess (4.2 s);
    - no in-process dbt adapter is opened before dbt starts (load_macros, profile, adapter registration: about 3 s);
      dagster-dbt needs it only for `fetch_row_counts` and `fetch_column_metadata`, which are not called here.
    """

    @cached_property
    def _cli_version(self) -> Version:
        return Version(installed_version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args):  # noqa: ANN001, ANN202 - dagster-dbt's signature
        return None


def dbt_resource() -> DbtCliResource:
    return JeugdkpiDbtCliResource(project_dir=dbt_project, dbt_executable=DBT_EXECUTABLE)


DBT_SOURCE_DIRS = ("models", "macros", "seeds", "tests")
WAREHOUSE_ENV = "JEUGDKPI_WAREHOUSE_PATH"
# The warehouse path the manifest was parsed with: dbt's partial parsing (which dagster-dbt copies into every run's
# target folder) only works when the profile at run time equals the profile at parse time.
_PARSED_WITH = dbt_project.manifest_path.parent / "parsed_with_warehouse.txt"


def manifest_is_current() -> bool:
    """True when the manifest was parsed for the current warehouse path and is newer than dbt_project.yml,
    profiles.yml and every file in the dbt source folders."""
    manifest = dbt_project.manifest_path
    if not manifest.exists() or not _PARSED_WITH.exists():
        return False
    if _PARSED_WITH.read_text() != os.environ.get(WAREHOUSE_ENV, ""):
        return False
    sources = [DBT_PROJECT_DIR / "dbt_project.yml", DBT_PROJECT_DIR / "profiles.yml"]
    for folder in DBT_SOURCE_DIRS:
        sources += [p for p in (DBT_PROJECT_DIR / folder).rglob("*") if p.is_file()]
    built = manifest.stat().st_mtime
    return all(p.stat().st_mtime < built for p in sources if p.exists())


def prepare_manifest(force: bool = True) -> Path:
    """Run `dbt parse` so the manifest matches the current models (unless force=False and it already does)."""
    if not force and manifest_is_current():
        return dbt_project.manifest_path
    dbt_resource().cli(
        ["parse", "--quiet"], target_path=dbt_project.target_path, raise_on_error=True
    ).wait()
    _PARSED_WITH.write_text(os.environ.get(WAREHOUSE_ENV, ""))
    return dbt_project.manifest_path


if __name__ == "__main__":
    print(prepare_manifest())
