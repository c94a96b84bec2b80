"""Benchmark at national scale: full rebuild, one-month incremental refresh and a hand-written DuckDB floor.

Run: .venv/bin/python bench/bench_national.py --work /tmp/jeugdkpi-national [--fraction 1.0] [--years 7]
     [--until YYYY-MM] (use the generated deliveries up to that month only) [--incremental-months 2]

1. Generates the synthetic national deliveries once (`--scale nl`: 342 gemeenten, `--years` of monthly deliveries
   ending in December of start_year + years - 1) into <work>/generated (cached; regenerated when the parameters change).
2. (a) full rebuild: `jeugdkpi refresh` on an empty data dir with every month except the last
   `--incremental-months` (default 2) landed;
   (b) incremental: each of those months lands in turn, `jeugdkpi refresh` after each (by default November, a
   regular month, then December, which completes the quarter, half year and year);
   (c) floor: one hand-written DuckDB SQL over the raw tables of the resulting warehouse computing the core KPIs of
   marts.kpi_gemeente_segment (clienten_in_zorg/begin/eind, trajecten gestart/beeindigd, kosten, wachtenden) per
   period (maand, kwartaal, halfjaar, jaar) x gemeente or region x segment plus TOTAAL, checked row by row against
   the mart.
Each step runs as a child process; wall time, the peak RSS of its largest process (getrusage via /usr/bin/time) and
the peak summed RSS of its whole process tree (sampled from /proc every 0.2 s) are reported with the ratios to the
floor and the targets of issue 5. `--fraction` < 1 generates a deterministic sample of the gemeenten (reduced scale).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JEUGDKPI = ROOT / ".venv" / "bin" / "jeugdkpi"
TARGETS = {"full": 600.0, "incremental": 60.0, "rss_mb": 4096.0, "full_vs_floor": 2.0}

FLOOR_SQL = """
create temp table floor_result as
with accepted as (
    select levering_id from wh.raw.leveringen where status = 'accepted'
), peil as (
    select min(leveringsmaand) as eerste, last_day(max(leveringsmaand)) as peildatum from wh.raw.leveringen
    where status = 'accepted' and soort = 'trajecten'
), perioden as (  -- every complete calendar period since the first delivery month
    select distinct t.type as periode_type, t.start as periode_start,
           cast(t.start + t.lengte - interval 1 day as date) as periode_eind
    from peil, unnest(generate_series(peil.eerste, peil.peildatum, interval 1 month)) as m(maand),
    lateral (values ('maand', cast(m.maand as date), interval 1 month),
                    ('kwartaal', cast(date_trunc('quarter', m.maand) as date), interval 3 month),
                    ('halfjaar', make_date(year(m.maand), case when month(m.maand) <= 6 then 1 else 7 end, 1),
                     interval 6 month),
                    ('jaar', make_date(year(m.maand), 1, 1), interval 12 month)) as t(type, start, lengte)
    where t.start >= peil.eerste and t.start + t.lengte - interval 1 day <= peil.peildatum
), huidig as (  -- gemeentecode -> current code (merged gemeenten to their successor)
    select g.gemeentecode, coalesce(o.opvolger_code, g.opvolger_code, g.gemeentecode) as gemeentecode_nu
    from wh.ref.gemeenten g left join wh.ref.gemeenten o on o.gemeentecode = g.opvolger_code
), gebied as (  -- every gemeente itself and every region with its gemeenten
    select gemeentecode as gebiedcode, gemeentecode from wh.ref.gemeenten where opvolger_code is null
    union all select regiocode, gemeentecode from wh.ref.regio_gemeenten
), latest as (  -- one row per agb + traject_id: the attributes of the latest delivery month
    select * from wh.raw.trajecten where levering_id in (select levering_id from accepted)
    qualify row_number() over (partition by agb, traject_id order by leveringsmaand desc, levering_id desc) = 1
), trajecten as (
    select l.agb, l.traject_id, l.client_id, coalesce(h.gemeentecode_nu, l.gemeentecode) as gemeentecode,
           p.segment, l.datum_aanvang, coalesce(l.datum_einde, date '9999-12-31') as datum_einde
    from latest l
    left join huidig h on h.gemeentecode = l.gemeentecode
    left join wh.ref.productcodes p on p.productcode = l.productcode
), zorg as (
    select p.periode_type, p.periode_start, g.gebiedcode, s.segment,
           count(distinct t.client_id) as clienten_in_zorg,
           count(distinct t.client_id) filter (where t.datum_aanvang <= p.periode_start) as clienten_begin,
           count(distinct t.client_id) filter (where t.datum_einde >= p.periode_eind) as clienten_eind,
           count(*) filter (where t.datum_aanvang >= p.periode_start) as trajecten_gestart,
           count(*) filter (where t.datum_einde <= p.periode_eind) as trajecten_beeindigd
    from trajecten t
    join gebied g using (gemeentecode)
    cross join unnest(list_distinct([t.segment, 'TOTAAL'])) as s(segment)
    join perioden p on t.datum_aanvang <= p.periode_eind and t.datum_einde >= p.periode_start
    group by all
), kosten as (
    select p.periode_type, p.periode_start, g.gebiedcode, s.segment, sum(d.bedrag) as kosten_eur
    from wh.raw.declaraties d
    join trajecten t using (agb, traject_id)
    left join wh.ref.productcodes pc on pc.productcode = d.productcode
    join gebied g on g.gemeentecode = t.gemeentecode
    cross join unnest(list_distinct([pc.segment, 'TOTAAL'])) as s(segment)
    join perioden p on d.periode between p.periode_start and p.periode_eind
    where d.levering_id in (select levering_id from accepted)
    group by all
), wacht as (
    select p.periode_type, p.periode_start, g.gebiedcode, s.segment, count(distinct w.client_id) as wachtenden
    from wh.raw.wachtlijst w
    left join huidig h on h.gemeentecode = w.gemeentecode
    left join wh.ref.productcodes pc on pc.productcode = w.productcode
    join gebied g on g.gemeentecode = coalesce(h.gemeentecode_nu, w.gemeentecode)
    cross join unnest(list_distinct([pc.segment, 'TOTAAL'])) as s(segment)
    join perioden p on p.periode_eind = last_day(w.leveringsmaand)
    where w.levering_id in (select levering_id from accepted)
    group by all
)
select periode_type, periode_start, gebiedcode, segment,
       coalesce(clienten_in_zorg, 0) as clienten_in_zorg, coalesce(clienten_begin, 0) as clienten_begin,
       coalesce(clienten_eind, 0) as clienten_eind, coalesce(trajecten_gestart, 0) as trajecten_gestart,
       coalesce(trajecten_beeindigd, 0) as trajecten_beeindigd, coalesce(kosten_eur, 0) as kosten_eur,
       coalesce(wachtenden, 0) as wachtenden
from zorg full join kosten using (periode_type, periode_start, gebiedcode, segment)
full join wacht using (periode_type, periode_start, gebiedcode, segment)
"""

# The floor must equal the dbt mart: floor rows without an identical marts.kpi_gemeente_segment row, plus mart rows
# the floor does not have.
FLOOR_COLUMNS = ("clienten_in_zorg", "clienten_begin", "clienten_eind", "trajecten_gestart", "trajecten_beeindigd",
                 "kosten_eur", "wachtenden")
FLOOR_CHECK_SQL = f"""
select count(*) from floor_result f
full join wh.marts.kpi_gemeente_segment k on k.periode_type = f.periode_type and k.periode_start = f.periode_start
    and k.gemeentecode = f.gebiedcode and k.segment = f.segment
where ({", ".join("k." + c for c in FLOOR_COLUMNS)}) is distinct from ({", ".join("f." + c for c in FLOOR_COLUMNS)})
"""


@dataclass
class Measured:
    name: str
    seconds: float
    max_process_mb: float
    tree_mb: float
    exit_code: int
    output: str


def _tree_rss_kb(root: int) -> int:
    """Summed VmRSS of root and all its descendants, read from /proc."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents[int(stat.parent.name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    tree, frontier = {root}, [root]
    while frontier:
        children = [pid for pid, ppid in parents.items() if ppid in frontier and pid not in tree]
        tree.update(children)
        frontier = children
    total = 0
    for pid in tree:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
        total += int(match.group(1)) if match else 0
    return total


def measure(name: str, command: list[str], env: dict[str, str]) -> Measured:
    """Run command under /usr/bin/time -v while sampling the RSS of its process tree."""
    started = time.perf_counter()
    proc = subprocess.Popen(["/usr/bin/time", "-v", *command], env=env, cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss_kb(proc.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = proc.communicate()[0]
    seconds = time.perf_counter() - started
    sampler.join()
    max_kb = re.search(r"Maximum resident set size \(kbytes\): (\d+)", output)
    measured = Measured(name, seconds, int(max_kb.group(1)) / 1024 if max_kb else float("nan"), peak[0] / 1024,
                        proc.returncode, output)
    print(f"{name}: exit {proc.returncode}, {seconds:.1f} s, max process {measured.max_process_mb:.0f} MB, "
          f"tree {measured.tree_mb:.0f} MB", flush=True)
    return measured


def generate_once(work: Path, fraction: float, years: int, start_year: int, seed: int) -> Path:
    """The generated landing zone, reused when it was made with the same parameters."""
    generated = work / "generated"
    marker = generated / ".parameters.json"
    params = {"fraction": fraction, "years": years, "start_year": start_year, "seed": seed}
    if marker.exists() and json.loads(marker.read_text()) == params:
        print(f"reusing generated deliveries in {generated}")
        return generated
    shutil.rmtree(generated, ignore_errors=True)
    from synthetic import generate
    from synthetic.cbs import write_demo_cbs

    summary = generate(generated, scale="nl", start_year=start_year, years=years, seed=seed, fraction=fraction)
    write_demo_cbs(generated)
    print(f"generated: {summary}")
    marker.write_text(json.dumps(params))
    return generated


def link_landing(generated: Path, landing: Path, until: str) -> int:
    """Hard-link the generated files of the delivery months up to `until` (YYYY-MM, by the month in the file name, so
    corrections in herlevering/ land with the month they correct) into landing, mtimes kept; returns the new links."""
    count = 0
    stamp = until.replace("-", "")
    for path in generated.rglob("*"):
        if not path.is_file() or path.name.startswith("."):
            continue
        relative = path.relative_to(generated)
        month = re.search(r"_(\d{6})_", path.name)
        target = landing / relative
        if relative.parts[0] == "aanleveringen" and month and month.group(1) > stamp or target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(path, target)
        count += 1
    return count


def previous_months(last_month: str, count: int) -> list[str]:
    """The `count` months up to and including last_month (YYYY-MM), oldest first."""
    year, month = map(int, last_month.split("-"))
    index = year * 12 + month - 1
    return [f"{i // 12}-{i % 12 + 1:02d}" for i in range(index - count + 1, index + 1)]


def run_floor(warehouse: Path) -> None:
    """Child-process entry point: the hand-written floor query, printing its row count."""
    import duckdb

    # spills next to the warehouse, not in the working directory (an in-memory database spills to ./.tmp)
    conn = duckdb.connect(config={"temp_directory": str(warehouse.with_suffix(".floor.tmp"))})
    conn.execute(f"attach '{warehouse}' as wh (read_only)")
    started = time.perf_counter()
    conn.execute(FLOOR_SQL)
    print(f"floor query seconds {time.perf_counter() - started:.1f}")
    print("floor rows", conn.execute("select count(*) from floor_result").fetchone()[0])
    print("floor rows differing from marts", conn.execute(FLOOR_CHECK_SQL).fetchone()[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", type=Path, default=Path("/tmp/jeugdkpi-national"))
    parser.add_argument("--fraction", type=float, default=1.0, help="share of the gemeenten (1.0 = national)")
    parser.add_argument("--years", type=int, default=7)
    parser.add_argument("--start-year", type=int, default=2019)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--until", help="last delivery month YYYY-MM to use (default: December of the last year); "
                                        "the generated months after it are left out")
    parser.add_argument("--incremental-months", type=int, default=2,
                        help="the last N months land one by one after the full rebuild (default 2: a regular month, "
                             "then December, which completes the year)")
    parser.add_argument("--floor", type=Path, help=argparse.SUPPRESS)  # internal: run the floor on this warehouse
    args = parser.parse_args()
    if args.floor:
        run_floor(args.floor)
        return

    sys.path.insert(0, str(ROOT))
    args.work.mkdir(parents=True, exist_ok=True)
    generated = generate_once(args.work, args.fraction, args.years, args.start_year, args.seed)
    last_month = args.until or f"{args.start_year + args.years - 1}-12"
    data, landing = args.work / "data", args.work / "landing"
    for folder in (data, landing, args.work / "target"):
        shutil.rmtree(folder, ignore_errors=True)
    env = dict(os.environ, JEUGDKPI_DATA_DIR=str(data), JEUGDKPI_LANDING=str(landing),
               JEUGDKPI_PSEUDO_KEY=os.environ.get("JEUGDKPI_PSEUDO_KEY", "benchmark-key-0123456789abcdef"),
               DAGSTER_HOME=str(args.work / "dagster_home"), DBT_TARGET_PATH=str(args.work / "target"),
               DBT_SEND_ANONYMOUS_USAGE_STATS="false", GX_ANALYTICS_ENABLED="false")
    env.pop("JEUGDKPI_WAREHOUSE_PATH", None)
    (args.work / "dagster_home").mkdir(exist_ok=True)
    from ingest.settings import Settings
    from orchestration.cli import DAGSTER_YAML

    (args.work / "dagster_home" / "dagster.yaml").write_text(DAGSTER_YAML)  # the instance the CLI configures

    # the refresh's own warehouse path (resolved, as the refresh resolves it)
    warehouse = Settings(data_dir=data.resolve(), landing_dir=landing.resolve()).warehouse_path
    # the dbt manifest once, outside the measurements, parsed with the warehouse path the refresh uses (a manifest
    # parsed for another path is parsed again by the first refresh: orchestration.project.manifest_is_current)
    subprocess.run([sys.executable, "-m", "orchestration.project"], cwd=ROOT, check=True, capture_output=True,
                   env=dict(env, JEUGDKPI_WAREHOUSE_PATH=str(warehouse)))
    months = previous_months(last_month, args.incremental_months + 1)
    files = [link_landing(generated, landing, months[0])]
    runs = [measure(f"full rebuild (to {months[0]})", [str(JEUGDKPI), "refresh"], env)]
    dbt_seconds = [latest_dbt_build_seconds(args.work / "target")]
    for month in months[1:]:
        files.append(link_landing(generated, landing, month))
        runs.append(measure(f"incremental ({month})", [str(JEUGDKPI), "refresh"], env))
        dbt_seconds.append(latest_dbt_build_seconds(args.work / "target"))
    floor = measure("floor (one DuckDB SQL)", [sys.executable, __file__, "--floor", str(warehouse)], env)
    report(args, runs, floor, files, dbt_seconds)


def latest_dbt_build_seconds(target: Path) -> float:
    """Wall time of the newest dbt invocation (dagster-dbt writes one run folder per invocation)."""
    newest = max(target.rglob("run_results.json"), key=lambda p: p.stat().st_mtime)
    return json.loads(newest.read_text())["elapsed_time"]


def report(args, runs: list[Measured], floor: Measured, files: list[int], dbt_seconds: list[float]) -> None:
    """The table of figures against the targets: runs[0] is the full rebuild, the others one new month each."""
    full, incrementals = runs[0], runs[1:]
    timed = re.search(r"floor query seconds ([\d.]+)", floor.output)
    floor_query = float(timed.group(1)) if timed else None  # none when the floor failed (its output follows)
    scale = "NATIONAL" if args.fraction >= 1 else f"REDUCED SCALE: fraction {args.fraction} of the gemeenten"
    print(f"\n{scale}, {args.years} years from {args.start_year} (used up to {args.until or 'the end'}); "
          f"files: {' + '.join(map(str, files))} new")
    print(f"{'step':<32}{'exit':>5}{'wall s':>9}{'dbt s':>8}{'max proc MB':>13}{'tree MB':>9}{'x floor':>9}")
    for run, dbt in zip([*runs, floor], [*dbt_seconds, None]):
        dbt_text = "" if dbt is None else f"{dbt:.1f}"
        ratio = "" if floor_query is None else f"{run.seconds / floor_query:.1f}"
        print(f"{run.name:<32}{run.exit_code:>5}{run.seconds:>9.1f}{dbt_text:>8}{run.max_process_mb:>13.0f}"
              f"{run.tree_mb:>9.0f}{ratio:>9}")
    if floor_query is not None:
        print(f"dbt s: the dbt build inside the refresh; the full rebuild's is {dbt_seconds[0] / floor_query:.2f}x "
              f"the floor query of {floor_query:.1f} s")
    peak = max(r.tree_mb for r in runs)  # the pipeline's; the floor is a reference, not a target
    checks = [(f"incremental month {run.name} <= 60 s", run.seconds <= TARGETS["incremental"])
              for run in incrementals]
    checks += [
        ("full rebuild <= 10 min", full.seconds <= TARGETS["full"]),
        ("peak RSS of the refreshes (process tree) <= 4 GB", peak <= TARGETS["rss_mb"]),
        ("full rebuild <= 2x floor (landing to publication against the floor query)",
         None if floor_query is None else full.seconds <= TARGETS["full_vs_floor"] * floor_query),
        ("dbt build of the full rebuild <= 2x floor (the same computation, raw tables to marts)",
         None if floor_query is None else dbt_seconds[0] <= TARGETS["full_vs_floor"] * floor_query),
    ]
    print("targets" + ("" if args.fraction >= 1 else " (reduced scale: not a national result)") + ":")
    for label, ok in checks:
        print(f"  {'n/a ' if ok is None else 'met ' if ok else 'MISS'} {label}")
    for run in [*runs, floor]:
        if run.exit_code != 0:
            print(f"\n--- {run.name} output (tail) ---\n{run.output[-3000:]}")
    for line in floor.output.splitlines():
        if line.startswith("floor"):
            print(line)


if __name__ == "__main__":
    main()
