"""Orchestration tests: an isolated data dir, Dagster home and dbt target path, and a small hand-made landing zone."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from orchestration.cli import DAGSTER_YAML

# Before anything imports orchestration.project: keep this session's manifest and dbt run folders private.
os.environ.setdefault("DBT_TARGET_PATH", tempfile.mkdtemp(prefix="jeugdkpi-orch-dbt-"))
os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

AGB = "99100001"
TRAJECT_HEADER = ("traject_id;bsn;geboortedatum;geslacht;gemeentecode;productcode;hulpvorm;verwijzer;"
                  "gestart_met_crisis;aanmelddatum;datum_aanvang;datum_einde;reden_beeindiging")
# BSNs that pass the elfproef (9a+8b+...+2h-i divisible by 11) and one that fails it.
BSN = {1: "111222333", 2: "123456782", 3: "111111110", 4: "100000010", 5: "100000022"}
BAD_BSN = "123456789"

# traject_id -> (client, gemeentecode, productcode, aanvang, einde, reden)
TRAJECTEN = {
    "T1": (1, "GM0917", "45K21", "20231101", "20240120", "01"),
    "T2": (2, "GM0917", "45K21", "20231201", "", ""),
    "T3": (3, "GM0917", "45K11", "20240110", "", ""),
    "T4": (4, "GM0882", "45K21", "20240201", "", ""),
}
MONTHS = {"202401": ["T1", "T2", "T3"], "202402": ["T2", "T3", "T4"], "202403": ["T2", "T3", "T4"]}


def _traject_row(traject_id: str, client_bsn: str, gemeente: str, product: str, aanvang: str, einde: str,
                 reden: str) -> str:
    return (f"{traject_id};{client_bsn};20100101;V;{gemeente};{product};01;01;02;{aanvang};{aanvang};"
            f"{einde};{reden}")


def write_month(landing: Path, month: str, extra_trajecten: list[str] | None = None) -> None:
    """Trajecten, declaraties (2 hours x 75.00 per trajectory) and wachtlijst of one month for provider AGB."""
    folder = landing / "aanleveringen" / f"{month[:4]}-{month[4:]}"
    folder.mkdir(parents=True, exist_ok=True)
    ids = MONTHS.get(month, ["T2", "T3", "T4"])
    rows = [_traject_row(t, BSN[TRAJECTEN[t][0]], *TRAJECTEN[t][1:]) for t in ids]
    (folder / f"{AGB}_{month}_trajecten.csv").write_text(
        "\n".join([TRAJECT_HEADER, *rows, *(extra_trajecten or [])]) + "\n", encoding="utf-8")
    declaraties = [f"{t};{TRAJECTEN[t][2]};{month};2;04;75,00;150,00" for t in ids]
    (folder / f"{AGB}_{month}_declaraties.csv").write_text(
        "\n".join(["traject_id;productcode;periode;volume;eenheid;tarief;bedrag", *declaraties]) + "\n")
    (folder / f"{AGB}_{month}_wachtlijst.csv").write_text(
        f"bsn;gemeentecode;productcode;aanmelddatum;overbrugging\n{BSN[5]};GM0917;45K21;{month}01;N\n")


def bad_bsn_row() -> str:
    """A trajecten row whose BSN fails the elfproef: rejected by ingest (a warn-level problem)."""
    return _traject_row("T9", BAD_BSN, "GM0917", "45K21", "20240105", "", "")


def unknown_gemeente_row() -> str:
    """A well-formed gemeentecode that resolves to no gemeente: breaks a blocking rule downstream."""
    return _traject_row("T8", BSN[5], "GM9999", "45K21", "20240402", "", "")


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory):
    """JEUGDKPI_DATA_DIR, pseudonymisation key and DAGSTER_HOME (configured as the CLI does) for one test module."""
    root = tmp_path_factory.mktemp("orch")
    home = root / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text(DAGSTER_YAML)
    patch = pytest.MonkeyPatch()
    patch.setenv("JEUGDKPI_DATA_DIR", str(root / "data"))
    patch.delenv("JEUGDKPI_LANDING", raising=False)
    patch.setenv("JEUGDKPI_PSEUDO_KEY", "orchestration-test-key-0123456789")
    patch.setenv("DAGSTER_HOME", str(home))
    yield root / "data"
    patch.undo()


@pytest.fixture(scope="session", autouse=True)
def dbt_manifest() -> Path:
    """The manifest must exist before orchestration.definitions is imported (the CLI does the same)."""
    from orchestration.project import prepare_manifest

    return prepare_manifest(force=False)
