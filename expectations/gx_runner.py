"""Run a Great Expectations suite on a pandas frame in an ephemeral, offline context.

GX is imported lazily (about 3 s) so loading the Dagster code location stays fast.
"""

from __future__ import annotations

import os
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


def run_suite(name: str, frame: pd.DataFrame, expectations: ExpectationFactory) -> SuiteOutcome:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx
    import great_expectations.expectations as gxe
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
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
