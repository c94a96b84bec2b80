#!/usr/bin/env bash
# Set up (idempotent) and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export DBT_SEND_ANONYMOUS_USAGE_STATS=false GX_ANALYTICS_ENABLED=false PANDERA_VALIDATION_DEPTH=SCHEMA_AND_DATA
exec .venv/bin/python -m pytest "$@"
