#!/usr/bin/env bash
# Set up the project on a fresh machine: a Python 3.11 virtualenv with every dependency and a parsed dbt manifest.
set -euo pipefail
cd "$(dirname "$0")/.."
export DBT_SEND_ANONYMOUS_USAGE_STATS=false
command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet uv
[ -x .venv/bin/python ] || uv venv --quiet --python 3.11 .venv
uv pip install --quiet --python .venv/bin/python -e '.[dev]'
# Bytecode once, here: with PYTHONDONTWRITEBYTECODE set (as on CI machines) every Dagster, dbt and pytest process
# would otherwise recompile all of site-packages on start (about 10 s each). Up-to-date files are skipped.
.venv/bin/python -m compileall -q -j 0 .venv/lib/python3.11/site-packages >/dev/null
# dagster-dbt reads the manifest when the definitions are imported: build it before anything imports them.
.venv/bin/dbt parse --quiet --project-dir dbt_project --profiles-dir dbt_project
