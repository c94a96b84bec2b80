"""Fixtures for the ingest tests: a scratch data dir with a landing zone and small hand-written deliveries."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ingest.settings import Settings

KEY = "test-sleutel-0123456789"
AGB = "12345678"

TRAJECT = {
    "traject_id": "T1", "bsn": "111222333", "geboortedatum": "20100315", "geslacht": "V", "gemeentecode": "GM0917",
    "productcode": "45A01", "hulpvorm": "01", "verwijzer": "02", "gestart_met_crisis": "02",
    "aanmelddatum": "20240210", "datum_aanvang": "20240301", "datum_einde": "", "reden_beeindiging": "",
}
DECLARATIE = {"traject_id": "T1", "productcode": "45A01", "periode": "202403", "volume": "10", "eenheid": "04",
              "tarief": "85,50", "bedrag": "855,00"}
WACHTENDE = {"bsn": "123456782", "gemeentecode": "0917", "productcode": "45A01", "aanmelddatum": "20240115",
             "overbrugging": "N"}


def csv_text(template: dict[str, str], rows: list[dict[str, str]], sep: str = ";") -> str:
    """A delivery CSV: header from `template`, one line per row (template values overridden by the row)."""
    lines = [sep.join(template)]
    lines += [sep.join({**template, **row}[column] for column in template) for row in rows]
    return "\n".join(lines) + "\n"


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("JEUGDKPI_PSEUDO_KEY", KEY)
    monkeypatch.setenv("JEUGDKPI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("JEUGDKPI_LANDING", raising=False)
    settings = Settings.from_env()
    (settings.landing_dir / "aanleveringen").mkdir(parents=True)
    return settings


class Landing:
    """Writes provider files below landing/aanleveringen with increasing modification times."""

    def __init__(self, settings: Settings):
        self.root = settings.landing_dir / "aanleveringen"
        self.clock = 1_700_000_000

    def write(self, name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode(encoding)
        path.write_bytes(content)
        self.clock += 60
        os.utime(path, (self.clock, self.clock))
        return path


@pytest.fixture
def landing(settings: Settings) -> Landing:
    return Landing(settings)
