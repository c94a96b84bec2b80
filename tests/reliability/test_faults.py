"""Faults around `jeugdkpi refresh` (the venv's console script, as a subprocess) on a tiny landing (one provider,
three months): SIGKILL of the whole process group during ingest, dbt and publish; idempotence; privacy; BI readers
querying the published file in a loop during the whole series.

Two sites share a start: after the first publication the data dir is copied. Site A gets the kills and then one
complete run; site B (the uninterrupted reference) gets two complete runs (idempotence) in parallel with A.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from orchestration.publish import FORBIDDEN_COLUMNS
from tests.conftest import ROOT
from tests.orchestration.conftest import BAD_BSN, bad_bsn_row, write_month
from tests.reliability.conftest import bsns_in_duckdb, bsns_in_files, input_bsns

BIN = Path(sys.executable).parent
KEY = "reliability-test-key-0123456789"
TIMEOUT = 600
READERS = 2
DBT_NODES_BEFORE_KILL = 10
# The refresh as the console script runs it, but pausing right before the published file is swapped into place,
# so the kill lands inside publish deterministically (polling for the .tmp file would race a 0.3 s step).
PAUSED_PUBLISH = """
import os, sys, time
from pathlib import Path
real_replace = os.replace
def paused(src, dst, **kwargs):
    if str(dst).endswith("jeugdzorg.duckdb"):
        Path(os.environ["PAUSE_MARKER"]).touch()
        time.sleep(600)
    return real_replace(src, dst, **kwargs)
os.replace = paused
from orchestration.cli import main
sys.exit(main(["refresh"]))
"""
READER = """
import os, sys, time, duckdb
path, stop, out = sys.argv[1:4]
queries = errors = 0
messages = []
while not os.path.exists(stop):
    try:
        with duckdb.connect(path, read_only=True) as conn:
            conn.execute("select count(*), sum(clienten_in_zorg) from marts.kpi_gemeente_segment").fetchall()
            conn.execute("select max(data_datum) from meta.publicaties").fetchall()
        queries += 1
    except Exception as exc:
        errors += 1
        messages.append(f"{type(exc).__name__}: {exc}"[:300])
    time.sleep(0.05)
open(out, "w").write(__import__("json").dumps({"queries": queries, "errors": errors, "messages": messages[:5]}))
"""


class Site:
    """A data dir with its own landing, Dagster home and dbt target path; runs the CLI as a subprocess."""

    def __init__(self, root: Path, target: Path):
        self.root, self.data, self.target = root, root / "data", target
        self.logs = root / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("JEUGDKPI_", "DAGSTER_", "DBT_"))}
        self.env.update(JEUGDKPI_DATA_DIR=str(self.data), JEUGDKPI_PSEUDO_KEY=KEY, DBT_TARGET_PATH=str(target),
                        DBT_SEND_ANONYMOUS_USAGE_STATS="false", GX_ANALYTICS_ENABLED="false")
        self.runs = 0

    @property
    def published(self) -> Path:
        return self.data / "published" / "jeugdzorg.duckdb"

    @property
    def warehouse(self) -> Path:
        return self.data / "warehouse" / "warehouse.duckdb"

    def _start(self, argv: list[str], env: dict | None = None) -> subprocess.Popen:
        self.runs += 1
        log = (self.logs / f"run{self.runs}.log").open("wb")
        return subprocess.Popen(argv, env=env or self.env, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True, cwd=self.root)

    def refresh(self) -> int:
        process = self._start([str(BIN / "jeugdkpi"), "refresh"])
        return process.wait(TIMEOUT)

    def killed_refresh(self, ready: Callable[[], bool], argv: list[str] | None = None,
                       env: dict | None = None) -> None:
        """Start a refresh and SIGKILL its whole process group (dbt included) as soon as `ready()` holds."""
        process = self._start(argv or [str(BIN / "jeugdkpi"), "refresh"], env)
        deadline = time.monotonic() + TIMEOUT
        try:
            while not ready():
                assert process.poll() is None, f"refresh ended (exit {process.returncode}) before the kill point"
                assert time.monotonic() < deadline, "kill point not reached"
                time.sleep(0.01)
        finally:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(TIMEOUT)

    def dbt_run_folders(self) -> set[Path]:
        return set(self.target.glob("jeugdkpi_dbt-*"))


def mart_contents(path: Path) -> dict[str, str]:
    """sha256 of every marts/open table's rows in a canonical order (content, not file bytes)."""
    with duckdb.connect(str(path), read_only=True) as conn:
        tables = [r[0] for r in conn.execute("""select table_schema || '.' || table_name from information_schema.tables
            where table_schema in ('marts', 'open') order by 1""").fetchall()]
        return {t: hashlib.sha256(repr(conn.execute(f"select * from {t} order by all").fetchall()).encode())
                .hexdigest() for t in tables}


def rows(path: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as conn:
        return conn.execute(sql).fetchall()


LINEAGE = """select bestandsnaam, sha256, status, rijen_gelezen, rijen_geaccepteerd, rijen_afgewezen, reden_code,
    (select count(*) from raw.trajecten t where t.levering_id = l.levering_id)
    + (select count(*) from raw.declaraties d where d.levering_id = l.levering_id)
    + (select count(*) from raw.wachtlijst w where w.levering_id = l.levering_id)
    from raw.leveringen l order by bestandsnaam, levering_id"""


PUBLICATION_INPUT = """select aantal_invoerbestanden, invoer_sha256, invoer_wijzigingen from meta.publicaties
    order by gepubliceerd_op"""


def run_b(site: Site, results: dict) -> None:
    try:
        results["rc"] = [site.refresh()]
        results["marts1"] = mart_contents(site.published)
        results["lineage1"] = rows(site.warehouse, LINEAGE)
        results["publicaties1"] = rows(site.published, PUBLICATION_INPUT)
        results["rc"].append(site.refresh())
        results["marts2"] = mart_contents(site.published)
        results["lineage2"] = rows(site.warehouse, LINEAGE)
        results["publicaties2"] = rows(site.published, PUBLICATION_INPUT)
    except BaseException as exc:  # reported by the test that reads `results`
        results["error"] = repr(exc)


@pytest.fixture(scope="module")
def series(tmp_path_factory: pytest.TempPathFactory) -> dict:
    from orchestration.project import dbt_project, prepare_manifest

    prepare_manifest(force=False)
    root = tmp_path_factory.mktemp("faults")
    template = root / "target"
    shutil.copytree(dbt_project.target_path, template, ignore=shutil.ignore_patterns("jeugdkpi_dbt-*"))
    a = Site(root / "a", root / "a" / "target")
    shutil.copytree(template, a.target)
    write_month(a.data / "landing", "202401", extra_trajecten=[bad_bsn_row()])
    write_month(a.data / "landing", "202402")
    # A file without bsn column is quarantined; its copy in quarantine/ is the provider's own file.
    (a.data / "landing" / "aanleveringen" / "99100001_202402_wachtlijst_oud.csv").write_text("bsn;x\n111222333;1\n")
    out: dict = {"first_rc": a.refresh()}
    assert out["first_rc"] == 0, (a.logs / "run1.log").read_text()[-3000:]
    out["p1"] = a.published.read_bytes()
    out["p1_marts"] = mart_contents(a.published)

    b = Site(root / "b", root / "b" / "target")
    shutil.copytree(template, b.target)
    shutil.copytree(a.data, b.data)
    for site in (a, b):
        write_month(site.data / "landing", "202403")

    stop = root / "stop-readers"
    readers = [subprocess.Popen([sys.executable, "-c", READER, str(site.published), str(stop),
                                 str(root / f"reader{i}.json")]) for i, site in enumerate([a, a, b][:READERS + 1])]
    results_b: dict = {}
    thread_b = threading.Thread(target=run_b, args=(b, results_b))
    thread_b.start()
    try:
        kills, wal = {}, a.warehouse.with_name("warehouse.duckdb.wal")
        archived = set(a.data.joinpath("archive").rglob("*"))
        a.killed_refresh(lambda: any("202403" in p.name for p in set(a.data.joinpath("archive").rglob("*")) - archived))
        kills["ingest"] = (a.published.read_bytes() == out["p1"], wal.exists())
        folders = a.dbt_run_folders()
        # Killed once dbt has built a few nodes (its writes are committed to the warehouse WAL by then).
        a.killed_refresh(lambda: any(sum(1 for p in (f / "run").rglob("*.sql")) >= DBT_NODES_BEFORE_KILL
                                     for f in a.dbt_run_folders() - folders))
        kills["dbt"] = (a.published.read_bytes() == out["p1"], wal.exists())
        marker = root / "publish-paused"
        a.killed_refresh(marker.exists, [sys.executable, "-c", PAUSED_PUBLISH], {**a.env, "PAUSE_MARKER": str(marker)})
        kills["publish"] = (a.published.read_bytes() == out["p1"],
                            a.published.with_name("jeugdzorg.duckdb.tmp").exists())
        out["kills"] = kills
        out["final_rc"] = a.refresh()
        out["final_marts"] = mart_contents(a.published)
        out["final_lineage"] = rows(a.warehouse, LINEAGE)
    finally:
        thread_b.join(TIMEOUT)
        stop.touch()
        for reader in readers:
            reader.wait(60)
    out["readers"] = [json.loads((root / f"reader{i}.json").read_text()) for i in range(len(readers))]
    out["b"], out["a"], out["site_b"] = results_b, a, b
    return out


def test_kill_during_ingest_dbt_and_publish_keeps_previous_publication(series):
    assert series["kills"]["ingest"][0] and series["kills"]["dbt"][0]
    # A killed writer left a DuckDB WAL behind (the next run must replay it; see the next test).
    assert series["kills"]["ingest"][1] or series["kills"]["dbt"][1]
    # The kill hit publish with a complete temporary file written, and the published bytes are still P1.
    assert series["kills"]["publish"] == (True, True)


def test_next_run_completes_with_the_uninterrupted_result(series):
    a = series["a"]
    assert series["final_rc"] == 0, (a.logs / f"run{a.runs}.log").read_text()[-3000:]
    assert "error" not in series["b"], series["b"].get("error")
    assert series["b"]["rc"] == [0, 0]
    assert series["final_marts"] == series["b"]["marts1"]
    assert series["final_marts"] != series["p1_marts"]  # month 3 made it in
    # The same files landed once each with the same outcome and rows, in spite of the kills (nothing lost).
    assert series["final_lineage"] == series["b"]["lineage1"]
    assert not a.published.with_name("jeugdzorg.duckdb.tmp").exists()
    assert not (a.published.parent / "parquet.tmp").exists()
    # Only the two runs that published are listed, not the run killed inside publish after recording itself.
    assert rows(a.published, "select count(*), max(data_datum)::varchar from meta.publicaties") == [(2, "2024-03-31")]


def test_refresh_twice_is_idempotent(series):
    b = series["b"]
    assert b["marts2"] == b["marts1"]
    assert b["lineage2"] == b["lineage1"]
    assert len(b["lineage1"]) == len({(r[0], r[1]) for r in b["lineage1"]})  # no file landed twice
    # One more publication row with the same input files and no input changes; nothing else grows.
    count, digest, changes = b["publicaties1"][-1]
    assert count > 0 and changes != "[]"
    assert b["publicaties2"] == [*b["publicaties1"], (count, digest, "[]")]


def test_bi_readers_never_fail_during_the_refreshes(series):
    for reader in series["readers"]:
        assert reader["errors"] == 0, reader["messages"]
        assert reader["queries"] > 10


def _parquet_hits(folder: Path, bsns: set[str]) -> list[str]:
    with duckdb.connect() as conn:
        hits = []
        for path in sorted(folder.glob("*.parquet")):
            columns = [r[0] for r in conn.execute(f"describe select * from '{path}'").fetchall()]
            for column in columns:
                if conn.execute(f"""select count(*) from '{path}' where list_has_any(
                        regexp_extract_all(cast("{column}" as varchar), '\\d{{9}}'), ?)""",
                                [sorted(bsns)]).fetchall()[0][0]:
                    hits.append(f"{path.name}.{column}")
        return hits


def test_no_bsn_in_any_table_log_report_or_parquet(series):
    for site in (series["a"], series["site_b"]):
        bsns = input_bsns(site.data / "landing")
        assert BAD_BSN in bsns and len(bsns) >= 5
        for database in (site.warehouse, site.published):
            assert bsns_in_duckdb(database, bsns) == []
        assert _parquet_hits(site.published.parent / "parquet", bsns) == []
        # Logs, Dagster storage, dbt artefacts, quality reports, DuckDB files: everything except the copies of the
        # provider files themselves (landing, archive, quarantined copies).
        hits = bsns_in_files(site.root, bsns, skip=[site.data / "landing", site.data / "archive"])
        assert [h for h in hits if not (h.startswith("data/quarantine/") and not h.endswith(".reden.json"))] == []


def test_published_file_has_no_client_level_table(series):
    columns = rows(series["a"].published, "select table_schema, table_name, lower(column_name) "
                                          "from information_schema.columns")
    assert columns and not [c for c in columns if c[2] in FORBIDDEN_COLUMNS or "bsn" in c[2]]
    assert {c[0] for c in columns} == {"marts", "open", "ref", "meta"}


OPEN_COPY = re.compile(
    r"open_copy\((?P<model>'?\w+'?),\s*counts=(?P<counts>\[.*?\]),\s*ratios=(?P<ratios>\{.*?\})\s*\)", re.S)


def _declared(match: re.Match) -> tuple[list[str], dict[str, list]]:
    literal = lambda s: ast.literal_eval(s.replace("false", "False").replace("true", "True"))  # noqa: E731
    return literal(match["counts"]), literal(match["ratios"])


def _disclosure_rules() -> dict[str, tuple[list[str], dict[str, list]]]:
    """open table -> (count columns, {ratio: [denominator, is_percentage]}) as declared in the open models, directly
    (`open_copy(...)`) or through a one-argument wrapper macro in macros/open/ (`open_kpi_copy('model')`)."""
    wrappers = {}
    for sql in (ROOT / "dbt_project" / "macros" / "open").glob("*.sql"):
        for name, body in re.findall(r"macro (\w+)\(model\)\s*%}(.*?)endmacro", sql.read_text(encoding="utf-8"), re.S):
            if call := OPEN_COPY.search(body):
                wrappers[name] = _declared(call)
    rules = {}
    for sql in sorted((ROOT / "dbt_project" / "models" / "open").glob("open_*.sql")):
        text = sql.read_text(encoding="utf-8")
        alias = re.search(r"alias='(\w+)'", text)[1]
        if call := OPEN_COPY.search(text):
            rules[alias] = _declared(call)
        else:
            rules[alias] = next(rule for name, rule in wrappers.items() if re.search(rf"{name}\('\w+'\)", text))
    return rules


def test_open_schema_passes_disclosure_rules_on_every_row(series):
    published = series["a"].published
    rules = _disclosure_rules()
    assert len(rules) >= 7 and len(rules["kpi_gemeente_segment"][0]) >= 8 and rules["kpi_aanbieder"][1]
    suppressed = 0
    for table, (counts, ratios) in rules.items():
        conditions = [f"""not ((m.{c} between 1 and 4 and o.{c} is null) or (m.{c} is null and o.{c} is null)
                               or (o.{c} % 5 = 0 and abs(o.{c} - m.{c}) <= 2 and not (m.{c} between 1 and 4)))"""
                      for c in counts]
        for ratio, (denominator, percentage) in ratios.items():
            small = f"m.{denominator} between 1 and 4"
            if percentage:
                small += f" or round(m.{ratio} * m.{denominator} / 100.0) between 1 and 4"
            conditions.append(f"not (case when {small} then o.{ratio} is null "
                              f"else o.{ratio} is not distinct from m.{ratio} end)")
        small_counts = " or ".join(f"m.{c} between 1 and 4" for c in counts) or "false"
        conditions.append(f"({small_counts}) and not o.onderdrukt")
        [(total, missing, violations, flagged)] = rows(published, f"""
            select count(*), count(*) filter (where o.rij_sleutel is null),
                   count(*) filter (where {' or '.join(f'coalesce({c}, true)' for c in conditions)}),
                   count(*) filter (where o.onderdrukt)
            from marts.{table} m left join open.{table} o using (rij_sleutel)""")
        assert (missing, violations) == (0, 0), table
        assert rows(published, f"select count(*) from open.{table}") == [(total,)]
        suppressed += flagged
    assert suppressed > 0  # the tiny landing has counts of 1-4, so the rules were exercised


def test_refresh_refuses_to_start_without_a_key(tmp_path: Path):
    site = Site(tmp_path, tmp_path / "target")
    write_month(site.data / "landing", "202401")
    for key in (None, "short"):
        env = {k: v for k, v in site.env.items() if k != "JEUGDKPI_PSEUDO_KEY"}
        if key:
            env["JEUGDKPI_PSEUDO_KEY"] = key
        result = subprocess.run([str(BIN / "jeugdkpi"), "refresh"], env=env, capture_output=True, text=True,
                                timeout=TIMEOUT, cwd=tmp_path)
        assert result.returncode == 1
        assert "JEUGDKPI_PSEUDO_KEY is not set (or shorter than 16 characters)" in result.stderr
        assert not (site.data / "warehouse").exists() and not (site.data / "archive").exists()
