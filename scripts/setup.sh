#!/usr/bin/env bash
# Set up the project on a fresh machine: a Python 3.11 virtualenv with every dependency and a parsed dbt manifest.
set -euo pipefail
cd "$(dirname "$0")/.."
export DBT_SEND_ANONYMOUS_USAGE_STATS=false
command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet uv
[ -x .venv/bin/python ] || uv venv --quiet --python 3.11 .venv
uv pip install --quiet --python .venv/bin/python -e '.[dev]'
# dagster-dbt reads the manifest when the definitions are imported: build it before anything imports them.
.venv/bin/dbt parse --quiet --project-dir dbt_project --profiles-dir dbt_project
