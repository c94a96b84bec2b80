"""The project's dbt CLI resource knows the dbt version without a `dbt --version` subprocess."""

from __future__ import annotations

import re
import subprocess

from orchestration.project import DBT_EXECUTABLE, dbt_resource


def test_the_dbt_version_is_the_version_the_executable_reports():
    reported = subprocess.run([DBT_EXECUTABLE, "--version"], capture_output=True, text=True, check=True).stdout
    core = re.search(r"(?:Core|installed):\s*(\d+\.\d+\.\d+)", reported)  # "Core: - installed: 1.11.2"
    assert core, reported
    assert str(dbt_resource()._cli_version) == core.group(1)
