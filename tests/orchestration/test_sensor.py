"""The landing sensor starts a run when files land and skips when nothing changed."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from tests.orchestration.conftest import write_month


def test_sensor_requests_run_only_for_new_files(env: Path):
    from orchestration.definitions import nieuwe_aanleveringen

    write_month(env / "landing", "202401")
    first = nieuwe_aanleveringen(dg.build_sensor_context())
    assert isinstance(first, dg.RunRequest)

    unchanged = nieuwe_aanleveringen(dg.build_sensor_context(cursor=first.run_key))
    assert isinstance(unchanged, dg.SkipReason)

    write_month(env / "landing", "202402")
    second = nieuwe_aanleveringen(dg.build_sensor_context(cursor=first.run_key))
    assert isinstance(second, dg.RunRequest) and second.run_key != first.run_key
