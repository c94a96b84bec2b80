"""Benchmark: a one-month refresh through Dagster (`jeugdkpi refresh`: ingest assets, dbt build as assets + checks,
GX/Pandera checks, publish) versus the same ingest + `dbt build` run directly. Reports the orchestration overhead.

Run: .venv/bin/python bench/bench_orchestration.py [--month 2020-01]
Both paths start from an empty data dir with the same landing (one month of the Zuid-Limburg synthetic deliveries).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--month", default="2020-01", help="the delivery month folder to land (YYYY-MM)")
    args = parser.parse_args()

    from bench.bench_demo import direct_ingest_and_build
    from ingest.settings import Settings
    from synthetic import generate

    os.environ.setdefault("JEUGDKPI_PSEUDO_KEY", "benchmark-key-0123456789abcdef")
    os.environ["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
    work = Path(tempfile.mkdtemp(prefix="jeugdkpi-bench-orch-"))
    generate(work / "generated", scale="zl", start_year=int(args.month[:4]), years=1, seed=42)
    landing = work / "landing"
    shutil.copytree(work / "generated" / "aanleveringen" / args.month, landing / "aanleveringen" / args.month)
    files = sum(1 for _ in (landing / "aanleveringen").rglob("*.*"))

    direct = Settings(data_dir=work / "direct", landing_dir=landing)
    figures = direct_ingest_and_build(direct, work / "direct-target")

    env = dict(os.environ, JEUGDKPI_DATA_DIR=str(work / "dagster"), JEUGDKPI_LANDING=str(landing))
    env.pop("JEUGDKPI_WAREHOUSE_PATH", None)
    t0 = time.perf_counter()
    refresh = subprocess.run([str(ROOT / ".venv" / "bin" / "jeugdkpi"), "refresh"], env=env, cwd=ROOT,
                             capture_output=True, text=True)
    dagster_s = time.perf_counter() - t0

    direct_s = figures["ingest_s"] + figures["dbt_build_s"]
    print(f"files landed (one month)            {files}")
    print(f"direct ingest                        {figures['ingest_s']:.1f} s")
    print(f"direct dbt build                     {figures['dbt_build_s']:.1f} s (ok={figures['dbt_build_ok']})")
    print(f"direct total                         {direct_s:.1f} s")
    print(f"jeugdkpi refresh (Dagster, exit {refresh.returncode})   {dagster_s:.1f} s")
    print(f"orchestration overhead ratio         {dagster_s / direct_s:.2f}x")
    if refresh.returncode != 0:
        print(refresh.stdout[-3000:], refresh.stderr[-3000:])


if __name__ == "__main__":
    main()
