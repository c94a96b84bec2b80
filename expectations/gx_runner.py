"""Run a Great Expectations suite on a pandas frame in an ephemeral, offline context.

GX is imported lazily (4.5-7 s of CPU) so loading the Dagster code location stays fast; `preload` starts that
import early, in the background, for a process that is about to run suites.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd


@dataclass(frozen=True)
class SuiteOutcome:
    suite: str
    success: bool
    evaluated: int
    failures: list[dict[str, Any]] = field(default_factory=list)

    def as_metadata(self) -> dict[str, Any]:
        return {"suite": self.suite, "expectations": self.evaluated, "failed": len(self.failures),
                "failures": self.failures}


# An expectation factory receives the `great_expectations.expectations` module and returns expectations, so callers
# can describe suites without importing GX themselves.
ExpectationFactory = Callable[[Any], Sequence[Any]]


def _import_gx() -> tuple[Any, Any, Any]:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx
    import great_expectations.expectations as gxe
    from great_expectations.data_context.types.base import ProgressBarsConfig

    return gx, gxe, ProgressBarsConfig


def _preload_quietly() -> None:
    try:
        _import_gx()
    except Exception:  # noqa: BLE001 - run_suite imports again and reports the same error where it matters
        return


def preload() -> threading.Thread:
    """Import GX in a daemon thread. Call it where the process waits on something else (a subprocess), so the suites
    that follow find GX loaded; a suite started before the import ends waits for it (Python's import lock)."""
    thread = threading.Thread(target=_preload_quietly, name="gx-preload", daemon=True)
    thread.start()
    return thread


def run_suite(name: str, frame: pd.DataFrame, expectations: ExpectationFactory) -> SuiteOutcome:
    gx, gxe, progress_bars_config = _import_gx()
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = progress_bars_config(globally=False)
    batch = (context.data_sources.add_pandas(f"{name}_bron").add_dataframe_asset(name)
             .add_batch_definition_whole_dataframe("geheel"))
    suite = context.suites.add(gx.ExpectationSuite(name=name, expectations=list(expectations(gxe))))
    result = batch.get_batch(batch_parameters={"dataframe": frame}).validate(suite, result_format="BASIC")
    failures = [
        {
            "expectation": r.expectation_config.type,
            "kwargs": {k: v for k, v in r.expectation_config.kwargs.items() if k != "batch_id"},
            "unexpected_count": r.result.get("unexpected_count"),
            "observed_value": r.result.get("observed_value"),
            "voorbeelden": r.result.get("partial_unexpected_list", [])[:5],
        }
        for r in result.results
        if not r.success
    ]
    return SuiteOutcome(suite=name, success=result.success, evaluated=len(result.results), failures=failures)
