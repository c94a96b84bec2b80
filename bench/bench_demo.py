"""Benchmark: ingest + `dbt build` on the Zuid-Limburg demo data. Reports wall time and peak RSS per stage.

Run: .venv/bin/python bench/bench_demo.py [--years 5] [--out bench/out]
Peak RSS of the Python process (ingest) and of the dbt child process are measured separately with getrusage.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def direct_ingest_and_build(settings, target: Path) -> dict:
    """Land everything with ingest/ and run `dbt build` through dagster-dbt, without Dagster runs: timings + RSS."""
    from ingest.land import land_all
    from orchestration.project import dbt_resource

    settings.ensure_dirs()
    t0 = time.perf_counter()
    result = land_all(settings, run_id="bench")
    figures = {"ingest_s": round(time.perf_counter() - t0, 1), "ingest_peak_rss_mb": round(_peak_mb(resource.RUSAGE_SELF)),
               "files": len(result.files)}
    os.environ["JEUGDKPI_WAREHOUSE_PATH"] = str(settings.warehouse_path)
    t0 = time.perf_counter()
    invocation = dbt_resource().cli(["build"], target_path=target, raise_on_error=False).wait()
    figures["dbt_build_s"] = round(time.perf_counter() - t0, 1)
    figures["dbt_build_ok"] = invocation.is_successful()
    figures["dbt_peak_rss_mb"] = round(_peak_mb(resource.RUSAGE_CHILDREN))
    figures["warehouse_mb"] = round(settings.warehouse_path.stat().st_size / 2**20, 1)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args()

    from ingest.settings import Settings
    from synthetic import generate

    os.environ.setdefault("JEUGDKPI_PSEUDO_KEY", "benchmark-key-0123456789abcdef")
    os.environ["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
    work = Path(tempfile.mkdtemp(prefix="jeugdkpi-bench-"))
    settings = Settings(data_dir=work / "data", landing_dir=work / "landing")
    figures: dict[str, float | int | str] = {"years": args.years}

    t0 = time.perf_counter()
    summary = generate(settings.landing_dir, scale="zl", start_year=2020, years=args.years, seed=42)
    figures["generate_s"] = round(time.perf_counter() - t0, 1)
    figures["generated"] = str(summary)

    figures.update(direct_ingest_and_build(settings, work / "target"))

    import duckdb
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as conn:
        for table in ("raw.trajecten", "raw.declaraties", "raw.wachtlijst", "marts.kpi_gemeente_segment",
                      "marts.kpi_aanbieder"):
            figures[f"rows {table}"] = conn.execute(f"select count(*) from {table}").fetchone()[0]

    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bench_demo.json").write_text(json.dumps(figures, indent=2))
    for key, value in figures.items():
        print(f"{key:40s} {value}")


if __name__ == "__main__":
    main()
