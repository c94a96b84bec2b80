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


def test_the_dagster_asset_leaves_out_the_seed_tests_but_not_the_tests_that_refer_to_seeds():
    import json

    from orchestration.assets.dbt import jeugdkpi_dbt
    from orchestration.project import dbt_project

    nodes = json.loads(dbt_project.manifest_path.read_text())["nodes"].values()
    seed_tests = {n["name"] for n in nodes if n["resource_type"] == "test"
                  and n["original_file_path"] == "seeds/_seeds.yml"}
    checks = {(spec.asset_key.to_user_string(), spec.name) for spec in jeugdkpi_dbt.check_specs}
    assert len(seed_tests) == 68  # CI runs them: tests/dbt/test_dbt_build.py builds everything
    assert not seed_tests & {name for _, name in checks}
    assert not {asset for asset, _ in checks if asset.startswith("ref/")}
    # defined on models, pointing at a seed: still a check of the refresh
    relationship = "relationships_kpi_gemeente_segment_segment__segment__ref_segmenten_"
    assert ("marts/kpi_gemeente_segment", relationship) in checks
    assert ("staging/stg_reference__gemeenten", "unique_stg_reference__gemeenten_gemeentecode") in checks
